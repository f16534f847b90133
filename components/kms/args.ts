import { ACCOUNT_ID_PATTERN, REGION_PATTERN } from "../shared/aws";

/** AWS partitions the baseline knows the ARN form of. */
export type KeyPartition = "aws" | "aws-us-gov" | "aws-cn";

/** The keys {@link EncryptionKeys} creates, each with one job. */
export const KEY_PURPOSES = ["secrets", "logs", "ebs", "alarms"] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** Shortest deletion window the baseline accepts (SEC-2); AWS allows 7 to 30. */
export const MIN_DELETION_WINDOW_DAYS = 30;

/**
 * Inputs of {@link EncryptionKeys}. Account, region and partition come in here, not from an
 * invoke, so key policies are known at preview.
 */
export interface EncryptionKeysArgs {
    /** 12-digit account id; key policies name `arn:<partition>:iam::<accountId>:root`. Required. */
    accountId: string;

    /** Region of the keys (`eu-west-1`); the logs key names `logs.<region>.amazonaws.com`. Required. */
    region: string;

    /** ARN partition. Default: `"aws"`. */
    partition?: KeyPartition;

    /**
     * Prefix of the aliases: `alias/<aliasPrefix>-secrets`, `-logs`, `-ebs`, `-alarms`.
     * Default: the component's name. Lower-case letters, digits, `-`, `_` and `/`; never `aws`.
     */
    aliasPrefix?: string;

    /**
     * Protect keys and aliases from deletion (`protect` and `retainOnDelete`; SEC-7): deleting a key
     * makes everything it encrypted unreadable. Default: `true`. Dev stacks that are torn down
     * often set `false` explicitly; a deleted key still waits 30 days before it is gone (SEC-2).
     */
    protect?: boolean;

    /** Extra tags on every key; the baseline's own tags (`Name`, `baseline:managed-by`) win. */
    tags?: Record<string, string>;
}

const aliasPattern = /^[a-zA-Z0-9/_-]{1,200}$/;
const partitions: readonly string[] = ["aws", "aws-us-gov", "aws-cn"];

/**
 * Every problem with the args (argument, value, fix); empty when valid. The component passes
 * `aliasPrefix` defaulted to its own name, so an invalid component name is reported here too.
 */
export function validateEncryptionKeysArgs(args: EncryptionKeysArgs): string[] {
    const problems: string[] = [];
    if (!ACCOUNT_ID_PATTERN.test(args.accountId ?? "")) {
        problems.push(`EncryptionKeysArgs.accountId "${args.accountId}" is not a 12-digit AWS account id; key policies are scoped to it.`);
    }
    if (!REGION_PATTERN.test(args.region ?? "")) {
        problems.push(`EncryptionKeysArgs.region "${args.region}" is not an AWS region name; give one such as eu-west-1.`);
    }
    if (args.partition !== undefined && !partitions.includes(args.partition)) {
        problems.push(`EncryptionKeysArgs.partition "${String(args.partition)}" is not one of ${partitions.join(", ")}.`);
    }
    const prefix = args.aliasPrefix;
    if (prefix !== undefined && (!aliasPattern.test(prefix) || prefix.toLowerCase().startsWith("aws"))) {
        problems.push(
            `EncryptionKeysArgs.aliasPrefix "${prefix}" cannot name a KMS alias; use letters, digits, '-', '_' or '/', not starting with "aws" (reserved for AWS managed keys).`,
        );
    }
    return problems;
}
