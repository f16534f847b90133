import { arrayOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atPod, podSpecsOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

export interface ServiceAccountTokenConfig {
    /** Namespaces whose workloads may mount a service account token (controllers that call the API). */
    allowedTokenNamespaces: string[];
}

/** The token-namespaces knob shared by the pod and the service-account policy (IAM-8). */
export const allowedTokenNamespacesSchema = {
    type: "array" as const,
    items: { type: "string" as const },
    default: [] as string[],
    description: "Namespaces whose workloads may mount a service account token (controllers that call the Kubernetes API).",
};

/**
 * IAM-8 on pods: each workload names its own service account (not `default`) and sets
 * automountServiceAccountToken false explicitly, because the service account it names may be
 * declared outside this program with the Kubernetes default (mount the token).
 */
export const k8sPodServiceAccountToken = resourcePolicy<ServiceAccountTokenConfig>({
    name: "k8s-pod-service-account-token",
    description:
        "Every workload uses its own service account (not default) and sets automountServiceAccountToken: false, " +
        "except in allowedTokenNamespaces. References: CIS Amazon EKS Benchmark 4.1.5 (default service accounts not " +
        "used) and 4.1.6 (tokens mounted only where needed); NSA/CISA Kubernetes Hardening Guide 'Service account tokens'.",
    severity: "medium",
    controls: ["IAM-8"],
    remediationSteps:
        "Create a service account per workload, set spec.serviceAccountName to it, and set automountServiceAccountToken: " +
        "false (mount a projected token only where the workload calls the API).",
    config: { allowedTokenNamespaces: allowedTokenNamespacesSchema },
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report, config) => {
        for (const pod of podSpecsOf(type, props)) {
            const accountName = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
            if (accountName === "default") {
                report(`${atPod(pod)}: serviceAccountName is "default"; give the workload its own service account.`);
            } else if ((accountName === undefined || accountName === null || accountName === "") && !pod.owner.partial) {
                report(
                    `${atPod(pod)}: serviceAccountName is not set (uses the namespace's default service account); give the workload its own service account.`,
                );
            }
            const automount = pod.spec.automountServiceAccountToken;
            if (automount === false || (pod.owner.partial && (automount === undefined || automount === null))) {
                continue;
            }
            if (arrayOf(config.allowedTokenNamespaces).includes(pod.owner.namespace())) {
                continue;
            }
            const state =
                automount === undefined || automount === null
                    ? "is not set (the token is mounted unless the service account disables it)"
                    : `is ${JSON.stringify(automount)}`;
            report(
                `${atPod(pod)}: automountServiceAccountToken ${state}; set it to false, or add the namespace to allowedTokenNamespaces.`,
            );
        }
    },
});
