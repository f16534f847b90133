import { listOf } from "../../lib/aws-props";
import { eksCluster } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Config of eks-cluster-logs-all-types. */
export interface LogsAllTypesConfig {
    /** Control-plane log types that must be enabled. Default: all five. */
    requiredLogTypes: string[];
}

/** The five EKS control-plane log types. */
export const allClusterLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** LOG-1: every control-plane log type is on. Unset `enabledClusterLogTypes` means none. */
export const eksClusterLogsAllTypes = resourcePolicy<LogsAllTypesConfig>({
    name: "eks-cluster-logs-all-types",
    description:
        "EKS cluster sends every control-plane log type (api, audit, authenticator, controllerManager, scheduler) to CloudWatch Logs. CIS Amazon EKS Benchmark 2.1.1; NSA/CISA Kubernetes Hardening Guide, Audit logging and threat detection.",
    severity: "high",
    controls: ["LOG-1"],
    remediationSteps: 'Set enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"].',
    config: {
        requiredLogTypes: {
            type: "array",
            items: { type: "string", enum: allClusterLogTypes },
            default: allClusterLogTypes,
            description: "Control-plane log types that must be enabled (default: all five).",
        },
    },
    example: 'enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"]',
    resourceTypes: [eksCluster],
    validate: ({ props }, report, config) => {
        const enabled = listOf(props.enabledClusterLogTypes);
        const missing = listOf(config.requiredLogTypes).filter((type) => !enabled.includes(type));
        if (missing.length > 0) {
            const state =
                props.enabledClusterLogTypes === undefined
                    ? "is unset (no control-plane logs)"
                    : `lacks ${missing.map((type) => `"${type}"`).join(", ")}`;
            report(`enabledClusterLogTypes ${state}; enable ${missing.map((type) => `"${type}"`).join(", ")}.`);
        }
    },
});
