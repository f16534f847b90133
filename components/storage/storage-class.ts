/**
 * The default StorageClass (SEC-8): encrypted gp3 with the EBS key.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The EBS CSI driver's provisioner, and Auto Mode's own. */
export type EbsProvisioner = "ebs.csi.aws.com" | "ebs.csi.eks.amazonaws.com";

/** Name of the baseline's default StorageClass. */
export const DEFAULT_STORAGE_CLASS_NAME = "gp3-encrypted";

/**
 * The StorageClass as the Kubernetes API takes it:
 * - `parameters.encrypted: "true"` with `kmsKeyId` the EBS key: every volume encrypted with the
 *   customer-managed key (a string, as CSI parameters are strings).
 * - `volumeBindingMode: WaitForFirstConsumer`: the volume is created in the zone of the pod's node.
 * - `allowVolumeExpansion: true`, `reclaimPolicy: Delete`.
 * - the default-class annotation, so a claim without a class gets this one.
 * See https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md and
 * https://docs.aws.amazon.com/eks/latest/userguide/create-storage-class.html (Auto Mode provisioner)
 */
export function defaultStorageClass(provisioner: EbsProvisioner, ebsKeyArn: pulumi.Input<string>) {
    return {
        metadata: {
            name: DEFAULT_STORAGE_CLASS_NAME,
            annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
        },
        provisioner,
        parameters: { type: "gp3", encrypted: "true", kmsKeyId: ebsKeyArn },
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
        reclaimPolicy: "Delete",
    };
}
