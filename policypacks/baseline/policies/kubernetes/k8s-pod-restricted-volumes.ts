import { arrayOf, displayName, objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atPod, podSpecsOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/** The volume sources the Pod Security Standards "restricted" profile allows. */
export const restrictedVolumeTypes: readonly string[] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/** WL-3: only restricted volume types; hostPath is named explicitly in the message. */
export const k8sPodRestrictedVolumes = resourcePolicy({
    name: "k8s-pod-restricted-volumes",
    description:
        "Pod volumes use only the restricted volume types (configMap, csi, downwardAPI, emptyDir, ephemeral, " +
        "persistentVolumeClaim, projected, secret); never hostPath. References: Pod Security Standards Baseline " +
        "'HostPath Volumes' and Restricted 'Volume Types'; NSA/CISA Kubernetes Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-3"],
    scopeControls: ["WL-13"],
    remediationSteps:
        "Replace hostPath and other node- or cloud-specific volumes with a persistentVolumeClaim, emptyDir, " +
        "configMap, secret, projected or csi volume.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            arrayOf(pod.spec.volumes).forEach((entry, index) => {
                const volume = objectOf(entry);
                if (volume === undefined) {
                    return;
                }
                // Only the key names are read: a source whose content is unknown is still that source.
                for (const source of Object.keys(volume)) {
                    if (source === "name" || restrictedVolumeTypes.includes(source)) {
                        continue;
                    }
                    const name = displayName(() => volume.name, `#${index}`);
                    const fix =
                        source === "hostPath"
                            ? "hostPath exposes the node's filesystem; use a persistentVolumeClaim, emptyDir or csi volume instead"
                            : `use one of ${restrictedVolumeTypes.join(", ")}`;
                    report(`${atPod(pod)}: volumes[${index}] "${name}" uses ${source}; ${fix}.`);
                }
            });
        }
    },
});
