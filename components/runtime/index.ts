/**
 * RuntimeDetection: threat detection on every node, alerts routed (LOG-5).
 * - `falco`: Falco from its pinned chart with the modern eBPF driver, in the `falco` system
 *   namespace (privileged, listed with its reason in SYSTEM_NAMESPACES); falcosidekick forwards
 *   alerts to a KMS-encrypted CloudWatch log group or an SNS topic, through a Pod Identity role
 *   that can write there and nowhere else.
 * - `guardduty`: GuardDuty Runtime Monitoring with the EKS agent (managed by GuardDuty, or
 *   pinned here), findings routed by EventBridge to the alarm topic.
 * - `none`: an explicit opt-out with a reason; infra refuses it for prod.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityRole } from "../identity";
import { assertNoProblems } from "../shared/errors";
import { toJson } from "../shared/iam";
import { POD_SECURITY_VERSION, RUNTIME_DETECTION_NAMESPACE, podSecurityLabels, systemNamespace } from "../shared/kubernetes";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import {
    DEFAULT_FALCO_CHART_VERSION,
    FALCO_CHART_REPOSITORY,
    FalcoArgs,
    GuardDutyArgs,
    RuntimeDetectionArgs,
    validateRuntimeDetectionArgs,
} from "./args";
import {
    FALCOSIDEKICK_SERVICE_ACCOUNT,
    falcoValues,
    falcosidekickLogsPolicy,
    falcosidekickSnsPolicy,
    guardDutyFindingPattern,
    runtimeMonitoringFeature,
    EKS_AUDIT_LOGS_FEATURE,
} from "./builders";

export * from "./args";
export * from "./builders";

/** Default retention of the Falco alert log group, in days. */
export const DEFAULT_FALCO_LOG_RETENTION_DAYS = 365;
/** Default lowest GuardDuty severity routed to the alarm topic (medium). */
export const DEFAULT_MINIMUM_SEVERITY = 4;

/** Runtime threat detection. Type token `baseline:runtime:RuntimeDetection`. */
export class RuntimeDetection extends pulumi.ComponentResource {
    public readonly detector: RuntimeDetectionArgs["detector"];
    /** Name of the Falco alert log group (falco with a CloudWatch output). */
    public readonly falcoLogGroupName?: pulumi.Output<string>;
    /** The Falco release (falco). */
    public readonly falcoRelease?: k8s.helm.v3.Release;
    /** GuardDuty detector id (guardduty). */
    public readonly detectorId?: pulumi.Output<string>;
    /** ARN of the EventBridge rule routing findings (guardduty). */
    public readonly findingRuleArn?: pulumi.Output<string>;

    constructor(name: string, args: RuntimeDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("RuntimeDetection", validateRuntimeDetectionArgs(args));
        super("baseline:runtime:RuntimeDetection", name, {}, opts);
        this.detector = args.detector;
        const tags = (resourceName: string) => ({ ...(args.tags ?? {}), ...baselineTags(resourceName) });

        if (args.detector === "falco") {
            const falco = this.falco(name, args, args.falco!, tags);
            this.falcoRelease = falco.release;
            this.falcoLogGroupName = falco.logGroupName;
        } else if (args.detector === "guardduty") {
            const guardDuty = this.guardDuty(name, args, args.guardDuty ?? {}, tags);
            this.detectorId = guardDuty.detectorId;
            this.findingRuleArn = guardDuty.ruleArn;
        }
        this.registerOutputs({
            detector: this.detector,
            falcoLogGroupName: this.falcoLogGroupName,
            detectorId: this.detectorId,
            findingRuleArn: this.findingRuleArn,
        });
    }

    private falco(name: string, args: RuntimeDetectionArgs, falco: FalcoArgs, tags: (name: string) => Record<string, string>) {
        const childOpts = { parent: this, provider: falco.provider };
        let logGroupName: pulumi.Output<string> | undefined;
        let output: pulumi.Output<{ values: Record<string, unknown>; policy: string }>;
        if ("cloudWatchLogs" in falco.output) {
            const groupName = childName(name, "falco-alerts");
            const group = new aws.cloudwatch.LogGroup(
                groupName,
                {
                    name: `/baseline/${groupName}`,
                    kmsKeyId: falco.output.cloudWatchLogs.kmsKeyArn,
                    retentionInDays: falco.output.cloudWatchLogs.retentionInDays ?? DEFAULT_FALCO_LOG_RETENTION_DAYS,
                    tags: tags(groupName),
                },
                { parent: this },
            );
            logGroupName = group.name;
            output = pulumi.all([group.name, group.arn]).apply(([groupNameValue, arn]) => ({
                values: falcoValues({ kind: "cloudWatchLogs", logGroupName: groupNameValue }, falco.region),
                policy: toJson(falcosidekickLogsPolicy(arn)),
            }));
        } else {
            const topicArn = falco.output.snsTopicArn;
            output = pulumi.output(topicArn).apply((arn) => ({
                values: falcoValues({ kind: "sns", topicArn: arn }, falco.region),
                policy: toJson(falcosidekickSnsPolicy(arn)),
            }));
        }
        new PodIdentityRole(
            childName(name, "falcosidekick"),
            {
                clusterName: args.clusterName,
                namespace: RUNTIME_DETECTION_NAMESPACE,
                serviceAccount: FALCOSIDEKICK_SERVICE_ACCOUNT,
                policy: output.apply((entry) => JSON.parse(entry.policy)),
                tags: args.tags,
            },
            { parent: this },
        );
        const namespace = new k8s.core.v1.Namespace(
            childName(name, RUNTIME_DETECTION_NAMESPACE),
            {
                metadata: {
                    name: RUNTIME_DETECTION_NAMESPACE,
                    labels: podSecurityLabels(systemNamespace(RUNTIME_DETECTION_NAMESPACE)!.enforce, POD_SECURITY_VERSION),
                },
            },
            childOpts,
        );
        const release = new k8s.helm.v3.Release(
            childName(name, "falco"),
            {
                name: "falco",
                chart: "falco",
                version: falco.chartVersion ?? DEFAULT_FALCO_CHART_VERSION,
                repositoryOpts: { repo: FALCO_CHART_REPOSITORY },
                namespace: namespace.metadata.name,
                createNamespace: false,
                values: output.apply((entry) => entry.values),
                skipAwait: false,
            },
            childOpts,
        );
        return { release, logGroupName };
    }

    private guardDuty(name: string, args: RuntimeDetectionArgs, guardDuty: GuardDutyArgs, tags: (name: string) => Record<string, string>) {
        const detectorName = childName(name, "guardduty");
        const detectorId =
            guardDuty.detectorId !== undefined
                ? pulumi.output(guardDuty.detectorId)
                : new aws.guardduty.Detector(detectorName, { enable: true, tags: tags(detectorName) }, { parent: this }).id;
        const management = guardDuty.agentManagement ?? "guardduty";
        const feature = runtimeMonitoringFeature(management === "guardduty");
        const featureResource = new aws.guardduty.DetectorFeature(
            childName(name, "runtime-monitoring"),
            { detectorId, ...feature },
            { parent: this },
        );
        new aws.guardduty.DetectorFeature(childName(name, "eks-audit-logs"), { detectorId, ...EKS_AUDIT_LOGS_FEATURE }, { parent: this });
        if (management !== "guardduty") {
            const addonName = childName(name, "guardduty-agent");
            new aws.eks.Addon(
                addonName,
                {
                    clusterName: args.clusterName,
                    addonName: "aws-guardduty-agent",
                    addonVersion: management.addonVersion,
                    tags: tags(addonName),
                },
                { parent: this, dependsOn: [featureResource] },
            );
        }
        const ruleName = childName(name, "guardduty-findings");
        const rule = new aws.cloudwatch.EventRule(
            ruleName,
            {
                name: ruleName,
                description: "GuardDuty runtime findings for the cluster, routed to the alarm topic (LOG-5).",
                eventPattern: pulumi
                    .output(args.clusterName)
                    .apply((cluster) =>
                        JSON.stringify(guardDutyFindingPattern(cluster, guardDuty.minimumSeverity ?? DEFAULT_MINIMUM_SEVERITY)),
                    ),
                tags: tags(ruleName),
            },
            { parent: this },
        );
        new aws.cloudwatch.EventTarget(
            childName(name, "guardduty-findings-alarm"),
            { rule: rule.name, arn: args.alarmTopicArn! },
            { parent: this },
        );
        return { detectorId, ruleArn: rule.arn };
    }
}
