/**
 * Pure builders for the AWS side of Karpenter (NODE-5): the controller's least-privilege policy,
 * the interruption queue's policy and the EventBridge rules that feed it. The documents follow
 * Karpenter's own v1 CloudFormation (`website/content/en/docs/getting-started/
 * getting-started-with-karpenter/cloudformation.yaml` in aws/karpenter-provider-aws): every
 * write is conditioned on the cluster's tags, so the controller can launch, tag and terminate
 * only instances, templates and instance profiles of this cluster.
 */
import type { ArnScope } from "../shared/arns";
import { IamPolicyDocument, IamStatement, policyDocument } from "../shared/iam";

/** Namespace and service account the Karpenter chart runs the controller as. */
export const karpenterServiceAccount = { namespace: "kube-system", name: "karpenter" } as const;

/** What the controller policy is scoped to; all known at preview. */
export interface KarpenterPolicyScope extends ArnScope {
    clusterName: string;
    /** ARN of the role Karpenter nodes get; the only role it may pass. */
    nodeRoleArn: string;
    /** ARN of the interruption queue. */
    queueArn: string;
    /** Statements letting the controller use the EBS key for encrypted node volumes (SEC-3). */
    ebsKeyStatements: IamStatement[];
}

/** Node managed policies of Karpenter nodes: as the managed groups', no SSM, no CNI (IAM-7, IAM-10). */
export const karpenterNodeManagedPolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"] as const;

/** Access entry type of the Karpenter node role (Linux nodes joining with the node role). */
export const karpenterNodeAccessEntryType = "EC2_LINUX";

/** The controller's policy: scoped EC2 writes, PassRole on the node role only, the queue, the cluster. */
export function karpenterControllerPolicy(scope: KarpenterPolicyScope): IamPolicyDocument {
    const { partition, region, accountId, clusterName } = scope;
    const ec2 = (resource: string) => `arn:${partition}:ec2:${region}:*:${resource}/*`;
    const owned = { [`aws:RequestTag/kubernetes.io/cluster/${clusterName}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": clusterName };
    const ownedResource = { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: "owned" };
    const taggedKinds = ["fleet", "instance", "volume", "network-interface", "launch-template", "spot-instances-request"].map(ec2);
    const instanceProfiles = `arn:${partition}:iam::${accountId}:instance-profile/*`;
    return policyDocument(
        {
            Sid: "AllowScopedEC2InstanceAccessActions",
            Effect: "Allow",
            Resource: [
                `arn:${partition}:ec2:${region}::image/*`,
                `arn:${partition}:ec2:${region}::snapshot/*`,
                ec2("security-group"),
                ec2("subnet"),
                ec2("capacity-reservation"),
            ],
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
        },
        {
            Sid: "AllowScopedEC2LaunchTemplateAccessActions",
            Effect: "Allow",
            Resource: ec2("launch-template"),
            Action: ["ec2:RunInstances", "ec2:CreateFleet"],
            Condition: { StringEquals: ownedResource, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
        },
        {
            Sid: "AllowScopedEC2InstanceActionsWithTags",
            Effect: "Allow",
            Resource: taggedKinds,
            Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
            Condition: { StringEquals: owned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
        },
        {
            Sid: "AllowScopedResourceCreationTagging",
            Effect: "Allow",
            Resource: taggedKinds,
            Action: "ec2:CreateTags",
            Condition: {
                StringEquals: { ...owned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
                StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
            },
        },
        {
            Sid: "AllowScopedResourceTagging",
            Effect: "Allow",
            Resource: ec2("instance"),
            Action: "ec2:CreateTags",
            Condition: {
                StringEquals: ownedResource,
                StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
                StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": clusterName },
                "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
            },
        },
        {
            Sid: "AllowScopedDeletion",
            Effect: "Allow",
            Resource: [ec2("instance"), ec2("launch-template")],
            Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
            Condition: { StringEquals: ownedResource, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
        },
        {
            Sid: "AllowPassingInstanceRole",
            Effect: "Allow",
            Resource: scope.nodeRoleArn,
            Action: "iam:PassRole",
            Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
        },
        {
            Sid: "AllowScopedInstanceProfileCreationActions",
            Effect: "Allow",
            Resource: instanceProfiles,
            Action: "iam:CreateInstanceProfile",
            Condition: {
                StringEquals: { ...owned, "aws:RequestTag/topology.kubernetes.io/region": region },
                StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileTagActions",
            Effect: "Allow",
            Resource: instanceProfiles,
            Action: "iam:TagInstanceProfile",
            Condition: {
                StringEquals: {
                    ...ownedResource,
                    "aws:ResourceTag/topology.kubernetes.io/region": region,
                    ...owned,
                    "aws:RequestTag/topology.kubernetes.io/region": region,
                },
                StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowScopedInstanceProfileActions",
            Effect: "Allow",
            Resource: instanceProfiles,
            Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
            Condition: {
                StringEquals: { ...ownedResource, "aws:ResourceTag/topology.kubernetes.io/region": region },
                StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
            },
        },
        {
            Sid: "AllowAPIServerEndpointDiscovery",
            Effect: "Allow",
            Resource: `arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`,
            Action: "eks:DescribeCluster",
        },
        {
            Sid: "AllowInterruptionQueueActions",
            Effect: "Allow",
            Resource: scope.queueArn,
            Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
        },
        {
            // Read-only describes cannot be scoped by resource; limited to the cluster's region.
            Sid: "AllowRegionalReadActions",
            Effect: "Allow",
            Resource: "*",
            Action: [
                "ec2:DescribeCapacityReservations",
                "ec2:DescribeImages",
                "ec2:DescribeInstances",
                "ec2:DescribeInstanceTypeOfferings",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplates",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSpotPriceHistory",
                "ec2:DescribeSubnets",
            ],
            Condition: { StringEquals: { "aws:RequestedRegion": region } },
        },
        {
            // The Bottlerocket alias resolves through the public SSM parameters under /aws/service/.
            Sid: "AllowSSMReadActions",
            Effect: "Allow",
            Resource: `arn:${partition}:ssm:${region}::parameter/aws/service/*`,
            Action: "ssm:GetParameter",
        },
        { Sid: "AllowPricingReadActions", Effect: "Allow", Resource: "*", Action: "pricing:GetProducts" },
        { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Resource: "*", Action: "iam:ListInstanceProfiles" },
        { Sid: "AllowInstanceProfileReadActions", Effect: "Allow", Resource: instanceProfiles, Action: "iam:GetInstanceProfile" },
        ...scope.ebsKeyStatements,
    );
}

/**
 * Policy of the interruption queue: EventBridge (and SQS itself) may send to it, and nothing may
 * use it without TLS. See Karpenter's CloudFormation, `KarpenterInterruptionQueuePolicy`.
 */
export function interruptionQueuePolicy(queueArn: string): IamPolicyDocument {
    return policyDocument(
        {
            Sid: "EventBridgeSendsInterruptions",
            Effect: "Allow",
            Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
            Action: "sqs:SendMessage",
            Resource: queueArn,
        },
        {
            Sid: "DenyHTTP",
            Effect: "Deny",
            Principal: "*",
            Action: "sqs:*",
            Resource: queueArn,
            Condition: { Bool: { "aws:SecureTransport": false } },
        },
    );
}

/** One EventBridge rule that forwards an event kind to the interruption queue. */
export interface InterruptionRule {
    key: string;
    description: string;
    eventPattern: { source: string[]; "detail-type": string[] };
}

/**
 * The four event kinds Karpenter handles: AWS Health scheduled changes, Spot interruption
 * warnings, rebalance recommendations and instance state changes; with them Karpenter drains a
 * node before EC2 takes it away.
 */
export const interruptionRules: readonly InterruptionRule[] = [
    {
        key: "scheduled-change",
        description: "AWS Health events (scheduled maintenance)",
        eventPattern: { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
    },
    {
        key: "spot-interruption",
        description: "EC2 Spot interruption warnings",
        eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
    },
    {
        key: "rebalance",
        description: "EC2 rebalance recommendations",
        eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
    },
    {
        key: "instance-state-change",
        description: "EC2 instance state changes",
        eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
    },
];

/**
 * Message retention of the interruption queue: 300 s, as Karpenter's CloudFormation; an
 * interruption older than that is moot. Encrypted with SQS-managed keys (`sqsManagedSseEnabled`).
 */
export const interruptionQueueRetentionSeconds = 300;
