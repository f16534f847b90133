import { show } from "../../lib/aws-props";
import { displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { storageClassTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * Provisioners that create EBS volumes: the EBS CSI driver, its EKS Auto Mode build, and the
 * legacy in-tree plugin (migrated to the CSI driver, which reads the same parameters).
 */
export const ebsProvisioners: readonly string[] = ["ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs"];

/**
 * SEC-8: every EBS StorageClass encrypts its volumes (`parameters.encrypted: "true"`). Only the
 * exact string "true" is accepted: released EBS CSI driver versions compare it literally
 * (`if value == "true"`), so "True" or "yes" silently create unencrypted volumes. A `kmsKeyId`
 * without `encrypted` does not encrypt (the key is only used when encrypted is "true"). Account
 * encryption by default would still encrypt, but a resource policy cannot see the account, and
 * SEC-8 asks each StorageClass to say so. `*Patch` objects are judged on the fields they set.
 */
export const k8sStorageClassEbsEncrypted = resourcePolicy({
    name: "k8s-storage-class-ebs-encrypted",
    description:
        'StorageClasses of ebs.csi.aws.com, ebs.csi.eks.amazonaws.com and kubernetes.io/aws-ebs set parameters.encrypted "true" (a customer-managed parameters.kmsKeyId is recommended). AWS Foundational Security Best Practices EC2.3 (EBS volumes encrypted at rest); Amazon EBS CSI driver parameters.',
    severity: "high",
    controls: ["SEC-8"],
    remediationSteps: 'Set parameters: { type: "gp3", encrypted: "true", kmsKeyId: <EBS key ARN> } on the StorageClass.',
    example: 'provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true", kmsKeyId: ebsKey.arn }',
    resourceTypes: storageClassTypes,
    validate: ({ type, name, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const provisioner = object.object.provisioner;
            if (typeof provisioner !== "string" || !ebsProvisioners.includes(provisioner)) {
                continue;
            }
            const parameters = objectOf(object.object.parameters);
            const encrypted = parameters?.encrypted;
            if (encrypted === "true" || (object.partial && encrypted === undefined)) {
                continue;
            }
            const where = `StorageClass "${displayName(() => object.object.metadata?.name, name)}" (${provisioner})`;
            const value =
                encrypted === undefined
                    ? parameters?.kmsKeyId !== undefined
                        ? "unset (a kmsKeyId alone does not encrypt)"
                        : "unset (volumes are created unencrypted)"
                    : show(encrypted);
            report(`${where}: ${object.path}parameters.encrypted is ${value}; set it to the string "true" with kmsKeyId of the EBS key.`);
        }
    },
});
