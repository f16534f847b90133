import { booleanOf, show } from "../../lib/aws-props";
import { ebsEncryptionByDefault, ebsVolume } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-3: standalone EBS volumes are encrypted. `encrypted` defaults to false; the account-wide
 * "encryption by default" setting would encrypt it anyway, but a resource policy cannot see the
 * account, so the volume must say so itself. aws.ebs.EncryptionByDefault may not turn the
 * account setting off (its `enabled` defaults to true).
 */
export const ebsVolumeEncrypted = resourcePolicy({
    name: "ebs-volume-encrypted",
    description:
        "EBS volumes are encrypted (encrypted true), and account-wide EBS encryption by default is never turned off. AWS Foundational Security Best Practices EC2.3 (EBS volumes encrypted at rest).",
    severity: "high",
    controls: ["SEC-3"],
    // SEC-8: account-level encryption by default is the persistent-volume backstop too.
    scopeControls: ["SEC-8"],
    remediationSteps: "Set encrypted: true and kmsKeyId to a customer-managed KMS key ARN; keep aws.ebs.EncryptionByDefault enabled.",
    resourceTypes: [ebsVolume, ebsEncryptionByDefault],
    validate: ({ type, props }, report) => {
        if (type === ebsEncryptionByDefault) {
            if (booleanOf(props.enabled) === false) {
                report("enabled is false (new EBS volumes in the region are not encrypted by default); set it to true.");
            }
            return;
        }
        if (booleanOf(props.encrypted) !== true) {
            const value = props.encrypted === undefined ? "unset (default: false)" : show(props.encrypted);
            report(`encrypted is ${value}; set it to true with kmsKeyId of a customer-managed KMS key.`);
        }
    },
});
