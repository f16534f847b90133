import { UnknownValueError } from "@pulumi/policy";
import { booleanOf, isRecord, listOf, referenceSet, show } from "../../lib/aws-props";
import {
    ec2Eip,
    ec2EipAssociation,
    ec2Instance,
    ec2LaunchConfiguration,
    ec2LaunchTemplate,
    ec2SpotInstanceRequest,
} from "../../lib/aws-types";
import { Props, resourcePolicy } from "../../lib/policy";

/** True when the list property holds at least one entry; an unknown list counts as set (it is a reference). */
function nonEmptyList(props: Props, key: string): boolean {
    if (!(key in props)) {
        return false;
    }
    try {
        return listOf(props[key]).length > 0;
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return true;
        }
        throw error;
    }
}

/**
 * True when the instance names where it lands: a subnet, a network interface (whose subnet is
 * its own), or a launch template (which may carry either). With none of them EC2 starts it in
 * the default subnet of the default VPC, whose subnets map public IPs on launch
 * (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html: "a public IPv4 address").
 */
function placed(props: Props): boolean {
    return (
        referenceSet(props, "subnetId") ||
        referenceSet(props, "primaryNetworkInterface") ||
        nonEmptyList(props, "networkInterfaces") ||
        referenceSet(props, "launchTemplate")
    );
}

const eipFix = "reach the host through SSM, or put public traffic behind a load balancer in a public subnet.";

/**
 * NET-2: nodes and the access host get no public IP. An explicit `associatePublicIpAddress`
 * true (instance, spot request, launch configuration) or "true" (a launch template network
 * interface, where the provider uses strings) is a violation; unset defers to the subnet, which
 * subnet-no-public-ip-on-launch checks. An instance or spot request placed nowhere (no subnet,
 * network interface or launch template) lands in the default subnet, which maps public IPs, so
 * it must say `associatePublicIpAddress: false`. An Elastic IP bound to an instance or network
 * interface (aws.ec2.Eip `instance`/`networkInterface`, any aws.ec2.EipAssociation) gives it a
 * public address whatever the subnet says; an unbound Eip (a NAT gateway's) passes.
 */
export const ec2InstanceNoPublicIp = resourcePolicy({
    name: "ec2-instance-no-public-ip",
    description:
        "EC2 instances, spot requests, launch templates and launch configurations do not request a public IP address, instances do not land in the default subnet, and no Elastic IP is attached to an instance or network interface. CIS Amazon EKS Benchmark 5.4.3 (private nodes); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "high",
    controls: ["NET-2"],
    remediationSteps:
        "Remove associatePublicIpAddress (or set it to false), place the instances in private subnets (subnetId), and attach no Elastic IP to them; reach them through SSM.",
    resourceTypes: [ec2Instance, ec2SpotInstanceRequest, ec2LaunchTemplate, ec2LaunchConfiguration, ec2Eip, ec2EipAssociation],
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
        if (type === ec2Eip) {
            for (const field of ["instance", "networkInterface"]) {
                if (referenceSet(props, field)) {
                    report(`${field} is set, so this Elastic IP gives it a public address; remove ${field} and ${eipFix}`);
                }
            }
            return;
        }
        if (type === ec2EipAssociation) {
            const target = referenceSet(props, "instanceId") ? "instanceId" : "networkInterfaceId";
            report(
                `this EipAssociation binds an Elastic IP to ${target}, giving it a public address; remove the association and ${eipFix}`,
            );
            return;
        }
        const requested = booleanOf(props.associatePublicIpAddress);
        if (requested === true) {
            report(`associatePublicIpAddress is ${show(props.associatePublicIpAddress)}; set it to false and use a private subnet.`);
            return;
        }
        if (type !== ec2LaunchConfiguration && requested === undefined && !placed(props)) {
            report(
                "subnetId, networkInterfaces and launchTemplate are unset, so the instance lands in the default subnet, which maps public IPs; set subnetId to a private subnet (or associatePublicIpAddress to false).",
            );
        }
    },
});
