import { booleanOf, isRecord, listOf, show } from "../../lib/aws-props";
import { ec2Instance, ec2LaunchConfiguration, ec2LaunchTemplate, ec2SpotInstanceRequest } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NET-2: nodes and the access host get no public IP. An explicit `associatePublicIpAddress`
 * true (instance, spot request, launch configuration) or "true" (a launch template network
 * interface, where the provider uses strings) is a violation; unset defers to the subnet, which
 * subnet-no-public-ip-on-launch checks.
 */
export const ec2InstanceNoPublicIp = resourcePolicy({
    name: "ec2-instance-no-public-ip",
    description:
        "EC2 instances, spot requests, launch templates and launch configurations do not request a public IP address. CIS Amazon EKS Benchmark 5.4.3 (private nodes); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "high",
    controls: ["NET-2"],
    remediationSteps:
        "Remove associatePublicIpAddress (or set it to false) and place the instances in private subnets; reach them through SSM.",
    resourceTypes: [ec2Instance, ec2SpotInstanceRequest, ec2LaunchTemplate, ec2LaunchConfiguration],
    validate: ({ type, props }, report) => {
        if (type === ec2LaunchTemplate) {
            listOf(props.networkInterfaces).forEach((networkInterface, index) => {
                if (isRecord(networkInterface) && booleanOf(networkInterface.associatePublicIpAddress) === true) {
                    report(
                        `networkInterfaces[${index}].associatePublicIpAddress is ${show(networkInterface.associatePublicIpAddress)}; set it to "false" (nodes stay in private subnets).`,
                    );
                }
            });
            return;
        }
        if (booleanOf(props.associatePublicIpAddress) === true) {
            report(`associatePublicIpAddress is ${show(props.associatePublicIpAddress)}; set it to false and use a private subnet.`);
        }
    },
});
