import { arrayOf, displayName, k8sObjects } from "../../lib/k8s-objects";
import { serviceAccountTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";
import { ServiceAccountTokenConfig, allowedTokenNamespacesSchema } from "./k8s-pod-service-account-token";

/** IAM-8 on service accounts: automountServiceAccountToken false (unset means true). */
export const k8sServiceAccountNoTokenAutomount = resourcePolicy<ServiceAccountTokenConfig>({
    name: "k8s-service-account-no-token-automount",
    description:
        "Every service account sets automountServiceAccountToken: false (unset means the token is mounted into every " +
        "pod), except in allowedTokenNamespaces. References: CIS Amazon EKS Benchmark 4.1.5 and 4.1.6; NSA/CISA " +
        "Kubernetes Hardening Guide 'Service account tokens'.",
    severity: "medium",
    controls: ["IAM-8"],
    remediationSteps:
        "Set automountServiceAccountToken: false on the service account; pods that call the API opt in with a projected token.",
    config: { allowedTokenNamespaces: allowedTokenNamespacesSchema },
    resourceTypes: serviceAccountTypes,
    validate: ({ type, name, props }, report, config) => {
        for (const object of k8sObjects(type, props)) {
            const automount = object.object.automountServiceAccountToken;
            if (automount === false || (object.partial && (automount === undefined || automount === null))) {
                continue;
            }
            if (arrayOf(config.allowedTokenNamespaces).includes(object.namespace())) {
                continue;
            }
            const account = displayName(() => object.object.metadata?.name, name);
            const state =
                automount === undefined || automount === null ? "is not set (defaults to true)" : `is ${JSON.stringify(automount)}`;
            report(
                `service account "${account}" (${object.path}automountServiceAccountToken): automountServiceAccountToken ${state}; ` +
                    "set it to false, or add the namespace to allowedTokenNamespaces.",
            );
        }
    },
});
