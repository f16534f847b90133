/**
 * Pure builders for the objects of one team namespace. They return complete manifests
 * (apiVersion, kind, metadata, spec), so tests can validate them against the Kubernetes schemas.
 */
import * as k8s from "@pulumi/kubernetes";
import {
    AMBIENT_PROBE_SOURCE_CIDR,
    HBONE_PORT,
    ISTIOD_POD_LABELS,
    ISTIOD_XDS_PORT,
    KUBE_DNS_POD_LABELS,
    MESH_NAMESPACE,
    MESH_NAMESPACE_LABELS,
    NAMESPACE_NAME_LABEL,
    POD_SECURITY_VERSION,
    podSecurityLabels,
} from "../shared/kubernetes";
import { DEFAULT_CONTAINER_LIMIT, DEFAULT_CONTAINER_REQUEST, MeshMode, TeamNamespace, serviceAccountsOf } from "./args";

type Namespace = k8s.types.input.core.v1.Namespace & { metadata: { name: string; labels: Record<string, string> } };
type NetworkPolicy = k8s.types.input.networking.v1.NetworkPolicy & { metadata: { name: string; namespace: string } };
type ResourceQuota = k8s.types.input.core.v1.ResourceQuota & { metadata: { name: string; namespace: string } };
type LimitRange = k8s.types.input.core.v1.LimitRange & { metadata: { name: string; namespace: string } };
type ServiceAccount = k8s.types.input.core.v1.ServiceAccount & { metadata: { name: string; namespace: string } };

/** Names of the NetworkPolicies every namespace gets. */
export const NETWORK_POLICY_NAMES = {
    denyIngress: "default-deny-ingress",
    denyEgress: "default-deny-egress",
    dns: "allow-dns-egress",
    meshControlPlane: "allow-mesh-control-plane-egress",
    hbone: "allow-mesh-hbone",
} as const;

/** The namespace with restricted Pod Security labels (WL-12) and, when meshed, the mesh label. */
export function namespaceManifest(namespace: TeamNamespace, meshMode: MeshMode, version: string = POD_SECURITY_VERSION): Namespace {
    return {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
            name: namespace.name,
            labels: {
                team: namespace.team,
                ...podSecurityLabels("restricted", version),
                ...(namespace.mesh ? MESH_NAMESPACE_LABELS[meshMode] : {}),
            },
        },
    };
}

function networkPolicy(namespace: string, name: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec): NetworkPolicy {
    return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec };
}

const tcp = (port: number) => ({ protocol: "TCP", port });

/**
 * Default-deny ingress and egress for every pod, plus the only allows every workload needs
 * (NET-7): DNS to CoreDNS, and mesh traffic when the namespace is meshed. Sidecars reach
 * istiod's xDS/CA port; ambient pods exchange HBONE with other ambient pods and accept the
 * kubelet probes ambient mode rewrites to a link-local source.
 */
export function networkPolicyManifests(namespace: TeamNamespace, meshMode: MeshMode): NetworkPolicy[] {
    const ns = namespace.name;
    const policies = [
        networkPolicy(ns, NETWORK_POLICY_NAMES.denyIngress, { podSelector: {}, policyTypes: ["Ingress"] }),
        networkPolicy(ns, NETWORK_POLICY_NAMES.denyEgress, { podSelector: {}, policyTypes: ["Egress"] }),
        networkPolicy(ns, NETWORK_POLICY_NAMES.dns, {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [
                        {
                            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } },
                            podSelector: { matchLabels: { ...KUBE_DNS_POD_LABELS } },
                        },
                    ],
                    ports: [
                        { protocol: "UDP", port: 53 },
                        { protocol: "TCP", port: 53 },
                    ],
                },
            ],
        }),
    ];
    if (namespace.mesh && meshMode === "sidecar") {
        policies.push(
            networkPolicy(ns, NETWORK_POLICY_NAMES.meshControlPlane, {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [
                    {
                        to: [
                            {
                                namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: MESH_NAMESPACE } },
                                podSelector: { matchLabels: { ...ISTIOD_POD_LABELS } },
                            },
                        ],
                        ports: [tcp(ISTIOD_XDS_PORT)],
                    },
                ],
            }),
        );
    }
    if (namespace.mesh && meshMode === "ambient") {
        const ambientPeers = { namespaceSelector: { matchLabels: { ...MESH_NAMESPACE_LABELS.ambient } } };
        policies.push(
            networkPolicy(ns, NETWORK_POLICY_NAMES.hbone, {
                podSelector: {},
                policyTypes: ["Ingress", "Egress"],
                ingress: [{ from: [ambientPeers], ports: [tcp(HBONE_PORT)] }, { from: [{ ipBlock: { cidr: AMBIENT_PROBE_SOURCE_CIDR } }] }],
                egress: [{ to: [ambientPeers], ports: [tcp(HBONE_PORT)] }],
            }),
        );
    }
    return policies;
}

/** Caps requests, memory limits and pods; no LoadBalancer or NodePort Services (NET-8 defence in depth). */
export function resourceQuotaManifest(namespace: TeamNamespace): ResourceQuota {
    return {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "team-quota", namespace: namespace.name },
        spec: {
            hard: {
                "requests.cpu": namespace.quota.cpu,
                "requests.memory": namespace.quota.memory,
                "limits.memory": namespace.quota.limitsMemory ?? namespace.quota.memory,
                pods: String(namespace.quota.pods),
                "services.loadbalancers": "0",
                "services.nodeports": "0",
            },
        },
    };
}

/** Default requests and memory limit for containers that omit them (WL-9). */
export function limitRangeManifest(namespace: TeamNamespace): LimitRange {
    return {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name: "container-defaults", namespace: namespace.name },
        spec: {
            limits: [
                {
                    type: "Container",
                    defaultRequest: { ...DEFAULT_CONTAINER_REQUEST, ...namespace.limits?.defaultRequest },
                    default: { ...DEFAULT_CONTAINER_LIMIT, ...namespace.limits?.default },
                },
            ],
        },
    };
}

/** One ServiceAccount per workload, token automount off (IAM-8). */
export function serviceAccountManifests(namespace: TeamNamespace): ServiceAccount[] {
    return serviceAccountsOf(namespace).map((name) => ({
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name, namespace: namespace.name, labels: { team: namespace.team } },
        automountServiceAccountToken: false,
    }));
}
