import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/** WL-1: no privileged container in any container list of any pod-bearing kind. */
export const k8sPodNoPrivileged = resourcePolicy({
    name: "k8s-pod-no-privileged",
    description:
        "No container (including init and ephemeral containers) runs privileged. " +
        "References: Pod Security Standards Baseline 'Privileged Containers'; CIS Amazon EKS Benchmark 4.2.1; " +
        "NSA/CISA Kubernetes Hardening Guide 'Pod security: non-root and unprivileged containers'.",
    severity: "critical",
    controls: ["WL-1"],
    scopeControls: ["WL-13"],
    remediationSteps: "Set securityContext.privileged to false (or remove it) on every container.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            for (const container of pod.containers) {
                if (securityContextOf(container).privileged === true) {
                    report(`${atContainer(container)}: securityContext.privileged is true; set it to false.`);
                }
            }
        }
    },
});
