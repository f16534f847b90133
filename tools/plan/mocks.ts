/**
 * Mocks that answer like AWS and Kubernetes would, so that no input depending on another
 * resource's output is silently dropped as unknown: ids in the provider's own format, ARNs,
 * the EKS endpoint, CA data and OIDC issuer, security group ids.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

/** Account id used in every mocked ARN (the AWS documentation account). */
export const MOCK_ACCOUNT_ID = "111122223333";

/** Short stable hex derived from a resource name, so ids are repeatable across plans. */
function hexId(seed: string, length = 17): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

type Outputs = Record<string, unknown>;
/** Where the mocked resources live: every ARN and endpoint names them. */
interface MockScope {
    region: string;
    account: string;
}

type OutputBuilder = (name: string, inputs: Outputs, scope: MockScope) => { id: string; outputs: Outputs };

const idPrefixes: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/instance:Instance": "i",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
    "aws:ec2/vpcSecurityGroupIngressRule:VpcSecurityGroupIngressRule": "sgr",
    "aws:ec2/vpcSecurityGroupEgressRule:VpcSecurityGroupEgressRule": "sgr",
};

function awsArn(service: string, scope: MockScope, resource: string): string {
    return `arn:aws:${service}:${scope.region}:${scope.account}:${resource}`;
}

const builders: Record<string, OutputBuilder> = {
    "aws:eks/cluster:Cluster": (name, inputs, scope) => {
        const clusterName = String(inputs.name ?? name);
        const oidcId = hexId(`oidc-${clusterName}`, 32).toUpperCase();
        return {
            id: clusterName,
            outputs: {
                name: clusterName,
                arn: awsArn("eks", scope, `cluster/${clusterName}`),
                endpoint: `https://${oidcId}.gr7.${scope.region}.eks.amazonaws.com`,
                certificateAuthority: { data: Buffer.from(`mock-ca-${clusterName}`).toString("base64") },
                identities: [{ oidcs: [{ issuer: `https://oidc.eks.${scope.region}.amazonaws.com/id/${oidcId}` }] }],
                vpcConfig: {
                    ...((inputs.vpcConfig as Outputs | undefined) ?? {}),
                    clusterSecurityGroupId: `sg-${hexId(`cluster-sg-${clusterName}`)}`,
                    vpcId: `vpc-${hexId("vpc")}`,
                },
                platformVersion: "eks.1",
                status: "ACTIVE",
            },
        };
    },
    "aws:iam/role:Role": (name, inputs, scope) => {
        const roleName = String(inputs.name ?? name);
        return {
            id: roleName,
            outputs: {
                name: roleName,
                arn: `arn:aws:iam::${scope.account}:role/${roleName}`,
                uniqueId: `AROA${hexId(roleName, 16).toUpperCase()}`,
            },
        };
    },
    "aws:iam/policy:Policy": (name, inputs, scope) => {
        const policyName = String(inputs.name ?? name);
        const arn = `arn:aws:iam::${scope.account}:policy/${policyName}`;
        return { id: arn, outputs: { name: policyName, arn } };
    },
    "aws:iam/instanceProfile:InstanceProfile": (name, inputs, scope) => {
        const profileName = String(inputs.name ?? name);
        return { id: profileName, outputs: { name: profileName, arn: `arn:aws:iam::${scope.account}:instance-profile/${profileName}` } };
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (_name, inputs, scope) => {
        const host = String(inputs.url ?? "oidc.example").replace(/^https:\/\//, "");
        const arn = `arn:aws:iam::${scope.account}:oidc-provider/${host}`;
        return { id: arn, outputs: { arn } };
    },
    "aws:kms/key:Key": (name, _inputs, scope) => {
        const keyId = `${hexId(`key-${name}`, 8)}-${hexId(`k2-${name}`, 4)}-4${hexId(`k3-${name}`, 3)}-8${hexId(`k4-${name}`, 3)}-${hexId(`k5-${name}`, 12)}`;
        return { id: keyId, outputs: { keyId, arn: awsArn("kms", scope, `key/${keyId}`) } };
    },
    "aws:kms/alias:Alias": (name, inputs, scope) => {
        const aliasName = String(inputs.name ?? `alias/${name}`);
        return { id: aliasName, outputs: { name: aliasName, arn: awsArn("kms", scope, aliasName) } };
    },
    "aws:cloudwatch/logGroup:LogGroup": (name, inputs, scope) => {
        const groupName = String(inputs.name ?? name);
        return { id: groupName, outputs: { name: groupName, arn: awsArn("logs", scope, `log-group:${groupName}`) } };
    },
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": (name, inputs, scope) => {
        const streamName = String(inputs.name ?? name);
        const arn = awsArn("firehose", scope, `deliverystream/${streamName}`);
        return { id: arn, outputs: { name: streamName, arn } };
    },
    "aws:s3/bucket:Bucket": (name, inputs, scope) => {
        const bucket = String(inputs.bucket ?? `${name}-${hexId(name, 7)}`);
        return {
            id: bucket,
            outputs: { bucket, arn: `arn:aws:s3:::${bucket}`, bucketRegionalDomainName: `${bucket}.s3.${scope.region}.amazonaws.com` },
        };
    },
    "aws:sns/topic:Topic": (name, inputs, scope) => {
        const topicName = String(inputs.name ?? name);
        const arn = awsArn("sns", scope, topicName);
        return { id: arn, outputs: { name: topicName, arn } };
    },
    "aws:ssm/document:Document": (name, inputs, scope) => {
        const documentName = String(inputs.name ?? name);
        return { id: documentName, outputs: { name: documentName, arn: awsArn("ssm", scope, `document/${documentName}`) } };
    },
    "aws:eks/nodeGroup:NodeGroup": (name, inputs, scope) => {
        const groupName = String(inputs.nodeGroupName ?? name);
        return {
            id: `${String(inputs.clusterName ?? "cluster")}:${groupName}`,
            outputs: {
                nodeGroupName: groupName,
                arn: awsArn("eks", scope, `nodegroup/${String(inputs.clusterName)}/${groupName}/${hexId(groupName, 8)}`),
            },
        };
    },
    "aws:ec2/launchTemplate:LaunchTemplate": (name) => {
        const id = `lt-${hexId(name)}`;
        return { id, outputs: { latestVersion: 1, defaultVersion: 1, arn: `arn:aws:ec2:::launch-template/${id}` } };
    },
    "aws:ec2/instance:Instance": (name, _inputs, scope) => {
        const id = `i-${hexId(name)}`;
        return {
            id,
            outputs: { arn: awsArn("ec2", scope, `instance/${id}`), privateIp: "10.0.1.10", publicIp: "", instanceState: "running" },
        };
    },
    "aws:ec2/vpc:Vpc": (name, _inputs, scope) => {
        const id = `vpc-${hexId(name)}`;
        return {
            id,
            outputs: {
                arn: awsArn("ec2", scope, `vpc/${id}`),
                defaultSecurityGroupId: `sg-${hexId(`default-${name}`)}`,
                mainRouteTableId: `rtb-${hexId(`main-${name}`)}`,
                defaultNetworkAclId: `acl-${hexId(`acl-${name}`)}`,
            },
        };
    },
};

function genericAws(type: string, name: string, scope: MockScope): { id: string; outputs: Outputs } {
    const prefix = idPrefixes[type];
    const id = prefix ? `${prefix}-${hexId(name)}` : `${name}-${hexId(name, 8)}`;
    const service = type.split(":")[1]?.split("/")[0] ?? "aws";
    return { id, outputs: { arn: awsArn(service, scope, `${type.split(":")[2]?.toLowerCase() ?? "resource"}/${id}`) } };
}

/**
 * Builds the mocks for one plan; `region` and `account` feed every ARN and endpoint. With `preview`, new
 * resources report only their inputs and no id, so every computed output is unknown, as in a
 * real `pulumi preview` of a stack that does not exist yet.
 */
export function realisticMocks(region: string, preview = false, account = MOCK_ACCOUNT_ID): pulumi.runtime.Mocks {
    const scope: MockScope = { region, account };
    return {
        newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
            const inputs = (args.inputs ?? {}) as Outputs;
            if (args.type.startsWith("pulumi:providers:")) {
                return { id: `${args.name}-provider-id`, state: inputs };
            }
            if (preview) {
                return { id: undefined, state: inputs };
            }
            const builder = builders[args.type];
            const built = builder
                ? builder(args.name, inputs, scope)
                : args.type.startsWith("aws:")
                  ? genericAws(args.type, args.name, scope)
                  : { id: `${args.name}-id`, outputs: {} };
            // Terraform-bridged providers (aws) report `id` among the outputs; the engine passes
            // outputs as they are to AnalyzeStack, so stack policies can match ids.
            const id = args.type.startsWith("aws:") ? { id: built.id } : {};
            return { id: built.id, state: { ...inputs, ...built.outputs, ...id } };
        },
        call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
            switch (args.token) {
                case "aws:index/getCallerIdentity:getCallerIdentity":
                    return { accountId: account, arn: `arn:aws:iam::${account}:user/plan`, userId: "AIDAPLAN" };
                case "aws:index/getRegion:getRegion":
                    return { name: region, region, id: region };
                case "aws:index/getPartition:getPartition":
                    return { partition: "aws", dnsSuffix: "amazonaws.com" };
                case "aws:index/getAvailabilityZones:getAvailabilityZones":
                    return { names: ["a", "b", "c", "d"].map((suffix) => `${region}${suffix}`), zoneIds: [] };
                default:
                    return {};
            }
        },
    };
}
