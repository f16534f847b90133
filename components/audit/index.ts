import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { ArchiveSource, createArchive } from "./archive";
import { AuditTrailArgs, archiveBucketName, archiveStreamName, resolveArchive, validateAuditTrailArgs } from "./args";
import { AuditAlarmId, auditAlarmPattern, auditAlarmSpecs, auditMetricNamespace } from "./metric-filters";
import { AuditScope, alarmTopicPolicy } from "./policies";

export * from "./args";
export { AUDIT_ALARM_IDS, AuditAlarmId, auditMetricNamespace } from "./metric-filters";

/**
 * Detection and archive on top of the EKS control-plane audit log (LOG-3, LOG-4, IAM-6, SEC-7):
 *
 * - metric filters and alarms for RBAC changes, Secret reads by non-system identities, any use of
 *   the break-glass role or `system:masters`, anonymous requests and bursts of 403s;
 * - a KMS-encrypted SNS topic the alarms publish to (TLS-only), with an optional email subscription;
 * - by default an S3 archive of the control-plane (and session) logs, versioned, SSE-KMS,
 *   public access blocked, TLS-only, object-locked, fed through Firehose, ready for a SIEM.
 *
 * ```ts
 * new AuditTrail("prod", {
 *     clusterName: "prod", controlPlaneLogGroupName: cluster.logGroupName,
 *     accountId, region, logsKeyArn: keys.logsKeyArn, alarmTopicKeyArn: keys.alarmsKeyArn,
 *     breakGlass: { roleArn: identity.breakGlassRoleArn, group: identity.breakGlassGroup },
 *     alarmEmail: "security@example.com",
 * });
 * ```
 */
export class AuditTrail extends pulumi.ComponentResource {
    /** SNS topic every security alarm publishes to; subscribe a pager or SIEM. */
    public readonly alarmTopicArn: pulumi.Output<string>;
    /** Archive bucket; undefined when `archive.enabled` is false. */
    public readonly archiveBucketName: pulumi.Output<string | undefined>;
    /** CloudWatch alarm names by alarm. */
    public readonly alarmNames: Record<AuditAlarmId, pulumi.Output<string>>;
    /** Metric namespace of the audit metrics. */
    public readonly metricNamespace: string;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("baseline:audit:AuditTrail", name, {}, opts);
        assertNoProblems(`AuditTrail "${name}"`, validateAuditTrailArgs(args));
        const scope: AuditScope = { partition: args.partition ?? "aws", region: args.region, accountId: args.accountId };
        const protect = args.protect ?? true;
        const tags = (part: string) => ({
            ...(args.tags ?? {}),
            ...baselineTags(childName(name, part), { "baseline:cluster": args.clusterName }),
        });
        const parent = { parent: this };

        const topic = new aws.sns.Topic(
            childName(name, "alarms"),
            {
                displayName: `Security alarms of EKS cluster ${args.clusterName}`,
                kmsMasterKeyId: args.alarmTopicKeyArn,
                tags: tags("alarms"),
            },
            parent,
        );
        new aws.sns.TopicPolicy(
            childName(name, "alarms-policy"),
            { arn: topic.arn, policy: topic.arn.apply((arn) => toJson(alarmTopicPolicy(scope, arn))) },
            parent,
        );
        if (args.alarmEmail !== undefined) {
            new aws.sns.TopicSubscription(
                childName(name, "alarms-email"),
                { topic: topic.arn, protocol: "email", endpoint: args.alarmEmail },
                parent,
            );
        }

        const namespace = auditMetricNamespace(args.clusterName);
        const { username, group } = args.breakGlass;
        // The break-glass role ARN may be another component's output; patterns wait for it.
        const roleArn = pulumi.output(args.breakGlass.roleArn);
        const alarmNames = {} as Record<AuditAlarmId, pulumi.Output<string>>;
        for (const definition of auditAlarmSpecs(args.clusterName, args.alarmThresholds)) {
            const pattern = roleArn.apply((arn) => auditAlarmPattern(definition.id, { roleArn: arn, username, group }));
            const filter = new aws.cloudwatch.LogMetricFilter(
                childName(name, definition.id),
                {
                    name: `${args.clusterName}-${definition.id}`,
                    logGroupName: args.controlPlaneLogGroupName,
                    pattern,
                    metricTransformation: { name: definition.metricName, namespace, value: "1", defaultValue: "0", unit: "Count" },
                },
                parent,
            );
            const alarm = new aws.cloudwatch.MetricAlarm(
                childName(name, `${definition.id}-alarm`),
                {
                    name: `${args.clusterName}-audit-${definition.id}`,
                    alarmDescription: definition.description,
                    namespace,
                    metricName: definition.metricName,
                    statistic: "Sum",
                    period: 300,
                    evaluationPeriods: 1,
                    threshold: definition.threshold,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    treatMissingData: "notBreaching",
                    actionsEnabled: true,
                    alarmActions: [topic.arn],
                    tags: tags(`${definition.id}-alarm`),
                },
                { parent: this, dependsOn: [filter] },
            );
            alarmNames[definition.id] = alarm.name;
        }

        const archive = resolveArchive(args.archive);
        let bucket: aws.s3.Bucket | undefined;
        if (archive) {
            const source = (id: string, logGroupName: pulumi.Input<string>): ArchiveSource => ({
                id,
                logGroupName,
                streamName: archiveStreamName(args.clusterName, id),
            });
            const sources: ArchiveSource[] = [source("control-plane", args.controlPlaneLogGroupName)];
            if (args.sessionLogGroupName !== undefined) {
                sources.push(source("sessions", args.sessionLogGroupName));
            }
            bucket = createArchive({
                name,
                parent: this,
                scope,
                settings: archive,
                bucketName: archiveBucketName(args),
                keyArn: args.logsKeyArn,
                keyAlias: args.logsKeyAlias,
                sources,
                protect,
                tags,
            });
        }

        this.alarmTopicArn = topic.arn;
        this.archiveBucketName = bucket ? bucket.bucket.apply((value): string | undefined => value) : pulumi.output(undefined);
        this.alarmNames = alarmNames;
        this.metricNamespace = namespace;
        this.registerOutputs({ alarmTopicArn: this.alarmTopicArn, archiveBucketName: this.archiveBucketName, alarmNames: this.alarmNames });
    }
}
