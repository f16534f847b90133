import { displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { persistentVolumeTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * WL-3 through claims: a pod may mount only restricted volume types, persistentVolumeClaim among
 * them, but a claim bound to a PersistentVolume with `spec.hostPath` mounts the node's filesystem
 * just as a hostPath volume in the pod would (the Pod Security Standards judge only the pod, so
 * this is the gap they leave). Patches are judged on what they set. `local` PersistentVolumes are
 * left alone: they need node affinity and name a disk the cluster operator dedicated to them.
 * https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
 */
export const k8sPersistentVolumeNoHostPath = resourcePolicy({
    name: "k8s-persistent-volume-no-host-path",
    description:
        "No PersistentVolume uses spec.hostPath: a claim bound to it mounts the node's filesystem into the pod. References: " +
        "Kubernetes 'Volumes: hostPath' (security warning); Pod Security Standards Baseline 'HostPath Volumes'.",
    severity: "high",
    controls: ["WL-3"],
    remediationSteps: "Provision the volume through a CSI StorageClass (EBS, EFS) instead of a hostPath PersistentVolume.",
    resourceTypes: persistentVolumeTypes,
    validate: ({ type, name, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const spec = objectOf(object.object.spec);
            if (spec === undefined || spec.hostPath === undefined || spec.hostPath === null) {
                continue;
            }
            const volumeName = displayName(() => object.object.metadata?.name, name);
            const path = displayName(() => objectOf(spec.hostPath)?.path, "?");
            report(
                `persistent volume "${volumeName}" (${object.path}spec.hostPath): mounts the node path ${JSON.stringify(path)} into ` +
                    "every pod that claims it; use a CSI StorageClass (EBS, EFS) instead.",
            );
        }
    },
});
