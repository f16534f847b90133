import { familiesCoveredByUnion, parseCidr } from "../../lib/cidr";
import { stackPolicy } from "../../lib/policy";
import { PlanIndex, describe } from "./plan";
import { GroupEntry, IngressSource, gatherGroups, prefixListCidrs, securityGroupTypes } from "./security-groups";

/** Every type this policy reads, for the AWS type-coverage test. */
export const securityGroupUnionTypes: readonly string[] = Object.values(securityGroupTypes);

const fix = "allow only known CIDRs, prefix lists or security groups (use an SSM or load-balancer path for public traffic).";

function sourceLabel(source: IngressSource): string {
    return source.field === "" ? describe(source.resource) : `${describe(source.resource)} ${source.field}`;
}

function familyOf(cidr: unknown): 4 | 6 | undefined {
    return parseCidr(cidr)?.version;
}

/** Reports the families the group's sources cover together but no single source covers alone. */
function judgeUnion(group: GroupEntry, lists: ReturnType<typeof prefixListCidrs>, report: (message: string, urn?: string) => void): void {
    // The engine sends AnalyzeStack's resources in no fixed order: sort, so the finding is the same whatever it was.
    const sources = [...group.sources].sort((a, b) => (a.resource.urn < b.resource.urn ? -1 : a.resource.urn > b.resource.urn ? 1 : 0));
    const contributions = sources.map((source) => {
        const viaLists = source.prefixLists.flatMap((key) => {
            const list = lists.get(key);
            return list === undefined ? [] : [{ list, label: list.owner ? describe(list.owner) : key.replace(/^(id|urn):/, "") }];
        });
        return {
            source,
            viaLists,
            all: [...source.cidrs, ...viaLists.flatMap(({ list }) => list.cidrs)],
        };
    });
    // A single rule that is open on its own is security-group-no-ingress-from-anywhere's finding.
    const aloneCovered = new Set(contributions.flatMap(({ source }) => familiesCoveredByUnion(source.cidrs)));
    const union = familiesCoveredByUnion(contributions.flatMap(({ all }) => all));
    for (const family of union.filter((covered) => !aloneCovered.has(covered))) {
        const parts = contributions
            .filter(({ all }) => all.some((cidr) => familyOf(cidr) === family))
            .map(({ source, viaLists }) => {
                const lists = viaLists.filter(({ list }) => list.cidrs.some((cidr) => familyOf(cidr) === family));
                return lists.length === 0
                    ? sourceLabel(source)
                    : `${sourceLabel(source)} (prefix list ${lists.map(({ label }) => label).join(", ")})`;
            });
        report(
            `${group.label}: ingress from ${parts.join(" + ")} together covers every IPv${family} address, ingress from anywhere; ${fix}`,
            group.owner?.urn ?? sources[0].resource.urn,
        );
    }
}

/**
 * NET-4 across resources: what applies to one security group is judged together. A group is
 * open to the world when its inline rules, its aws.ec2.SecurityGroupRule and
 * aws.vpc.SecurityGroupIngressRule resources, and the entries of the managed prefix lists they
 * reference (inline `entries` and aws.ec2.ManagedPrefixListEntry resources) cover every IPv4 or
 * IPv6 address between them (0.0.0.0/1 + 128.0.0.0/1 split over two rules). Ports are not
 * compared: halves on different ports still open each to half the internet. Rules find their
 * group by the securityGroupId value or, while it is unknown, by its dependency edge. An
 * ingress rule resource attached to a VPC's default security group (aws.ec2.DefaultSecurityGroup,
 * or a VPC's defaultSecurityGroupId) is refused outright: that group must hold no rules.
 */
export const securityGroupUnionNoIngressFromAnywhere = stackPolicy({
    name: "security-group-union-no-ingress-from-anywhere",
    description:
        "The ingress rules that apply to one security group (inline, SecurityGroupRule, VPC SecurityGroupIngressRule and the entries of referenced managed prefix lists) do not together cover 0.0.0.0/0 or ::/0, and no separate ingress rule is attached to a VPC's default security group. CIS AWS Foundations Benchmark 5.4 (default security group restricts all traffic); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "critical",
    controls: ["NET-4"],
    remediationSteps:
        "Replace the blocks that add up to the whole address space (and prefix-list entries such as 0.0.0.0/0) with the CIDRs or groups that need access; attach no rules to the default security group.",
    example: [
        'new aws.vpc.SecurityGroupIngressRule("https-from-vpc", {',
        "    securityGroupId: group.id,",
        '    ipProtocol: "tcp", fromPort: 443, toPort: 443,',
        "    cidrIpv4: vpc.cidrBlock,",
        "});",
    ].join("\n"),
    validate: (resources, report) => {
        const plan = new PlanIndex(resources);
        const lists = prefixListCidrs(plan);
        for (const group of gatherGroups(plan)) {
            if (group.isDefault) {
                for (const source of group.sources.filter(({ resource }) => resource !== group.owner)) {
                    report(
                        `${describe(source.resource)} attaches an ingress rule to ${group.label}, which must hold no rules; attach the rule to a purpose-made security group.`,
                        source.resource.urn,
                    );
                }
            }
            judgeUnion(group, lists, report);
        }
    },
});
