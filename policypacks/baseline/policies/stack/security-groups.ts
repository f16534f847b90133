/**
 * Reads every security group ingress source of a plan (inline rules, aws.ec2.SecurityGroupRule,
 * aws.vpc.SecurityGroupIngressRule) and every managed prefix list (inline `entries` and
 * aws.ec2.ManagedPrefixListEntry resources), keyed so that rules declared apart from their group
 * find it: by the id value when it is known, and by the per-property dependency edge otherwise.
 */
import { PolicyResource } from "@pulumi/policy";
import { PlanIndex, UNKNOWN, isObject, knownString, peek } from "./plan";

/** Type tokens read here. */
export const securityGroupTypes = {
    vpc: "aws:ec2/vpc:Vpc",
    group: "aws:ec2/securityGroup:SecurityGroup",
    defaultGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    rule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    prefixListEntry: "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry",
} as const;

/** One ingress rule: where it is declared, the CIDRs it names, the prefix lists it references. */
export interface IngressSource {
    resource: PolicyResource;
    /** "ingress[1]" for an inline rule, "" for a rule resource. */
    field: string;
    cidrs: unknown[];
    /** Keys ("id:pl-1", "urn:...") of the referenced prefix lists. */
    prefixLists: string[];
}

/** A security group of the plan, or one known only by the id its rules name. */
export interface GroupEntry {
    /** The group resource (SecurityGroup, DefaultSecurityGroup) or the VPC whose default group it is. */
    owner?: PolicyResource;
    /** Display name: the owner, or the id the rules name. */
    label: string;
    /** True for a VPC's default security group (aws.ec2.DefaultSecurityGroup or a VPC's defaultSecurityGroupId). */
    isDefault: boolean;
    sources: IngressSource[];
}

function edgeKeys(resource: PolicyResource, property: string): string[] {
    const dependencies = peek(() => resource.propertyDependencies?.[property]);
    return Array.isArray(dependencies)
        ? dependencies.flatMap((dependency) => (typeof dependency?.urn === "string" ? [`urn:${dependency.urn}`] : []))
        : [];
}

/** Keys of a reference property holding one id or a list of ids: values first, then edges. */
function referenceKeys(resource: PolicyResource, property: string): string[] {
    const value = peek(() => resource.props?.[property]);
    const values = Array.isArray(value) ? value : [value];
    const ids = values.flatMap((entry) => (typeof entry === "string" && entry !== "" ? [`id:${entry}`] : []));
    return [...ids, ...edgeKeys(resource, property)];
}

function listAt(read: () => unknown): unknown[] {
    const value = peek(read);
    return Array.isArray(value) ? value : [];
}

function inlineSources(group: PolicyResource): IngressSource[] {
    return listAt(() => group.props?.ingress).flatMap((rule, index) => {
        if (!isObject(rule)) {
            return [];
        }
        const rawIds = peek(() => rule.prefixListIds);
        const prefixIds = listAt(() => rule.prefixListIds).flatMap((id) => (typeof id === "string" ? [`id:${id}`] : []));
        const referencesLists = rawIds === UNKNOWN || (Array.isArray(rawIds) && rawIds.length > 0);
        return [
            {
                resource: group,
                field: `ingress[${index}]`,
                cidrs: [...listAt(() => rule.cidrBlocks), ...listAt(() => rule.ipv6CidrBlocks)],
                // Inline rules have no per-rule edges; the group's prefixListIds edges stand for all of them.
                prefixLists: referencesLists ? [...prefixIds, ...edgeKeys(group, "ingress")] : [],
            },
        ];
    });
}

function ruleSource(rule: PolicyResource): IngressSource | undefined {
    if (rule.type === securityGroupTypes.rule) {
        if (peek(() => rule.props?.type) !== "ingress") {
            return undefined;
        }
        return {
            resource: rule,
            field: "",
            cidrs: [...listAt(() => rule.props?.cidrBlocks), ...listAt(() => rule.props?.ipv6CidrBlocks)],
            prefixLists: referenceKeys(rule, "prefixListIds"),
        };
    }
    return {
        resource: rule,
        field: "",
        cidrs: [peek(() => rule.props?.cidrIpv4), peek(() => rule.props?.cidrIpv6)],
        prefixLists: referenceKeys(rule, "prefixListId"),
    };
}

/** Every prefix list's CIDRs by key (its id and its URN), inline entries plus entry resources. */
export function prefixListCidrs(plan: PlanIndex): Map<string, { owner?: PolicyResource; cidrs: unknown[] }> {
    const byKey = new Map<string, { owner?: PolicyResource; cidrs: unknown[] }>();
    for (const list of plan.ofType(securityGroupTypes.prefixList)) {
        const entry = {
            owner: list,
            cidrs: listAt(() => list.props?.entries).map((item) => (isObject(item) ? peek(() => item.cidr) : undefined)),
        };
        byKey.set(`urn:${list.urn}`, entry);
        const id = knownString(() => list.props?.id);
        if (id !== undefined) {
            byKey.set(`id:${id}`, entry);
        }
    }
    for (const item of plan.ofType(securityGroupTypes.prefixListEntry)) {
        const keys = referenceKeys(item, "prefixListId");
        const known = keys.map((key) => byKey.get(key)).find((entry) => entry !== undefined);
        const target = known ?? { cidrs: [] };
        target.cidrs.push(peek(() => item.props?.cidr));
        for (const key of keys) {
            if (!byKey.has(key)) {
                byKey.set(key, target);
            }
        }
    }
    return byKey;
}

/** Every security group that has ingress sources, with the sources that apply to it. */
export function gatherGroups(plan: PlanIndex): GroupEntry[] {
    const byKey = new Map<string, GroupEntry>();
    const groups: GroupEntry[] = [];
    const register = (entry: GroupEntry, keys: string[]) => {
        groups.push(entry);
        keys.forEach((key) => byKey.set(key, entry));
    };
    for (const group of plan.ofType(securityGroupTypes.group, securityGroupTypes.defaultGroup)) {
        const id = knownString(() => group.props?.id);
        register(
            {
                owner: group,
                label: `${group.type} "${group.name}"`,
                isDefault: group.type === securityGroupTypes.defaultGroup,
                sources: inlineSources(group),
            },
            [`urn:${group.urn}`, ...(id !== undefined ? [`id:${id}`] : [])],
        );
    }
    for (const vpc of plan.ofType(securityGroupTypes.vpc)) {
        // A rule whose securityGroupId comes from a VPC can only name its default group.
        const id = knownString(() => vpc.props?.defaultSecurityGroupId);
        register({ owner: vpc, label: `the default security group of ${vpc.type} "${vpc.name}"`, isDefault: true, sources: [] }, [
            `urn:${vpc.urn}`,
            ...(id !== undefined && !byKey.has(`id:${id}`) ? [`id:${id}`] : []),
        ]);
    }
    for (const rule of plan.ofType(securityGroupTypes.rule, securityGroupTypes.ingressRule)) {
        const source = ruleSource(rule);
        const keys = referenceKeys(rule, "securityGroupId");
        if (source === undefined || keys.length === 0) {
            continue;
        }
        let entry = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
        if (entry === undefined) {
            const id = keys[0].startsWith("id:") ? keys[0].slice(3) : keys[0].slice(4);
            entry = { label: `security group ${JSON.stringify(id)}`, isDefault: false, sources: [] };
            register(entry, keys);
        }
        entry.sources.push(source);
    }
    return groups.filter((group) => group.sources.length > 0);
}
