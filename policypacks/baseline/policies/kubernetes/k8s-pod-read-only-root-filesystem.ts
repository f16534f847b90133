import { podBearingTypes } from "../../lib/k8s-types";
import { podSpecsOf, requireContainerFlag } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/** WL-8: readOnlyRootFilesystem true on every container (Windows pods cannot set it). */
export const k8sPodReadOnlyRootFilesystem = resourcePolicy({
    name: "k8s-pod-read-only-root-filesystem",
    description:
        "Every container runs with a read-only root filesystem (securityContext.readOnlyRootFilesystem: true); " +
        "writable paths come from emptyDir or other volumes. References: CIS Amazon EKS Benchmark 4.6 (security " +
        "contexts); NSA/CISA Kubernetes Hardening Guide 'Use immutable container file systems'.",
    severity: "medium",
    controls: ["WL-8"],
    scopeControls: ["WL-13"],
    remediationSteps: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the application writes.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            requireContainerFlag(pod, "readOnlyRootFilesystem", true, "defaults to false", report);
        }
    },
});
