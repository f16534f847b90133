import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/** WL-7 (/proc): every container keeps the default masked /proc mount. */
export const k8sPodDefaultProcMount = resourcePolicy({
    name: "k8s-pod-default-proc-mount",
    description:
        "Every container keeps the default, masked /proc mount (securityContext.procMount unset or Default). " +
        "References: Pod Security Standards Baseline '/proc Mount Type'; NSA/CISA Kubernetes Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-7"],
    scopeControls: ["WL-13"],
    remediationSteps: "Remove securityContext.procMount or set it to Default.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            for (const container of pod.containers) {
                const procMount = securityContextOf(container).procMount;
                if (procMount !== undefined && procMount !== null && procMount !== "Default") {
                    report(
                        `${atContainer(container)}: securityContext.procMount is ${JSON.stringify(procMount)}; remove it or set it to Default.`,
                    );
                }
            }
        }
    },
});
