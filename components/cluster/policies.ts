/**
 * IAM documents and managed-policy choices of the cluster, node and VPC CNI roles.
 */
import { IamPolicyDocument, serviceTrustPolicy } from "../shared/iam";

/** The cluster role trusts only the EKS service; `sts:TagSession` is part of EKS's documented trust. */
export function clusterTrustPolicy(): IamPolicyDocument {
    return serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]);
}

/** Nodes are EC2 instances; nothing else assumes the node role. */
export function nodeTrustPolicy(): IamPolicyDocument {
    return serviceTrustPolicy("ec2.amazonaws.com");
}

/** The one managed policy the control plane needs. */
export const clusterManagedPolicies = ["AmazonEKSClusterPolicy"] as const;

/**
 * Node role policies, nothing more (IAM-10):
 * - AmazonEKSWorkerNodePolicy: kubelet's EC2 describe calls and the Pod Identity agent's
 *   `eks-auth:AssumeRoleForPodIdentity`.
 * - AmazonEC2ContainerRegistryPullOnly: pull images, no push (narrower than ReadOnly, which
 *   also lists and describes repositories).
 * AmazonEKS_CNI_Policy is *not* here: it goes to the `aws-node` service account through EKS
 * Pod Identity, so no pod on the node inherits ENI-management rights (IAM-7).
 * AmazonSSMManagedInstanceCore only when the Bottlerocket control container runs.
 */
export function nodeManagedPolicies(controlContainer: boolean): string[] {
    const policies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"];
    return controlContainer ? [...policies, "AmazonSSMManagedInstanceCore"] : policies;
}

/** Managed policy of the VPC CNI's own Pod Identity role. */
export const vpcCniManagedPolicy = "AmazonEKS_CNI_Policy";

/** Namespace and service account the VPC CNI (aws-node) runs as. */
export const vpcCniServiceAccount = {
    namespace: "kube-system",
    name: "aws-node",
} as const;
