import { describe, expect, it } from "vitest";
import { EncryptionKeys, EncryptionKeysArgs, validateEncryptionKeysArgs } from "../../../components/kms";
import { capture } from "../../helpers/capture";

const base: EncryptionKeysArgs = { accountId: "111122223333", region: "eu-west-1" };
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const ROOT = {
    Sid: "AccountAdministersKeyThroughIam",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111122223333:root" },
    Action: "kms:*",
    Resource: "*",
};

function plan(args: Partial<EncryptionKeysArgs> = {}) {
    return capture(() => {
        new EncryptionKeys("prod", { ...base, ...args });
    });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function policyOf(c: Awaited<ReturnType<typeof plan>>, name: string): { Version: string; Statement: any[] } {
    return JSON.parse(c.inputsOf(KEY, name).policy as string);
}

describe("EncryptionKeys", () => {
    it("creates one key per purpose under the baseline:kms:EncryptionKeys component", async () => {
        const c = await plan();
        const component = c.one("baseline:kms:EncryptionKeys", "prod");
        expect(c.ofType(KEY).map((key) => key.name)).toEqual(["prod-secrets-key", "prod-logs-key", "prod-ebs-key", "prod-alarms-key"]);
        for (const resource of [...c.ofType(KEY), ...c.ofType(ALIAS)]) {
            expect(resource.parent).toBe(component.urn);
        }
        expect(c.inputsOf(KEY, "prod-secrets-key").tags).toEqual({
            "baseline:managed-by": "eks-baseline",
            Name: "prod-secrets-key",
            "baseline:key-purpose": "secrets",
        });
    });

    it("rotates every key with a 30-day deletion window (SEC-2)", async () => {
        const c = await plan();
        const keys = c.ofType(KEY);
        expect(keys).toHaveLength(4);
        for (const key of keys) {
            expect(key.inputs.enableKeyRotation).toBe(true);
            expect(key.inputs.deletionWindowInDays).toBe(30);
            expect(key.inputs.keyUsage).toBe("ENCRYPT_DECRYPT");
            expect(key.inputs.customerMasterKeySpec).toBe("SYMMETRIC_DEFAULT");
        }
    });

    it("grants no key to the * principal (SEC-2)", async () => {
        const c = await plan();
        for (const key of c.ofType(KEY)) {
            for (const statement of JSON.parse(key.inputs.policy as string).Statement) {
                expect(statement.Principal).not.toBe("*");
                expect(JSON.stringify(statement.Principal)).not.toContain('"*"');
            }
        }
    });

    it("scopes the secrets key to the account root only (SEC-1)", async () => {
        const c = await plan();
        expect(policyOf(c, "prod-secrets-key")).toEqual({ Version: "2012-10-17", Statement: [ROOT] });
    });

    it("lets CloudWatch Logs use the logs key only for log groups of the account, through the encryption context (SEC-2)", async () => {
        const c = await plan();
        expect(policyOf(c, "prod-logs-key").Statement).toEqual([
            ROOT,
            {
                Sid: "CloudWatchLogsEncryptsLogGroupsOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "logs.eu-west-1.amazonaws.com" },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:*" } },
            },
        ]);
    });

    it("lets the EC2 Auto Scaling service-linked role use the EBS key and grant it only to AWS resources (SEC-3)", async () => {
        const c = await plan();
        const autoScaling = "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        expect(policyOf(c, "prod-ebs-key").Statement).toEqual([
            ROOT,
            {
                Sid: "AutoScalingUsesKeyForVolumes",
                Effect: "Allow",
                Principal: { AWS: autoScaling },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
            },
            {
                Sid: "AutoScalingGrantsKeyToAwsResources",
                Effect: "Allow",
                Principal: { AWS: autoScaling },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
            },
        ]);
    });

    it("lets CloudWatch alarms and EventBridge rules encrypt messages only with the alarms key", async () => {
        const c = await plan();
        expect(policyOf(c, "prod-alarms-key").Statement).toEqual([
            ROOT,
            {
                Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
            {
                Sid: "EventBridgePublishesToEncryptedTopics",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
            },
        ]);
        for (const name of ["prod-secrets-key", "prod-logs-key", "prod-ebs-key"]) {
            expect(JSON.stringify(policyOf(c, name))).not.toContain("cloudwatch.amazonaws.com");
            expect(JSON.stringify(policyOf(c, name))).not.toContain("events.amazonaws.com");
        }
    });

    it("uses the partition in every ARN and service principal", async () => {
        const c = await plan({ partition: "aws-cn", region: "cn-north-1" });
        const logs = policyOf(c, "prod-logs-key").Statement;
        expect(logs[0].Principal).toEqual({ AWS: "arn:aws-cn:iam::111122223333:root" });
        expect(logs[1].Principal).toEqual({ Service: "logs.cn-north-1.amazonaws.com.cn" });
        expect(logs[1].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toBe("arn:aws-cn:logs:cn-north-1:111122223333:log-group:*");
    });

    it("names aliases after the prefix and points each at its key", async () => {
        const c = await plan({ aliasPrefix: "platform" });
        const aliases = c.ofType(ALIAS);
        expect(aliases.map((alias) => alias.inputs.name)).toEqual([
            "alias/platform-secrets",
            "alias/platform-logs",
            "alias/platform-ebs",
            "alias/platform-alarms",
        ]);
        expect(aliases.map((alias) => alias.inputs.targetKeyId)).toEqual(c.ofType(KEY).map((key) => key.id));
    });

    it("protects and retains keys and aliases by default (SEC-7)", async () => {
        const c = await plan();
        for (const resource of [...c.ofType(KEY), ...c.ofType(ALIAS)]) {
            expect([resource.name, resource.protect, resource.retainOnDelete]).toEqual([resource.name, true, true]);
        }
    });

    it("neither protects nor retains keys when protect is false", async () => {
        const c = await plan({ protect: false });
        for (const resource of [...c.ofType(KEY), ...c.ofType(ALIAS)]) {
            expect([resource.name, resource.protect, resource.retainOnDelete]).toEqual([resource.name, false, false]);
        }
    });

    it("returns key ARNs and aliases", async () => {
        const c = await capture(() => {
            const keys = new EncryptionKeys("prod", base);
            return {
                secrets: keys.secretsKeyArn,
                logs: keys.logsKeyArn,
                ebs: keys.ebsKeyArn,
                alarms: keys.alarmsKeyArn,
                logsAlias: keys.logsKeyAlias,
            };
        });
        const arnOf = (name: string) => `arn:aws:kms:eu-west-1:111122223333:key/${c.one(KEY, name).id}`;
        expect(c.outputs).toEqual({
            secrets: arnOf("prod-secrets-key"),
            logs: arnOf("prod-logs-key"),
            ebs: arnOf("prod-ebs-key"),
            alarms: arnOf("prod-alarms-key"),
            logsAlias: "alias/prod-logs",
        });
    });

    it("fails with the exact message when the args are invalid", async () => {
        await expect(plan({ accountId: "12345" })).rejects.toThrow(
            'EncryptionKeys "prod": EncryptionKeysArgs.accountId "12345" is not a 12-digit AWS account id; key policies are scoped to it.',
        );
    });
});

describe("validateEncryptionKeysArgs", () => {
    it("accepts the documented shape", () => {
        expect(validateEncryptionKeysArgs({ ...base, partition: "aws-us-gov", aliasPrefix: "team/prod" })).toEqual([]);
    });

    it("refuses a malformed region", () => {
        expect(validateEncryptionKeysArgs({ ...base, region: "EU" })).toEqual([
            'EncryptionKeysArgs.region "EU" is not an AWS region name; give one such as eu-west-1.',
        ]);
    });

    it("refuses an unknown partition", () => {
        expect(validateEncryptionKeysArgs({ ...base, partition: "aws-eu" as never })).toEqual([
            'EncryptionKeysArgs.partition "aws-eu" is not one of aws, aws-us-gov, aws-cn.',
        ]);
    });

    it("refuses an alias prefix reserved for AWS managed keys", () => {
        expect(validateEncryptionKeysArgs({ ...base, aliasPrefix: "aws-prod" })).toEqual([
            `EncryptionKeysArgs.aliasPrefix "aws-prod" cannot name a KMS alias; use letters, digits, '-', '_' or '/', not starting with "aws" (reserved for AWS managed keys).`,
        ]);
    });

    it("refuses an alias prefix with characters KMS rejects", () => {
        expect(validateEncryptionKeysArgs({ ...base, aliasPrefix: "prod keys" })).toEqual([
            `EncryptionKeysArgs.aliasPrefix "prod keys" cannot name a KMS alias; use letters, digits, '-', '_' or '/', not starting with "aws" (reserved for AWS managed keys).`,
        ]);
    });
});
