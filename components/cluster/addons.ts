/**
 * The managed add-ons the baseline installs, pinned by exact version (NODE-3).
 */
import type { AddonVersions } from "./args";
import type { ComputeMode } from "./compute";

/** When an add-on must exist relative to the node groups. */
export type AddonPhase = "before-nodes" | "after-nodes";

/** One managed add-on as the component creates it. */
export interface AddonSpec {
    /** Child-name suffix. */
    key: string;
    /** EKS add-on name. */
    addonName: string;
    addonVersion: string;
    /** JSON configuration values, when the baseline changes any. */
    configurationValues?: string;
    /**
     * `before-nodes`: DaemonSets a node needs to become Ready (CNI, kube-proxy, Pod Identity
     * agent); `after-nodes`: Deployments that need a Ready node to become ACTIVE (CoreDNS).
     */
    phase: AddonPhase;
}

/**
 * VPC CNI configuration: the network policy agent enforces Kubernetes NetworkPolicy (NET-6).
 * Without it NetworkPolicy objects are accepted and silently ignored.
 * See https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy.html
 */
export const vpcCniConfiguration = { enableNetworkPolicy: "true" } as const;

/**
 * The managed add-ons, in creation order. EKS Auto Mode runs the VPC CNI, kube-proxy, CoreDNS,
 * the EBS CSI driver and the Pod Identity agent itself, so an Auto Mode cluster gets none of
 * them (installing them again would run two CNIs and two CSI drivers).
 * See https://docs.aws.amazon.com/eks/latest/userguide/automode.html and
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html
 */
export function addonSpecs(versions: AddonVersions, mode: ComputeMode = "managedNodeGroups"): AddonSpec[] {
    if (mode === "autoMode") {
        return [];
    }
    return [
        {
            key: "pod-identity-agent",
            addonName: "eks-pod-identity-agent",
            addonVersion: versions.podIdentityAgent,
            phase: "before-nodes",
        },
        {
            key: "vpc-cni",
            addonName: "vpc-cni",
            addonVersion: versions.vpcCni,
            configurationValues: JSON.stringify(vpcCniConfiguration),
            phase: "before-nodes",
        },
        {
            key: "kube-proxy",
            addonName: "kube-proxy",
            addonVersion: versions.kubeProxy,
            phase: "before-nodes",
        },
        {
            key: "coredns",
            addonName: "coredns",
            addonVersion: versions.coredns,
            phase: "after-nodes",
        },
        {
            // SEC-8: the CSI controller is a Deployment, so it waits for a Ready node like CoreDNS.
            key: "ebs-csi-driver",
            addonName: "aws-ebs-csi-driver",
            addonVersion: versions.ebsCsiDriver,
            phase: "after-nodes",
        },
    ];
}
