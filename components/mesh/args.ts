import * as k8s from "@pulumi/kubernetes";
import { isDnsLabel } from "../shared/naming";
import { POD_SECURITY_VERSION, isSystemNamespace, podSecurityVersionPattern } from "../shared/kubernetes";

/** Istio data-plane mode. */
export type MeshMode = "sidecar" | "ambient";

/** One allowed service-to-service call (MESH-3). Everything not listed is denied. */
export interface ServiceAuthorization {
    /** The calling workload, identified by its mTLS identity (namespace and service account). */
    from: { namespace: string; serviceAccount: string };
    /**
     * The called workloads: a namespace and, optionally, the pod labels selecting them.
     * Without `selector` the allow covers every workload of the namespace. (Istio selects
     * policy targets by pod labels; a service account cannot be a target.)
     */
    to: { namespace: string; selector?: Record<string, string> };
    /** Destination ports. Default: all ports of the target. */
    ports?: number[];
}

export interface ServiceMeshArgs {
    /** Provider of the target cluster (ClusterAccess `provider`). */
    provider: k8s.Provider;
    /**
     * Exact Istio release of every chart (MESH-1). Default: DEFAULT_ISTIO_VERSION. Ranges,
     * partial versions and tags are refused: an upgrade is a reviewed change. At least 1.22,
     * the first release serving the v1 security and telemetry APIs used here.
     */
    istioVersion?: string;
    /**
     * Default: `"sidecar"`, with the Istio CNI node agent so injected pods need no privileged
     * istio-init container (MESH-4). `"ambient"` adds ztunnel and needs no sidecars at all.
     * Must match NamespaceBaseline `meshMode`.
     */
    mode?: MeshMode;
    /** Helm repository of the charts. Default: the Istio release repository; only allow-listed repositories are accepted (MESH-1). */
    chartRepository?: string;
    /** Team namespaces in the mesh (NamespaceBaseline namespaces with `mesh: true`). */
    meshNamespaces: string[];
    /** The service-to-service map; each entry becomes an ALLOW policy. Default: none, so everything is denied (MESH-3). */
    authorizations?: ServiceAuthorization[];
    /** SPIFFE trust domain of workload identities. Default: `"cluster.local"`, Istio's default. */
    trustDomain?: string;
    /** Pod Security version pinned on istio-system. Default: POD_SECURITY_VERSION. */
    podSecurityVersion?: string;
}

/** Istio release the baseline is tested with. */
export const DEFAULT_ISTIO_VERSION = "1.27.2";
/** Oldest Istio release with the v1 PeerAuthentication, AuthorizationPolicy and Telemetry APIs. */
export const MINIMUM_ISTIO_VERSION = "1.22.0";
/** The official Istio chart repository. */
export const ISTIO_CHART_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";
/** Repositories charts may come from (MESH-1); add a vetted mirror here, in review. */
export const ALLOWED_CHART_REPOSITORIES: readonly string[] = [ISTIO_CHART_REPOSITORY];
export const DEFAULT_TRUST_DOMAIN = "cluster.local";

/** `major.minor.patch`, nothing else. */
export const exactVersionPattern = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const labelKeyPattern = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValuePattern = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const trustDomainPattern = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function compareVersions(a: string, b: string): number {
    const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
    for (let index = 0; index < 3; index++) {
        if (x[index]! !== y[index]!) {
            return x[index]! - y[index]!;
        }
    }
    return 0;
}

/** Every problem with the Args; empty when valid. */
export function validateServiceMeshArgs(args: Omit<ServiceMeshArgs, "provider">): string[] {
    const problems: string[] = [];
    const at = "ServiceMeshArgs";
    const version = args.istioVersion ?? DEFAULT_ISTIO_VERSION;
    if (!exactVersionPattern.test(version)) {
        problems.push(
            `${at}.istioVersion "${version}" is not an exact version; pin a release such as "${DEFAULT_ISTIO_VERSION}", never a range or tag. [MESH-1]`,
        );
    } else if (compareVersions(version, MINIMUM_ISTIO_VERSION) < 0) {
        problems.push(
            `${at}.istioVersion "${version}" is older than ${MINIMUM_ISTIO_VERSION}; the v1 security and telemetry APIs need Istio ${MINIMUM_ISTIO_VERSION} or later.`,
        );
    }
    const mode: string = args.mode ?? "sidecar";
    if (mode !== "sidecar" && mode !== "ambient") {
        problems.push(`${at}.mode "${mode}" is not supported; use "sidecar" or "ambient".`);
    }
    const repository = args.chartRepository ?? ISTIO_CHART_REPOSITORY;
    if (!ALLOWED_CHART_REPOSITORIES.includes(repository)) {
        problems.push(
            `${at}.chartRepository "${repository}" is not allow-listed; use ${ALLOWED_CHART_REPOSITORIES.join(" or ")}, or add a vetted mirror to ALLOWED_CHART_REPOSITORIES. [MESH-1]`,
        );
    }
    if (args.trustDomain !== undefined && !trustDomainPattern.test(args.trustDomain)) {
        problems.push(
            `${at}.trustDomain "${args.trustDomain}" is not a DNS name; use the mesh's trust domain, default "${DEFAULT_TRUST_DOMAIN}".`,
        );
    }
    if (args.podSecurityVersion !== undefined && !podSecurityVersionPattern.test(args.podSecurityVersion)) {
        problems.push(
            `${at}.podSecurityVersion "${args.podSecurityVersion}" is not a pinned version; use "v1.<minor>" such as "${POD_SECURITY_VERSION}", never "latest".`,
        );
    }
    args.meshNamespaces.forEach((namespace, index) => {
        if (!isDnsLabel(namespace)) {
            problems.push(`${at}.meshNamespaces[${index}] "${namespace}" is not a DNS label; use the namespace's exact name.`);
        } else if (isSystemNamespace(namespace)) {
            problems.push(`${at}.meshNamespaces[${index}] "${namespace}" is a system namespace; only team namespaces join the mesh.`);
        }
    });
    const declared = new Set(args.meshNamespaces);
    const seen = new Set<string>();
    (args.authorizations ?? []).forEach((authorization, index) => {
        const path = `${at}.authorizations[${index}]`;
        for (const [field, namespace] of [
            ["from.namespace", authorization.from.namespace],
            ["to.namespace", authorization.to.namespace],
        ] as const) {
            if (!declared.has(namespace)) {
                problems.push(
                    `${path}.${field} "${namespace}" is not in meshNamespaces; declare the namespace with mesh: true and list it in ${at}.meshNamespaces.`,
                );
            }
        }
        if (!isDnsLabel(authorization.from.serviceAccount)) {
            problems.push(
                `${path}.from.serviceAccount "${authorization.from.serviceAccount}" is not a DNS label; use the caller's service account name.`,
            );
        }
        const selector = authorization.to.selector;
        if (selector !== undefined) {
            if (Object.keys(selector).length === 0) {
                problems.push(`${path}.to.selector is empty; omit it to target the whole namespace, or list the target pods' labels.`);
            }
            for (const [key, value] of Object.entries(selector)) {
                if (!labelKeyPattern.test(key) || !labelValuePattern.test(value)) {
                    problems.push(`${path}.to.selector "${key}=${value}" is not a valid label; use the target pods' exact labels.`);
                }
            }
        }
        for (const port of authorization.ports ?? []) {
            if (!Number.isInteger(port) || port < 1 || port > 65535) {
                problems.push(`${path}.ports contains ${port}; use ports from 1 to 65535.`);
            }
        }
        if (authorization.ports !== undefined && authorization.ports.length === 0) {
            problems.push(`${path}.ports is empty; omit it to allow every port, or list the ports.`);
        }
        const key = JSON.stringify([
            authorization.from,
            authorization.to.namespace,
            authorization.to.selector ?? {},
            [...(authorization.ports ?? [])].sort(),
        ]);
        if (seen.has(key)) {
            problems.push(`${path} repeats an earlier authorization; list each allowed call once.`);
        }
        seen.add(key);
    });
    if (declared.size !== args.meshNamespaces.length) {
        problems.push(`${at}.meshNamespaces lists a namespace twice; list each namespace once.`);
    }
    return problems;
}
