/**
 * NODE-5 through the plan: NodePools only on hardened node classes of the program, and Auto
 * Scaling groups only from launch templates of the program that pass the launch-template rules.
 */
import { StackValidationPolicy } from "@pulumi/policy";
import { beforeEach, describe, expect, it } from "vitest";
import { resetPackSettings } from "../../../policypacks/baseline/lib/policy";
import { autoscalingGroupHardenedLaunchTemplate, k8sNodePoolHardenedNodeClass } from "../../../policypacks/baseline/policies/stack";
import { FixtureResource, UNKNOWN, runStackPolicy } from "../../helpers/run-policy";
import { hardenedAutoNodeClass, hardenedEc2NodeClass, kmsArn } from "../kubernetes/compute-fixtures";
import { urn } from "./fixtures";

const pools = k8sNodePoolHardenedNodeClass as StackValidationPolicy;
const groups = autoscalingGroupHardenedLaunchTemplate as StackValidationPolicy;
const nodePoolType = "kubernetes:karpenter.sh/v1:NodePool";

beforeEach(() => resetPackSettings());

function nodePool(name: string, nodeClassRef: object): FixtureResource {
    return {
        type: nodePoolType,
        name,
        props: {
            apiVersion: "karpenter.sh/v1",
            kind: "NodePool",
            metadata: { name },
            spec: { template: { spec: { nodeClassRef, requirements: [], taints: [] } } },
        },
    };
}

const karpenterPool = nodePool("internal", { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "internal" });
const autoPool = nodePool("auto-internal", { group: "eks.amazonaws.com", kind: "NodeClass", name: "internal" });

describe("k8s-node-pool-hardened-node-class (NODE-5)", () => {
    it("passes NodePools on hardened node classes of the program (Karpenter and Auto Mode)", async () => {
        expect(await runStackPolicy(pools, [hardenedEc2NodeClass, hardenedAutoNodeClass, karpenterPool, autoPool])).toEqual({
            violations: [],
            violationUrns: [],
        });
    });

    it("blocks NodePools on node classes that fail their policy, with the node class's findings (NODE-5)", async () => {
        const weak = structuredClone(hardenedEc2NodeClass);
        weak.props.spec.metadataOptions.httpPutResponseHopLimit = 2;
        expect(await runStackPolicy(pools, [weak, karpenterPool])).toEqual({
            violations: [
                'NodePool kubernetes:karpenter.sh/v1:NodePool "internal": its EC2NodeClass kubernetes:karpenter.k8s.aws/v1:EC2NodeClass "nodes-internal" fails k8s-karpenter-node-class-hardened (EC2NodeClass "internal": spec.metadataOptions.httpPutResponseHopLimit is 2; set it to 1 (or leave it unset) so pods cannot reach the instance metadata service.); harden the node class. [NODE-5]',
            ],
            violationUrns: [urn(nodePoolType, "internal")],
        });
        const open = structuredClone(hardenedAutoNodeClass);
        delete open.props.spec.ephemeralStorage.kmsKeyID;
        expect((await runStackPolicy(pools, [open, autoPool])).violations).toEqual([
            'NodePool kubernetes:karpenter.sh/v1:NodePool "auto-internal": its NodeClass kubernetes:eks.amazonaws.com/v1:NodeClass "auto-internal" fails k8s-eks-auto-node-class-hardened (NodeClass "internal": spec.ephemeralStorage.kmsKeyID is unset (the AWS managed key); set it to the ARN of the EBS key.); harden the node class. [NODE-5]',
        ]);
    });

    it("reports a NodePool on a node class the program does not declare (Auto Mode's default NodeClass)", async () => {
        const onDefault = nodePool("general", { group: "eks.amazonaws.com", kind: "NodeClass", name: "default" });
        expect((await runStackPolicy(pools, [hardenedAutoNodeClass, onDefault])).violations).toEqual([
            'NodePool kubernetes:karpenter.sh/v1:NodePool "general": spec.template.spec.nodeClassRef names NodeClass "default", which the program does not declare, so it cannot be verified; declare a hardened NodeClass in the program. [NODE-5]',
        ]);
    });

    it("reports a missing or foreign nodeClassRef, and resolves an unknown name through the dependency", async () => {
        const bare = nodePool("bare", {});
        delete bare.props.spec.template.spec.nodeClassRef;
        expect((await runStackPolicy(pools, [bare])).violations).toEqual([
            'NodePool kubernetes:karpenter.sh/v1:NodePool "bare": spec.template.spec.nodeClassRef is unset; point it at a hardened node class of the program. [NODE-5]',
        ]);
        const foreign = nodePool("foreign", { group: "example.com", kind: "OtherClass", name: "x" });
        expect((await runStackPolicy(pools, [foreign])).violations).toEqual([
            'NodePool kubernetes:karpenter.sh/v1:NodePool "foreign": spec.template.spec.nodeClassRef.kind is "OtherClass"; use EC2NodeClass (Karpenter) or NodeClass (EKS Auto Mode). [NODE-5]',
        ]);
        const pending = nodePool("pending", { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: UNKNOWN });
        expect(
            (
                await runStackPolicy(pools, [
                    hardenedEc2NodeClass,
                    { ...pending, dependencies: [urn(hardenedEc2NodeClass.type, "nodes-internal")] },
                ])
            ).violations,
        ).toEqual([]);
        expect((await runStackPolicy(pools, [hardenedEc2NodeClass, pending])).violations).toEqual([
            'NodePool kubernetes:karpenter.sh/v1:NodePool "pending": spec.template.spec.nodeClassRef names EC2NodeClass "<unknown>", which the program does not declare, so it cannot be verified; declare a hardened EC2NodeClass in the program. [NODE-5]',
        ]);
    });

    it("judges v1beta1 NodePools, whose nodeClassRef carries apiVersion instead of group", async () => {
        const beta = nodePool("beta", { apiVersion: "karpenter.k8s.aws/v1beta1", kind: "EC2NodeClass", name: "missing" });
        expect((await runStackPolicy(pools, [{ ...beta, type: "kubernetes:karpenter.sh/v1beta1:NodePool" }])).violations).toEqual([
            'NodePool kubernetes:karpenter.sh/v1beta1:NodePool "beta": spec.template.spec.nodeClassRef names EC2NodeClass "missing", which the program does not declare, so it cannot be verified; declare a hardened EC2NodeClass in the program. [NODE-5]',
        ]);
    });
});

const launchTemplateType = "aws:ec2/launchTemplate:LaunchTemplate";
const groupType = "aws:autoscaling/group:Group";

const template: FixtureResource = {
    type: launchTemplateType,
    name: "nodes",
    props: {
        id: "lt-0abc",
        name: "nodes-20250101",
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: kmsArn, volumeType: "gp3" } }],
    },
};

function group(props: object, dependencies: string[] = []): FixtureResource {
    return { type: groupType, name: "nodes", props: { minSize: 1, maxSize: 3, ...props }, dependencies };
}

describe("autoscaling-group-hardened-launch-template (NODE-5)", () => {
    it("passes a group on a hardened launch template, found by id, by name or (id unknown) by dependency", async () => {
        expect(
            (await runStackPolicy(groups, [template, group({ launchTemplate: { id: "lt-0abc", version: "$Latest" } })])).violations,
        ).toEqual([]);
        expect((await runStackPolicy(groups, [template, group({ launchTemplate: { name: "nodes-20250101" } })])).violations).toEqual([]);
        const pending = group({ launchTemplate: { id: UNKNOWN, version: "$Latest" } }, [urn(launchTemplateType, "nodes")]);
        expect((await runStackPolicy(groups, [{ ...template, props: { ...template.props, id: UNKNOWN } }, pending])).violations).toEqual(
            [],
        );
    });

    it("blocks Auto Scaling groups whose launch template fails the launch-template rules, once per failing rule (NODE-5)", async () => {
        const weak = structuredClone(template);
        weak.props.metadataOptions.httpTokens = "optional";
        weak.props.blockDeviceMappings[0].ebs.encrypted = "false";
        expect(await runStackPolicy(groups, [weak, group({ launchTemplate: { id: "lt-0abc" } })])).toEqual({
            violations: [
                'Auto Scaling group aws:autoscaling/group:Group "nodes": launchTemplate uses aws:ec2/launchTemplate:LaunchTemplate "nodes", which fails launch-template-imdsv2 (metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only).); harden the launch template. [NODE-5]',
                'Auto Scaling group aws:autoscaling/group:Group "nodes": launchTemplate uses aws:ec2/launchTemplate:LaunchTemplate "nodes", which fails launch-template-ebs-encrypted (blockDeviceMappings[0].ebs.encrypted is "false"; set it to "true".); harden the launch template. [NODE-5]',
            ],
            violationUrns: [urn(groupType, "nodes"), urn(groupType, "nodes")],
        });
    });

    it("follows mixed instances policy specifications and overrides, and reports templates outside the program", async () => {
        const mixed = group({
            mixedInstancesPolicy: {
                launchTemplate: {
                    launchTemplateSpecification: { launchTemplateId: "lt-0abc" },
                    overrides: [{ instanceType: "m7g.large", launchTemplateSpecification: { launchTemplateName: "handmade" } }],
                },
            },
        });
        expect((await runStackPolicy(groups, [template, mixed])).violations).toEqual([
            'Auto Scaling group aws:autoscaling/group:Group "nodes": mixedInstancesPolicy.launchTemplate.overrides[0].launchTemplateSpecification names launch template "handmade", which the program does not declare, so it cannot be verified; declare a hardened aws:ec2/launchTemplate:LaunchTemplate in the program. [NODE-5]',
        ]);
    });
});
