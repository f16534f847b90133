import { booleanOf, isRecord, listOf, referenceSet, runChecks, show } from "../../lib/aws-props";
import { ec2Instance, ec2LaunchConfiguration, ec2SpotInstanceRequest } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-3: the volumes of instances, spot requests and launch configurations (the access host) are
 * encrypted. `encrypted` defaults to false on both `rootBlockDevice` and `ebsBlockDevices`; an
 * unset `rootBlockDevice` leaves the root volume as the AMI's snapshot has it (unencrypted for
 * public AMIs), unless the instance takes its devices from a launch template.
 */
export const ec2InstanceEbsEncrypted = resourcePolicy({
    name: "ec2-instance-ebs-encrypted",
    description:
        "EC2 instances, spot requests and launch configurations encrypt their root and EBS block devices (encrypted true). AWS Foundational Security Best Practices EC2.3 (EBS volumes encrypted at rest).",
    severity: "high",
    controls: ["SEC-3"],
    remediationSteps: "Set rootBlockDevice: { encrypted: true, kmsKeyId } and encrypted: true on every ebsBlockDevices entry.",
    example: 'rootBlockDevice: { encrypted: true, kmsKeyId: ebsKey.arn, volumeType: "gp3" }',
    resourceTypes: [ec2Instance, ec2SpotInstanceRequest, ec2LaunchConfiguration],
    validate: ({ props }, report) => {
        runChecks(
            () => {
                const root = props.rootBlockDevice;
                if (!isRecord(root)) {
                    if (!referenceSet(props, "launchTemplate")) {
                        report(
                            "rootBlockDevice is unset (the root volume is as unencrypted as the AMI snapshot); set rootBlockDevice.encrypted to true.",
                        );
                    }
                } else if (booleanOf(root.encrypted) !== true) {
                    const value = root.encrypted === undefined ? "unset (default: false)" : show(root.encrypted);
                    report(`rootBlockDevice.encrypted is ${value}; set it to true.`);
                }
            },
            ...listOf(props.ebsBlockDevices).map((device, index) => () => {
                if (isRecord(device) && booleanOf(device.encrypted) !== true) {
                    const value = device.encrypted === undefined ? "unset (default: false)" : show(device.encrypted);
                    report(`ebsBlockDevices[${index}].encrypted is ${value}; set it to true.`);
                }
            }),
        );
    },
});
