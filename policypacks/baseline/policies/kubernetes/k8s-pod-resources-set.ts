import { objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, podSpecsOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

function isSet(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}

/**
 * WL-9: CPU and memory requests and a memory limit on every container and init container.
 * A request left out defaults to the limit of the same resource (Kubernetes API semantics), so a
 * limit satisfies the request. Ephemeral containers cannot declare resources and are skipped.
 */
export const k8sPodResourcesSet = resourcePolicy({
    name: "k8s-pod-resources-set",
    description:
        "Every container and init container declares CPU and memory requests and a memory limit (a request left " +
        "unset defaults to the limit). References: NSA/CISA Kubernetes Hardening Guide 'Resource policies'; " +
        "Kubernetes security checklist 'Pod resources'.",
    severity: "medium",
    controls: ["WL-9"],
    scopeControls: ["WL-13"],
    remediationSteps: "Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            if (pod.owner.partial) {
                continue;
            }
            for (const container of pod.containers) {
                if (container.list === "ephemeralContainers") {
                    continue;
                }
                const resources = objectOf(container.container.resources);
                const requests = objectOf(resources?.requests);
                const limits = objectOf(resources?.limits);
                const missing: string[] = [];
                if (!isSet(requests?.cpu) && !isSet(limits?.cpu)) {
                    missing.push("resources.requests.cpu");
                }
                if (!isSet(requests?.memory) && !isSet(limits?.memory)) {
                    missing.push("resources.requests.memory");
                }
                if (!isSet(limits?.memory)) {
                    missing.push("resources.limits.memory");
                }
                for (const field of missing) {
                    report(`${atContainer(container)}: ${field} is not set; set CPU and memory requests and a memory limit.`);
                }
            }
        }
    },
});
