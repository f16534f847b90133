/**
 * ARNs written from names the program chooses (partition, region, account, resource name), so
 * that IAM documents naming resources created in the same run are known at preview and the pack
 * can judge them even with `unknowns: "fail"`.
 */
import { IamConditionBlock } from "./iam";

/** Partition, region and account an ARN is built in; all known when the program is planned. */
export interface ArnScope {
    partition: string;
    region: string;
    accountId: string;
}

/**
 * ARN of the EKS cluster named `clusterName`. EKS chooses nothing in it, so it can be written
 * before the cluster exists and an IAM document naming it is known at preview.
 */
export function eksClusterArn(scope: ArnScope, clusterName: string): string {
    return `arn:${scope.partition}:eks:${scope.region}:${scope.accountId}:cluster/${clusterName}`;
}

/**
 * ARN of the CloudWatch Logs log group `logGroupName`, as IAM matches it and as the AWS provider
 * reports a log group's `arn` (without the trailing `:*`). Known before the group exists.
 */
export function logGroupArn(scope: ArnScope, logGroupName: string): string {
    return `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:${logGroupName}`;
}

/**
 * A customer-managed KMS key as an IAM statement names it: by key ARN when it is known, or by
 * alias when the key is created in the same run. KMS picks a new key's id, so its ARN is unknown
 * until the key exists; its alias is chosen by the program.
 */
export type KmsKeyRef = string | { alias: string; scope: ArnScope };

/**
 * `Resource` and `Condition` of a statement that uses exactly the key `key` names. A key ARN is
 * used as it is. IAM never resolves an alias in `Resource` (an alias ARN there matches only the
 * alias operations), so an alias becomes the account's keys in the region (`key/*`) narrowed by
 * `kms:ResourceAliases`: the key the alias points to, and at any moment an alias points to one key.
 * See https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html and
 * https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html
 */
export function kmsKeyResource(key: KmsKeyRef): { Resource: string; Condition?: IamConditionBlock } {
    if (typeof key === "string") {
        return { Resource: key };
    }
    const { partition, region, accountId } = key.scope;
    return {
        Resource: `arn:${partition}:kms:${region}:${accountId}:key/*`,
        Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": key.alias } },
    };
}

/** ARN of an AWS managed IAM policy in `partition`. */
export function managedPolicyArn(name: string, partition = "aws"): string {
    return `arn:${partition}:iam::aws:policy/${name}`;
}
