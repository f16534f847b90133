import { objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { annotationsOf, atContainer, atPod, podSecurityContextOf, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

const allowedTypes = ["RuntimeDefault", "Localhost"];
const annotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

/** WL-7 (AppArmor): no Unconfined (or unknown) AppArmor profile in the fields or the beta annotations. */
export const k8sPodApparmorProfile = resourcePolicy({
    name: "k8s-pod-apparmor-profile",
    description:
        "No pod or container overrides the default AppArmor profile with Unconfined: appArmorProfile.type is unset, " +
        "RuntimeDefault or Localhost, and the container.apparmor.security.beta.kubernetes.io/* annotations are unset, " +
        "runtime/default or localhost/*. References: Pod Security Standards Baseline 'AppArmor'; NSA/CISA Kubernetes " +
        "Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-7"],
    scopeControls: ["WL-13"],
    remediationSteps: "Remove Unconfined AppArmor profiles and annotations, or set appArmorProfile.type to RuntimeDefault.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            const annotations = annotationsOf(pod);
            for (const key of Object.keys(annotations)) {
                if (!key.startsWith(annotationPrefix)) {
                    continue;
                }
                const value = annotations[key];
                if (value !== "runtime/default" && !(typeof value === "string" && value.startsWith("localhost/"))) {
                    report(
                        `pod (${pod.metadataPath}): annotation ${key} is ${JSON.stringify(value)}; set it to runtime/default ` +
                            "or localhost/<profile>, or remove it.",
                    );
                }
            }
            const podType = objectOf(podSecurityContextOf(pod).appArmorProfile)?.type;
            if (podType !== undefined && podType !== null && !allowedTypes.includes(podType)) {
                report(
                    `${atPod(pod)}: securityContext.appArmorProfile.type is ${JSON.stringify(podType)}; set it to RuntimeDefault or Localhost.`,
                );
            }
            for (const container of pod.containers) {
                const ownType = objectOf(securityContextOf(container).appArmorProfile)?.type;
                if (ownType !== undefined && ownType !== null && !allowedTypes.includes(ownType)) {
                    report(
                        `${atContainer(container)}: securityContext.appArmorProfile.type is ${JSON.stringify(ownType)}; ` +
                            "set it to RuntimeDefault or Localhost.",
                    );
                }
            }
        }
    },
});
