/**
 * Key policies of the baseline's customer-managed keys, as typed documents (SEC-1, SEC-2, SEC-3).
 * Every statement names the account root or a specific AWS service; none grants `*`.
 */
import { IamPolicyDocument, IamStatement, policyDocument } from "../shared/iam";

/** Where a key lives: the account and region its policy is scoped to. */
export interface KeyScope {
    partition: string;
    region: string;
    accountId: string;
}

/** `arn:<partition>:iam::<account>:root`, the account itself. */
export function accountRootArn(scope: KeyScope): string {
    return `arn:${scope.partition}:iam::${scope.accountId}:root`;
}

/** DNS suffix of service principals in the partition. */
export function serviceDnsSuffix(partition: string): string {
    return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** ARN of the EC2 Auto Scaling service-linked role, which launches managed node group instances. */
export function autoScalingServiceLinkedRoleArn(scope: KeyScope): string {
    return `arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * Hands key administration and use to IAM in this account: principals still need an IAM policy
 * that allows the key, so access stays least-privilege and reviewable in IAM. Without this
 * statement the key could become unmanageable.
 * See https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function accountRootStatement(scope: KeyScope): IamStatement {
    return {
        Sid: "AccountAdministersKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: accountRootArn(scope) },
        Action: "kms:*",
        Resource: "*",
    };
}

/** Key for Kubernetes Secrets envelope encryption (SEC-1): only IAM principals of the account (the cluster role). */
export function secretsKeyPolicy(scope: KeyScope): IamPolicyDocument {
    return policyDocument(accountRootStatement(scope));
}

/**
 * Key for CloudWatch Logs log groups and the log archive: CloudWatch Logs of this region may use
 * it only for log groups of this account, enforced through the encryption context the service
 * always sends (`kms:EncryptionContext:aws:logs:arn`).
 * See https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logsKeyPolicy(scope: KeyScope): IamPolicyDocument {
    return policyDocument(accountRootStatement(scope), {
        Sid: "CloudWatchLogsEncryptsLogGroupsOfThisAccount",
        Effect: "Allow",
        Principal: { Service: `logs.${scope.region}.${serviceDnsSuffix(scope.partition)}` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
            ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:*` },
        },
    });
}

/**
 * Key for node and access-host EBS volumes (SEC-3). Managed node groups launch instances through
 * EC2 Auto Scaling, whose service-linked role needs the key and a grant for the volumes it
 * attaches; the grant is limited to AWS resources (`kms:GrantIsForAWSResource`).
 * See https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
export function ebsKeyPolicy(scope: KeyScope): IamPolicyDocument {
    const autoScaling = autoScalingServiceLinkedRoleArn(scope);
    return policyDocument(
        accountRootStatement(scope),
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
    );
}

/**
 * Key for the encrypted SNS alarm topic (LOG-4). CloudWatch alarms publish to an encrypted topic
 * only if the topic's key lets the CloudWatch service generate and decrypt data keys; the AWS
 * managed `alias/aws/sns` key cannot, so alarms need a customer-managed key. It is a key of its
 * own so that the grant to CloudWatch never reaches log data encrypted with the logs key.
 * See https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns
 */
export function alarmsKeyPolicy(scope: KeyScope): IamPolicyDocument {
    return policyDocument(
        accountRootStatement(scope),
        {
            Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
        },
        {
            // LOG-5: EventBridge delivers GuardDuty findings to the same encrypted topic.
            Sid: "EventBridgePublishesToEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
        },
    );
}
