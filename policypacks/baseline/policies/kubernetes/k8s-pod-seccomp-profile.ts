import { objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { annotationsOf, atContainer, atPod, isWindowsPod, podSecurityContextOf, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

const allowedTypes = ["RuntimeDefault", "Localhost"];
const podAnnotation = "seccomp.security.alpha.kubernetes.io/pod";
const containerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/";

/** Values the pre-1.19 seccomp annotations may hold (PSS Baseline); anything else, e.g. "unconfined", is forbidden. */
function allowedAnnotationValue(value: unknown): boolean {
    return value === "runtime/default" || value === "docker/default" || (typeof value === "string" && value.startsWith("localhost/"));
}

/**
 * WL-7 (seccomp): every container's effective seccompProfile.type (its own, else the pod's) is
 * RuntimeDefault or Localhost; Unconfined is forbidden wherever it is set, including the legacy
 * annotations. The annotations no longer apply a profile (ignored since Kubernetes 1.27), so a
 * "runtime/default" annotation does not satisfy the requirement; only the fields do.
 */
export const k8sPodSeccompProfile = resourcePolicy({
    name: "k8s-pod-seccomp-profile",
    description:
        "Every container runs under a RuntimeDefault or Localhost seccomp profile, set on the container or the pod; " +
        "Unconfined is never allowed (fields or legacy annotations). Windows pods are exempt from the requirement, as " +
        "in the standard. References: Pod Security Standards Baseline 'Seccomp' and Restricted 'Seccomp'; " +
        "CIS Amazon EKS Benchmark 4.6.2 (seccomp RuntimeDefault); NSA/CISA Kubernetes Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-7"],
    scopeControls: ["WL-13"],
    remediationSteps:
        "Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod and remove any Unconfined profile or annotation.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            const annotations = annotationsOf(pod);
            for (const key of Object.keys(annotations)) {
                if (key !== podAnnotation && !key.startsWith(containerAnnotationPrefix)) {
                    continue;
                }
                const value = annotations[key];
                if (!allowedAnnotationValue(value)) {
                    report(
                        `pod (${pod.metadataPath}): annotation ${key} is ${JSON.stringify(value)}; remove it and set ` +
                            "securityContext.seccompProfile.type to RuntimeDefault.",
                    );
                }
            }
            const podType = objectOf(podSecurityContextOf(pod).seccompProfile)?.type;
            const podTypeSet = podType !== undefined && podType !== null;
            if (podTypeSet && !allowedTypes.includes(podType)) {
                report(
                    `${atPod(pod)}: securityContext.seccompProfile.type is ${JSON.stringify(podType)}; set it to RuntimeDefault or Localhost.`,
                );
            }
            const windows = isWindowsPod(pod);
            for (const container of pod.containers) {
                const ownType = objectOf(securityContextOf(container).seccompProfile)?.type;
                if (ownType !== undefined && ownType !== null) {
                    if (!allowedTypes.includes(ownType)) {
                        report(
                            `${atContainer(container)}: securityContext.seccompProfile.type is ${JSON.stringify(ownType)}; ` +
                                "set it to RuntimeDefault or Localhost.",
                        );
                    }
                } else if (!podTypeSet && !windows && !pod.owner.partial) {
                    report(
                        `${atContainer(container)}: seccompProfile is not set on the container or the pod (runs Unconfined); ` +
                            "set securityContext.seccompProfile.type to RuntimeDefault.",
                    );
                }
            }
        }
    },
});
