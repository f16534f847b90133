/**
 * Pure builders for EKS Auto Mode (NODE-5): the cluster settings AWS requires together, and the
 * roles' managed policies. The NodeClass and NodePools are in components/compute.
 */
import type * as aws from "@pulumi/aws";

/**
 * The cluster role of an Auto Mode cluster: AmazonEKSClusterPolicy plus the four capability
 * policies EKS documents for Auto Mode (compute, block storage, load balancing, networking),
 * nothing else. See https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html
 */
export const autoModeClusterManagedPolicies = [
    "AmazonEKSClusterPolicy",
    "AmazonEKSComputePolicy",
    "AmazonEKSBlockStoragePolicy",
    "AmazonEKSLoadBalancingPolicy",
    "AmazonEKSNetworkingPolicy",
] as const;

/**
 * The Auto Mode node role: the minimal worker policy (no EC2 describe rights beyond what the
 * node needs) and ECR pull-only, as EKS documents it (IAM-10).
 * See https://docs.aws.amazon.com/eks/latest/userguide/auto-create-node-role.html
 */
export const autoModeNodeManagedPolicies = ["AmazonEKSWorkerNodeMinimalPolicy", "AmazonEC2ContainerRegistryPullOnly"] as const;

/**
 * Access entry of the Auto Mode node role: type `EC2` (not `EC2_LINUX`) with the EKS access
 * policy `AmazonEKSAutoNodePolicy`; EKS creates one itself only for the built-in node pools.
 * See https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html#auto-node-access-entry
 */
export const autoModeNodeAccessEntry = { type: "EC2", accessPolicy: "AmazonEKSAutoNodePolicy" } as const;

/** ARN of the EKS access policy Auto Mode nodes need. */
export function autoNodeAccessPolicyArn(partition = "aws"): string {
    return `arn:${partition}:eks::aws:cluster-access-policy/${autoModeNodeAccessEntry.accessPolicy}`;
}

/** The cluster settings that turn Auto Mode on. */
export interface AutoModeClusterSettings {
    computeConfig: aws.types.input.eks.ClusterComputeConfig;
    storageConfig: aws.types.input.eks.ClusterStorageConfig;
    kubernetesNetworkConfig: aws.types.input.eks.ClusterKubernetesNetworkConfig;
}

/**
 * Auto Mode is on only when compute, block storage and load balancing are enabled together (the
 * EKS API rejects any one of them alone). `nodePools: []` turns the built-in `system` and
 * `general-purpose` pools off: they run on a NodeClass the baseline does not control, so every
 * node comes from the baseline's hardened NodeClass instead (NODE-5). Without built-in pools
 * EKS needs no `nodeRoleArn` (it would also create an access entry of its own for it); the
 * baseline's node role joins through its own `EC2` access entry ({@link autoModeNodeAccessEntry}).
 * See https://docs.aws.amazon.com/eks/latest/userguide/set-builtin-node-pools.html
 */
export function autoModeClusterSettings(): AutoModeClusterSettings {
    return {
        computeConfig: { enabled: true, nodePools: [] },
        storageConfig: { blockStorage: { enabled: true } },
        kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
    };
}
