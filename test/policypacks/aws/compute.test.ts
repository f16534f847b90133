/**
 * NODE-5 on the AWS side: Auto Scaling groups from launch templates only, and Auto Mode clusters
 * without the built-in node pools, in the shapes @pulumi/aws 7 sends.
 */
import { describe, expect, it } from "vitest";
import { autoscalingGroupNoLaunchConfiguration } from "../../../policypacks/baseline/policies/aws/autoscaling-group-no-launch-configuration";
import { eksClusterAutoModeNoBuiltInNodePools } from "../../../policypacks/baseline/policies/aws/eks-cluster-auto-mode-no-built-in-node-pools";
import { ebsVolumeEncrypted } from "../../../policypacks/baseline/policies/aws/ebs-volume-encrypted";
import { FixtureResource } from "../../helpers/run-policy";
import { commonBehaviour, remove, violationsOf, withProp } from "./harness";

const node5 = (message: string) => `${message} [NODE-5]`;

/** A self-managed node group as @pulumi/aws 7 sends it (template id unknown until created). */
export const autoscalingGroup: FixtureResource = {
    type: "aws:autoscaling/group:Group",
    name: "nodes",
    props: {
        minSize: 1,
        maxSize: 3,
        vpcZoneIdentifiers: ["subnet-0a", "subnet-0b"],
        launchTemplate: { id: "lt-0abc", version: "$Latest" },
    },
};

/** An Auto Mode cluster with the built-in pools off (the baseline's autoMode compute). */
const autoModeCluster: FixtureResource = {
    type: "aws:eks/cluster:Cluster",
    name: "cluster",
    props: {
        name: "prod",
        bootstrapSelfManagedAddons: false,
        computeConfig: { enabled: true, nodePools: [], nodeRoleArn: "arn:aws:iam::111122223333:role/prod-auto-node" },
        storageConfig: { blockStorage: { enabled: true } },
        kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
    },
};

describe("autoscaling-group-no-launch-configuration (NODE-5)", () => {
    const policy = autoscalingGroupNoLaunchConfiguration;

    it("passes groups launching from a launch template, directly or through a mixed instances policy", async () => {
        expect(await violationsOf(policy, autoscalingGroup)).toEqual([]);
        const mixed = withProp(withProp(autoscalingGroup, ["launchTemplate"], remove), ["mixedInstancesPolicy"], {
            launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-0abc" }, overrides: [{ instanceType: "m7g.large" }] },
        });
        expect(await violationsOf(policy, mixed)).toEqual([]);
    });

    it("blocks Auto Scaling groups on launch configurations (NODE-5)", async () => {
        expect(
            await violationsOf(
                policy,
                withProp(withProp(autoscalingGroup, ["launchTemplate"], remove), ["launchConfiguration"], "nodes-lc"),
            ),
        ).toEqual([node5("launchConfiguration is set; launch the group from a launch template (launchTemplate) instead.")]);
        expect(await violationsOf(policy, withProp(autoscalingGroup, ["launchTemplate"], remove))).toEqual([
            node5(
                "neither launchTemplate nor mixedInstancesPolicy.launchTemplate is set; launch the group from a hardened launch template.",
            ),
        ]);
    });

    it("treats an unknown launch configuration reference as set", async () => {
        expect(
            await violationsOf(policy, withProp(autoscalingGroup, ["launchConfiguration"], "04da6b54-80e4-46f7-96ec-b56ff0331ba9")),
        ).toEqual([node5("launchConfiguration is set; launch the group from a launch template (launchTemplate) instead.")]);
    });
});

describe("eks-cluster-auto-mode-no-built-in-node-pools (NODE-5)", () => {
    const policy = eksClusterAutoModeNoBuiltInNodePools;
    const builtIn = node5(
        'computeConfig.nodePools is ["general-purpose","system"] (built-in pools on AWS\'s default NodeClass: ephemeral storage under the AWS managed key); set it to [] and declare NodePools on a hardened NodeClass.',
    );

    it("passes Auto Mode without built-in pools, and clusters without Auto Mode", async () => {
        expect(await violationsOf(policy, autoModeCluster)).toEqual([]);
        expect(await violationsOf(policy, withProp(autoModeCluster, ["computeConfig", "nodePools"], remove))).toEqual([]);
        expect(await violationsOf(policy, withProp(autoModeCluster, ["computeConfig"], remove))).toEqual([]);
        expect(await violationsOf(policy, withProp(autoModeCluster, ["computeConfig"], { enabled: false, nodePools: ["system"] }))).toEqual(
            [],
        );
    });

    it("blocks the built-in node pools on an Auto Mode cluster (NODE-5)", async () => {
        expect(
            await violationsOf(policy, withProp(autoModeCluster, ["computeConfig", "nodePools"], ["general-purpose", "system"])),
        ).toEqual([builtIn]);
    });

    commonBehaviour({
        policy,
        suffix: "[NODE-5]",
        compliant: withProp(autoModeCluster, ["computeConfig", "nodePools"], ["general-purpose", "system"]),
        violating: withProp(autoModeCluster, ["computeConfig", "nodePools"], ["general-purpose", "system"]),
        message: builtIn,
        unknownPath: ["computeConfig", "enabled"],
    });
});

describe("ebs-volume-encrypted on aws.ebs.EncryptionByDefault (SEC-8)", () => {
    const byDefault = (props: object): FixtureResource => ({
        type: "aws:ebs/encryptionByDefault:EncryptionByDefault",
        name: "ebs-default",
        props,
    });

    it("keeps account-level EBS encryption by default on (SEC-8)", async () => {
        expect(await violationsOf(ebsVolumeEncrypted, byDefault({}))).toEqual([]);
        expect(await violationsOf(ebsVolumeEncrypted, byDefault({ enabled: true }))).toEqual([]);
        expect(await violationsOf(ebsVolumeEncrypted, byDefault({ enabled: false }))).toEqual([
            "enabled is false (new EBS volumes in the region are not encrypted by default); set it to true. [SEC-3]",
        ]);
        expect(ebsVolumeEncrypted.tags).toEqual(["SEC-3", "SEC-8"]);
    });
});
