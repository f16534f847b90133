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

/**
 * Kubernetes minors Amazon EKS has released (1.28 to 1.35 as of January 2026; endoflife.date
 * "Amazon EKS" and https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
 * A version outside this list is refused unless every add-on is pinned for it
 * (`baseline:cluster.addons`), since the defaults below are only known to work for
 * `defaultAddonsKubernetesVersion`. Add a minor here when EKS releases it.
 */
export const knownKubernetesVersions: readonly string[] = ["1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"];

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

/**
 * Istio minor lines a stack may pin (`baseline:mesh.istioVersion` x.y.z): from the mesh
 * component's minimum (1.22, the v1 security and telemetry APIs) to the newest minor released
 * (https://istio.io/latest/docs/releases/supported-releases/). A version whose minor is not here
 * (`9.99.0`, a typo) is refused; add a line here when Istio releases it.
 */
export const knownIstioMinors: readonly string[] = ["1.22", "1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30", "1.31"];

/** Istio release installed when `mesh.istioVersion` is not set: a patch without known CVEs at the time of pinning. */
export const defaultIstioVersion = "1.27.1";

/** Retention periods CloudWatch Logs accepts (days): the components' own list. */
export { LOG_RETENTION_DAYS as logRetentionDays } from "../../components/shared/aws";

/** Minor number of a `"1.NN"` Kubernetes version, or undefined when malformed. */
export function kubernetesMinor(version: string): number | undefined {
    const match = /^1\.(\d{1,2})$/.exec(version);
    return match ? Number(match[1]) : undefined;
}
