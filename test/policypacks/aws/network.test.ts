import { describe, expect, it } from "vitest";
import { defaultSecurityGroupNoRules } from "../../../policypacks/baseline/policies/aws/default-security-group-no-rules";
import { ec2InstanceNoPublicIp } from "../../../policypacks/baseline/policies/aws/ec2-instance-no-public-ip";
import { flowLogAllTraffic } from "../../../policypacks/baseline/policies/aws/flow-log-all-traffic";
import { securityGroupNoIngressFromAnywhere } from "../../../policypacks/baseline/policies/aws/security-group-no-ingress-from-anywhere";
import { subnetNoPublicIpOnLaunch } from "../../../policypacks/baseline/policies/aws/subnet-no-public-ip-on-launch";
import { FixtureResource, UNKNOWN } from "../../helpers/run-policy";
import { commonBehaviour, remove, violationsOf, withProp } from "./harness";

const net4 = (message: string) => `${message} [NET-4]`;
const fix = "allow only known CIDRs, prefix lists or security groups (use an SSM or load-balancer path for public traffic).";

const securityGroup: FixtureResource = {
    type: "aws:ec2/securityGroup:SecurityGroup",
    name: "nodes",
    props: {
        vpcId: "vpc-0123",
        description: "EKS nodes",
        ingress: [
            {
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrBlocks: ["10.0.0.0/16"],
                ipv6CidrBlocks: [],
                securityGroups: [],
                self: false,
            },
            { protocol: "-1", fromPort: 0, toPort: 0, self: true },
        ],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        revokeRulesOnDelete: true,
    },
};
const sgRule: FixtureResource = {
    type: "aws:ec2/securityGroupRule:SecurityGroupRule",
    name: "https",
    props: { type: "ingress", securityGroupId: "sg-0123", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] },
};
const vpcRule: FixtureResource = {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    name: "https-v6",
    props: { securityGroupId: "sg-0123", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "2001:db8::/32" },
};

describe("security-group-no-ingress-from-anywhere (NET-4)", () => {
    const policy = securityGroupNoIngressFromAnywhere;

    it("passes ingress from VPC CIDRs and groups, and egress to anywhere", async () => {
        expect(await violationsOf(policy, securityGroup)).toEqual([]);
        expect(await violationsOf(policy, sgRule)).toEqual([]);
        expect(await violationsOf(policy, vpcRule)).toEqual([]);
        expect(await violationsOf(policy, withProp(withProp(sgRule, ["type"], "egress"), ["cidrBlocks"], ["0.0.0.0/0"]))).toEqual([]);
    });

    it("blocks security group ingress from 0.0.0.0/0 or ::/0 wherever it is declared (NET-4)", async () => {
        expect(await violationsOf(policy, withProp(securityGroup, ["ingress", 0, "cidrBlocks"], ["10.0.0.0/16", "0.0.0.0/0"]))).toEqual([
            net4(`ingress[0].cidrBlocks contains "0.0.0.0/0" (tcp 443), ingress from anywhere; ${fix}`),
        ]);
        expect(await violationsOf(policy, withProp(securityGroup, ["ingress", 0, "ipv6CidrBlocks"], ["::/0"]))).toEqual([
            net4(`ingress[0].ipv6CidrBlocks contains "::/0" (tcp 443), ingress from anywhere; ${fix}`),
        ]);
        expect(await violationsOf(policy, withProp(withProp(sgRule, ["fromPort"], 22), ["cidrBlocks"], ["0.0.0.0/0"]))).toEqual([
            net4(`cidrBlocks contains "0.0.0.0/0" (tcp 22-443), ingress from anywhere; ${fix}`),
        ]);
        expect(await violationsOf(policy, withProp(sgRule, ["ipv6CidrBlocks"], ["0::0/0"]))).toEqual([
            net4(`ipv6CidrBlocks contains "0::0/0" (tcp 443), ingress from anywhere; ${fix}`),
        ]);
        expect(await violationsOf(policy, withProp(vpcRule, ["cidrIpv6"], "::/0"))).toEqual([
            net4(`cidrIpv6 is "::/0" (tcp 443), ingress from anywhere; ${fix}`),
        ]);
        expect(
            await violationsOf(policy, { ...vpcRule, props: { securityGroupId: "sg-0123", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } }),
        ).toEqual([net4(`cidrIpv4 is "0.0.0.0/0" (all traffic), ingress from anywhere; ${fix}`)]);
    });

    it("treats blocks that together cover the address space as anywhere", async () => {
        expect(await violationsOf(policy, withProp(sgRule, ["cidrBlocks"], ["128.0.0.0/1", "0.0.0.0/1"]))).toEqual([
            net4(`cidrBlocks/ipv6CidrBlocks together cover every IPv4 address (tcp 443), ingress from anywhere; ${fix}`),
        ]);
    });

    it("still judges a rule whose ports are unknown", async () => {
        expect(await violationsOf(policy, withProp(withProp(sgRule, ["fromPort"], UNKNOWN), ["cidrBlocks"], ["0.0.0.0/0"]))).toEqual([
            net4(`cidrBlocks contains "0.0.0.0/0" (ports unknown), ingress from anywhere; ${fix}`),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NET-4]",
        compliant: securityGroup,
        violating: withProp(securityGroup, ["ingress", 0, "cidrBlocks"], ["0.0.0.0/0"]),
        message: net4(`ingress[0].cidrBlocks contains "0.0.0.0/0" (tcp 443), ingress from anywhere; ${fix}`),
        unknownPath: ["ingress", 0, "cidrBlocks", 0],
    });
});

describe("default-security-group-no-rules (NET-4)", () => {
    const policy = defaultSecurityGroupNoRules;
    const adopted: FixtureResource = {
        type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        name: "default",
        props: { vpcId: "vpc-0123" },
    };

    it("passes an adopted default security group without rules", async () => {
        expect(await violationsOf(policy, adopted)).toEqual([]);
        expect(await violationsOf(policy, withProp(adopted, ["ingress"], []))).toEqual([]);
    });

    it("blocks rules on the default security group (NET-4)", async () => {
        const open = withProp(
            withProp(adopted, ["ingress"], [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]),
            ["egress"],
            [
                { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
                { protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] },
            ],
        );
        expect(await violationsOf(policy, open)).toEqual([
            net4("ingress has 1 rule; remove every rule from the default security group."),
            net4("egress has 2 rules; remove every rule from the default security group."),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NET-4]",
        compliant: adopted,
        violating: withProp(adopted, ["egress"], [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
        message: net4("egress has 1 rule; remove every rule from the default security group."),
        unknownPath: ["ingress"],
    });
});

const subnet: FixtureResource = {
    type: "aws:ec2/subnet:Subnet",
    name: "private-a",
    props: { vpcId: "vpc-0123", cidrBlock: "10.0.0.0/19", availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: false },
};

describe("subnet-no-public-ip-on-launch (NET-2)", () => {
    const policy = subnetNoPublicIpOnLaunch;

    it("passes private subnets, including an unset flag on aws.ec2.Subnet", async () => {
        expect(await violationsOf(policy, subnet)).toEqual([]);
        expect(await violationsOf(policy, withProp(subnet, ["mapPublicIpOnLaunch"], remove))).toEqual([]);
        expect(
            await violationsOf(policy, {
                type: "aws:ec2/defaultSubnet:DefaultSubnet",
                props: { availabilityZone: "eu-west-1a", mapPublicIpOnLaunch: false },
            }),
        ).toEqual([]);
    });

    it("blocks subnets that assign public IPs (NET-2)", async () => {
        expect(await violationsOf(policy, withProp(subnet, ["mapPublicIpOnLaunch"], true))).toEqual([
            "mapPublicIpOnLaunch is true; set it to false. [NET-2]",
        ]);
        expect(
            await violationsOf(policy, { type: "aws:ec2/defaultSubnet:DefaultSubnet", props: { availabilityZone: "eu-west-1a" } }),
        ).toEqual(["mapPublicIpOnLaunch is unset (default subnets: true); set it to false. [NET-2]"]);
    });

    commonBehaviour({
        policy,
        suffix: "[NET-2]",
        compliant: subnet,
        violating: withProp(subnet, ["mapPublicIpOnLaunch"], true),
        message: "mapPublicIpOnLaunch is true; set it to false. [NET-2]",
        unknownPath: ["mapPublicIpOnLaunch"],
    });
});

const instance: FixtureResource = {
    type: "aws:ec2/instance:Instance",
    name: "access-host",
    props: {
        ami: "ami-0abc",
        instanceType: "t3.micro",
        subnetId: "subnet-0a",
        associatePublicIpAddress: false,
        iamInstanceProfile: "access-host",
    },
};
const launchTemplate: FixtureResource = {
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    name: "nodes",
    props: { networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: ["sg-0123"] }] },
};

describe("ec2-instance-no-public-ip (NET-2)", () => {
    const policy = ec2InstanceNoPublicIp;

    it("passes instances and launch templates without public IPs", async () => {
        expect(await violationsOf(policy, instance)).toEqual([]);
        expect(await violationsOf(policy, withProp(instance, ["associatePublicIpAddress"], remove))).toEqual([]);
        expect(await violationsOf(policy, launchTemplate)).toEqual([]);
    });

    it("blocks public IPs on instances, launch templates and launch configurations (NET-2)", async () => {
        expect(await violationsOf(policy, withProp(instance, ["associatePublicIpAddress"], true))).toEqual([
            "associatePublicIpAddress is true; set it to false and use a private subnet. [NET-2]",
        ]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["networkInterfaces", 0, "associatePublicIpAddress"], "true"))).toEqual([
            'networkInterfaces[0].associatePublicIpAddress is "true"; set it to "false" (nodes stay in private subnets). [NET-2]',
        ]);
        expect(
            await violationsOf(policy, {
                type: "aws:ec2/launchConfiguration:LaunchConfiguration",
                props: { imageId: "ami-0abc", instanceType: "t3.micro", associatePublicIpAddress: true },
            }),
        ).toEqual(["associatePublicIpAddress is true; set it to false and use a private subnet. [NET-2]"]);
    });

    describe("by placement and attachment", () => {
        const defaultSubnet =
            "subnetId, networkInterfaces and launchTemplate are unset, so the instance lands in the default subnet, which maps public IPs; set subnetId to a private subnet (or associatePublicIpAddress to false). [NET-2]";
        const eipFix = "reach the host through SSM, or put public traffic behind a load balancer in a public subnet. [NET-2]";
        const unplaced = withProp(withProp(instance, ["subnetId"], remove), ["associatePublicIpAddress"], remove);
        const natEip: FixtureResource = { type: "aws:ec2/eip:Eip", name: "nat-a", props: { domain: "vpc" } };

        it("passes instances placed in a subnet, on an interface or by a launch template, and an unbound (NAT) Elastic IP", async () => {
            expect(await violationsOf(policy, withProp(unplaced, ["subnetId"], UNKNOWN))).toEqual([]);
            expect(
                await violationsOf(policy, withProp(unplaced, ["networkInterfaces"], [{ networkInterfaceId: "eni-0a", deviceIndex: 0 }])),
            ).toEqual([]);
            expect(await violationsOf(policy, withProp(unplaced, ["primaryNetworkInterface"], { networkInterfaceId: "eni-0a" }))).toEqual(
                [],
            );
            expect(await violationsOf(policy, withProp(unplaced, ["launchTemplate"], { id: "lt-0a", version: "$Latest" }))).toEqual([]);
            expect(await violationsOf(policy, withProp(unplaced, ["associatePublicIpAddress"], false))).toEqual([]);
            expect(await violationsOf(policy, natEip)).toEqual([]);
        });

        it("blocks an instance or spot request that lands in the default subnet (NET-2)", async () => {
            expect(await violationsOf(policy, unplaced)).toEqual([defaultSubnet]);
            expect(await violationsOf(policy, withProp(unplaced, ["networkInterfaces"], []))).toEqual([defaultSubnet]);
            expect(
                await violationsOf(policy, {
                    type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                    props: { ami: "ami-0abc", instanceType: "t3.micro" },
                }),
            ).toEqual([defaultSubnet]);
        });

        it("blocks an Elastic IP bound to an instance or network interface, declared on the Eip or by an EipAssociation (NET-2)", async () => {
            expect(await violationsOf(policy, withProp(natEip, ["instance"], "i-0abc"))).toEqual([
                `instance is set, so this Elastic IP gives it a public address; remove instance and ${eipFix}`,
            ]);
            expect(await violationsOf(policy, withProp(natEip, ["networkInterface"], UNKNOWN))).toEqual([
                `networkInterface is set, so this Elastic IP gives it a public address; remove networkInterface and ${eipFix}`,
            ]);
            expect(
                await violationsOf(policy, {
                    type: "aws:ec2/eipAssociation:EipAssociation",
                    props: { allocationId: "eipalloc-0a", instanceId: UNKNOWN },
                }),
            ).toEqual([
                `this EipAssociation binds an Elastic IP to instanceId, giving it a public address; remove the association and ${eipFix}`,
            ]);
            expect(
                await violationsOf(policy, {
                    type: "aws:ec2/eipAssociation:EipAssociation",
                    props: { allocationId: "eipalloc-0a", networkInterfaceId: "eni-0a" },
                }),
            ).toEqual([
                `this EipAssociation binds an Elastic IP to networkInterfaceId, giving it a public address; remove the association and ${eipFix}`,
            ]);
        });
    });

    commonBehaviour({
        policy,
        suffix: "[NET-2]",
        compliant: instance,
        violating: withProp(instance, ["associatePublicIpAddress"], true),
        message: "associatePublicIpAddress is true; set it to false and use a private subnet. [NET-2]",
        unknownPath: ["associatePublicIpAddress"],
    });
});

describe("flow-log-all-traffic (NET-5)", () => {
    const policy = flowLogAllTraffic;
    const flowLog: FixtureResource = {
        type: "aws:ec2/flowLog:FlowLog",
        name: "vpc",
        props: {
            vpcId: "vpc-0123",
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: "arn:aws:logs:eu-west-1:111122223333:log-group:flow",
            iamRoleArn: "arn:aws:iam::111122223333:role/flow",
        },
    };

    it("passes a flow log of all traffic, and a transit gateway flow log without trafficType", async () => {
        expect(await violationsOf(policy, flowLog)).toEqual([]);
        expect(
            await violationsOf(policy, {
                type: "aws:ec2/flowLog:FlowLog",
                props: { transitGatewayId: "tgw-0123", logDestinationType: "s3", logDestination: "arn:aws:s3:::logs" },
            }),
        ).toEqual([]);
    });

    it("blocks flow logs that record only part of the traffic (NET-5)", async () => {
        expect(await violationsOf(policy, withProp(flowLog, ["trafficType"], "REJECT"))).toEqual([
            'trafficType is "REJECT"; set it to "ALL" so both accepted and rejected traffic are recorded. [NET-5]',
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NET-5]",
        compliant: flowLog,
        violating: withProp(flowLog, ["trafficType"], "ACCEPT"),
        message: 'trafficType is "ACCEPT"; set it to "ALL" so both accepted and rejected traffic are recorded. [NET-5]',
        unknownPath: ["trafficType"],
    });
});
