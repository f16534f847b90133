/**
 * Pure builders for the in-cluster compute objects (NODE-5): the hardened Karpenter
 * `EC2NodeClass` (`karpenter.k8s.aws/v1`), the hardened Auto Mode `NodeClass`
 * (`eks.amazonaws.com/v1`) and one `NodePool` (`karpenter.sh/v1`) per sensitivity (NET-10).
 * Values are Inputs, since subnet, security-group and key ids come from the AWS layer.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    NodeSensitivity,
    bottlerocketDataDevice,
    bottlerocketOsDevice,
    bottlerocketOsVolumeGiB,
    bottlerocketUserData,
    defaultDataVolumeGiB,
    nodeLabels,
    nodeTaints,
} from "../cluster";

/** Name of the baseline's one node class, in either mode (`default` is reserved by Auto Mode). */
export const NODE_CLASS_NAME = "baseline";

/** The three sensitivities, each with a NodePool of its own name. */
export const NODE_POOL_SENSITIVITIES: readonly NodeSensitivity[] = ["system", "internal", "internet-facing"];

/** A Kubernetes custom resource as `apiextensions.CustomResource` takes it. */
export interface CustomResourceManifest {
    apiVersion: string;
    kind: string;
    metadata: { name: string; labels?: Record<string, string> };
    spec: Record<string, unknown>;
}

/** One selector term per subnet id; a list known only as an Output (Network.privateSubnetIds) is mapped once it resolves. */
function subnetSelectorTerms(subnetIds: NodeClassInputs["subnetIds"]): pulumi.Input<{ id: pulumi.Input<string> }[]> {
    return Array.isArray(subnetIds) ? subnetIds.map((id) => ({ id })) : pulumi.output(subnetIds).apply((ids) => ids.map((id) => ({ id })));
}

/** What a node class selects: the private subnets and the security group, by id. */
export interface NodeClassInputs {
    /** Node IAM role name. */
    role: pulumi.Input<string>;
    /** Private subnet ids only (NET-2): a selector by id cannot pick up a public subnet added later. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The cluster security group the managed groups use too. */
    securityGroupId: pulumi.Input<string>;
    /** The EBS key (SEC-3). */
    ebsKeyArn: pulumi.Input<string>;
    /** Tags on every instance and volume. */
    tags: Record<string, string>;
}

/**
 * Karpenter's EC2NodeClass, every value explicit even where Karpenter's default is already
 * secure, so the object reads as its own evidence (and a later default change cannot weaken it):
 * - `amiSelectorTerms: [{ alias: "bottlerocket@<version>" }]`: Bottlerocket pinned (NODE-1).
 * - `metadataOptions`: IMDSv2 only (`httpTokens: required`), hop limit 1, endpoint on, IPv6
 *   endpoint off (NET-9); Karpenter's defaults are the same.
 * - `blockDeviceMappings`: both Bottlerocket devices, `/dev/xvda` (OS) and `/dev/xvdb` (data),
 *   gp3 `encrypted: true` with `kmsKeyID` the EBS key (SEC-3); without the key Karpenter's
 *   default mapping would use the account's default key.
 * - `associatePublicIPAddress: false`: no public IP even in a subnet that maps them (NET-2).
 * - `subnetSelectorTerms` / `securityGroupSelectorTerms` by id: the private subnets and the
 *   cluster security group only.
 * - `userData`: admin and control host containers off, kernel lockdown (NODE-2), as the managed groups.
 * See https://karpenter.sh/docs/concepts/nodeclasses/
 */
export function ec2NodeClass(
    inputs: NodeClassInputs,
    bottlerocketVersion: string,
    dataVolumeGiB = defaultDataVolumeGiB,
): CustomResourceManifest {
    const volume = (size: number) => ({
        volumeSize: `${size}Gi`,
        volumeType: "gp3",
        encrypted: true,
        kmsKeyID: inputs.ebsKeyArn,
        deleteOnTermination: true,
    });
    return {
        apiVersion: "karpenter.k8s.aws/v1",
        kind: "EC2NodeClass",
        metadata: { name: NODE_CLASS_NAME },
        spec: {
            role: inputs.role,
            amiSelectorTerms: [{ alias: `bottlerocket@${bottlerocketVersion}` }],
            subnetSelectorTerms: subnetSelectorTerms(inputs.subnetIds),
            securityGroupSelectorTerms: [{ id: inputs.securityGroupId }],
            associatePublicIPAddress: false,
            metadataOptions: {
                httpEndpoint: "enabled",
                httpProtocolIPv6: "disabled",
                httpPutResponseHopLimit: 1,
                httpTokens: "required",
            },
            blockDeviceMappings: [
                { deviceName: bottlerocketOsDevice, ebs: volume(bottlerocketOsVolumeGiB) },
                { deviceName: bottlerocketDataDevice, ebs: volume(dataVolumeGiB) },
            ],
            userData: bottlerocketUserData({ controlContainer: false }),
            tags: inputs.tags,
        },
    };
}

/**
 * The Auto Mode NodeClass:
 * - `ephemeralStorage.kmsKeyID`: the EBS key; Auto Mode encrypts the node's root and data
 *   volumes with it (SEC-3).
 * - `advancedNetworking.associatePublicIPAddress: false`: no public IP, whatever the subnet says (NET-2).
 * - `subnetSelectorTerms` by id (private subnets only) and `securityGroupSelectorTerms` the
 *   cluster security group.
 * - `networkPolicyEventLogs: "Enabled"`: NetworkPolicy allow/deny decisions are logged on the
 *   node (NET-6 evidence). `networkPolicy: "DefaultAllow"` keeps cluster-wide behaviour as with
 *   the VPC CNI; the namespaces component's default-deny policies do the denying per namespace.
 * See https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html
 */
export function autoModeNodeClass(inputs: NodeClassInputs, ephemeralStorageGiB = 80): CustomResourceManifest {
    return {
        apiVersion: "eks.amazonaws.com/v1",
        kind: "NodeClass",
        metadata: { name: NODE_CLASS_NAME },
        spec: {
            role: inputs.role,
            subnetSelectorTerms: subnetSelectorTerms(inputs.subnetIds),
            securityGroupSelectorTerms: [{ id: inputs.securityGroupId }],
            networkPolicy: "DefaultAllow",
            networkPolicyEventLogs: "Enabled",
            ephemeralStorage: { size: `${ephemeralStorageGiB}Gi`, kmsKeyID: inputs.ebsKeyArn },
            advancedNetworking: { associatePublicIPAddress: false },
            tags: inputs.tags,
        },
    };
}

/** Kubernetes' form of a taint (`NoSchedule`), from the EKS API form the node groups use. */
function kubernetesTaints(sensitivity: NodeSensitivity) {
    const effects = { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" } as const;
    return nodeTaints(sensitivity).map((taint) => ({ key: taint.key, value: taint.value, effect: effects[taint.effect] }));
}

/** CPU limit per pool, so a runaway Deployment cannot launch unbounded capacity. */
export const DEFAULT_POOL_CPU_LIMITS: Record<NodeSensitivity, string> = { system: "16", internal: "200", "internet-facing": "64" };

/**
 * One NodePool per sensitivity, with the label and taint the managed groups carry (NET-10), on
 * the baseline's node class only. On-demand capacity of current generations; nodes are replaced
 * after 30 days (`expireAfter: 720h`) so AMI fixes reach every node.
 */
export function nodePool(
    mode: "autoMode" | "karpenter",
    sensitivity: NodeSensitivity,
    cpuLimit = DEFAULT_POOL_CPU_LIMITS[sensitivity],
): CustomResourceManifest {
    const prefix = mode === "autoMode" ? "eks.amazonaws.com" : "karpenter.k8s.aws";
    return {
        apiVersion: "karpenter.sh/v1",
        kind: "NodePool",
        metadata: { name: sensitivity },
        spec: {
            template: {
                metadata: { labels: nodeLabels(sensitivity) },
                spec: {
                    nodeClassRef:
                        mode === "autoMode"
                            ? { group: "eks.amazonaws.com", kind: "NodeClass", name: NODE_CLASS_NAME }
                            : { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: NODE_CLASS_NAME },
                    taints: kubernetesTaints(sensitivity),
                    requirements: [
                        { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
                        { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
                        { key: `${prefix}/instance-category`, operator: "In", values: ["c", "m", "r"] },
                        { key: `${prefix}/instance-generation`, operator: "Gt", values: ["5"] },
                    ],
                    expireAfter: "720h",
                },
            },
            limits: { cpu: cpuLimit },
            disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m" },
        },
    };
}

/**
 * Auto Mode's VPC CNI enforces NetworkPolicy only once its network policy controller is on, through
 * this ConfigMap (NET-6); without it the namespaces' default-deny policies would be ignored.
 * See https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html
 */
export function autoModeNetworkPolicyConfigMap() {
    return {
        metadata: { name: "amazon-vpc-cni", namespace: "kube-system" },
        data: { "enable-network-policy-controller": "true" },
    };
}
