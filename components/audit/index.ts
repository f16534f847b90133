import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { ArchiveSource, createArchive } from "./archive";
import { AuditTrailArgs, archiveBucketName, archiveStreamName, resolveArchive, resolveSecretReaders, validateAuditTrailArgs } from "./args";
import { AUDIT_FILTER_IDS, AuditAlarmId, auditAlarmSpecs, auditMetricFilters, auditMetricNamespace } from "./metric-filters";
import { AuditScope, alarmTopicPolicy } from "./policies";

export * from "./args";
export { AUDIT_ALARM_IDS, AuditAlarmId, AuditPatternInputs, auditMetricFilters, auditMetricNamespace } from "./metric-filters";

/**
 * Detection and archive on top of the EKS control-plane audit log (LOG-3, LOG-4, IAM-6, SEC-7):
 *
 * - metric filters and alarms for successful RBAC changes, Secret reads by people and by service
 *   accounts outside an allow-list, any use or impersonation of the break-glass role, its group or
 *   `system:masters` (never the API server's own loopback client), bursts of failed
 *   authentication (401), of authorization denials and of admission refusals (403); what each
 *   counts and leaves out is documented in ./patterns.ts and proven on golden audit events;
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
        const serviceAccountSecretReaders = resolveSecretReaders(args.serviceAccountSecretReaders);
        const patterns = roleArn.apply((arn) =>
            Object.fromEntries(
                auditMetricFilters({ breakGlass: { roleArn: arn, username, group }, serviceAccountSecretReaders }).map((f) => [
                    f.id,
                    f.pattern,
                ]),
            ),
        );
        const alarmNames = {} as Record<AuditAlarmId, pulumi.Output<string>>;
        for (const definition of auditAlarmSpecs(args.clusterName, args.alarmThresholds)) {
            // Break-glass has two filters (direct use, impersonation) publishing to one metric.
            const filters = AUDIT_FILTER_IDS[definition.id].map(
                (filterId) =>
                    new aws.cloudwatch.LogMetricFilter(
                        childName(name, filterId),
                        {
                            name: `${args.clusterName}-${filterId}`,
                            logGroupName: args.controlPlaneLogGroupName,
                            pattern: patterns.apply((byId) => byId[filterId]!),
                            metricTransformation: { name: definition.metricName, namespace, value: "1", defaultValue: "0", unit: "Count" },
                        },
                        parent,
                    ),
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
                { parent: this, dependsOn: filters },
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
