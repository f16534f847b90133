import * as path from "node:path";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bootstrapProgram, bootstrapProject } from "../../infra/bootstrap/program";
import { StateBackend, StateBackendArgs, validateStateBackendArgs } from "../../infra/bootstrap/state-backend";
import { InvalidArgsError } from "../../components/shared/errors";
import { planProgram } from "../../tools/plan";
import { loadStackConfig } from "../../tools/plan/stack-config";
import { capture } from "../helpers/capture";

const root = path.resolve(__dirname, "..", "..");
const bootstrapDir = path.join(root, "infra", "bootstrap");
const base: StateBackendArgs = { accountId: "999900001111", region: "eu-west-1", bucketName: "acme-pulumi-state" };
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const BUCKET = "aws:s3/bucket:Bucket";
const TLS_DENY = (bucket: string) => ({
    Sid: "DenyRequestsWithoutTls",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": false } },
});
const ROOT = {
    Sid: "AccountAdministersKeyThroughIam",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::999900001111:root" },
    Action: "kms:*",
    Resource: "*",
};

function plan(args: Partial<StateBackendArgs> = {}) {
    return capture(() => {
        new StateBackend("pulumi", { ...base, ...args });
    });
}

type Captured = Awaited<ReturnType<typeof plan>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const policyOf = (c: Captured, type: string, name: string): { Version: string; Statement: any[] } =>
    JSON.parse(c.inputsOf(type, name).policy as string);
const keyArn = (c: Captured, name: string) => c.one(KEY, name).wireOutputs.arn;

describe("StateBackend", () => {
    it("creates the state bucket, its access-log bucket and two keys under baseline:bootstrap:StateBackend", async () => {
        const c = await plan();
        const component = c.one("baseline:bootstrap:StateBackend", "pulumi");
        expect(c.ofType(BUCKET).map((bucket) => [bucket.name, bucket.inputs.bucket])).toEqual([
            ["pulumi-access-logs", "acme-pulumi-state-access-logs"],
            ["pulumi-state", "acme-pulumi-state"],
        ]);
        expect(c.ofType(KEY).map((key) => key.name)).toEqual(["pulumi-state-key", "pulumi-secrets-key"]);
        expect(
            c.resources
                .filter((resource) => resource.type !== "baseline:bootstrap:StateBackend")
                .every((resource) => resource.parent === component.urn),
        ).toBe(true);
        expect(c.inputsOf(BUCKET, "pulumi-state").tags).toEqual({ "baseline:managed-by": "eks-baseline", Name: "pulumi-state" });
    });

    it("versions the state bucket and encrypts it with SSE-KMS under its own key (SEC-6)", async () => {
        const c = await plan();
        expect(c.inputsOf("aws:s3/bucketVersioning:BucketVersioning", "pulumi-state-versioning")).toMatchObject({
            versioningConfiguration: { status: "Enabled" },
            bucket: "acme-pulumi-state",
        });
        expect(
            c.inputsOf("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "pulumi-state-encryption")
                .rules,
        ).toEqual([
            {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn(c, "pulumi-state-key") },
                bucketKeyEnabled: true,
            },
        ]);
        expect(keyArn(c, "pulumi-state-key")).not.toBe(keyArn(c, "pulumi-secrets-key"));
        expect(c.inputsOf("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "pulumi-state-lifecycle").rules).toEqual([
            {
                id: "expire-replaced-state-versions",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: 365 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
        ]);
    });

    it("rotates both keys with a 30-day deletion window, protected and retained on delete (SEC-6)", async () => {
        const c = await plan();
        expect([c.ofType(KEY).length, c.ofType(BUCKET).length]).toEqual([2, 2]);
        for (const key of c.ofType(KEY)) {
            expect(key.inputs).toMatchObject({
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                keyUsage: "ENCRYPT_DECRYPT",
                customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            });
            expect([key.protect, key.retainOnDelete]).toEqual([true, true]);
            expect(JSON.parse(key.inputs.policy as string)).toEqual({ Version: "2012-10-17", Statement: [ROOT] });
        }
        for (const bucket of c.ofType(BUCKET)) {
            expect([bucket.name, bucket.protect, bucket.retainOnDelete, bucket.inputs.forceDestroy]).toEqual([
                bucket.name,
                true,
                true,
                false,
            ]);
        }
    });

    it("names the secrets provider key alias/pulumi-secrets and outputs loginUrl and secretsProvider (SEC-6)", async () => {
        const c = await capture(bootstrapProgram, {
            stack: "shared",
            config: { "eks-baseline-bootstrap:accountId": "999900001111", "eks-baseline-bootstrap:bucketName": "acme-pulumi-state" },
        });
        expect(c.ofType(ALIAS).map((alias) => [alias.name, alias.inputs.name])).toEqual([
            ["pulumi-state-key-alias", "alias/pulumi-state"],
            ["pulumi-secrets-key-alias", "alias/pulumi-secrets"],
        ]);
        expect(c.outputs.loginUrl).toBe("s3://acme-pulumi-state");
        expect(c.outputs.secretsProvider).toBe("awskms://alias/pulumi-secrets?region=eu-west-1");
    });

    it("blocks public access and disables ACLs on both buckets", async () => {
        const c = await plan();
        for (const part of ["state", "access-logs"]) {
            expect(
                c.inputsOf("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `pulumi-${part}-public-access-block`),
            ).toMatchObject({
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            expect(c.inputsOf("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `pulumi-${part}-ownership`).rule).toEqual({
                objectOwnership: "BucketOwnerEnforced",
            });
        }
    });

    it("refuses every request without TLS on both buckets", async () => {
        const c = await plan();
        expect(policyOf(c, "aws:s3/bucketPolicy:BucketPolicy", "pulumi-state-policy")).toEqual({
            Version: "2012-10-17",
            Statement: [TLS_DENY("acme-pulumi-state")],
        });
        expect(policyOf(c, "aws:s3/bucketPolicy:BucketPolicy", "pulumi-access-logs-policy").Statement[0]).toEqual(
            TLS_DENY("acme-pulumi-state-access-logs"),
        );
    });

    it("logs state bucket access to a separate log bucket that is versioned, encrypted and expires logs", async () => {
        const c = await plan();
        expect(c.inputsOf("aws:s3/bucketLogging:BucketLogging", "pulumi-state-logging")).toMatchObject({
            bucket: "acme-pulumi-state",
            targetBucket: "acme-pulumi-state-access-logs",
            targetPrefix: "state-access/",
        });
        expect(c.inputsOf("aws:s3/bucketVersioning:BucketVersioning", "pulumi-access-logs-versioning").versioningConfiguration).toEqual({
            status: "Enabled",
        });
        expect(
            c.inputsOf(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "pulumi-access-logs-encryption",
            ).rules,
        ).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        expect(
            c.inputsOf("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "pulumi-access-logs-lifecycle").rules[0]
                .expiration,
        ).toEqual({ days: 365 });
        expect(policyOf(c, "aws:s3/bucketPolicy:BucketPolicy", "pulumi-access-logs-policy").Statement[1]).toEqual({
            Sid: "S3ServerAccessLogDelivery",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::acme-pulumi-state-access-logs/state-access/*",
            Condition: {
                ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-pulumi-state" },
                StringEquals: { "aws:SourceAccount": "999900001111" },
            },
        });
    });

    it("lets the listed roles of other accounts use the state and both keys, and nothing else", async () => {
        const roles = ["arn:aws:iam::111122223333:role/github-deploy-dev"];
        const c = await plan({ accessRoleArns: roles });
        expect(policyOf(c, "aws:s3/bucketPolicy:BucketPolicy", "pulumi-state-policy").Statement.slice(1)).toEqual([
            {
                Sid: "StateUsersListBucket",
                Effect: "Allow",
                Principal: { AWS: roles },
                Action: ["s3:ListBucket", "s3:GetBucketLocation"],
                Resource: "arn:aws:s3:::acme-pulumi-state",
            },
            {
                Sid: "StateUsersReadWriteState",
                Effect: "Allow",
                Principal: { AWS: roles },
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                Resource: "arn:aws:s3:::acme-pulumi-state/*",
            },
        ]);
        for (const name of ["pulumi-state-key", "pulumi-secrets-key"]) {
            expect(policyOf(c, KEY, name).Statement).toEqual([
                ROOT,
                {
                    Sid: "StateUsersUseKey",
                    Effect: "Allow",
                    Principal: { AWS: roles },
                    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                    Resource: "*",
                },
            ]);
        }
    });

    it("rejects invalid args before creating anything, naming the field and the fix", () => {
        expect(
            validateStateBackendArgs({
                accountId: "12345",
                region: "Europe",
                bucketName: "Acme_State",
                secretsKeyAlias: "alias/aws/pulumi",
                accessRoleArns: ["arn:aws:iam::111122223333:user/alice"],
                noncurrentVersionDays: 0,
            }),
        ).toEqual([
            'StateBackendArgs.accountId is "12345"; write the 12-digit account id as a quoted string.',
            'StateBackendArgs.region is "Europe"; use a region code such as eu-west-1.',
            `StateBackendArgs.bucketName is "Acme_State"; use 3-51 lower-case letters, digits, '.' and '-' (the log bucket adds "-access-logs").`,
            'StateBackendArgs.secretsKeyAlias is "alias/aws/pulumi"; write it as alias/<name> (alias/aws/ is reserved for AWS managed keys).',
            'StateBackendArgs.accessRoleArns contains "arn:aws:iam::111122223333:user/alice"; list IAM role ARNs (arn:aws:iam::<account>:role/<name>).',
            "StateBackendArgs.noncurrentVersionDays is 0; use a whole number of days, at least 1.",
        ]);
        expect(validateStateBackendArgs(base)).toEqual([]);
        expect(() => new StateBackend("pulumi", { ...base, accountId: "1" })).toThrow(
            new InvalidArgsError('StateBackend "pulumi"', [
                'StateBackendArgs.accountId is "1"; write the 12-digit account id as a quoted string.',
            ]),
        );
    });
});

describe("infra/bootstrap", () => {
    it("is a separate Pulumi project whose main is index.ts", () => {
        const project = parse(readFileSync(path.join(bootstrapDir, "Pulumi.yaml"), "utf8")) as {
            name: string;
            main: string;
            runtime: { name: string };
        };
        expect([project.name, project.main, project.runtime.name]).toEqual([bootstrapProject, "index.ts", "nodejs"]);
    });

    it("plans offline through the policy pack with the prod pack config and no violations (SEC-6)", async () => {
        const stackConfig = loadStackConfig(path.join(bootstrapDir, "Pulumi.shared.yaml"), bootstrapProject);
        const result = await planProgram(bootstrapProgram, {
            stack: "shared",
            project: bootstrapProject,
            config: stackConfig.config,
            secretKeys: stackConfig.secretKeys,
            policyConfig: path.join(root, "policypacks", "baseline", "config", "prod.json"),
        });
        expect(result.diagnostics).toEqual([]);
        expect(result.summary.exitCode).toBe(0);
        expect(result.outputs.loginUrl).toBe("s3://eks-baseline-pulumi-state-999900001111");
        expect(result.outputs.secretsProvider).toBe("awskms://alias/pulumi-secrets?region=eu-west-1");
        expect(
            result.resources
                .filter((resource) => resource.type === BUCKET || resource.type === KEY)
                .map((resource) => [resource.name, resource.protect])
                .sort(),
        ).toEqual([
            ["pulumi-access-logs", true],
            ["pulumi-secrets-key", true],
            ["pulumi-state", true],
            ["pulumi-state-key", true],
        ]);
    });

    it("is blocked by the pack when its keys and buckets are not protected in production", async () => {
        const result = await planProgram(
            () => {
                new StateBackend("pulumi", { ...base, protect: false });
            },
            {
                stack: "shared",
                project: bootstrapProject,
                config: { "aws:region": "eu-west-1" },
                policyConfig: path.join(root, "policypacks", "baseline", "config", "prod.json"),
            },
        );
        expect(
            result.diagnostics.map((diagnostic) => [diagnostic.policyName, diagnostic.enforcementLevel, diagnostic.urn?.split("::").pop()]),
        ).toEqual([
            ["production-resources-protected", "mandatory", "pulumi-state-key"],
            ["production-resources-protected", "mandatory", "pulumi-secrets-key"],
            ["production-resources-protected", "mandatory", "pulumi-access-logs"],
            ["production-resources-protected", "mandatory", "pulumi-state"],
        ]);
        expect(result.summary.exitCode).toBe(1);
    });
});
