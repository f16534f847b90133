import { arrayOf, objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, isWindowsPod, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/** The only capability the restricted profile lets a container add back. */
const addableCapability = "NET_BIND_SERVICE";

/** WL-6: capabilities.drop contains ALL and capabilities.add holds at most NET_BIND_SERVICE. */
export const k8sPodDropAllCapabilities = resourcePolicy({
    name: "k8s-pod-drop-all-capabilities",
    description:
        "Every container drops ALL Linux capabilities and adds back at most NET_BIND_SERVICE. Windows pods are " +
        "exempt, as in the standard. References: Pod Security Standards Baseline 'Capabilities' and Restricted " +
        "'Capabilities'; CIS Amazon EKS Benchmark 4.2.7, 4.2.8, 4.2.9; NSA/CISA Kubernetes Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-6"],
    scopeControls: ["WL-13"],
    remediationSteps:
        'Set securityContext.capabilities.drop: ["ALL"] on every container; add only NET_BIND_SERVICE when a port below 1024 is needed.',
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            if (isWindowsPod(pod)) {
                continue;
            }
            for (const container of pod.containers) {
                const capabilities = objectOf(securityContextOf(container).capabilities);
                const drop = capabilities?.drop;
                if (!arrayOf(drop).includes("ALL") && !(pod.owner.partial && drop === undefined)) {
                    report(`${atContainer(container)}: securityContext.capabilities.drop does not include "ALL"; add "ALL" to it.`);
                }
                for (const added of arrayOf(capabilities?.add)) {
                    if (added !== addableCapability) {
                        report(
                            `${atContainer(container)}: securityContext.capabilities.add contains ${JSON.stringify(added)}; ` +
                                "remove it (only NET_BIND_SERVICE may be added).",
                        );
                    }
                }
            }
        }
    },
});
