import { podBearingTypes } from "../../lib/k8s-types";
import { podSpecsOf, requireContainerFlag } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/** WL-5: allowPrivilegeEscalation explicitly false on every container (Linux pods). */
export const k8sPodNoPrivilegeEscalation = resourcePolicy({
    name: "k8s-pod-no-privilege-escalation",
    description:
        "Every container sets securityContext.allowPrivilegeEscalation to false explicitly (unset means true). " +
        "Windows pods are exempt, as in the standard. References: Pod Security Standards Restricted 'Privilege " +
        "Escalation'; CIS Amazon EKS Benchmark 4.2.5; NSA/CISA Kubernetes Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-5"],
    scopeControls: ["WL-13"],
    remediationSteps: "Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            requireContainerFlag(pod, "allowPrivilegeEscalation", false, "defaults to true", report);
        }
    },
});
