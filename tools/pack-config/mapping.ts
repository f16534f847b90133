/**
 * Which pack-config property comes from which stack-config key: the one table the generator
 * (generate.ts) writes from and the plan's agreement check (agreement.ts) compares against. A new
 * policy that reads a value the stack config already holds gets one row here, nothing else.
 */
import { RESERVED_NAMESPACES, SYSTEM_NAMESPACES } from "../../components/shared/kubernetes";
import type { BaselineConfig } from "../../infra/config";

/** One pack-config property derived from the stack config. */
export interface PackConfigMapping {
    /** Policy name in the pack. */
    policy: string;
    /** Property of that policy's config. */
    property: string;
    /** The stack-config key(s) the value comes from, named in messages (`baseline:admission.exposedNamespaces`). */
    from: string;
    /** The value for a validated stack config. */
    value(config: BaselineConfig): unknown;
}

/** Namespaces the baseline itself runs privileged workloads in (WL-12): kube-system, istio-system, falco, secrets-store-csi. */
const privilegedSystemNamespaces = SYSTEM_NAMESPACES.map((entry) => entry.name);

/** Namespaces without team workloads, exempt from the default-deny NetworkPolicy check (`default` holds no workloads, WL-11). */
const defaultDenySystemNamespaces = [
    "kube-system",
    ...RESERVED_NAMESPACES.filter((name) => name !== "default"),
    ...privilegedSystemNamespaces.filter((name) => name !== "kube-system"),
];

/** The shortest log retention the stack config sets anywhere: the pack's floor for every log group (LOG-2). */
function shortestRetention(config: BaselineConfig): number {
    return Math.min(config.network.flowLogRetentionDays, config.cluster.logRetentionDays, config.accessHost.sessionLogRetentionDays);
}

/** The NET-8 / NET-11 policies that share the exposed-namespace allow-list. */
const exposurePolicies = [
    "k8s-service-exposure-restricted",
    "k8s-service-internet-facing-restricted",
    "k8s-ingress-internet-facing-restricted",
    "k8s-gateway-exposure-restricted",
];

/** Every pack-config property the stack config decides, in the order the generated file lists them. */
export const packConfigMappings: readonly PackConfigMapping[] = [
    {
        policy: "baseline-rollout",
        property: "mode",
        from: "baseline:policyPack.rollout",
        value: (config) => config.policyPack.rollout,
    },
    {
        policy: "baseline-rollout",
        property: "unknowns",
        from: "baseline:policyPack.unknowns",
        value: (config) => config.policyPack.unknowns,
    },
    {
        policy: "baseline-rollout",
        property: "promote",
        from: "baseline:policyPack.promote",
        value: (config) => config.policyPack.promote,
    },
    {
        policy: "production-resources-protected",
        property: "production",
        from: "baseline:environment",
        value: (config) => config.environment === "prod",
    },
    {
        policy: "eks-cluster-endpoint-private",
        property: "allowedPublicCidrs",
        from: "baseline:cluster.publicEndpoint.cidrs",
        value: (config) => config.cluster.publicEndpoint?.cidrs ?? [],
    },
    {
        policy: "eks-cluster-version-minimum",
        property: "minimumVersion",
        from: "baseline:cluster.minimumKubernetesVersion",
        value: (config) => config.cluster.minimumKubernetesVersion,
    },
    // NET-8 and NET-11 read one allow-list: the namespaces admission lets expose workloads.
    ...exposurePolicies.map((policy): PackConfigMapping => ({
        policy,
        property: "allowedExposedNamespaces",
        from: "baseline:admission.exposedNamespaces",
        value: (config) => config.admission.exposedNamespaces,
    })),
    {
        policy: "k8s-pod-image-allowed",
        property: "allowedRegistries",
        from: "baseline:admission.allowedRegistries",
        value: (config) => config.admission.allowedRegistries,
    },
    {
        policy: "k8s-pod-image-allowed",
        property: "accountId",
        from: "baseline:accountId",
        value: (config) => config.accountId,
    },
    {
        policy: "k8s-pod-image-allowed",
        property: "region",
        from: "aws:region",
        value: (config) => config.region,
    },
    {
        policy: "k8s-namespace-pod-security-restricted",
        property: "allowedPrivilegedNamespaces",
        from: "the baseline's system namespaces (components/shared/kubernetes.ts)",
        value: () => privilegedSystemNamespaces,
    },
    {
        policy: "k8s-namespace-default-deny",
        property: "systemNamespaces",
        from: "the baseline's system namespaces (components/shared/kubernetes.ts)",
        value: () => defaultDenySystemNamespaces,
    },
    {
        policy: "k8s-rbac-binding-no-cluster-admin",
        property: "breakGlassSubjects",
        from: "baseline:rbac.breakGlassGroup",
        value: (config) => [`Group:${config.rbac.breakGlassGroup}`],
    },
    {
        policy: "k8s-rbac-binding-no-impersonating-roles",
        property: "breakGlassSubjects",
        from: "baseline:rbac.breakGlassGroup",
        value: (config) => [`Group:${config.rbac.breakGlassGroup}`],
    },
    {
        policy: "eks-access-entry-no-cluster-admin",
        property: "breakGlassPrincipals",
        from: "baseline:cluster.name and baseline:identity.deployRoleArn",
        value: (config) => [
            `${config.cluster.name}-break-glass`,
            ...(config.identity.deployRoleArn ? [config.identity.deployRoleArn] : []),
        ],
    },
    {
        policy: "cloudwatch-log-group-encrypted-retention",
        property: "minimumRetentionDays",
        from: "baseline:network.flowLogRetentionDays, baseline:cluster.logRetentionDays and baseline:accessHost.sessionLogRetentionDays",
        value: shortestRetention,
    },
];
