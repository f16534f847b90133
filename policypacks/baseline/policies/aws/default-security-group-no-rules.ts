import { listOf } from "../../lib/aws-props";
import { ec2DefaultSecurityGroup } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NET-4: the default security group of every VPC has no rules. Declaring
 * aws.ec2.DefaultSecurityGroup adopts the group and removes every rule not listed, so the
 * compliant form lists none; anything that lands in it by default then gets no traffic.
 */
export const defaultSecurityGroupNoRules = resourcePolicy({
    name: "default-security-group-no-rules",
    description:
        "The VPC default security group has no ingress and no egress rules. CIS AWS Foundations Benchmark 5.4 (default security group restricts all traffic); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "high",
    controls: ["NET-4"],
    remediationSteps:
        "Declare aws.ec2.DefaultSecurityGroup for the VPC with no ingress and no egress, and attach purpose-made groups instead.",
    example: 'new aws.ec2.DefaultSecurityGroup("default", { vpcId: vpc.id }); // no rules: all traffic denied',
    resourceTypes: [ec2DefaultSecurityGroup],
    validate: ({ props }, report) => {
        for (const field of ["ingress", "egress"]) {
            const rules = listOf(props[field]);
            if (rules.length > 0) {
                report(
                    `${field} has ${rules.length} rule${rules.length === 1 ? "" : "s"}; remove every rule from the default security group.`,
                );
            }
        }
    },
});
