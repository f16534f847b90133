/**
 * Pure builders for runtime detection: Falco Helm values, falcosidekick's IAM document, the
 * GuardDuty feature configuration and the EventBridge pattern for its findings.
 */
import { IamPolicyDocument, policyDocument } from "../shared/iam";

/** falcosidekick's service account (its fullname, fixed through fullnameOverride). */
export const FALCOSIDEKICK_SERVICE_ACCOUNT = "falcosidekick";

/** Where falcosidekick writes, resolved. */
export type ResolvedFalcoOutput = { kind: "cloudWatchLogs"; logGroupName: string } | { kind: "sns"; topicArn: string };

/**
 * Falco values: the modern eBPF probe (built into the Falco binary, CO-RE, no kernel module or
 * headers; Bottlerocket kernels qualify), JSON output, and falcosidekick forwarding every alert
 * to AWS. `useirsa: false` and no role ARN: falcosidekick then takes the SDK's default chain,
 * which picks up the EKS Pod Identity credentials of its service account (IAM-7).
 */
export function falcoValues(output: ResolvedFalcoOutput, region: string): Record<string, unknown> {
    const aws: Record<string, unknown> = { useirsa: false, rolearn: "", region };
    if (output.kind === "cloudWatchLogs") {
        aws.cloudwatchlogs = { loggroup: output.logGroupName, minimumpriority: "notice" };
    } else {
        aws.sns = { topicarn: output.topicArn, minimumpriority: "warning" };
    }
    return {
        driver: { kind: "modern_ebpf" },
        falco: { json_output: true },
        falcosidekick: {
            enabled: true,
            fullnameOverride: FALCOSIDEKICK_SERVICE_ACCOUNT,
            webui: { enabled: false },
            config: { aws },
        },
    };
}

/** falcosidekick may create streams in and write to its log group, nothing else. */
export function falcosidekickLogsPolicy(logGroupArn: string): IamPolicyDocument {
    return policyDocument({
        Sid: "WriteFalcoAlerts",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
    });
}

/** falcosidekick may publish to its topic, nothing else. */
export function falcosidekickSnsPolicy(topicArn: string): IamPolicyDocument {
    return policyDocument({ Sid: "PublishFalcoAlerts", Effect: "Allow", Action: ["sns:Publish"], Resource: [topicArn] });
}

/**
 * Runtime Monitoring (which covers EKS; EKS_RUNTIME_MONITORING is its older, EKS-only form and
 * cannot be enabled together with it) and whether GuardDuty manages the agent add-on.
 */
export function runtimeMonitoringFeature(guardDutyManagesAgent: boolean) {
    return {
        name: "RUNTIME_MONITORING",
        status: "ENABLED",
        additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: guardDutyManagesAgent ? "ENABLED" : "DISABLED" }],
    };
}

/**
 * EKS Protection's audit-log monitoring (GuardDuty feature `EKS_AUDIT_LOGS`, one of the valid
 * names in the GuardDuty API's DetectorFeatureConfiguration): GuardDuty reads the cluster's
 * audit log itself, so managed detection of suspicious API use (anonymous access, known
 * attacker tooling, privilege escalation) does not depend on the baseline's own metric-filter
 * patterns (LOG-4). It reads the audit log through a service channel, so it needs no log type or
 * subscription from the cluster.
 */
export const EKS_AUDIT_LOGS_FEATURE = { name: "EKS_AUDIT_LOGS", status: "ENABLED" } as const;

/** GuardDuty findings about this cluster at or above a severity. */
export function guardDutyFindingPattern(clusterName: string, minimumSeverity: number): Record<string, unknown> {
    return {
        source: ["aws.guardduty"],
        "detail-type": ["GuardDuty Finding"],
        detail: {
            severity: [{ numeric: [">=", minimumSeverity] }],
            resource: { eksClusterDetails: { name: [clusterName] } },
        },
    };
}
