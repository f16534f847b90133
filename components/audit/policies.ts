/**
 * IAM, bucket and topic policies of the audit trail, as typed documents (LOG-3, LOG-4).
 */
import { KmsKeyRef, kmsKeyResource } from "../shared/arns";
import { IamPolicyDocument, policyDocument } from "../shared/iam";

/** Account and region the trail lives in. */
export interface AuditScope {
    partition: string;
    region: string;
    accountId: string;
}

/** ARN of the S3 bucket `bucketName` (S3 ARNs carry neither region nor account). */
export function s3BucketArn(scope: AuditScope, bucketName: string): string {
    return `arn:${scope.partition}:s3:::${bucketName}`;
}

/** ARN of the Firehose delivery stream `streamName` in the trail's account and region. */
export function firehoseStreamArn(scope: AuditScope, streamName: string): string {
    return `arn:${scope.partition}:firehose:${scope.region}:${scope.accountId}:deliverystream/${streamName}`;
}

/**
 * Alarm topic policy: the account administers the topic; CloudWatch may publish only for alarms
 * of this account and region; nobody may publish without TLS.
 */
export function alarmTopicPolicy(scope: AuditScope, topicArn: string): IamPolicyDocument {
    return policyDocument(
        {
            Sid: "AccountAdministersTopic",
            Effect: "Allow",
            Principal: { AWS: `arn:${scope.partition}:iam::${scope.accountId}:root` },
            Action: [
                "sns:GetTopicAttributes",
                "sns:SetTopicAttributes",
                "sns:AddPermission",
                "sns:RemovePermission",
                "sns:DeleteTopic",
                "sns:Subscribe",
                "sns:ListSubscriptionsByTopic",
                "sns:Publish",
            ],
            Resource: topicArn,
        },
        {
            Sid: "CloudWatchAlarmsOfThisAccountPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: {
                ArnLike: { "aws:SourceArn": `arn:${scope.partition}:cloudwatch:${scope.region}:${scope.accountId}:alarm:*` },
                StringEquals: { "aws:SourceAccount": scope.accountId },
            },
        },
        {
            // LOG-5: GuardDuty runtime findings reach the alarm topic through an EventBridge rule.
            Sid: "EventBridgeRulesOfThisAccountPublish",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: {
                ArnLike: { "aws:SourceArn": `arn:${scope.partition}:events:${scope.region}:${scope.accountId}:rule/*` },
                StringEquals: { "aws:SourceAccount": scope.accountId },
            },
        },
        {
            Sid: "DenyPublishWithoutTls",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: { Bool: { "aws:SecureTransport": false } },
        },
    );
}

/** Archive bucket policy: every request without TLS is refused (LOG-3). */
export function archiveBucketPolicy(bucketArn: string): IamPolicyDocument {
    return policyDocument({
        Sid: "DenyRequestsWithoutTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": false } },
    });
}

/** Firehose may assume the delivery role only for streams of this account. */
export function firehoseTrustPolicy(scope: AuditScope): IamPolicyDocument {
    return policyDocument({
        Sid: "FirehoseDelivers",
        Effect: "Allow",
        Principal: { Service: "firehose.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
    });
}

/**
 * Firehose writes objects to the archive bucket and encrypts them with the logs key, only through
 * S3 and only for this bucket (the bucket key makes the encryption context the bucket ARN).
 * `keyArn` is the key's ARN, or its alias in scope while the key is created in the same run.
 */
export function firehoseDeliveryPolicy(scope: AuditScope, bucketArn: string, keyArn: KmsKeyRef): IamPolicyDocument {
    const key = kmsKeyResource(keyArn);
    return policyDocument(
        {
            Sid: "WriteArchive",
            Effect: "Allow",
            Action: [
                "s3:AbortMultipartUpload",
                "s3:GetBucketLocation",
                "s3:GetObject",
                "s3:ListBucket",
                "s3:ListBucketMultipartUploads",
                "s3:PutObject",
            ],
            Resource: [bucketArn, `${bucketArn}/*`],
        },
        {
            Sid: "EncryptArchiveObjects",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: key.Resource,
            Condition: {
                StringEquals: {
                    "kms:ViaService": `s3.${scope.region}.${scope.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"}`,
                },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
                ...key.Condition,
            },
        },
    );
}

/** CloudWatch Logs may assume the subscription role only for log groups of this account and region. */
export function logsSubscriptionTrustPolicy(scope: AuditScope): IamPolicyDocument {
    return policyDocument({
        Sid: "CloudWatchLogsSubscribes",
        Effect: "Allow",
        Principal: { Service: "logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringLike: { "aws:SourceArn": `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:*` } },
    });
}

/** The subscription role puts records into the archive's delivery streams and nothing else. */
export function logsSubscriptionPolicy(streamArns: string[]): IamPolicyDocument {
    return policyDocument({
        Sid: "PutIntoArchiveStreams",
        Effect: "Allow",
        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
        Resource: streamArns,
    });
}
