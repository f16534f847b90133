/**
 * Kubernetes constants the in-cluster components share: the pinned Pod Security Admission
 * version, the one list of namespaces allowed to run below `restricted` (with the reason each
 * needs more), the mesh's well-known names and ports, and restricted security contexts for the
 * containers the baseline itself runs.
 */

/**
 * Pod Security Standards version every namespace label pins (WL-12). Pinned rather than
 * `latest` so that a control-plane upgrade cannot silently change what `restricted` admits;
 * bump it deliberately with the cluster version (a version newer than the API server is
 * evaluated as `latest`). See https://kubernetes.io/docs/concepts/security/pod-security-admission/.
 */
export const POD_SECURITY_VERSION = "v1.33";

/** Pod Security Standards levels, weakest last. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** `v1.<minor>`: the only version form the baseline pins (never `latest`). */
export const podSecurityVersionPattern = /^v1\.(0|[1-9][0-9]*)$/;

/**
 * The six Pod Security Admission labels of a namespace. `audit` and `warn` stay `restricted`
 * even where `enforce` is weaker, so every pod that needs an exception still shows up in the
 * audit log and in client warnings.
 */
export function podSecurityLabels(enforce: PodSecurityLevel, version: string = POD_SECURITY_VERSION): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": enforce,
        "pod-security.kubernetes.io/enforce-version": version,
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": version,
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": version,
    };
}

/** Namespace of the Istio control plane and node agents. */
export const MESH_NAMESPACE = "istio-system";
/** Namespace of the runtime threat detector (Falco) when it is installed (LOG-5). */
export const RUNTIME_DETECTION_NAMESPACE = "falco";
/** Namespace of the Secrets Store CSI driver and its AWS provider (SEC-4). */
export const SECRETS_STORE_NAMESPACE = "secrets-store-csi";

/** A namespace the baseline allows to enforce a Pod Security level weaker than `restricted`. */
export interface SystemNamespace {
    name: string;
    /** The `enforce` level the namespace needs. */
    enforce: Exclude<PodSecurityLevel, "restricted">;
    /** Why, naming the workloads that need it; the allow-list is reviewed on this text. */
    reason: string;
}

/**
 * The only namespaces that may enforce less than `restricted` (WL-12). Team namespaces can
 * never take one of these names (NamespaceBaseline refuses them), so a workload that needs
 * host access has to be reviewed into this list.
 */
export const SYSTEM_NAMESPACES: readonly SystemNamespace[] = [
    {
        name: "kube-system",
        enforce: "privileged",
        reason: "EKS add-ons run node agents here: aws-node (VPC CNI and its network-policy agent) and kube-proxy need hostNetwork, hostPath and NET_ADMIN; the EBS CSI node plugin is privileged.",
    },
    {
        name: MESH_NAMESPACE,
        enforce: "privileged",
        reason: "The istio-cni-node DaemonSet (and ztunnel in ambient mode) writes the chained CNI config through hostPath and needs NET_ADMIN; Istio documents that its namespace must enforce privileged. In exchange no workload namespace needs the privileged istio-init container (MESH-4).",
    },
    {
        name: RUNTIME_DETECTION_NAMESPACE,
        enforce: "privileged",
        reason: "Falco's modern eBPF probe needs BPF/PERFMON/SYS_RESOURCE capabilities and hostPath access to /proc and the container runtime socket to observe every node (LOG-5).",
    },
    {
        name: SECRETS_STORE_NAMESPACE,
        enforce: "privileged",
        reason: "The Secrets Store CSI driver node plugin is privileged and mounts the kubelet's pod directory through hostPath with bidirectional mount propagation to deliver secrets as files (SEC-4).",
    },
];

/**
 * Namespaces Kubernetes itself reserves; never a team namespace. `default` holds no workloads
 * (WL-11); `kube-public` is readable by everyone; `kube-node-lease` holds node heartbeats.
 */
export const RESERVED_NAMESPACES: readonly string[] = ["default", "kube-public", "kube-node-lease"];

/** The system namespace entry for `name`, if any. */
export function systemNamespace(name: string): SystemNamespace | undefined {
    return SYSTEM_NAMESPACES.find((entry) => entry.name === name);
}

/** True when `name` is a system or reserved namespace, or uses Kubernetes' `kube-` prefix. */
export function isSystemNamespace(name: string): boolean {
    return systemNamespace(name) !== undefined || RESERVED_NAMESPACES.includes(name) || name.startsWith("kube-");
}

/** Label Kubernetes sets on every namespace (1.21+); the only safe way to select one by name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
/** Label of the CoreDNS pods on EKS (kept from kube-dns for compatibility). */
export const KUBE_DNS_POD_LABELS: Readonly<Record<string, string>> = { "k8s-app": "kube-dns" };
/** Label of the istiod pods. */
export const ISTIOD_POD_LABELS: Readonly<Record<string, string>> = { app: "istiod" };
/**
 * istiod's secure xDS and CA port, the only port sidecars open to the control plane. (15017 is
 * the webhook port the API server calls, not workloads; 15010 is plaintext xDS, unused.)
 */
export const ISTIOD_XDS_PORT = 15012;
/** HBONE tunnel port between ambient (ztunnel) endpoints. */
export const HBONE_PORT = 15008;
/** Source address ambient mode rewrites kubelet health probes to (Istio ambient NetworkPolicy docs). */
export const AMBIENT_PROBE_SOURCE_CIDR = "169.254.7.127/32";

/** Namespace labels that put a namespace into the mesh. */
export const MESH_NAMESPACE_LABELS: Readonly<Record<"sidecar" | "ambient", Readonly<Record<string, string>>>> = {
    sidecar: { "istio-injection": "enabled" },
    ambient: { "istio.io/dataplane-mode": "ambient" },
};

/** Container securityContext satisfying the restricted Pod Security Standard (WL-1..WL-8). */
export function restrictedContainerSecurityContext(): Record<string, unknown> {
    return {
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** Pod securityContext satisfying the restricted Pod Security Standard; `uid` must not be 0. */
export function restrictedPodSecurityContext(uid = 65532): Record<string, unknown> {
    if (!Number.isInteger(uid) || uid <= 0) {
        throw new Error(`restrictedPodSecurityContext: uid ${uid} is not a positive integer; restricted pods never run as root.`);
    }
    return {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        fsGroup: uid,
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/**
 * Kubernetes group of the break-glass identity (IAM-5, IAM-6): the EKS access entry of the
 * MFA-protected break-glass role maps the role into it (ClusterIdentity), OidcRbac binds it to
 * `cluster-admin`, and AdmissionPolicies and the pack allow it as `Group:<name>`. One default, so
 * components composed with their defaults agree.
 */
export const DEFAULT_BREAK_GLASS_GROUP = "baseline:break-glass";

/** Group prefixes EKS access entries refuse in `kubernetesGroups`. */
export const RESERVED_GROUP_PREFIXES: readonly string[] = ["system:", "eks:", "amazon:", "aws:", "iam:"];
