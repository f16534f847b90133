import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { REGION_PATTERN, isLogRetention } from "../shared/aws";

/** The Falco chart repository. */
export const FALCO_CHART_REPOSITORY = "https://falcosecurity.github.io/charts";
export const ALLOWED_FALCO_CHART_REPOSITORIES: readonly string[] = [FALCO_CHART_REPOSITORY];
/** Falco chart the baseline is tested with (Falco 0.44, modern eBPF probe built in). */
export const DEFAULT_FALCO_CHART_VERSION = "9.1.1";

/** Where falcosidekick forwards Falco alerts. */
export type FalcoOutput =
    /** A log group created here, KMS-encrypted with this key, with this retention (default 365 days). */
    | { cloudWatchLogs: { kmsKeyArn: pulumi.Input<string>; retentionInDays?: number } }
    /** An existing SNS topic (for example the alarm topic). */
    | { snsTopicArn: string };

export interface FalcoArgs {
    /** Provider of the target cluster (ClusterAccess `provider`). */
    provider: k8s.Provider;
    /** Exact chart version. Default: DEFAULT_FALCO_CHART_VERSION. */
    chartVersion?: string;
    /** Alert destination; falcosidekick gets a Pod Identity role allowed to write there only. */
    output: FalcoOutput;
    /** Region of the output. */
    region: string;
}

/** How the GuardDuty security agent gets onto the nodes. */
export type GuardDutyAgentManagement =
    /**
     * GuardDuty installs and updates the `aws-guardduty-agent` add-on itself (EKS_ADDON_MANAGEMENT
     * ENABLED) and creates the VPC endpoint the agent reports through, which a private cluster needs.
     */
    | "guardduty"
    /**
     * The add-on is pinned here (NODE-3) and GuardDuty's management is off, so it does not upgrade
     * behind the pin. The `guardduty-data` VPC endpoint must then exist (network component, NET-3).
     */
    | { addonVersion: string };

export interface GuardDutyArgs {
    /** An existing detector of the account and region. Default: a detector is created here. */
    detectorId?: pulumi.Input<string>;
    /** Default: `"guardduty"`. */
    agentManagement?: GuardDutyAgentManagement;
    /** Lowest finding severity routed to the alarm topic. Default: 4 (medium); GuardDuty scores 1-8.9. */
    minimumSeverity?: number;
}

export interface RuntimeDetectionArgs {
    /**
     * Runtime threat detector on every node (LOG-5). `"falco"`: Falco with the modern eBPF
     * driver; `"guardduty"`: GuardDuty EKS Runtime Monitoring. `"none"` is an opt-out: it needs
     * `optOut.reason`, and infra refuses it for prod.
     */
    detector: "falco" | "guardduty" | "none";
    /** Required with `detector: "none"`: why this environment runs without runtime detection. */
    optOut?: { reason: string };
    /** Cluster name (pass `privateCluster.clusterName`). */
    clusterName: pulumi.Input<string>;
    /** Falco settings; required with `detector: "falco"`. */
    falco?: FalcoArgs;
    /** GuardDuty settings with `detector: "guardduty"`. Default: a new detector, agent managed by GuardDuty. */
    guardDuty?: GuardDutyArgs;
    /** The alarm SNS topic GuardDuty findings are routed to through EventBridge; required with `detector: "guardduty"`. */
    alarmTopicArn?: pulumi.Input<string>;
    /** Extra tags on the AWS children. Default: none. */
    tags?: Record<string, string>;
}

const exactVersionPattern = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const snsTopicArnPattern = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const addonVersionPattern = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;
/** Retention values CloudWatch Logs accepts. */

/** Every problem with the Args; empty when valid. */
export function validateRuntimeDetectionArgs(args: Omit<RuntimeDetectionArgs, "clusterName">): string[] {
    const problems: string[] = [];
    const at = "RuntimeDetectionArgs";
    const detector: string = args.detector;
    if (!["falco", "guardduty", "none"].includes(detector)) {
        problems.push(`${at}.detector "${detector}" is not supported; use "falco" or "guardduty".`);
    }
    if (detector === "none" && (args.optOut === undefined || args.optOut.reason.trim() === "")) {
        problems.push(
            `${at}.detector is "none" without optOut.reason; pick "falco" or "guardduty", or state why this environment runs without runtime detection. [LOG-5]`,
        );
    }
    if (detector !== "none" && args.optOut !== undefined) {
        problems.push(`${at}.optOut is set but detector is "${detector}"; drop optOut.`);
    }
    if (detector === "falco") {
        const falco = args.falco;
        if (falco === undefined) {
            problems.push(`${at}.falco is required with detector "falco"; give the provider, the region and the alert output.`);
        } else {
            if (falco.chartVersion !== undefined && !exactVersionPattern.test(falco.chartVersion)) {
                problems.push(
                    `${at}.falco.chartVersion "${falco.chartVersion}" is not an exact version; pin a release such as "${DEFAULT_FALCO_CHART_VERSION}".`,
                );
            }
            if (!REGION_PATTERN.test(falco.region)) {
                problems.push(`${at}.falco.region "${falco.region}" is not an AWS region.`);
            }
            if ("snsTopicArn" in falco.output && !snsTopicArnPattern.test(falco.output.snsTopicArn)) {
                problems.push(`${at}.falco.output.snsTopicArn "${falco.output.snsTopicArn}" is not an SNS topic ARN.`);
            }
            if ("cloudWatchLogs" in falco.output) {
                const retention = falco.output.cloudWatchLogs.retentionInDays;
                if (retention !== undefined && !isLogRetention(retention)) {
                    problems.push(
                        `${at}.falco.output.cloudWatchLogs.retentionInDays is ${retention}; use a value CloudWatch Logs accepts, such as 365.`,
                    );
                }
            }
        }
    } else if (args.falco !== undefined) {
        problems.push(`${at}.falco is set but detector is "${detector}"; drop it or set detector "falco".`);
    }
    if (detector === "guardduty") {
        // An Output (the AuditTrail topic) is checked by its type, a literal by its form.
        if (args.alarmTopicArn === undefined || (typeof args.alarmTopicArn === "string" && !snsTopicArnPattern.test(args.alarmTopicArn))) {
            problems.push(
                `${at}.alarmTopicArn is ${args.alarmTopicArn === undefined ? "missing" : `"${String(args.alarmTopicArn)}"`}; GuardDuty findings are routed to the alarm SNS topic, give its ARN. [LOG-5]`,
            );
        }
        const management = args.guardDuty?.agentManagement;
        if (management !== undefined && management !== "guardduty" && !addonVersionPattern.test(management.addonVersion)) {
            problems.push(
                `${at}.guardDuty.agentManagement.addonVersion "${management.addonVersion}" is not an EKS add-on version; pin one such as "v1.10.0-eksbuild.2". [NODE-3]`,
            );
        }
        const severity = args.guardDuty?.minimumSeverity;
        if (severity !== undefined && !(severity >= 1 && severity <= 8.9)) {
            problems.push(`${at}.guardDuty.minimumSeverity is ${severity}; GuardDuty severities run from 1 to 8.9.`);
        }
    } else if (args.guardDuty !== undefined) {
        problems.push(`${at}.guardDuty is set but detector is "${detector}"; drop it or set detector "guardduty".`);
    }
    return problems;
}
