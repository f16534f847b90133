import { booleanOf, isRecord, listOf, referenceSet, runChecks, show } from "../../lib/aws-props";
import { ec2LaunchTemplate } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-3: node launch templates encrypt every EBS volume with a customer-managed KMS key. The
 * provider sends `ebs.encrypted` as a string ("true"); unset is unencrypted (unless the snapshot
 * is). Without `blockDeviceMappings` the root volume is the AMI's snapshot as is. Instance-store
 * (`virtualName`) and suppressed (`noDevice`) mappings carry no EBS volume. `kmsKeyId` is a
 * reference: only its presence is tested.
 */
export const launchTemplateEbsEncrypted = resourcePolicy({
    name: "launch-template-ebs-encrypted",
    description:
        'Launch templates map every EBS volume with ebs.encrypted "true" and ebs.kmsKeyId of a customer-managed KMS key. AWS Foundational Security Best Practices EC2.3 (EBS volumes encrypted at rest).',
    severity: "high",
    controls: ["SEC-3"],
    remediationSteps: 'Add blockDeviceMappings for the root device (e.g. "/dev/xvda") with ebs: { encrypted: "true", kmsKeyId: key.arn, volumeType: "gp3" }.',
    example: 'blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: ebsKey.arn, volumeSize: 50, volumeType: "gp3" } }]',
    resourceTypes: [ec2LaunchTemplate],
    validate: ({ props }, report) => {
        const mappings = listOf(props.blockDeviceMappings);
        if (mappings.length === 0) {
            report("blockDeviceMappings is unset (the root volume is as unencrypted as the AMI snapshot); map the root device with ebs.encrypted \"true\" and ebs.kmsKeyId.");
            return;
        }
        runChecks(
            ...mappings.map((mapping, index) => () => {
                if (!isRecord(mapping) || referenceSet(mapping, "virtualName") || referenceSet(mapping, "noDevice")) {
                    return;
                }
                const ebs = isRecord(mapping.ebs) ? mapping.ebs : {};
                if (booleanOf(ebs.encrypted) !== true) {
                    const value = ebs.encrypted === undefined ? "unset (default: false)" : show(ebs.encrypted);
                    report(`blockDeviceMappings[${index}].ebs.encrypted is ${value}; set it to "true".`);
                }
                if (!referenceSet(ebs, "kmsKeyId")) {
                    report(`blockDeviceMappings[${index}].ebs.kmsKeyId is unset (AWS managed aws/ebs key); set it to a customer-managed KMS key ARN.`);
                }
            }),
        );
    },
});
