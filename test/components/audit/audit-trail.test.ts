import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AuditTrail, AuditTrailArgs } from "../../../components/audit";
import {
    breakGlassImpersonationPattern,
    breakGlassPattern,
    rbacChangesPattern,
    serviceAccountSecretReadsPattern,
} from "../../../components/audit/metric-filters";
import { capture } from "../../helpers/capture";

const base: AuditTrailArgs = {
    clusterName: "prod",
    controlPlaneLogGroupName: "/aws/eks/prod/cluster",
    accountId: "111122223333",
    region: "eu-west-1",
    logsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
    alarmTopicKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/alarms",
    breakGlass: { roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", username: "break-glass" },
};

const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const BUCKET = "aws:s3/bucket:Bucket";
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const SUBSCRIPTION = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";

function plan(args: Partial<AuditTrailArgs> = {}) {
    return capture(() => {
        new AuditTrail("audit", { ...base, ...args });
    });
}

describe("AuditTrail", () => {
    it("parents every child to the baseline:audit:AuditTrail component", async () => {
        const c = await plan();
        const component = c.one("baseline:audit:AuditTrail", "audit");
        expect(c.resources.filter((resource) => resource.parent === component.urn)).toHaveLength(c.resources.length - 1);
    });

    it("creates a metric filter on the control-plane audit log for each security signal (LOG-4)", async () => {
        const c = await plan();
        const filters = c.ofType(FILTER);
        expect(filters.map((filter) => filter.inputs.name)).toEqual([
            "prod-rbac-changes",
            "prod-secret-reads",
            "prod-service-account-secret-reads",
            "prod-break-glass",
            "prod-break-glass-impersonation",
            "prod-unauthenticated-requests",
            "prod-forbidden-requests",
            "prod-admission-refusals",
        ]);
        for (const filter of filters) {
            expect(filter.inputs.logGroupName).toBe("/aws/eks/prod/cluster");
            expect(filter.inputs.metricTransformation).toEqual({
                name: expect.any(String),
                namespace: "EKSBaseline/prod/Audit",
                value: "1",
                defaultValue: "0",
                unit: "Count",
            });
        }
        expect(c.inputsOf(FILTER, "audit-rbac-changes").pattern).toBe(rbacChangesPattern());
        expect(c.inputsOf(FILTER, "audit-break-glass").pattern).toBe(
            breakGlassPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", username: "break-glass" }),
        );
        expect(c.inputsOf(FILTER, "audit-service-account-secret-reads").pattern).toBe(
            serviceAccountSecretReadsPattern(["kube-system", "istio-system:istiod"]),
        );
    });

    it("feeds the break-glass metric from two filters, direct use and impersonation (IAM-6)", async () => {
        const c = await plan();
        const identity = { roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", username: "break-glass" };
        const direct = c.inputsOf(FILTER, "audit-break-glass");
        const impersonation = c.inputsOf(FILTER, "audit-break-glass-impersonation");
        expect(impersonation.pattern).toBe(breakGlassImpersonationPattern(identity));
        expect(impersonation.metricTransformation).toEqual(direct.metricTransformation);
        expect(direct.metricTransformation).toMatchObject({ name: "BreakGlassUse" });
        const alarm = c.ofType(ALARM).find((resource) => resource.inputs.metricName === "BreakGlassUse")!;
        const filterUrns = c
            .ofType(FILTER)
            .filter((filter) => String(filter.inputs.name).startsWith("prod-break-glass"))
            .map((f) => f.urn);
        expect(filterUrns).toHaveLength(2);
        expect(alarm.dependencies).toEqual(expect.arrayContaining(filterUrns));
    });

    it("takes the service accounts expected to read Secrets from serviceAccountSecretReaders (LOG-4)", async () => {
        const c = await plan({ serviceAccountSecretReaders: ["kube-system", "external-secrets:external-secrets"] });
        expect(c.inputsOf(FILTER, "audit-service-account-secret-reads").pattern).toBe(
            serviceAccountSecretReadsPattern(["kube-system", "external-secrets:external-secrets"]),
        );
    });

    it("alarms to the SNS topic on every break-glass use (IAM-6)", async () => {
        const c = await plan();
        const topic = c.one(TOPIC);
        const alarm = c.inputsOf(ALARM, "audit-break-glass-alarm");
        expect(alarm).toMatchObject({
            name: "prod-audit-break-glass",
            namespace: "EKSBaseline/prod/Audit",
            metricName: "BreakGlassUse",
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            actionsEnabled: true,
            alarmActions: [topic.wireOutputs.arn],
        });
    });

    it("wires every alarm to the topic and waits for its metric filter (LOG-4)", async () => {
        const c = await plan();
        const topicArn = c.one(TOPIC).wireOutputs.arn;
        const alarms = c.ofType(ALARM);
        // Registration order varies (break-glass waits for two filters); compare by metric.
        expect(Object.fromEntries(alarms.map((alarm) => [alarm.inputs.metricName, alarm.inputs.threshold]))).toEqual({
            RbacChanges: 1,
            SecretReadsByHumans: 1,
            SecretReadsByServiceAccounts: 1,
            BreakGlassUse: 1,
            UnauthenticatedRequests: 10,
            AuthorizationDenials: 5,
            AdmissionRefusals: 10,
        });
        expect(alarms).toHaveLength(7);
        for (const alarm of alarms) {
            expect(alarm.inputs.alarmActions).toEqual([topicArn]);
            const feeding = c
                .ofType(FILTER)
                .filter((filter) => (filter.inputs.metricTransformation as { name: string }).name === alarm.inputs.metricName);
            expect(feeding.length).toBeGreaterThan(0);
            expect(alarm.dependencies).toEqual(expect.arrayContaining(feeding.map((filter) => filter.urn)));
        }
    });

    it("alarms on the break-glass group as well when one is given (IAM-6)", async () => {
        const c = await plan({ breakGlass: { roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", group: "break-glass" } });
        expect(c.inputsOf(FILTER, "audit-break-glass").pattern).toBe(
            breakGlassPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", group: "break-glass" }),
        );
        expect(c.inputsOf(FILTER, "audit-break-glass").pattern).toContain('($.user.groups[0] = "break-glass")');
    });

    it("builds the break-glass pattern from a role ARN that is another resource's output", async () => {
        const c = await capture(() => {
            const roleArn = pulumi.output("arn:aws:iam::111122223333:role/emergency/prod-break-glass");
            new AuditTrail("audit", { ...base, breakGlass: { roleArn } });
        });
        expect(c.inputsOf(FILTER, "audit-break-glass").pattern).toBe(
            breakGlassPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass" }),
        );
    });

    it("encrypts the alarm topic with the alarms key and refuses publishing without TLS (LOG-4)", async () => {
        const c = await plan();
        const topic = c.one(TOPIC);
        expect(topic.inputs.kmsMasterKeyId).toBe("arn:aws:kms:eu-west-1:111122223333:key/alarms");
        const policy = JSON.parse(c.inputsOf("aws:sns/topicPolicy:TopicPolicy").policy);
        const topicArn = topic.wireOutputs.arn;
        expect(policy.Statement.map((statement: { Sid: string }) => statement.Sid)).toEqual([
            "AccountAdministersTopic",
            "CloudWatchAlarmsOfThisAccountPublish",
            "EventBridgeRulesOfThisAccountPublish",
            "DenyPublishWithoutTls",
        ]);
        expect(policy.Statement[1]).toEqual({
            Sid: "CloudWatchAlarmsOfThisAccountPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: {
                ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*" },
                StringEquals: { "aws:SourceAccount": "111122223333" },
            },
        });
        expect(policy.Statement[2].Condition).toEqual({
            ArnLike: { "aws:SourceArn": "arn:aws:events:eu-west-1:111122223333:rule/*" },
            StringEquals: { "aws:SourceAccount": "111122223333" },
        });
        expect(policy.Statement[3]).toEqual({
            Sid: "DenyPublishWithoutTls",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: { Bool: { "aws:SecureTransport": false } },
        });
    });

    it("subscribes the alarm email only when one is given", async () => {
        expect((await plan()).ofType("aws:sns/topicSubscription:TopicSubscription")).toEqual([]);
        const c = await plan({ alarmEmail: "security@example.com" });
        expect(c.inputsOf("aws:sns/topicSubscription:TopicSubscription")).toMatchObject({
            protocol: "email",
            endpoint: "security@example.com",
            topic: c.one(TOPIC).wireOutputs.arn,
        });
    });

    it("blocks all public access to the archive bucket (LOG-3)", async () => {
        const c = await plan();
        const bucket = c.one(BUCKET);
        expect(c.inputsOf("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).toEqual({
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(c.inputsOf("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule).toEqual({
            objectOwnership: "BucketOwnerEnforced",
        });
    });

    it("versions the archive and encrypts it with the logs key (LOG-3)", async () => {
        const c = await plan();
        const bucket = c.one(BUCKET);
        expect(c.inputsOf("aws:s3/bucketVersioning:BucketVersioning")).toMatchObject({
            bucket: bucket.id,
            versioningConfiguration: { status: "Enabled" },
        });
        expect(c.inputsOf("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").rules).toEqual([
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/logs",
                },
                bucketKeyEnabled: true,
            },
        ]);
    });

    it("denies every archive request without TLS (LOG-3)", async () => {
        const c = await plan();
        const bucketArn = c.one(BUCKET).wireOutputs.arn;
        const policy = c.inputsOf("aws:s3/bucketPolicy:BucketPolicy");
        expect(JSON.parse(policy.policy)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyRequestsWithoutTls",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [bucketArn, `${bucketArn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": false } },
                },
            ],
        });
        expect(c.one("aws:s3/bucketPolicy:BucketPolicy").dependencies).toContain(
            c.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").urn,
        );
    });

    it("object-locks the archive in GOVERNANCE mode for 365 days by default (LOG-3)", async () => {
        const c = await plan();
        expect(c.inputsOf(BUCKET).objectLockEnabled).toBe(true);
        expect(c.inputsOf("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toMatchObject({
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } },
        });
        expect(c.inputsOf("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").rules).toEqual([
            {
                id: "expire-archived-logs",
                status: "Enabled",
                filter: {},
                expiration: { days: 400 },
                noncurrentVersionExpiration: { noncurrentDays: 30 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
        ]);
    });

    it("creates the archive without object lock only when objectLock is false", async () => {
        const c = await plan({ archive: { objectLock: false } });
        expect(c.inputsOf(BUCKET).objectLockEnabled).toBe(false);
        expect(c.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toEqual([]);
    });

    it("protects and retains the archive bucket by default, not with protect false (SEC-7)", async () => {
        const prod = (await plan()).one(BUCKET);
        expect([prod.protect, prod.retainOnDelete, prod.inputs.forceDestroy]).toEqual([true, true, false]);
        const dev = (await plan({ protect: false })).one(BUCKET);
        expect([dev.protect, dev.retainOnDelete]).toEqual([false, false]);
    });

    it("streams the control-plane and session logs through Firehose into the archive (LOG-3)", async () => {
        const c = await plan({ sessionLogGroupName: "/aws/ssm/prod/sessions" });
        const bucketArn = c.one(BUCKET).wireOutputs.arn;
        const streams = c.ofType(STREAM);
        expect(streams.map((stream) => stream.name)).toEqual(["audit-control-plane-stream", "audit-sessions-stream"]);
        expect(streams[0]!.inputs).toMatchObject({
            destination: "extended_s3",
            serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs" },
            extendedS3Configuration: {
                bucketArn,
                kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
                prefix: "control-plane/!{timestamp:yyyy/MM/dd}/",
                errorOutputPrefix: "errors/control-plane/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
                compressionFormat: "UNCOMPRESSED",
            },
        });
        const subscriptions = c.ofType(SUBSCRIPTION);
        expect(
            subscriptions.map((subscription) => [
                subscription.inputs.logGroup,
                subscription.inputs.destinationArn,
                subscription.inputs.filterPattern,
            ]),
        ).toEqual([
            ["/aws/eks/prod/cluster", streams[0]!.wireOutputs.arn, ""],
            ["/aws/ssm/prod/sessions", streams[1]!.wireOutputs.arn, ""],
        ]);
    });

    it("scopes the archive roles to their bucket, key and streams", async () => {
        const c = await plan();
        const bucketArn = c.one(BUCKET).wireOutputs.arn;
        const firehose = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "audit-archive-firehose-policy").policy);
        expect(firehose.Statement[0].Resource).toEqual([bucketArn, `${bucketArn}/*`]);
        expect(firehose.Statement[1]).toEqual({
            Sid: "EncryptArchiveObjects",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: "arn:aws:kms:eu-west-1:111122223333:key/logs",
            Condition: {
                StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
            },
        });
        // The stream's ARN is written from its name (the mocks report a generic ARN for streams).
        expect(c.inputsOf(STREAM).name).toBe("prod-archive-control-plane");
        const subscription = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "audit-archive-subscription-policy").policy);
        expect(subscription.Statement).toEqual([
            {
                Sid: "PutIntoArchiveStreams",
                Effect: "Allow",
                Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
                Resource: ["arn:aws:firehose:eu-west-1:111122223333:deliverystream/prod-archive-control-plane"],
            },
        ]);
        expect(
            JSON.parse(c.inputsOf("aws:iam/role:Role", "audit-archive-subscription-role").assumeRolePolicy).Statement[0].Condition,
        ).toEqual({
            StringLike: { "aws:SourceArn": "arn:aws:logs:eu-west-1:111122223333:*" },
        });
    });

    it("creates no archive resources when the archive is disabled", async () => {
        const c = await plan({ archive: { enabled: false } });
        expect(c.ofType(BUCKET)).toEqual([]);
        expect(c.ofType(STREAM)).toEqual([]);
        expect(c.ofType(SUBSCRIPTION)).toEqual([]);
        expect(c.ofType(ALARM)).toHaveLength(7);
    });

    it("returns the topic, bucket and alarm names", async () => {
        const c = await capture(() => {
            const trail = new AuditTrail("audit", base);
            return { topic: trail.alarmTopicArn, bucket: trail.archiveBucketName, breakGlass: trail.alarmNames["break-glass"] };
        });
        expect(c.outputs).toEqual({
            topic: c.one(TOPIC).wireOutputs.arn,
            bucket: c.one(BUCKET).wireOutputs.bucket,
            breakGlass: "prod-audit-break-glass",
        });
    });

    it("plans the same resources as a preview, where every output is unknown", async () => {
        const update = await plan({ sessionLogGroupName: "/aws/ssm/prod/sessions", alarmEmail: "security@example.com" });
        const preview = await capture(
            () => {
                new AuditTrail("audit", { ...base, sessionLogGroupName: "/aws/ssm/prod/sessions", alarmEmail: "security@example.com" });
            },
            { preview: true },
        );
        expect(preview.resources.map((resource) => resource.urn).sort()).toEqual(update.resources.map((resource) => resource.urn).sort());
    });

    it("names the archive bucket and streams, so their ARNs are known before they exist", async () => {
        const c = await plan({ sessionLogGroupName: "/aws/ssm/prod/sessions" });
        expect(c.inputsOf(BUCKET).bucket).toBe("prod-audit-archive-111122223333-eu-west-1");
        expect(c.ofType(STREAM).map((stream) => stream.inputs.name)).toEqual(["prod-archive-control-plane", "prod-archive-sessions"]);
        const named = await plan({ archive: { bucketName: "existing-archive-0a1b2c3" } });
        expect(named.inputsOf(BUCKET).bucket).toBe("existing-archive-0a1b2c3");
    });

    it("builds the archive policies as known documents at preview, the key named by alias (IAM-10, LOG-3)", async () => {
        const c = await capture(
            () => {
                new AuditTrail("audit", {
                    ...base,
                    sessionLogGroupName: "/aws/ssm/prod/sessions",
                    logsKeyArn: pulumi.output("arn:aws:kms:eu-west-1:111122223333:key/logs"),
                    logsKeyAlias: "alias/prod-logs",
                });
            },
            { preview: true },
        );
        const bucketArn = "arn:aws:s3:::prod-audit-archive-111122223333-eu-west-1";
        const firehose = c.one("aws:iam/rolePolicy:RolePolicy", "audit-archive-firehose-policy").wireInputs.policy;
        expect(typeof firehose).toBe("string");
        expect(JSON.parse(firehose as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
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
                    Resource: "arn:aws:kms:eu-west-1:111122223333:key/*",
                    Condition: {
                        StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                        StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
                        "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/prod-logs" },
                    },
                },
            ],
        });
        const subscription = c.one("aws:iam/rolePolicy:RolePolicy", "audit-archive-subscription-policy").wireInputs.policy;
        expect(JSON.parse(subscription as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "PutIntoArchiveStreams",
                    Effect: "Allow",
                    Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
                    Resource: [
                        "arn:aws:firehose:eu-west-1:111122223333:deliverystream/prod-archive-control-plane",
                        "arn:aws:firehose:eu-west-1:111122223333:deliverystream/prod-archive-sessions",
                    ],
                },
            ],
        });
        const bucketPolicy = c.one("aws:s3/bucketPolicy:BucketPolicy").wireInputs.policy;
        expect(JSON.parse(bucketPolicy as string).Statement[0].Resource).toEqual([bucketArn, `${bucketArn}/*`]);
    });

    it("keeps a key ARN given as a string in the Firehose policy even with an alias", async () => {
        const c = await plan({ logsKeyAlias: "alias/prod-logs" });
        const firehose = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "audit-archive-firehose-policy").policy);
        expect(firehose.Statement[1].Resource).toBe("arn:aws:kms:eu-west-1:111122223333:key/logs");
        expect(Object.keys(firehose.Statement[1].Condition)).toEqual(["StringEquals", "StringLike"]);
    });

    it("fails with the exact message when the args are invalid", async () => {
        await expect(plan({ archive: { retentionDays: 90 } })).rejects.toThrow(
            'AuditTrail "audit": AuditTrailArgs.archive.objectLock.days (365) exceeds archive.retentionDays (90); locked objects cannot expire, so lower the lock or raise the retention.',
        );
    });
});
