import { describe, expect, it } from "vitest";
import {
    PrivateCluster,
    PrivateClusterArgs,
    defaultAddonVersions,
    karpenterControllerPolicy,
    validatePrivateClusterArgs,
} from "../../../components/cluster";
import { capture } from "../../helpers/capture";

const ebsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/ebs";
const systemGroup = {
    name: "system",
    sensitivity: "system" as const,
    instanceTypes: ["m7i.large"],
    scaling: { min: 2, max: 3, desired: 2 },
};

function args(overrides: Partial<PrivateClusterArgs>): PrivateClusterArgs {
    return {
        environment: "prod",
        version: "1.33",
        minimumVersion: "1.33",
        subnetIds: ["subnet-a", "subnet-b"],
        secretsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/secrets",
        logsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
        ebsKeyArn,
        ebsKeyAlias: "alias/prod-ebs",
        accountId: "111122223333",
        region: "eu-west-1",
        nodeGroups: [],
        ...overrides,
    };
}

const plan = (clusterArgs: PrivateClusterArgs) => capture(() => new PrivateCluster("prod", clusterArgs));
const attachedPolicies = (c: Awaited<ReturnType<typeof plan>>, roleFragment: string) =>
    c
        .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((attachment) => attachment.name.startsWith(`prod-${roleFragment}-Amazon`))
        .map((attachment) => String(attachment.inputs.policyArn).split("/").pop())
        .sort();

describe("PrivateCluster compute modes (NODE-5)", () => {
    it("turns Auto Mode on with compute, block storage and load balancing together and no built-in pools", async () => {
        const c = await plan(args({ compute: { mode: "autoMode" } }));
        const cluster = c.inputsOf("aws:eks/cluster:Cluster");
        expect(cluster.computeConfig).toEqual({ enabled: true, nodePools: [] });
        expect(cluster.storageConfig).toEqual({ blockStorage: { enabled: true } });
        expect(cluster.kubernetesNetworkConfig).toEqual({ elasticLoadBalancing: { enabled: true } });
        expect(cluster.bootstrapSelfManagedAddons).toBe(false);
        expect(c.ofType("aws:eks/nodeGroup:NodeGroup")).toEqual([]);
        expect(c.ofType("aws:ec2/launchTemplate:LaunchTemplate")).toEqual([]);
    });

    it("gives the Auto Mode cluster role exactly the five managed policies, sts:TagSession and the EBS key", async () => {
        const c = await plan(args({ compute: { mode: "autoMode" } }));
        expect(attachedPolicies(c, "cluster-role")).toEqual([
            "AmazonEKSBlockStoragePolicy",
            "AmazonEKSClusterPolicy",
            "AmazonEKSComputePolicy",
            "AmazonEKSLoadBalancingPolicy",
            "AmazonEKSNetworkingPolicy",
        ]);
        const trust = JSON.parse(c.inputsOf("aws:iam/role:Role", "prod-cluster-role").assumeRolePolicy);
        expect(trust.Statement[0].Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
        const keyPolicy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "prod-cluster-role-ebs-key").policy);
        expect(keyPolicy.Statement[0].Condition).toEqual({
            "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/prod-ebs" },
            Bool: { "kms:GrantIsForAWSResource": true },
        });
    });

    it("gives Auto Mode nodes only the minimal worker and ECR pull-only policies and an EC2 access entry", async () => {
        const c = await plan(args({ compute: { mode: "autoMode" } }));
        expect(attachedPolicies(c, "auto-node-role")).toEqual(["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodeMinimalPolicy"]);
        expect(c.inputsOf("aws:eks/accessEntry:AccessEntry").type).toBe("EC2");
        expect(c.inputsOf("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")).toMatchObject({
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy",
            accessScope: { type: "cluster" },
        });
    });

    it("installs none of the add-ons Auto Mode runs itself", async () => {
        const c = await plan(args({ compute: { mode: "autoMode" } }));
        expect(c.ofType("aws:eks/addon:Addon")).toEqual([]);
    });

    it("refuses node groups with Auto Mode and a missing system group with Karpenter", () => {
        expect(validatePrivateClusterArgs("prod", args({ compute: { mode: "autoMode" }, nodeGroups: [systemGroup] }))).toEqual([
            "PrivateClusterArgs.nodeGroups lists system but compute.mode is autoMode; drop nodeGroups, Auto Mode launches every node from the baseline's NodePools (NODE-5).",
        ]);
        expect(validatePrivateClusterArgs("prod", args({ compute: { mode: "karpenter" } }))).toEqual([
            'PrivateClusterArgs.nodeGroups has no "system" group; add one, it runs Karpenter itself (NODE-5).',
        ]);
        expect(
            validatePrivateClusterArgs(
                "prod",
                args({ compute: { mode: "karpenter", bottlerocketVersion: "latest" }, nodeGroups: [systemGroup] }),
            ),
        ).toEqual(['PrivateClusterArgs.compute.bottlerocketVersion is "latest"; pin a release such as v1.46.0, never "latest" (NODE-1).']);
    });

    it("builds Karpenter's AWS side: encrypted queue, four rules, EC2_LINUX entry, Pod Identity controller", async () => {
        const c = await plan(args({ compute: { mode: "karpenter" }, nodeGroups: [systemGroup] }));
        const queue = c.inputsOf("aws:sqs/queue:Queue");
        expect(queue).toMatchObject({ name: "prod", sqsManagedSseEnabled: true, messageRetentionSeconds: 300 });
        const patterns = c
            .ofType("aws:cloudwatch/eventRule:EventRule")
            .map((rule) => JSON.parse(String(rule.inputs.eventPattern))["detail-type"][0]);
        expect(patterns.sort()).toEqual([
            "AWS Health Event",
            "EC2 Instance Rebalance Recommendation",
            "EC2 Instance State-change Notification",
            "EC2 Spot Instance Interruption Warning",
        ]);
        expect(c.ofType("aws:cloudwatch/eventTarget:EventTarget")).toHaveLength(4);
        const queuePolicy = JSON.parse(c.inputsOf("aws:sqs/queuePolicy:QueuePolicy").policy);
        expect(queuePolicy.Statement[0].Principal).toEqual({ Service: ["events.amazonaws.com", "sqs.amazonaws.com"] });
        expect(queuePolicy.Statement[1]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": false } } });
        expect(c.inputsOf("aws:eks/accessEntry:AccessEntry").type).toBe("EC2_LINUX");
        expect(c.inputsOf("aws:eks/podIdentityAssociation:PodIdentityAssociation")).toMatchObject({
            namespace: "kube-system",
            serviceAccount: "karpenter",
        });
        expect(attachedPolicies(c, "karpenter-node-role")).toEqual(["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodePolicy"]);
        // The system group that runs Karpenter stays, with the EBS CSI driver on its own identity (SEC-8).
        expect(c.ofType("aws:eks/nodeGroup:NodeGroup").map((group) => group.inputs.nodeGroupName)).toEqual(["prod-system"]);
        const csi = c.inputsOf("aws:eks/addon:Addon", "prod-ebs-csi-driver");
        expect(csi.addonVersion).toBe(defaultAddonVersions.ebsCsiDriver);
        expect(csi.podIdentityAssociations[0].serviceAccount).toBe("ebs-csi-controller-sa");
    });

    it("lets the Karpenter controller pass only its node role and write only tagged resources of its cluster", async () => {
        const c = await plan(args({ compute: { mode: "karpenter" }, nodeGroups: [systemGroup] }));
        const policy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "prod-karpenter-controller-policy").policy);
        const bySid = Object.fromEntries(policy.Statement.map((statement: { Sid: string }) => [statement.Sid, statement]));
        expect(bySid.AllowPassingInstanceRole.Resource).toBe("arn:aws:iam::111122223333:role/prod-karpenter-node");
        expect(c.inputsOf("aws:iam/role:Role", "prod-karpenter-node-role").name).toBe("prod-karpenter-node");
        expect(bySid.AllowScopedEC2InstanceActionsWithTags.Condition.StringEquals).toEqual({
            "aws:RequestTag/kubernetes.io/cluster/prod": "owned",
            "aws:RequestTag/eks:eks-cluster-name": "prod",
        });
        expect(bySid.AllowScopedDeletion.Condition.StringEquals).toEqual({ "aws:ResourceTag/kubernetes.io/cluster/prod": "owned" });
        expect(bySid.AllowInterruptionQueueActions.Resource).toBe("arn:aws:sqs:eu-west-1:111122223333:prod");
        expect(bySid.AllowSSMReadActions.Resource).toBe("arn:aws:ssm:eu-west-1::parameter/aws/service/*");
        expect(bySid.AllowAPIServerEndpointDiscovery.Resource).toBe("arn:aws:eks:eu-west-1:111122223333:cluster/prod");
        // No statement grants a write action on "*".
        const writes = policy.Statement.filter(
            (statement: { Resource: unknown; Action: string | string[] }) =>
                statement.Resource === "*" && [statement.Action].flat().some((action) => !/:(Describe|Get|List)/.test(action)),
        );
        expect(writes).toEqual([]);
    });

    it("keeps managed node groups the default, with the EBS CSI add-on", async () => {
        const document = karpenterControllerPolicy({
            partition: "aws",
            region: "eu-west-1",
            accountId: "111122223333",
            clusterName: "x",
            nodeRoleArn: "arn:aws:iam::111122223333:role/x-karpenter-node",
            queueArn: "arn:aws:sqs:eu-west-1:111122223333:x",
            ebsKeyStatements: [],
        });
        expect(document.Statement.filter((statement) => statement.Action === "iam:PassRole")).toHaveLength(1);
        const c = await plan(
            args({
                nodeGroups: [systemGroup, { ...systemGroup, name: "workloads", sensitivity: "internal" }],
            }),
        );
        expect(c.inputsOf("aws:eks/cluster:Cluster").computeConfig).toBeUndefined();
        expect(c.ofType("aws:eks/nodeGroup:NodeGroup")).toHaveLength(2);
        expect(c.ofType("aws:sqs/queue:Queue")).toEqual([]);
        const csiKey = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "prod-ebs-csi-driver-role-ebs-key").policy);
        expect(csiKey.Statement.map((statement: { Action: string[] }) => statement.Action)).toEqual([
            ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        ]);
        expect(attachedPolicies(c, "ebs-csi-driver-role")).toEqual(["AmazonEBSCSIDriverPolicy"]);
    });
});
