import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import {
    ALLOWED_SECRETS_CHART_REPOSITORIES,
    SecretsDelivery,
    SecretsDeliveryArgs,
    validateSecretsDeliveryArgs,
} from "../../../components/secrets";
import { InvalidArgsError } from "../../../components/shared/errors";
import { capture } from "../../helpers/capture";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const SPC = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

const dbArn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments/db-AbC123";
const apiArn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments/api-key-XyZ789";
const base: Omit<SecretsDeliveryArgs, "provider" | "clusterName"> = {
    region: "eu-west-1",
    teams: [
        {
            namespace: "payments",
            serviceAccount: "payments-api",
            secretArns: [dbArn, apiArn],
            mounts: [{ arn: dbArn, fileName: "db.json" }, { arn: apiArn }],
        },
    ],
};

function run(extra: Partial<Omit<SecretsDeliveryArgs, "provider" | "clusterName">> = {}) {
    return capture(() => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        new SecretsDelivery("secrets", { provider, clusterName: "prod", ...base, ...extra });
    });
}

describe("SecretsDelivery", () => {
    it("installs the CSI driver and the AWS provider at exact versions from the allow-listed repositories, syncing nothing into Kubernetes Secrets (SEC-4)", async () => {
        const c = await run();
        const driver = c.inputsOf(RELEASE, "secrets-csi-driver");
        expect(driver).toMatchObject({
            chart: "secrets-store-csi-driver",
            version: "1.4.8",
            repositoryOpts: { repo: "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts" },
            namespace: "secrets-store-csi",
            createNamespace: false,
        });
        expect(driver.values).toEqual({
            syncSecret: { enabled: false },
            enableSecretRotation: false,
            tokenRequests: [{ audience: "pods.eks.amazonaws.com" }],
        });
        const provider = c.inputsOf(RELEASE, "secrets-aws-provider");
        expect(provider).toMatchObject({
            chart: "secrets-store-csi-driver-provider-aws",
            version: "2.2.0",
            repositoryOpts: { repo: "https://aws.github.io/secrets-store-csi-driver-provider-aws" },
            namespace: "secrets-store-csi",
        });
        expect(provider.values).toEqual({ "secrets-store-csi-driver": { install: false } });
        for (const release of c.ofType(RELEASE)) {
            expect(ALLOWED_SECRETS_CHART_REPOSITORIES).toContain((release.inputs.repositoryOpts as { repo: string }).repo);
        }
    });

    it("creates a SecretProviderClass for the team with provider aws and Pod Identity", async () => {
        const c = await run();
        expect(c.inputsOf(SPC)).toEqual({
            apiVersion: "secrets-store.csi.x-k8s.io/v1",
            kind: "SecretProviderClass",
            metadata: { name: "payments-api-secrets", namespace: "payments" },
            spec: {
                provider: "aws",
                parameters: {
                    region: "eu-west-1",
                    usePodIdentity: "true",
                    objects: JSON.stringify([
                        { objectName: dbArn, objectType: "secretsmanager", objectAlias: "db.json" },
                        { objectName: apiArn, objectType: "secretsmanager", objectAlias: "payments_api-key" },
                    ]),
                },
            },
        });
    });

    it("gives the team's service account a Pod Identity role that reads only the listed secrets (IAM-7)", async () => {
        const c = await run({
            teams: [{ ...base.teams![0]!, kmsKeyArns: ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"] }],
        });
        expect(c.inputsOf(ASSOCIATION)).toMatchObject({ clusterName: "prod", namespace: "payments", serviceAccount: "payments-api" });
        expect(JSON.parse(c.inputsOf(ROLE_POLICY).policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ReadListedSecrets",
                    Effect: "Allow",
                    Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                    Resource: [dbArn, apiArn],
                },
                {
                    Sid: "DecryptViaSecretsManager",
                    Effect: "Allow",
                    Action: ["kms:Decrypt"],
                    Resource: ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
                    Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" } },
                },
            ],
        });
    });

    it("refuses secret ARNs that are not Secrets Manager ARNs, with the exact message", () => {
        const team = {
            namespace: "payments",
            serviceAccount: "api",
            secretArns: ["arn:aws:ssm:eu-west-1:111122223333:parameter/db", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*"],
        };
        expect(validateSecretsDeliveryArgs({ region: "eu-west-1", teams: [team] })).toEqual([
            'SecretsDeliveryArgs.teams[0].secretArns contains "arn:aws:ssm:eu-west-1:111122223333:parameter/db", which is not a Secrets Manager secret ARN; use the full arn:aws:secretsmanager:<region>:<account>:secret:<name> ARN, without wildcards. [SEC-4]',
            'SecretsDeliveryArgs.teams[0].secretArns contains "arn:aws:secretsmanager:eu-west-1:111122223333:secret:*", which is not a Secrets Manager secret ARN; use the full arn:aws:secretsmanager:<region>:<account>:secret:<name> ARN, without wildcards. [SEC-4]',
        ]);
    });

    it("refuses system namespaces, unpinned charts and mounts of unlisted secrets, with the exact messages", () => {
        expect(
            validateSecretsDeliveryArgs({
                region: "eu-west-1",
                driverChartVersion: "^1.4",
                teams: [{ namespace: "kube-system", serviceAccount: "api", secretArns: [dbArn], mounts: [{ arn: apiArn }] }],
            }),
        ).toEqual([
            'SecretsDeliveryArgs.driverChartVersion "^1.4" is not an exact version; pin a release such as "1.4.8", never a range.',
            'SecretsDeliveryArgs.teams[0].namespace "kube-system" is a system namespace; deliver secrets to team namespaces only.',
            `SecretsDeliveryArgs.teams[0].mounts names "${apiArn}", which is not in secretArns; the role could not read it.`,
        ]);
    });

    it("throws before creating any child when the Args are invalid", async () => {
        const invalid = run({ region: "europe" });
        await expect(invalid).rejects.toThrow(InvalidArgsError);
        await expect(invalid).rejects.toThrow(
            new InvalidArgsError("SecretsDelivery", [
                'SecretsDeliveryArgs.region "europe" is not an AWS region; use the region of the secrets, such as "eu-west-1".',
            ]),
        );
    });
});
