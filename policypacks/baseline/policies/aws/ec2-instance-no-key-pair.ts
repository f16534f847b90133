import { referenceSet } from "../../lib/aws-props";
import { ec2Instance, ec2LaunchConfiguration, ec2LaunchTemplate, ec2SpotInstanceRequest } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * IAM-1: humans reach hosts through SSM Session Manager only, so no EC2 key pair is installed on
 * instances or nodes. `keyName` is a reference: its presence is the violation, even when unknown.
 * Inbound SSH/RDP from anywhere is security-group-no-ingress-from-anywhere (NET-4); node group
 * remoteAccess is eks-node-group-no-remote-access (NODE-2).
 */
export const ec2InstanceNoKeyPair = resourcePolicy({
    name: "ec2-instance-no-key-pair",
    description:
        "EC2 instances, spot requests, launch templates and launch configurations install no SSH key pair (keyName unset); access goes through SSM Session Manager. NSA/CISA Kubernetes Hardening Guide, Authentication and authorization.",
    severity: "high",
    controls: ["IAM-1"],
    remediationSteps: "Remove keyName; give the instance role AmazonSSMManagedInstanceCore and connect with `aws ssm start-session`.",
    resourceTypes: [ec2Instance, ec2SpotInstanceRequest, ec2LaunchTemplate, ec2LaunchConfiguration],
    validate: ({ props }, report) => {
        if (referenceSet(props, "keyName")) {
            report("keyName is set (SSH key pair); remove it and reach the host through SSM Session Manager.");
        }
    },
});
