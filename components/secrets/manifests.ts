/**
 * Pure builders for secrets delivery: Helm values, the team role's IAM document and the
 * SecretProviderClass manifest.
 */
import { IamPolicyDocument, IamStatement, policyDocument } from "../shared/iam";
import { MountedSecret, TeamSecretsArgs } from "./args";

/** Audience of the service account tokens the driver hands the provider for EKS Pod Identity. */
export const POD_IDENTITY_AUDIENCE = "pods.eks.amazonaws.com";

/**
 * Driver values. `syncSecret.enabled: false`: nothing is copied into Kubernetes Secrets, so a
 * value lives only in Secrets Manager and in the pod's tmpfs mount (SEC-4), and the driver gets
 * no RBAC to write Secrets. `tokenRequests` gives the AWS provider the pod's service-account
 * token for the Pod Identity audience, so it fetches with the pod's identity (IAM-7).
 */
export function driverValues(): Record<string, unknown> {
    return {
        syncSecret: { enabled: false },
        enableSecretRotation: false,
        tokenRequests: [{ audience: POD_IDENTITY_AUDIENCE }],
    };
}

/** Provider values: the driver is its own release, so the provider chart must not install a second one. */
export function providerValues(): Record<string, unknown> {
    return { "secrets-store-csi-driver": { install: false } };
}

/** Read the listed secrets, and decrypt through Secrets Manager only. */
export function teamSecretsPolicy(team: TeamSecretsArgs, region: string): IamPolicyDocument {
    const statements: IamStatement[] = [
        {
            Sid: "ReadListedSecrets",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            Resource: [...team.secretArns],
        },
    ];
    if ((team.kmsKeyArns ?? []).length > 0) {
        statements.push({
            Sid: "DecryptViaSecretsManager",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: [...team.kmsKeyArns!],
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
        });
    }
    return policyDocument(...statements);
}

/** The secret's name from its ARN, without the six-character suffix Secrets Manager appends. */
export function secretNameOf(arn: string): string {
    const name = arn.slice(arn.indexOf(":secret:") + ":secret:".length);
    return name.replace(/-[A-Za-z0-9]{6}$/, "");
}

/** The `objects` parameter: a YAML list (written as JSON, which is YAML) of what to mount. */
export function providerObjects(mounts: MountedSecret[]): string {
    return JSON.stringify(
        mounts.map((mount) => ({
            objectName: mount.arn,
            objectType: "secretsmanager",
            objectAlias: mount.fileName ?? secretNameOf(mount.arn).replace(/\//g, "_"),
        })),
    );
}

export function secretProviderClassName(team: TeamSecretsArgs): string {
    return team.secretProviderClassName ?? `${team.serviceAccount}-secrets`;
}

/** The SecretProviderClass a team's pods reference from a `csi` volume (driver secrets-store.csi.k8s.io). */
export function secretProviderClass(team: TeamSecretsArgs, region: string) {
    return {
        apiVersion: "secrets-store.csi.x-k8s.io/v1",
        kind: "SecretProviderClass",
        metadata: { name: secretProviderClassName(team), namespace: team.namespace },
        spec: {
            provider: "aws",
            parameters: {
                region,
                usePodIdentity: "true",
                objects: providerObjects(team.mounts ?? team.secretArns.map((arn) => ({ arn }))),
            },
        },
    };
}
