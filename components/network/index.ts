import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logGroupArn } from "../shared/arns";
import { assertNoProblems } from "../shared/errors";
import { toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { NetworkArgs, validateNetworkArgs, withNetworkDefaults } from "./args";
import { planSubnets } from "./cidr";
import { HTTPS_PORT, INTERFACE_ENDPOINT_SERVICES, endpointNamePart, endpointServiceName } from "./endpoints";
import { flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "./flow-logs";

export * from "./args";
export { INTERFACE_ENDPOINT_SERVICES, endpointServiceName } from "./endpoints";

/** Log group that receives the VPC's flow logs. */
export function flowLogGroupName(componentName: string): string {
    return `/aws/vpc/${componentName}/flow-logs`;
}

/**
 * A private VPC for an EKS cluster (NET-2, NET-3, NET-4, NET-5):
 *
 * - one private subnet per zone for nodes and endpoints, tagged for internal load balancers;
 * - interface endpoints for ECR, STS, Logs, SSM, KMS, EKS, EKS Auth and Secrets Manager behind one
 *   security group that admits only 443 from the VPC, plus an S3 gateway endpoint;
 * - the VPC's default security group managed with no rules;
 * - flow logs of all traffic to a KMS-encrypted log group with retention;
 * - public subnets, an internet gateway and NAT gateways only with `egress: "nat"`.
 *
 * ```ts
 * const keys = new EncryptionKeys("prod", { accountId, region, protect: true });
 * const network = new Network("prod", {
 *     cidrBlock: "10.20.0.0/16",
 *     availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
 *     region, accountId, clusterName: "prod",
 *     logKeyArn: keys.logsKeyArn,
 * });
 * ```
 */
export class Network extends pulumi.ComponentResource {
    public readonly vpc: aws.ec2.Vpc;
    public readonly vpcId: pulumi.Output<string>;
    public readonly vpcCidr: pulumi.Output<string>;
    /** Private subnets in zone order; nodes, the access host and endpoints live here. */
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Public subnets in zone order; empty unless `egress` is `"nat"`. */
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    /** The one security group of every interface endpoint (443 from the VPC CIDR only). */
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    public readonly flowLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("baseline:network:Network", name, {}, opts);
        assertNoProblems(`Network "${name}"`, validateNetworkArgs(args));
        const resolved = withNetworkDefaults(args);
        const plan = planSubnets(resolved.cidrBlock, resolved.availabilityZones.length)!;
        const tags = (part: string, extra: Record<string, string> = {}) => ({
            ...resolved.tags,
            ...baselineTags(childName(name, part), extra),
        });
        const parent = { parent: this };

        this.vpc = new aws.ec2.Vpc(
            childName(name, "vpc"),
            {
                cidrBlock: resolved.cidrBlock,
                // Private DNS of interface endpoints needs both (NET-3).
                enableDnsSupport: true,
                enableDnsHostnames: true,
                tags: tags("vpc"),
            },
            parent,
        );
        const vpcId = this.vpc.id;

        // NET-4: the default security group is adopted and emptied, so nothing can fall back to it.
        new aws.ec2.DefaultSecurityGroup(
            childName(name, "default-sg"),
            { vpcId, ingress: [], egress: [], tags: tags("default-sg") },
            parent,
        );

        const clusterTag = `kubernetes.io/cluster/${resolved.clusterName}`;
        const zones = resolved.availabilityZones;

        const privateSubnets = zones.map(
            (zone, index) =>
                new aws.ec2.Subnet(
                    childName(name, `private-${zone}`),
                    {
                        vpcId,
                        availabilityZone: zone,
                        cidrBlock: plan.private[index],
                        // NET-2: nothing launched here gets a public address.
                        mapPublicIpOnLaunch: false,
                        tags: tags(`private-${zone}`, {
                            "kubernetes.io/role/internal-elb": "1",
                            [clusterTag]: "shared",
                            "baseline:tier": "private",
                        }),
                    },
                    parent,
                ),
        );
        const privateRouteTables = zones.map((zone, index) => {
            const table = new aws.ec2.RouteTable(
                childName(name, `private-rt-${zone}`),
                { vpcId, tags: tags(`private-rt-${zone}`) },
                parent,
            );
            new aws.ec2.RouteTableAssociation(
                childName(name, `private-rta-${zone}`),
                { subnetId: privateSubnets[index]!.id, routeTableId: table.id },
                parent,
            );
            return table;
        });

        let publicSubnets: aws.ec2.Subnet[] = [];
        if (resolved.egress === "nat") {
            const igw = new aws.ec2.InternetGateway(childName(name, "igw"), { vpcId, tags: tags("igw") }, parent);
            const publicRouteTable = new aws.ec2.RouteTable(childName(name, "public-rt"), { vpcId, tags: tags("public-rt") }, parent);
            new aws.ec2.Route(
                childName(name, "public-default-route"),
                { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
                parent,
            );
            publicSubnets = zones.map((zone, index) => {
                const subnet = new aws.ec2.Subnet(
                    childName(name, `public-${zone}`),
                    {
                        vpcId,
                        availabilityZone: zone,
                        cidrBlock: plan.public[index],
                        // NET-2: even public subnets hand out no public IPs; only NAT EIPs and load balancers are public.
                        mapPublicIpOnLaunch: false,
                        tags: tags(`public-${zone}`, { "kubernetes.io/role/elb": "1", [clusterTag]: "shared", "baseline:tier": "public" }),
                    },
                    parent,
                );
                new aws.ec2.RouteTableAssociation(
                    childName(name, `public-rta-${zone}`),
                    { subnetId: subnet.id, routeTableId: publicRouteTable.id },
                    parent,
                );
                return subnet;
            });

            const natZones = resolved.natGateways === "single" ? [zones[0]!] : zones;
            const natGateways = natZones.map((zone, index) => {
                const part = resolved.natGateways === "single" ? "nat" : `nat-${zone}`;
                const eip = new aws.ec2.Eip(
                    childName(name, `${part}-eip`),
                    { domain: "vpc", tags: tags(`${part}-eip`) },
                    { parent: this, dependsOn: [igw] },
                );
                return new aws.ec2.NatGateway(
                    childName(name, part),
                    { allocationId: eip.id, subnetId: publicSubnets[index]!.id, connectivityType: "public", tags: tags(part) },
                    { parent: this, dependsOn: [igw] },
                );
            });
            zones.forEach((zone, index) => {
                const nat = natGateways[resolved.natGateways === "single" ? 0 : index]!;
                new aws.ec2.Route(
                    childName(name, `private-default-route-${zone}`),
                    { routeTableId: privateRouteTables[index]!.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
                    parent,
                );
            });
        }

        // NET-3 / NET-4: one security group for every interface endpoint, HTTPS from inside the VPC only.
        const endpointSecurityGroup = new aws.ec2.SecurityGroup(
            childName(name, "endpoints-sg"),
            {
                vpcId,
                description: "Interface VPC endpoints: HTTPS from inside the VPC only",
                ingress: [
                    {
                        description: "HTTPS from the VPC",
                        protocol: "tcp",
                        fromPort: HTTPS_PORT,
                        toPort: HTTPS_PORT,
                        cidrBlocks: [resolved.cidrBlock],
                    },
                ],
                egress: [],
                revokeRulesOnDelete: true,
                tags: tags("endpoints-sg"),
            },
            parent,
        );
        for (const service of INTERFACE_ENDPOINT_SERVICES) {
            const part = `vpce-${endpointNamePart(service)}`;
            new aws.ec2.VpcEndpoint(
                childName(name, part),
                {
                    vpcId,
                    serviceName: endpointServiceName(resolved.region, service),
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: privateSubnets.map((subnet) => subnet.id),
                    securityGroupIds: [endpointSecurityGroup.id],
                    tags: tags(part),
                },
                parent,
            );
        }
        new aws.ec2.VpcEndpoint(
            childName(name, "vpce-s3"),
            {
                vpcId,
                serviceName: endpointServiceName(resolved.region, "s3"),
                vpcEndpointType: "Gateway",
                // ECR image layers come from S3; the gateway keeps that traffic off any NAT.
                routeTableIds: privateRouteTables.map((table) => table.id),
                tags: tags("vpce-s3"),
            },
            parent,
        );

        // NET-5: flow logs of all traffic, to an encrypted log group with retention, protected in prod (SEC-7).
        const logGroup = new aws.cloudwatch.LogGroup(
            childName(name, "flow-logs"),
            {
                name: flowLogGroupName(name),
                kmsKeyId: resolved.logKeyArn,
                retentionInDays: resolved.flowLogRetentionDays,
                tags: tags("flow-logs"),
            },
            { parent: this, protect: resolved.protect, retainOnDelete: resolved.protect },
        );
        const flowLogRole = new aws.iam.Role(
            childName(name, "flow-logs-role"),
            {
                description: `Delivers VPC flow logs of ${name} to ${flowLogGroupName(name)}`,
                assumeRolePolicy: toJson(flowLogsTrustPolicy(resolved.partition, resolved.region, resolved.accountId)),
                tags: tags("flow-logs-role"),
            },
            parent,
        );
        // The group's ARN is written from its name, not read from `logGroup.arn`, so the document is
        // known at preview and iam-policy-no-admin can judge it (IAM-10).
        const scope = { partition: resolved.partition, region: resolved.region, accountId: resolved.accountId };
        const flowLogRolePolicy = new aws.iam.RolePolicy(
            childName(name, "flow-logs-policy"),
            { role: flowLogRole.id, policy: toJson(flowLogsDeliveryPolicy(logGroupArn(scope, flowLogGroupName(name)))) },
            parent,
        );
        new aws.ec2.FlowLog(
            childName(name, "flow-log"),
            {
                vpcId,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: flowLogRole.arn,
                maxAggregationInterval: 60,
                tags: tags("flow-log"),
            },
            { parent: this, dependsOn: [flowLogRolePolicy] },
        );

        this.vpcId = vpcId;
        this.vpcCidr = this.vpc.cidrBlock;
        this.privateSubnetIds = pulumi.all(privateSubnets.map((subnet) => subnet.id));
        this.publicSubnetIds = pulumi.all(publicSubnets.map((subnet) => subnet.id));
        this.endpointSecurityGroupId = endpointSecurityGroup.id;
        this.flowLogGroupName = logGroup.name;
        this.registerOutputs({
            vpcId: this.vpcId,
            vpcCidr: this.vpcCidr,
            privateSubnetIds: this.privateSubnetIds,
            publicSubnetIds: this.publicSubnetIds,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            flowLogGroupName: this.flowLogGroupName,
        });
    }
}
