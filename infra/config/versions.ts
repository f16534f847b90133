/**
 * Version pins and fixed value sets the config defaults and rules rely on. A pin changes only
 * here (or in a stack file), in a reviewed commit (NODE-3, MESH-1).
 */

/**
 * The lowest Kubernetes minor the project accepts, whatever a stack's own
 * `cluster.minimumKubernetesVersion` says. 1.32 is the oldest minor still in EKS standard support
 * (1.31 left it on 2025-11-26; https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
 * Raise it when EKS ends standard support for it, together with the stack files.
 */
export const kubernetesVersionFloor = "1.32";

/** The Kubernetes version the add-on defaults below were chosen for. */
export const defaultAddonsKubernetesVersion = "1.33";

/** Exact EKS managed add-on versions (NODE-3). */
export interface AddonVersions {
    vpcCni: string;
    coredns: string;
    kubeProxy: string;
    podIdentityAgent: string;
    /** aws-ebs-csi-driver (SEC-8); Auto Mode clusters run their own and skip it. */
    ebsCsiDriver: string;
}

/**
 * Add-on versions for Kubernetes 1.33, the same table the cluster component defaults to. Refresh
 * with `aws eks describe-addon-versions --kubernetes-version 1.33 --addon-name <name>`.
 */
export const defaultAddonVersions: AddonVersions = {
    vpcCni: "v1.20.0-eksbuild.1",
    coredns: "v1.12.2-eksbuild.4",
    kubeProxy: "v1.33.0-eksbuild.2",
    podIdentityAgent: "v1.3.8-eksbuild.2",
    ebsCsiDriver: "v1.45.0-eksbuild.2",
};

/** The add-on names as EKS knows them, for messages. */
export const addonNames: Record<keyof AddonVersions, string> = {
    vpcCni: "vpc-cni",
    coredns: "coredns",
    kubeProxy: "kube-proxy",
    podIdentityAgent: "eks-pod-identity-agent",
    ebsCsiDriver: "aws-ebs-csi-driver",
};

/** Istio release installed when `mesh.istioVersion` is not set: a patch without known CVEs at the time of pinning. */
export const defaultIstioVersion = "1.27.1";

/** Retention periods CloudWatch Logs accepts (days): the components' own list. */
export { LOG_RETENTION_DAYS as logRetentionDays } from "../../components/shared/aws";

/** Minor number of a `"1.NN"` Kubernetes version, or undefined when malformed. */
export function kubernetesMinor(version: string): number | undefined {
    const match = /^1\.(\d{1,2})$/.exec(version);
    return match ? Number(match[1]) : undefined;
}
