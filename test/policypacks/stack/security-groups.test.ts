import { StackValidationPolicy } from "@pulumi/policy";
import { beforeEach, describe, expect, it } from "vitest";
import { resetPackSettings } from "../../../policypacks/baseline/lib/policy";
import { securityGroupUnionNoIngressFromAnywhere } from "../../../policypacks/baseline/policies/stack";
import { FixtureResource, UNKNOWN, runStackPolicy } from "../../helpers/run-policy";
import { urn } from "./fixtures";

const policy = securityGroupUnionNoIngressFromAnywhere as StackValidationPolicy;
const fix = "allow only known CIDRs, prefix lists or security groups (use an SSM or load-balancer path for public traffic).";
const t = {
    vpc: "aws:ec2/vpc:Vpc",
    group: "aws:ec2/securityGroup:SecurityGroup",
    defaultGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    rule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    prefixListEntry: "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry",
} as const;
const groupUrn = urn(t.group, "web");
const open = (parts: string, family: 4 | 6, label = `${t.group} "web"`) =>
    `${label}: ingress from ${parts} together covers every IPv${family} address, ingress from anywhere; ${fix} [NET-4]`;

const vpc: FixtureResource = { type: t.vpc, name: "vpc", props: { id: "vpc-0abc", defaultSecurityGroupId: "sg-default" } };
const group = (ingress: object[]): FixtureResource => ({
    type: t.group,
    name: "web",
    props: { id: "sg-web", vpcId: "vpc-0abc", ingress, egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] },
});
const https = (cidrBlocks: string[], ipv6CidrBlocks: string[] = []) => ({
    protocol: "tcp",
    fromPort: 443,
    toPort: 443,
    cidrBlocks,
    ipv6CidrBlocks,
});
const sgRule = (name: string, props: object, propertyDependencies?: Record<string, string[]>): FixtureResource => ({
    type: t.rule,
    name,
    props: { type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, securityGroupId: "sg-web", ...props },
    propertyDependencies,
});
const vpcRule = (name: string, props: object, propertyDependencies?: Record<string, string[]>): FixtureResource => ({
    type: t.ingressRule,
    name,
    props: { ipProtocol: "tcp", fromPort: 443, toPort: 443, securityGroupId: "sg-web", ...props },
    propertyDependencies,
});
const prefixList = (entries: string[]): FixtureResource => ({
    type: t.prefixList,
    name: "partners",
    props: { id: "pl-0partners", addressFamily: "IPv4", maxEntries: 5, entries: entries.map((cidr) => ({ cidr })) },
});

async function violations(resources: FixtureResource[]) {
    return runStackPolicy(policy, resources);
}

beforeEach(() => resetPackSettings());

describe("security-group-union-no-ingress-from-anywhere (NET-4)", () => {
    it("passes groups whose rules together cover only private and partner ranges", async () => {
        const plan = [
            vpc,
            group([https(["10.0.0.0/9"]), https(["10.128.0.0/9"], ["2001:db8::/33"])]),
            sgRule("from-vpc", { cidrBlocks: ["172.16.0.0/12"] }),
            vpcRule("from-v6", { cidrIpv6: "2001:db8:8000::/33" }),
            prefixList(["198.51.100.0/24", "203.0.113.0/24"]),
            vpcRule("from-partners", { prefixListId: "pl-0partners" }),
        ];
        expect(await violations(plan)).toEqual({ violations: [], violationUrns: [] });
    });

    it("passes halves that apply to different groups, and egress halves", async () => {
        const plan = [
            vpc,
            group([https(["0.0.0.0/1"])]),
            sgRule("other-half", { cidrBlocks: ["128.0.0.0/1"], securityGroupId: "sg-other" }),
            sgRule("egress-half", { type: "egress", cidrBlocks: ["128.0.0.0/1"] }),
        ];
        expect((await violations(plan)).violations).toEqual([]);
    });

    it("leaves a single rule open on its own to security-group-no-ingress-from-anywhere", async () => {
        expect((await violations([group([https(["0.0.0.0/0"])]), sgRule("also-open", { cidrBlocks: ["0.0.0.0/0"] })])).violations).toEqual(
            [],
        );
    });

    it("blocks halves split over two inline rules of one group (NET-4)", async () => {
        expect(await violations([group([https(["0.0.0.0/1"]), https([], ["::/1"]), https(["128.0.0.0/1"], ["8000::/1"])])])).toEqual({
            violations: [
                open(`${t.group} "web" ingress[0] + ${t.group} "web" ingress[2]`, 4),
                open(`${t.group} "web" ingress[1] + ${t.group} "web" ingress[2]`, 6),
            ],
            violationUrns: [groupUrn, groupUrn],
        });
    });

    it("blocks halves in two separate rule resources of both kinds, and inline plus separate (NET-4)", async () => {
        expect(
            (await violations([sgRule("a", { cidrBlocks: ["0.0.0.0/1"] }), vpcRule("b", { cidrIpv4: "128.0.0.0/1" })])).violations,
        ).toEqual([open(`${t.rule} "a" + ${t.ingressRule} "b"`, 4, 'security group "sg-web"')]);
        expect((await violations([group([https([], ["::/1"])]), vpcRule("b", { cidrIpv6: "8000::/1" })])).violations).toEqual([
            open(`${t.group} "web" ingress[0] + ${t.ingressRule} "b"`, 6),
        ]);
    });

    it("finds the group of a rule whose securityGroupId is unknown during preview through its dependency edge (NET-4)", async () => {
        const plan = [
            group([https(["0.0.0.0/1"])]),
            sgRule("b", { cidrBlocks: ["128.0.0.0/1"], securityGroupId: UNKNOWN }, { securityGroupId: [groupUrn] }),
        ];
        expect((await violations(plan)).violations).toEqual([open(`${t.group} "web" ingress[0] + ${t.rule} "b"`, 4)]);
    });

    it("blocks a referenced prefix list whose entries contain 0.0.0.0/0 or cover the space, inline or as entry resources (NET-4)", async () => {
        expect(
            (await violations([group([{ ...https([]), prefixListIds: ["pl-0partners"] }]), prefixList(["10.0.0.0/8", "0.0.0.0/0"])]))
                .violations,
        ).toEqual([open(`${t.group} "web" ingress[0] (prefix list ${t.prefixList} "partners")`, 4)]);
        const entries: FixtureResource[] = ["0.0.0.0/1", "128.0.0.0/1"].map((cidr, index) => ({
            type: t.prefixListEntry,
            name: `entry-${index}`,
            props: { prefixListId: UNKNOWN, cidr },
            propertyDependencies: { prefixListId: [urn(t.prefixList, "partners")] },
        }));
        const viaEdges = vpcRule("partners", { prefixListId: UNKNOWN }, { prefixListId: [urn(t.prefixList, "partners")] });
        expect((await violations([prefixList([]), ...entries, viaEdges])).violations).toEqual([
            open(`${t.ingressRule} "partners" (prefix list ${t.prefixList} "partners")`, 4, 'security group "sg-web"'),
        ]);
    });

    it("blocks an IPv6 prefix list with ::/0 referenced by a SecurityGroupRule's prefixListIds (NET-4)", async () => {
        const v6List: FixtureResource = {
            type: t.prefixList,
            name: "v6",
            props: { id: "pl-0v6", addressFamily: "IPv6", maxEntries: 2, entries: [{ cidr: "::/0" }] },
        };
        expect((await violations([v6List, sgRule("v6", { prefixListIds: ["pl-0v6"] })])).violations).toEqual([
            open(`${t.rule} "v6" (prefix list ${t.prefixList} "v6")`, 6, 'security group "sg-web"'),
        ]);
        const narrow = { ...v6List, props: { ...v6List.props, entries: [{ cidr: "2001:db8::/32" }] } };
        expect((await violations([narrow, sgRule("v6", { prefixListIds: ["pl-0v6"] })])).violations).toEqual([]);
    });

    it("passes a prefix list with 0.0.0.0/0 that no ingress rule references", async () => {
        expect((await violations([group([https(["10.0.0.0/8"])]), prefixList(["0.0.0.0/0"])])).violations).toEqual([]);
    });

    it("blocks an ingress rule resource attached to a VPC's default security group, by id or by edge (NET-4)", async () => {
        const message = (rule: string) =>
            `${rule} attaches an ingress rule to the default security group of ${t.vpc} "vpc", which must hold no rules; attach the rule to a purpose-made security group. [NET-4]`;
        expect(
            await violations([vpc, sgRule("ssh", { cidrBlocks: ["10.0.0.0/8"], securityGroupId: "sg-default", fromPort: 22, toPort: 22 })]),
        ).toEqual({
            violations: [message(`${t.rule} "ssh"`)],
            violationUrns: [urn(t.rule, "ssh")],
        });
        const viaEdge = vpcRule("https", { cidrIpv4: "10.0.0.0/8", securityGroupId: UNKNOWN }, { securityGroupId: [urn(t.vpc, "vpc")] });
        expect((await violations([{ ...vpc, props: { id: "vpc-0abc" } }, viaEdge])).violations).toEqual([
            message(`${t.ingressRule} "https"`),
        ]);
        const adopted: FixtureResource = { type: t.defaultGroup, name: "default", props: { id: "sg-adopted", vpcId: "vpc-0abc" } };
        expect(
            (await violations([adopted, vpcRule("https", { cidrIpv4: "10.0.0.0/8", securityGroupId: "sg-adopted" })])).violations,
        ).toEqual([
            `${t.ingressRule} "https" attaches an ingress rule to ${t.defaultGroup} "default", which must hold no rules; attach the rule to a purpose-made security group. [NET-4]`,
        ]);
    });

    it("passes egress rules on the default group's neighbours and rules on purpose-made groups of the same VPC", async () => {
        expect((await violations([vpc, group([]), sgRule("https", { cidrBlocks: ["10.0.0.0/8"] })])).violations).toEqual([]);
    });
});
