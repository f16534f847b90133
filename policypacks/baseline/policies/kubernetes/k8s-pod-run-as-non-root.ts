import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, atPod, effectiveSecurityField, podSecurityContextOf, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/**
 * WL-4: every container runs with an effective runAsNonRoot of true (its own field, else the
 * pod's), neither the pod nor any container sets runAsUser 0, and the pod never sets runAsNonRoot
 * false (PSS Restricted: the pod-level field allows only true, whatever the containers set).
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const k8sPodRunAsNonRoot = resourcePolicy({
    name: "k8s-pod-run-as-non-root",
    description:
        "Every container must run as non-root: securityContext.runAsNonRoot is true on the container or, when the " +
        "container does not set it, on the pod; the pod never sets it to false; runAsUser is never 0. References: Pod Security Standards Restricted " +
        "'Running as Non-root' and 'Running as Non-root user'; CIS Amazon EKS Benchmark 4.2.6; NSA/CISA Kubernetes " +
        "Hardening Guide 'Use containers built to run applications as non-root users'.",
    severity: "high",
    controls: ["WL-4"],
    scopeControls: ["WL-13"],
    remediationSteps:
        "Set spec.securityContext.runAsNonRoot: true on the pod (or on every container), run the image as a non-zero " +
        "UID, and remove runAsUser: 0.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            const podContext = podSecurityContextOf(pod);
            if (podContext.runAsUser === 0) {
                report(`${atPod(pod)}: securityContext.runAsUser is 0 (root); set a non-zero UID.`);
            }
            let inheritedFalse = false;
            for (const container of pod.containers) {
                const own = securityContextOf(container);
                if (own.runAsUser === 0) {
                    report(`${atContainer(container)}: securityContext.runAsUser is 0 (root); set a non-zero UID.`);
                }
                const nonRoot = effectiveSecurityField(pod, container, "runAsNonRoot");
                if (nonRoot.value === true) {
                    continue;
                }
                if (nonRoot.setAt !== undefined) {
                    inheritedFalse ||= nonRoot.setAt === `${pod.path}.securityContext.runAsNonRoot`;
                    report(`${atContainer(container)}: ${nonRoot.setAt} is ${JSON.stringify(nonRoot.value)}; set it to true.`);
                } else if (!pod.owner.partial) {
                    report(
                        `${atContainer(container)}: runAsNonRoot is not set on the container or the pod (the image may run as root); ` +
                            "set securityContext.runAsNonRoot to true.",
                    );
                }
            }
            // PSS Restricted allows only true at the pod level: an explicit false is forbidden even
            // when every container overrides it with true (pod-security-admission's runAsNonRoot check).
            const podNonRoot = podContext.runAsNonRoot;
            if (!inheritedFalse && podNonRoot !== undefined && podNonRoot !== null && podNonRoot !== true) {
                report(
                    `${atPod(pod)}: securityContext.runAsNonRoot is ${JSON.stringify(podNonRoot)}; set it to true (the Pod Security ` +
                        "Standards forbid false on the pod even where every container sets true).",
                );
            }
        }
    },
});
