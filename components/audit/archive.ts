/**
 * The log archive of {@link AuditTrail} (LOG-3): an S3 bucket that is versioned, SSE-KMS
 * encrypted, closed to the public, TLS-only and optionally object-locked, fed by one Firehose
 * stream per log group through CloudWatch Logs subscription filters. The bucket is the hand-off
 * point for a SIEM (S3 event notifications or a pull integration); the Firehose streams can be
 * pointed at an HTTP endpoint instead.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KmsKeyRef } from "../shared/arns";
import { toJson } from "../shared/iam";
import { ResolvedArchive } from "./args";
import {
    AuditScope,
    archiveBucketPolicy,
    firehoseDeliveryPolicy,
    firehoseStreamArn,
    firehoseTrustPolicy,
    logsSubscriptionPolicy,
    logsSubscriptionTrustPolicy,
    s3BucketArn,
} from "./policies";

/** A log group to archive and the key prefix its objects land under. */
export interface ArchiveSource {
    /** `control-plane` or `sessions`; names resources and the S3 prefix. */
    id: string;
    logGroupName: pulumi.Input<string>;
    /** Name of the source's Firehose delivery stream (set, never auto-named, so its ARN is known at preview). */
    streamName: string;
}

export interface ArchiveOptions {
    name: string;
    parent: pulumi.Resource;
    scope: AuditScope;
    settings: ResolvedArchive;
    /** Name of the bucket (set, never auto-named, so its ARN is known at preview). */
    bucketName: string;
    keyArn: pulumi.Input<string>;
    /** Alias of `keyArn`; names the key in the Firehose role's policy while the ARN is unknown. */
    keyAlias?: pulumi.Input<string>;
    sources: ArchiveSource[];
    protect: boolean;
    tags: (part: string) => Record<string, string>;
}

/** Days after which replaced (noncurrent) object versions expire. */
export const NONCURRENT_VERSION_DAYS = 30;

/** Creates the archive resources as children of `parent`; returns the bucket. */
export function createArchive(options: ArchiveOptions): aws.s3.Bucket {
    const { name, parent, scope, settings, bucketName, keyArn, keyAlias, sources, protect, tags } = options;
    // IAM documents name the bucket and streams by ARNs written from their names, and the key by
    // alias while its ARN is unknown, so iam-policy-no-admin can judge them at preview (IAM-10).
    const bucketArn = s3BucketArn(scope, bucketName);
    const key: pulumi.Output<KmsKeyRef> =
        typeof keyArn !== "string" && keyAlias !== undefined
            ? pulumi.output(keyAlias).apply((alias): KmsKeyRef => ({ alias, scope }))
            : pulumi.output(keyArn);
    const child = { parent };
    const guarded = { parent, protect, retainOnDelete: protect };

    const bucket = new aws.s3.Bucket(
        `${name}-archive`,
        {
            bucket: bucketName,
            // Object lock can only be switched on when the bucket is created.
            objectLockEnabled: settings.objectLock !== false,
            forceDestroy: false,
            tags: tags("archive"),
        },
        guarded,
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
        `${name}-archive-public-access`,
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        child,
    );
    new aws.s3.BucketOwnershipControls(
        `${name}-archive-ownership`,
        { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
        child,
    );
    const versioning = new aws.s3.BucketVersioning(
        `${name}-archive-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-archive-encryption`,
        {
            bucket: bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
        },
        child,
    );
    // S3 refuses a policy change while the public access block is being applied; order them.
    new aws.s3.BucketPolicy(
        `${name}-archive-policy`,
        { bucket: bucket.id, policy: toJson(archiveBucketPolicy(bucketArn)) },
        { parent, dependsOn: [publicAccessBlock] },
    );
    if (settings.objectLock !== false) {
        new aws.s3.BucketObjectLockConfiguration(
            `${name}-archive-object-lock`,
            {
                bucket: bucket.id,
                objectLockEnabled: "Enabled",
                rule: { defaultRetention: { mode: settings.objectLock.mode, days: settings.objectLock.days } },
            },
            { ...guarded, dependsOn: [versioning] },
        );
    }
    new aws.s3.BucketLifecycleConfiguration(
        `${name}-archive-lifecycle`,
        {
            bucket: bucket.id,
            rules: [
                {
                    id: "expire-archived-logs",
                    status: "Enabled",
                    filter: {},
                    expiration: { days: settings.retentionDays },
                    noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_VERSION_DAYS },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ],
        },
        { parent, dependsOn: [versioning] },
    );

    const firehoseRole = new aws.iam.Role(
        `${name}-archive-firehose-role`,
        {
            description: `Firehose delivery of ${name} logs to the archive bucket`,
            assumeRolePolicy: toJson(firehoseTrustPolicy(scope)),
            tags: tags("archive-firehose-role"),
        },
        child,
    );
    const firehosePolicy = new aws.iam.RolePolicy(
        `${name}-archive-firehose-policy`,
        { role: firehoseRole.id, policy: key.apply((keyRef) => toJson(firehoseDeliveryPolicy(scope, bucketArn, keyRef))) },
        child,
    );
    const streams = sources.map(
        (source) =>
            new aws.kinesis.FirehoseDeliveryStream(
                `${name}-${source.id}-stream`,
                {
                    name: source.streamName,
                    destination: "extended_s3",
                    serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn },
                    extendedS3Configuration: {
                        roleArn: firehoseRole.arn,
                        bucketArn: bucket.arn,
                        kmsKeyArn: keyArn,
                        prefix: `${source.id}/!{timestamp:yyyy/MM/dd}/`,
                        errorOutputPrefix: `errors/${source.id}/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
                        bufferingInterval: 300,
                        bufferingSize: 5,
                        // CloudWatch Logs already delivers gzip batches; compressing again would nest gzip.
                        compressionFormat: "UNCOMPRESSED",
                    },
                    tags: tags(`${source.id}-stream`),
                },
                { parent, dependsOn: [firehosePolicy] },
            ),
    );

    const subscriptionRole = new aws.iam.Role(
        `${name}-archive-subscription-role`,
        {
            description: `CloudWatch Logs subscription of ${name} log groups to Firehose`,
            assumeRolePolicy: toJson(logsSubscriptionTrustPolicy(scope)),
            tags: tags("archive-subscription-role"),
        },
        child,
    );
    const subscriptionPolicy = new aws.iam.RolePolicy(
        `${name}-archive-subscription-policy`,
        {
            role: subscriptionRole.id,
            policy: toJson(logsSubscriptionPolicy(sources.map((source) => firehoseStreamArn(scope, source.streamName)))),
        },
        child,
    );
    sources.forEach((source, index) => {
        new aws.cloudwatch.LogSubscriptionFilter(
            `${name}-${source.id}-archive`,
            { logGroup: source.logGroupName, filterPattern: "", destinationArn: streams[index]!.arn, roleArn: subscriptionRole.arn },
            { parent, dependsOn: [subscriptionPolicy] },
        );
    });
    return bucket;
}
