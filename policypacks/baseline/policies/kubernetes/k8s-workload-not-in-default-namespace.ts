import { defaultNamespace, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * WL-11: no pod-bearing object in the `default` namespace. A missing metadata.namespace means the
 * provider's default namespace, which is "default" unless the provider overrides it; the policy
 * cannot see provider configuration, so it asks for the namespace to be explicit.
 */
export const k8sWorkloadNotInDefaultNamespace = resourcePolicy({
    name: "k8s-workload-not-in-default-namespace",
    description:
        "Workloads (every pod-bearing kind) run in their own namespace, never in default; metadata.namespace must be " +
        "set explicitly. References: CIS Amazon EKS Benchmark 4.6.3 (the default namespace should not be used); " +
        "NSA/CISA Kubernetes Hardening Guide 'Namespaces'.",
    severity: "medium",
    controls: ["WL-11"],
    scopeControls: ["WL-13"],
    remediationSteps: "Set metadata.namespace to the workload's own namespace (created with the namespaces component).",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const namespace = objectOf(object.object.metadata)?.namespace;
            if (namespace === undefined || namespace === null || namespace === "") {
                report(
                    `${object.path}metadata.namespace is not set (the provider deploys to "${defaultNamespace}"); ` +
                        "set it to the workload's own namespace.",
                );
            } else if (namespace === defaultNamespace) {
                report(`${object.path}metadata.namespace is "${defaultNamespace}"; deploy the workload to its own namespace.`);
            }
        }
    },
});
