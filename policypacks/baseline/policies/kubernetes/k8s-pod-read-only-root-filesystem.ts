import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, isWindowsPod, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
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
            if (isWindowsPod(pod)) {
                continue;
            }
            for (const container of pod.containers) {
                const value = securityContextOf(container).readOnlyRootFilesystem;
                if (value === true) {
                    continue;
                }
                if (value !== undefined && value !== null) {
                    report(
                        `${atContainer(container)}: securityContext.readOnlyRootFilesystem is ${JSON.stringify(value)}; set it to true.`,
                    );
                } else if (!pod.owner.partial) {
                    report(
                        `${atContainer(container)}: securityContext.readOnlyRootFilesystem is not set (defaults to false); set it to true.`,
                    );
                }
            }
        }
    },
});
