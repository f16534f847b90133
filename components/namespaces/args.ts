import * as k8s from "@pulumi/kubernetes";
import { isDnsLabel } from "../shared/naming";
import {
    POD_SECURITY_VERSION,
    RESERVED_NAMESPACES,
    isSystemNamespace,
    podSecurityVersionPattern,
    systemNamespace,
} from "../shared/kubernetes";

/** Data-plane mode of the mesh a namespace joins. */
export type MeshMode = "sidecar" | "ambient";

/** Container defaults a LimitRange applies when a pod omits them (WL-9). */
export interface ContainerDefaults {
    /** Default requests. Default: `{ cpu: "100m", memory: "128Mi" }`, enough to schedule fairly under the quota. */
    defaultRequest?: { cpu?: string; memory?: string };
    /** Default limits. Default: `{ memory: "256Mi" }`; no CPU limit, so pods are not throttled, but memory is always bounded. */
    default?: { cpu?: string; memory?: string };
}

/** One team or application namespace. */
export interface TeamNamespace {
    /** Namespace name; a DNS label, never a system or reserved namespace (WL-12). */
    name: string;
    /** Owning team, a DNS label; becomes the `team` label used by RBAC and cost reports. */
    team: string;
    /**
     * ResourceQuota of the namespace. `cpu` and `memory` cap the sum of requests (and `memory`
     * also the sum of memory limits unless `limitsMemory` is set); `pods` caps the pod count.
     * The quota also pins LoadBalancer and NodePort Services to 0 (NET-8 defence in depth).
     */
    quota: { cpu: string; memory: string; pods: number; limitsMemory?: string };
    /** LimitRange defaults. Default: see ContainerDefaults. */
    limits?: ContainerDefaults;
    /**
     * Join the mesh (label for sidecar injection or ambient). Default: false, so a namespace is
     * only meshed once the ServiceMesh component exists and its authorizations are declared.
     */
    mesh?: boolean;
    /**
     * One ServiceAccount per workload, each with token automount off (IAM-8). Default:
     * `["<name>-app"]`. A pod that needs the API mounts a projected token explicitly.
     */
    serviceAccounts?: string[];
}

export interface NamespaceBaselineArgs {
    /** Provider of the target cluster (ClusterAccess `provider`). Required so no ambient kubeconfig is ever used. */
    provider: k8s.Provider;
    /** The team/app namespaces to create. */
    namespaces: TeamNamespace[];
    /**
     * Mesh data-plane mode of meshed namespaces. Default: `"sidecar"`; must match ServiceMesh `mode`.
     * Sidecar namespaces get `istio-injection=enabled` and egress to istiod; ambient namespaces
     * get `istio.io/dataplane-mode=ambient` and HBONE (15008) between meshed pods.
     */
    meshMode?: MeshMode;
    /** Pod Security Standards version the labels pin. Default: POD_SECURITY_VERSION; never `latest` (WL-12). */
    podSecurityVersion?: string;
}

/** Defaults of ContainerDefaults. */
export const DEFAULT_CONTAINER_REQUEST = { cpu: "100m", memory: "128Mi" } as const;
export const DEFAULT_CONTAINER_LIMIT = { memory: "256Mi" } as const;

/** Kubernetes resource quantity (`500m`, `2`, `1.5`, `512Mi`, `4G`). */
export const quantityPattern = /^([0-9]+(\.[0-9]+)?|\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** ServiceAccounts of a namespace with the default applied. */
export function serviceAccountsOf(namespace: TeamNamespace): string[] {
    return namespace.serviceAccounts ?? [`${namespace.name}-app`];
}

/** Every problem with the Args; empty when valid. */
export function validateNamespaceBaselineArgs(args: Omit<NamespaceBaselineArgs, "provider">): string[] {
    const problems: string[] = [];
    const at = "NamespaceBaselineArgs";
    const mode: string = args.meshMode ?? "sidecar";
    if (mode !== "sidecar" && mode !== "ambient") {
        problems.push(`${at}.meshMode "${mode}" is not supported; use "sidecar" or "ambient".`);
    }
    if (args.podSecurityVersion !== undefined && !podSecurityVersionPattern.test(args.podSecurityVersion)) {
        problems.push(
            `${at}.podSecurityVersion "${args.podSecurityVersion}" is not a pinned version; use "v1.<minor>" such as "${POD_SECURITY_VERSION}", never "latest".`,
        );
    }
    if (args.namespaces.length === 0) {
        problems.push(`${at}.namespaces is empty; declare at least one team namespace.`);
    }
    const seen = new Set<string>();
    args.namespaces.forEach((namespace, index) => {
        const path = `${at}.namespaces[${index}]`;
        if (!isDnsLabel(namespace.name)) {
            problems.push(`${path}.name "${namespace.name}" is not a DNS label; use 1-63 lower-case letters, digits and '-'.`);
        } else if (isSystemNamespace(namespace.name)) {
            const system = systemNamespace(namespace.name);
            const why = system
                ? `a system namespace (${system.reason})`
                : RESERVED_NAMESPACES.includes(namespace.name)
                  ? "reserved by Kubernetes"
                  : "in the kube- prefix Kubernetes reserves";
            problems.push(`${path}.name "${namespace.name}" is ${why}; team workloads need their own namespace.`);
        }
        if (seen.has(namespace.name)) {
            problems.push(`${path}.name "${namespace.name}" is declared twice; declare each namespace once.`);
        }
        seen.add(namespace.name);
        if (!isDnsLabel(namespace.team)) {
            problems.push(`${path}.team "${namespace.team}" is not a DNS label; use 1-63 lower-case letters, digits and '-'.`);
        }
        const quantities: [string, string | undefined][] = [
            ["quota.cpu", namespace.quota.cpu],
            ["quota.memory", namespace.quota.memory],
            ["quota.limitsMemory", namespace.quota.limitsMemory],
            ["limits.defaultRequest.cpu", namespace.limits?.defaultRequest?.cpu],
            ["limits.defaultRequest.memory", namespace.limits?.defaultRequest?.memory],
            ["limits.default.cpu", namespace.limits?.default?.cpu],
            ["limits.default.memory", namespace.limits?.default?.memory],
        ];
        for (const [field, value] of quantities) {
            if (value !== undefined && !quantityPattern.test(value)) {
                problems.push(
                    `${path}.${field} "${value}" is not a Kubernetes quantity; use a form such as "500m", "2", "512Mi" or "4Gi".`,
                );
            }
        }
        if (!Number.isInteger(namespace.quota.pods) || namespace.quota.pods < 1) {
            problems.push(`${path}.quota.pods ${namespace.quota.pods} is not a positive integer; set the most pods the namespace may run.`);
        }
        // The default `<name>-app` is valid whenever the name is; only declared names need checking.
        const accounts = namespace.serviceAccounts ?? [];
        if (namespace.serviceAccounts !== undefined && accounts.length === 0) {
            problems.push(
                `${path}.serviceAccounts is empty; declare one service account per workload, or omit it for "${namespace.name}-app".`,
            );
        }
        accounts.forEach((account, accountIndex) => {
            if (!isDnsLabel(account)) {
                problems.push(
                    `${path}.serviceAccounts[${accountIndex}] "${account}" is not a DNS label; use 1-63 lower-case letters, digits and '-'.`,
                );
            } else if (account === "default") {
                problems.push(`${path}.serviceAccounts[${accountIndex}] is "default"; give each workload its own service account (IAM-8).`);
            }
        });
        if (new Set(accounts).size !== accounts.length) {
            problems.push(`${path}.serviceAccounts lists a name twice; list each service account once.`);
        }
    });
    return problems;
}
