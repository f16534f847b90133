/**
 * Exact @pulumi/kubernetes type tokens the Kubernetes policies judge, grouped by the shape of the
 * object they carry. Every version still shipped in @pulumi/kubernetes 4.x is listed (deprecated
 * ones too: a program can still declare `apps/v1beta1.Deployment`, and the pack must not be
 * sidestepped by picking an old version). The type-coverage test derives the same sets from
 * node_modules and fails when a token is missing here.
 *
 * `*List` tokens carry objects under `items[]` and are judged item by item. `*Patch` tokens
 * (server-side apply patches) carry a partial object: the policies flag insecure values they set
 * but do not treat an absent field as the Kubernetes default, because the patch leaves it as is.
 */

/** `kubernetes:<group>/<version>:<Kind>` plus its `List` and `Patch` variants. */
function withVariants(group: string, versions: readonly string[], kind: string): string[] {
    return versions.flatMap((version) => ["", "List", "Patch"].map((suffix) => `kubernetes:${group}/${version}:${kind}${suffix}`));
}

/** Where the pod spec sits in an object of a pod-bearing kind. */
export type PodSpecLocation = "pod" | "template" | "jobTemplate" | "podTemplate";

/** Pod-bearing kinds with the location of their pod spec (PSS applies to all of them, WL-13). */
const podBearing: { group: string; versions: string[]; kind: string; location: PodSpecLocation }[] = [
    { group: "core", versions: ["v1"], kind: "Pod", location: "pod" },
    { group: "core", versions: ["v1"], kind: "PodTemplate", location: "podTemplate" },
    { group: "core", versions: ["v1"], kind: "ReplicationController", location: "template" },
    { group: "apps", versions: ["v1", "v1beta1", "v1beta2"], kind: "Deployment", location: "template" },
    { group: "apps", versions: ["v1", "v1beta1", "v1beta2"], kind: "StatefulSet", location: "template" },
    { group: "apps", versions: ["v1", "v1beta2"], kind: "DaemonSet", location: "template" },
    { group: "apps", versions: ["v1", "v1beta2"], kind: "ReplicaSet", location: "template" },
    { group: "extensions", versions: ["v1beta1"], kind: "Deployment", location: "template" },
    { group: "extensions", versions: ["v1beta1"], kind: "DaemonSet", location: "template" },
    { group: "extensions", versions: ["v1beta1"], kind: "ReplicaSet", location: "template" },
    { group: "batch", versions: ["v1"], kind: "Job", location: "template" },
    { group: "batch", versions: ["v1", "v1beta1", "v2alpha1"], kind: "CronJob", location: "jobTemplate" },
];

/** Type token -> where its pod spec sits (List and Patch variants included). */
export const podSpecLocations: ReadonlyMap<string, PodSpecLocation> = new Map(
    podBearing.flatMap((entry) => withVariants(entry.group, entry.versions, entry.kind).map((token) => [token, entry.location] as const)),
);

/** Every pod-bearing type token. */
export const podBearingTypes: readonly string[] = [...podSpecLocations.keys()];

const rbacVersions = ["v1", "v1alpha1", "v1beta1"];
const rbacGroup = "rbac.authorization.k8s.io";

/** Role and ClusterRole in every RBAC version. */
export const roleTypes: readonly string[] = ["Role", "ClusterRole"].flatMap((kind) => withVariants(rbacGroup, rbacVersions, kind));

/** RoleBinding and ClusterRoleBinding in every RBAC version. */
export const bindingTypes: readonly string[] = ["RoleBinding", "ClusterRoleBinding"].flatMap((kind) =>
    withVariants(rbacGroup, rbacVersions, kind),
);

export const namespaceTypes: readonly string[] = withVariants("core", ["v1"], "Namespace");
export const configMapTypes: readonly string[] = withVariants("core", ["v1"], "ConfigMap");
export const serviceTypes: readonly string[] = withVariants("core", ["v1"], "Service");
export const serviceAccountTypes: readonly string[] = withVariants("core", ["v1"], "ServiceAccount");

/**
 * Istio CRs have no typed class in @pulumi/kubernetes: declared through
 * `apiextensions.CustomResource` (or rendered by `yaml.v2`/`helm.v4.Chart`) they arrive as
 * `kubernetes:<apiVersion>:<kind>` (see apiextensions/customResource.js), so both served versions
 * are listed.
 */
const istioSecurityVersions = ["v1", "v1beta1"];
export const peerAuthenticationTypes: readonly string[] = withVariants("security.istio.io", istioSecurityVersions, "PeerAuthentication");
export const authorizationPolicyTypes: readonly string[] = withVariants("security.istio.io", istioSecurityVersions, "AuthorizationPolicy");

/** Helm resources: v3 Release (opaque: the pack never sees its manifests), v3 Chart and v4 Chart. */
export const helmReleaseType = "kubernetes:helm.sh/v3:Release";
export const helmChartTypes: readonly string[] = [helmReleaseType, "kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v4:Chart"];

/** Ingress in every version still in @pulumi/kubernetes 4.x (NET-11). */
export const ingressTypes: readonly string[] = [
    ...withVariants("networking.k8s.io", ["v1", "v1beta1"], "Ingress"),
    ...withVariants("extensions", ["v1beta1"], "Ingress"),
];

/**
 * AWS Load Balancer Controller and Gateway API custom resources (no typed class: they arrive as
 * `kubernetes:<apiVersion>:<kind>` from apiextensions.CustomResource, like the Istio CRs above).
 * IngressClassParams (cluster-scoped) and LoadBalancerConfiguration carry a `spec.scheme`.
 */
export const ingressClassParamsTypes: readonly string[] = withVariants("elbv2.k8s.aws", ["v1beta1"], "IngressClassParams");
export const loadBalancerConfigurationTypes: readonly string[] = withVariants("gateway.k8s.aws", ["v1beta1"], "LoadBalancerConfiguration");
/** Gateway API Gateways (served versions v1 and v1beta1). */
export const gatewayApiGatewayTypes: readonly string[] = withVariants("gateway.networking.k8s.io", ["v1", "v1beta1"], "Gateway");
/** Istio's own Gateway (networking.istio.io, every served version). */
export const istioGatewayTypes: readonly string[] = withVariants("networking.istio.io", ["v1", "v1beta1", "v1alpha3"], "Gateway");
/** PersistentVolume (cluster-scoped): a hostPath PV mounted through a claim reaches the node's filesystem (WL-3). */
export const persistentVolumeTypes: readonly string[] = withVariants("core", ["v1"], "PersistentVolume");
/**
 * Node and storage custom resources (NODE-5, SEC-8), which arrive as
 * `kubernetes:<apiVersion>:<kind>` like the Istio CRs. Karpenter serves EC2NodeClass and NodePool
 * as v1 and, before 1.1, v1beta1 (https://karpenter.sh/docs/upgrading/v1-migration/); the EKS
 * Auto Mode NodeClass is `eks.amazonaws.com/v1`; Auto Mode NodePools are `karpenter.sh/v1`.
 */
export const karpenterNodeClassTypes: readonly string[] = withVariants("karpenter.k8s.aws", ["v1", "v1beta1"], "EC2NodeClass");
export const eksAutoNodeClassTypes: readonly string[] = withVariants("eks.amazonaws.com", ["v1"], "NodeClass");
export const nodePoolTypes: readonly string[] = withVariants("karpenter.sh", ["v1", "v1beta1"], "NodePool");
/** StorageClass in every storage.k8s.io version @pulumi/kubernetes ships (v1 and v1beta1). */
export const storageClassTypes: readonly string[] = withVariants("storage.k8s.io", ["v1", "v1beta1"], "StorageClass");
