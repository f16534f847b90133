import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { IamPolicyDocument, toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { EncryptionKeysArgs, KeyPurpose, MIN_DELETION_WINDOW_DAYS, validateEncryptionKeysArgs } from "./args";
import { KeyScope, alarmsKeyPolicy, ebsKeyPolicy, logsKeyPolicy, secretsKeyPolicy } from "./key-policies";

export * from "./args";

const purposes: Record<KeyPurpose, { description: string; policy: (scope: KeyScope) => IamPolicyDocument }> = {
    secrets: { description: "Envelope encryption of Kubernetes Secrets (SEC-1)", policy: secretsKeyPolicy },
    logs: { description: "CloudWatch Logs log groups and the log archive (NET-5, LOG-2, LOG-3)", policy: logsKeyPolicy },
    ebs: { description: "EBS volumes of nodes and the access host (SEC-3)", policy: ebsKeyPolicy },
    alarms: { description: "SNS topic of security alarms (LOG-4)", policy: alarmsKeyPolicy },
};

/**
 * Customer-managed KMS keys of the baseline, one per job: Kubernetes Secrets, logs, EBS volumes
 * and the alarm topic (SEC-1, SEC-2, SEC-3, SEC-7). Every key rotates yearly, waits 30 days
 * before deletion, has a policy scoped to the account root and the one service that needs it,
 * and an alias `alias/<prefix>-<purpose>`. With `protect` (the default) keys and aliases are
 * protected and retained on delete.
 *
 * The EBS key policy names the EC2 Auto Scaling service-linked role
 * (`AWSServiceRoleForAutoScaling`); KMS refuses policies naming a role that does not exist, so
 * in an account that never used Auto Scaling create it once first:
 * `aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com`.
 *
 * ```ts
 * const keys = new EncryptionKeys("prod", { accountId: "111122223333", region: "eu-west-1" });
 * new Network("prod", { ..., logKeyArn: keys.logsKeyArn });
 * ```
 */
export class EncryptionKeys extends pulumi.ComponentResource {
    public readonly secretsKey: aws.kms.Key;
    public readonly logsKey: aws.kms.Key;
    public readonly ebsKey: aws.kms.Key;
    public readonly alarmsKey: aws.kms.Key;
    /** Kubernetes Secrets envelope encryption (cluster `encryptionConfig`). */
    public readonly secretsKeyArn: pulumi.Output<string>;
    /** Log groups (control plane, flow logs, sessions) and the audit archive bucket. */
    public readonly logsKeyArn: pulumi.Output<string>;
    /** Launch template and access host volumes. */
    public readonly ebsKeyArn: pulumi.Output<string>;
    /** The alarm SNS topic of `AuditTrail`. */
    public readonly alarmsKeyArn: pulumi.Output<string>;
    public readonly secretsKeyAlias: pulumi.Output<string>;
    public readonly logsKeyAlias: pulumi.Output<string>;
    public readonly ebsKeyAlias: pulumi.Output<string>;
    public readonly alarmsKeyAlias: pulumi.Output<string>;

    constructor(name: string, args: EncryptionKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("baseline:kms:EncryptionKeys", name, {}, opts);
        const aliasPrefix = args.aliasPrefix ?? name;
        assertNoProblems(`EncryptionKeys "${name}"`, validateEncryptionKeysArgs({ ...args, aliasPrefix }));
        const scope: KeyScope = { partition: args.partition ?? "aws", region: args.region, accountId: args.accountId };
        const protect = args.protect ?? true;
        // SEC-7: a deleted key takes everything it encrypted with it.
        const childOptions: pulumi.CustomResourceOptions = { parent: this, protect, retainOnDelete: protect };

        const create = (purpose: KeyPurpose) => {
            const keyName = childName(name, `${purpose}-key`);
            const key = new aws.kms.Key(
                keyName,
                {
                    description: `${name}: ${purposes[purpose].description}`,
                    keyUsage: "ENCRYPT_DECRYPT",
                    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                    // SEC-2: yearly rotation, and a month to notice and cancel a scheduled deletion.
                    enableKeyRotation: true,
                    deletionWindowInDays: MIN_DELETION_WINDOW_DAYS,
                    policy: toJson(purposes[purpose].policy(scope)),
                    tags: { ...(args.tags ?? {}), ...baselineTags(keyName, { "baseline:key-purpose": purpose }) },
                },
                childOptions,
            );
            const alias = new aws.kms.Alias(
                childName(name, `${purpose}-alias`),
                { name: `alias/${aliasPrefix}-${purpose}`, targetKeyId: key.keyId },
                childOptions,
            );
            return { key, alias };
        };
        const secrets = create("secrets");
        const logs = create("logs");
        const ebs = create("ebs");
        const alarms = create("alarms");

        this.secretsKey = secrets.key;
        this.logsKey = logs.key;
        this.ebsKey = ebs.key;
        this.alarmsKey = alarms.key;
        this.secretsKeyArn = secrets.key.arn;
        this.logsKeyArn = logs.key.arn;
        this.ebsKeyArn = ebs.key.arn;
        this.alarmsKeyArn = alarms.key.arn;
        this.secretsKeyAlias = secrets.alias.name;
        this.logsKeyAlias = logs.alias.name;
        this.ebsKeyAlias = ebs.alias.name;
        this.alarmsKeyAlias = alarms.alias.name;
        this.registerOutputs({
            secretsKeyArn: this.secretsKeyArn,
            logsKeyArn: this.logsKeyArn,
            ebsKeyArn: this.ebsKeyArn,
            alarmsKeyArn: this.alarmsKeyArn,
            secretsKeyAlias: this.secretsKeyAlias,
            logsKeyAlias: this.logsKeyAlias,
            ebsKeyAlias: this.ebsKeyAlias,
            alarmsKeyAlias: this.alarmsKeyAlias,
        });
    }
}
