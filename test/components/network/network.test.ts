import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { Network, NetworkArgs } from "../../../components/network";
import { capture } from "../../helpers/capture";

const base: NetworkArgs = {
    cidrBlock: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    region: "eu-west-1",
    accountId: "111122223333",
    clusterName: "prod",
    logKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
};

const SUBNET = "aws:ec2/subnet:Subnet";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

function plan(args: Partial<NetworkArgs> = {}) {
    return capture(() => {
        new Network("net", { ...base, ...args });
    });
}

describe("Network", () => {
    it("registers its children under the baseline:network:Network component", async () => {
        const c = await plan();
        const component = c.one("baseline:network:Network", "net");
        const children = c.resources.filter((resource) => resource.parent === component.urn);
        expect(children.length).toBe(c.resources.length - 1);
        expect(c.inputsOf("aws:ec2/vpc:Vpc", "net-vpc")).toMatchObject({
            cidrBlock: "10.20.0.0/16",
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: { Name: "net-vpc", "baseline:managed-by": "eks-baseline" },
        });
    });

    it("puts nodes in private subnets without public IPs, tagged for internal load balancers (NET-2)", async () => {
        const c = await plan();
        const subnets = c.ofType(SUBNET);
        expect(subnets.map((subnet) => subnet.name)).toEqual([
            "net-private-eu-west-1a",
            "net-private-eu-west-1b",
            "net-private-eu-west-1c",
        ]);
        expect(subnets.map((subnet) => subnet.inputs.cidrBlock)).toEqual(["10.20.0.0/18", "10.20.64.0/18", "10.20.128.0/18"]);
        for (const subnet of subnets) {
            expect(subnet.inputs.mapPublicIpOnLaunch).toBe(false);
            expect(subnet.inputs.tags).toMatchObject({
                Name: subnet.name,
                "kubernetes.io/role/internal-elb": "1",
                "kubernetes.io/cluster/prod": "shared",
            });
        }
    });

    it("creates no public subnet, internet gateway, NAT gateway or EIP with the default egress none (NET-2)", async () => {
        const c = await plan();
        expect(c.ofType(SUBNET).filter((subnet) => subnet.name.includes("public"))).toEqual([]);
        expect(c.ofType("aws:ec2/internetGateway:InternetGateway")).toEqual([]);
        expect(c.ofType("aws:ec2/natGateway:NatGateway")).toEqual([]);
        expect(c.ofType("aws:ec2/eip:Eip")).toEqual([]);
        expect(c.ofType("aws:ec2/route:Route")).toEqual([]);
    });

    it("adds public subnets and one NAT gateway per zone only with egress nat", async () => {
        const c = await plan({ egress: "nat" });
        const publicSubnets = c.ofType(SUBNET).filter((subnet) => subnet.name.includes("public"));
        expect(publicSubnets.map((subnet) => subnet.inputs.cidrBlock)).toEqual(["10.20.192.0/20", "10.20.208.0/20", "10.20.224.0/20"]);
        for (const subnet of publicSubnets) {
            expect(subnet.inputs.mapPublicIpOnLaunch).toBe(false);
            expect(subnet.inputs.tags).toMatchObject({ "kubernetes.io/role/elb": "1" });
        }
        expect(c.ofType("aws:ec2/natGateway:NatGateway").map((nat) => nat.name)).toEqual([
            "net-nat-eu-west-1a",
            "net-nat-eu-west-1b",
            "net-nat-eu-west-1c",
        ]);
        expect(c.ofType("aws:ec2/eip:Eip")).toHaveLength(3);
        expect(c.ofType("aws:ec2/internetGateway:InternetGateway")).toHaveLength(1);
        const natIds = c.ofType("aws:ec2/natGateway:NatGateway").map((nat) => nat.id);
        const privateRoutes = c.ofType("aws:ec2/route:Route").filter((route) => route.name.startsWith("net-private-default-route"));
        expect(privateRoutes.map((route) => route.inputs.natGatewayId)).toEqual(natIds);
    });

    it("shares one NAT gateway across zones with natGateways single", async () => {
        const c = await plan({ egress: "nat", natGateways: "single" });
        const nat = c.one("aws:ec2/natGateway:NatGateway", "net-nat");
        const privateRoutes = c.ofType("aws:ec2/route:Route").filter((route) => route.name.startsWith("net-private-default-route"));
        expect(privateRoutes).toHaveLength(3);
        expect(privateRoutes.every((route) => route.inputs.natGatewayId === nat.id)).toBe(true);
    });

    it("reaches AWS APIs through interface endpoints with private DNS in the private subnets (NET-3)", async () => {
        const c = await plan();
        const interfaces = c.ofType(ENDPOINT).filter((endpoint) => endpoint.inputs.vpcEndpointType === "Interface");
        expect(interfaces.map((endpoint) => endpoint.inputs.serviceName)).toEqual(
            ["ecr.api", "ecr.dkr", "sts", "logs", "ssm", "ssmmessages", "ec2messages", "kms", "eks", "eks-auth", "secretsmanager"].map(
                (service) => `com.amazonaws.eu-west-1.${service}`,
            ),
        );
        const privateSubnetIds = c.ofType(SUBNET).map((subnet) => subnet.id);
        const sg = c.one(SECURITY_GROUP, "net-endpoints-sg");
        for (const endpoint of interfaces) {
            expect(endpoint.inputs.privateDnsEnabled).toBe(true);
            expect(endpoint.inputs.subnetIds).toEqual(privateSubnetIds);
            expect(endpoint.inputs.securityGroupIds).toEqual([sg.id]);
        }
    });

    it("routes S3 through a gateway endpoint on every private route table (NET-3)", async () => {
        const c = await plan();
        const s3 = c.one(ENDPOINT, "net-vpce-s3");
        expect(s3.inputs.serviceName).toBe("com.amazonaws.eu-west-1.s3");
        expect(s3.inputs.vpcEndpointType).toBe("Gateway");
        const tables = c.ofType("aws:ec2/routeTable:RouteTable").map((table) => table.id);
        expect(s3.inputs.routeTableIds).toEqual(tables);
    });

    it("lets the endpoint security group admit only 443 from the VPC CIDR (NET-4)", async () => {
        const c = await plan();
        const sg = c.inputsOf(SECURITY_GROUP, "net-endpoints-sg");
        expect(sg.ingress).toEqual([
            { description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"] },
        ]);
        expect(sg.egress).toEqual([]);
    });

    it("has no security group ingress from 0.0.0.0/0 or ::/0 in any egress mode (NET-4)", async () => {
        for (const egress of ["none", "nat"] as const) {
            const c = await plan({ egress });
            const groups = [...c.ofType(SECURITY_GROUP), ...c.ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")];
            expect(groups.length).toBe(2);
            for (const group of groups) {
                for (const rule of (group.inputs.ingress ?? []) as { cidrBlocks?: string[]; ipv6CidrBlocks?: string[] }[]) {
                    expect(rule.cidrBlocks ?? []).not.toContain("0.0.0.0/0");
                    expect(rule.ipv6CidrBlocks ?? []).not.toContain("::/0");
                }
            }
        }
    });

    it("manages the default security group with no ingress and no egress (NET-4)", async () => {
        const c = await plan();
        const vpc = c.one("aws:ec2/vpc:Vpc");
        const defaultSg = c.inputsOf("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-default-sg");
        expect(defaultSg.vpcId).toBe(vpc.id);
        expect(defaultSg.ingress).toEqual([]);
        expect(defaultSg.egress).toEqual([]);
    });

    it("sends flow logs of all traffic to a KMS-encrypted log group with retention (NET-5)", async () => {
        const c = await plan();
        const logGroup = c.one("aws:cloudwatch/logGroup:LogGroup", "net-flow-logs");
        expect(logGroup.inputs).toMatchObject({
            name: "/aws/vpc/net/flow-logs",
            kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/logs",
            retentionInDays: 365,
        });
        const flowLog = c.inputsOf("aws:ec2/flowLog:FlowLog", "net-flow-log");
        expect(flowLog).toMatchObject({
            vpcId: c.one("aws:ec2/vpc:Vpc").id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/net/flow-logs",
            iamRoleArn: "arn:aws:iam::111122223333:role/net-flow-logs-role",
        });
    });

    it("protects the flow-log group unless protect is false (SEC-7)", async () => {
        const protectedPlan = await plan();
        const protectedGroup = protectedPlan.one("aws:cloudwatch/logGroup:LogGroup");
        expect([protectedGroup.protect, protectedGroup.retainOnDelete]).toEqual([true, true]);
        const devPlan = await plan({ protect: false, flowLogRetentionDays: 30 });
        const devGroup = devPlan.one("aws:cloudwatch/logGroup:LogGroup");
        expect([devGroup.protect, devGroup.retainOnDelete]).toEqual([false, false]);
        expect(devGroup.inputs.retentionInDays).toBe(30);
    });

    it("lets only the flow-logs service of this account assume the delivery role, writing only to its log group", async () => {
        const c = await plan();
        const role = c.inputsOf("aws:iam/role:Role", "net-flow-logs-role");
        expect(JSON.parse(role.assumeRolePolicy)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "FlowLogsDelivery",
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": "111122223333" },
                        ArnLike: { "aws:SourceArn": "arn:aws:ec2:eu-west-1:111122223333:vpc-flow-log/*" },
                    },
                },
            ],
        });
        const policy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "net-flow-logs-policy").policy);
        const groupArn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/net/flow-logs";
        expect(policy.Statement).toEqual([
            {
                Sid: "WriteFlowLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [groupArn, `${groupArn}:*`],
            },
            {
                Sid: "FindLogGroup",
                Effect: "Allow",
                Action: "logs:DescribeLogGroups",
                Resource: "arn:aws:logs:eu-west-1:111122223333:log-group:*",
            },
        ]);
    });

    it("plans the same resources as a preview, where every output is unknown", async () => {
        const update = await plan({ egress: "nat" });
        const preview = await capture(
            () => {
                new Network("net", { ...base, egress: "nat" });
            },
            { preview: true },
        );
        expect(preview.resources.map((resource) => resource.urn).sort()).toEqual(update.resources.map((resource) => resource.urn).sort());
    });

    it("builds the flow-log delivery policy as a known document at preview, naming the group by ARN (NET-5, IAM-10)", async () => {
        const c = await capture(
            () => {
                new Network("net", { ...base, logKeyArn: pulumi.output("arn:aws:kms:eu-west-1:111122223333:key/logs") });
            },
            { preview: true },
        );
        const policy = c.one("aws:iam/rolePolicy:RolePolicy", "net-flow-logs-policy").wireInputs.policy;
        expect(typeof policy).toBe("string");
        const group = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/net/flow-logs";
        expect(JSON.parse(policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WriteFlowLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [group, `${group}:*`],
                },
                {
                    Sid: "FindLogGroup",
                    Effect: "Allow",
                    Action: "logs:DescribeLogGroups",
                    Resource: "arn:aws:logs:eu-west-1:111122223333:log-group:*",
                },
            ],
        });
    });

    it("fails with the exact message when the args are invalid", async () => {
        await expect(plan({ availabilityZones: ["eu-west-1a"] })).rejects.toThrow(
            'Network "net": NetworkArgs.availabilityZones has 1 zone; give at least 2 (3 for production) so nodes and endpoints survive the loss of a zone.',
        );
    });

    it("returns its outputs", async () => {
        const c = await capture(() => {
            const network = new Network("net", { ...base, egress: "nat", natGateways: "single" });
            return {
                vpcCidr: network.vpcCidr,
                privateSubnetIds: network.privateSubnetIds,
                publicSubnetIds: network.publicSubnetIds,
                flowLogGroupName: network.flowLogGroupName,
                endpointSecurityGroupId: network.endpointSecurityGroupId,
            };
        });
        expect(c.outputs.vpcCidr).toBe("10.20.0.0/16");
        expect(c.outputs.privateSubnetIds).toEqual(
            c
                .ofType(SUBNET)
                .filter((subnet) => subnet.name.includes("private"))
                .map((subnet) => subnet.id),
        );
        expect(c.outputs.publicSubnetIds).toEqual(
            c
                .ofType(SUBNET)
                .filter((subnet) => subnet.name.includes("public"))
                .map((subnet) => subnet.id),
        );
        expect(c.outputs.flowLogGroupName).toBe("/aws/vpc/net/flow-logs");
        expect(c.outputs.endpointSecurityGroupId).toBe(c.one(SECURITY_GROUP).id);
    });
});
