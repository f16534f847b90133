import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { namespaceTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

export interface NamespacePodSecurityConfig {
    /** Namespaces that may enforce baseline or privileged instead of restricted. */
    allowedPrivilegedNamespaces: string[];
}

const enforceLabel = "pod-security.kubernetes.io/enforce";
const levels = ["privileged", "baseline", "restricted"];

/** WL-12: every namespace carries the PSA enforce label; restricted unless allow-listed. */
export const k8sNamespacePodSecurityRestricted = resourcePolicy<NamespacePodSecurityConfig>({
    name: "k8s-namespace-pod-security-restricted",
    description:
        "Every namespace is labelled pod-security.kubernetes.io/enforce=restricted; only namespaces in " +
        "allowedPrivilegedNamespaces (system namespaces) may enforce baseline or privileged. References: Pod Security " +
        "Admission; CIS Amazon EKS Benchmark 4.2 (pod security policies); NSA/CISA Kubernetes Hardening Guide 'Pod " +
        "security: use a pod security admission'.",
    severity: "high",
    controls: ["WL-12"],
    remediationSteps: "Label the namespace pod-security.kubernetes.io/enforce: restricted (the namespaces component does this).",
    config: {
        allowedPrivilegedNamespaces: {
            type: "array",
            items: { type: "string" },
            default: ["kube-system"],
            description: "Namespaces that may enforce baseline or privileged instead of restricted.",
        },
    },
    resourceTypes: namespaceTypes,
    validate: ({ type, name, props }, report, config) => {
        const privileged = arrayOf(config.allowedPrivilegedNamespaces);
        for (const object of k8sObjects(type, props)) {
            const labels = objectOf(objectOf(object.object.metadata)?.labels);
            const level = labels?.[enforceLabel];
            const namespace = displayName(() => object.object.metadata?.name, name);
            const at = `namespace "${namespace}" (${object.path}metadata.labels)`;
            if (level === undefined || level === null) {
                if (!object.partial) {
                    report(`${at}: ${enforceLabel} is not set; label the namespace ${enforceLabel}=restricted.`);
                }
                continue;
            }
            if (level === "restricted") {
                continue;
            }
            const namespaceName = objectOf(object.object.metadata)?.name;
            if (levels.includes(level) && typeof namespaceName === "string" && privileged.includes(namespaceName)) {
                continue;
            }
            report(
                `${at}: ${enforceLabel} is ${JSON.stringify(level)}; set it to "restricted" ` +
                    "(only allowedPrivilegedNamespaces may enforce baseline or privileged).",
            );
        }
    },
});
