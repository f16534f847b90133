import { UnknownValueError } from "@pulumi/policy";
import { familiesCoveredByUnion, isAnywhere } from "../../lib/cidr";
import { isRecord, listOf, runChecks, show } from "../../lib/aws-props";
import { ec2SecurityGroup, ec2SecurityGroupRule, vpcSecurityGroupIngressRule } from "../../lib/aws-types";
import { Props, resourcePolicy } from "../../lib/policy";

/** "tcp 22-22" / "all traffic"; ports are context only, so an unknown port is not a reason to stop. */
function portsOf(rule: Props, protocolKey: string): string {
    try {
        const protocol = rule[protocolKey];
        if (protocol === "-1" || protocol === -1 || protocol === "all") {
            return "all traffic";
        }
        const from = rule.fromPort;
        const to = rule.toPort;
        return from === to ? `${String(protocol)} ${String(from)}` : `${String(protocol)} ${String(from)}-${String(to)}`;
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return "ports unknown";
        }
        throw error;
    }
}

const fix = "allow only known CIDRs, prefix lists or security groups (use an SSM or load-balancer path for public traffic).";

/** Reports /0 entries of the listed CIDR fields, and lists whose entries together cover a family. */
function checkCidrLists(rule: Props, path: string, fields: string[], ports: string, report: (message: string) => void): void {
    const all: unknown[] = [];
    let anywhere = false;
    for (const field of fields) {
        for (const cidr of listOf(rule[field])) {
            all.push(cidr);
            if (isAnywhere(cidr)) {
                anywhere = true;
                report(`${path}${field} contains ${show(cidr)} (${ports}), ingress from anywhere; ${fix}`);
            }
        }
    }
    if (!anywhere) {
        for (const family of familiesCoveredByUnion(all)) {
            report(`${path}${fields.join("/")} together cover every IPv${family} address (${ports}), ingress from anywhere; ${fix}`);
        }
    }
}

/**
 * NET-4: no security group ingress from 0.0.0.0/0 or ::/0, wherever the rule is declared: inline
 * `ingress` of aws.ec2.SecurityGroup, aws.ec2.SecurityGroupRule of type "ingress", and
 * aws.vpc.SecurityGroupIngressRule. Any prefix length 0 counts, and so do blocks that together
 * cover the whole space (0.0.0.0/1 + 128.0.0.0/1). Rules referencing groups or prefix lists pass.
 */
export const securityGroupNoIngressFromAnywhere = resourcePolicy({
    name: "security-group-no-ingress-from-anywhere",
    description:
        "Security group ingress is never open to 0.0.0.0/0 or ::/0 (inline rules, SecurityGroupRule and VPC SecurityGroupIngressRule; IPv4 and IPv6). CIS Amazon EKS Benchmark 5.4 (cluster networking); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "critical",
    controls: ["NET-4"],
    remediationSteps:
        "Replace 0.0.0.0/0 and ::/0 with the CIDRs, prefix lists or security groups that need access; reach hosts through SSM instead of SSH/RDP.",
    resourceTypes: [ec2SecurityGroup, ec2SecurityGroupRule, vpcSecurityGroupIngressRule],
    validate: ({ type, props }, report) => {
        if (type === ec2SecurityGroup) {
            runChecks(
                ...listOf(props.ingress).map((rule, index) => () => {
                    if (isRecord(rule)) {
                        checkCidrLists(rule, `ingress[${index}].`, ["cidrBlocks", "ipv6CidrBlocks"], portsOf(rule, "protocol"), report);
                    }
                }),
            );
            return;
        }
        if (type === ec2SecurityGroupRule) {
            if (props.type !== "ingress") {
                return;
            }
            checkCidrLists(props, "", ["cidrBlocks", "ipv6CidrBlocks"], portsOf(props, "protocol"), report);
            return;
        }
        const ports = portsOf(props, "ipProtocol");
        runChecks(
            () => {
                if (isAnywhere(props.cidrIpv4)) {
                    report(`cidrIpv4 is ${show(props.cidrIpv4)} (${ports}), ingress from anywhere; ${fix}`);
                }
            },
            () => {
                if (isAnywhere(props.cidrIpv6)) {
                    report(`cidrIpv6 is ${show(props.cidrIpv6)} (${ports}), ingress from anywhere; ${fix}`);
                }
            },
        );
    },
});
