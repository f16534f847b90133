import { booleanOf, isRecord, listOf, referenceSet, runChecks, show } from "../../lib/aws-props";
import { ec2LaunchTemplate } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-3: node launch templates encrypt every EBS volume with KMS. The provider sends
 * `ebs.encrypted` as a string ("true"); unset is unencrypted (unless the snapshot is). Without
 * `blockDeviceMappings` the root volume is the AMI's snapshot as is. Instance-store
 * (`virtualName`) and suppressed (`noDevice`) mappings carry no EBS volume. SEC-3 asks for KMS
 * encryption, which the AWS managed aws/ebs key also gives, so `kmsKeyId` is not required (as in
 * ebs-volume-encrypted and ec2-instance-ebs-encrypted); a customer-managed key is recommended.
 */
export const launchTemplateEbsEncrypted = resourcePolicy({
    name: "launch-template-ebs-encrypted",
    description:
        'Launch templates map every EBS volume with ebs.encrypted "true" (KMS; a customer-managed ebs.kmsKeyId is recommended). AWS Foundational Security Best Practices EC2.3 (EBS volumes encrypted at rest).',
    severity: "high",
    controls: ["SEC-3"],
    remediationSteps:
        'Add blockDeviceMappings for the root device (e.g. "/dev/xvda") with ebs: { encrypted: "true", kmsKeyId: key.arn, volumeType: "gp3" }.',
    example:
        'blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: ebsKey.arn, volumeSize: 50, volumeType: "gp3" } }]',
    resourceTypes: [ec2LaunchTemplate],
    validate: ({ props }, report) => {
        const mappings = listOf(props.blockDeviceMappings);
        if (mappings.length === 0) {
            report(
                'blockDeviceMappings is unset (the root volume is as unencrypted as the AMI snapshot); map the root device with ebs.encrypted "true".',
            );
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
            }),
        );
    },
});
