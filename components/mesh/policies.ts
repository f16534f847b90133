/**
 * Pure builders for the mesh-wide Istio resources: strict mTLS (MESH-2), default-deny
 * authorization with explicit allows from the service map (MESH-3), access logs (LOG-6).
 */
import { MESH_NAMESPACE } from "../shared/kubernetes";
import { ServiceAuthorization } from "./args";

/** An Istio custom resource manifest. */
export interface IstioManifest {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace: string };
    spec: Record<string, unknown>;
}

export const PEER_AUTHENTICATION_API = "security.istio.io/v1";
export const AUTHORIZATION_POLICY_API = "security.istio.io/v1";
export const TELEMETRY_API = "telemetry.istio.io/v1";

/** Mesh-wide STRICT mTLS: in the root namespace, named `default`, without a selector (MESH-2). */
export function strictPeerAuthentication(): IstioManifest {
    return {
        apiVersion: PEER_AUTHENTICATION_API,
        kind: "PeerAuthentication",
        metadata: { name: "default", namespace: MESH_NAMESPACE },
        spec: { mtls: { mode: "STRICT" } },
    };
}

/**
 * Mesh-wide deny: an ALLOW policy with no rules in the root namespace matches no request, so
 * every request not allowed by another policy is denied (MESH-3).
 */
export function defaultDenyAuthorizationPolicy(): IstioManifest {
    return {
        apiVersion: AUTHORIZATION_POLICY_API,
        kind: "AuthorizationPolicy",
        metadata: { name: "default-deny", namespace: MESH_NAMESPACE },
        spec: {},
    };
}

/** Envoy access logs for every workload of the mesh, through the built-in `envoy` provider (LOG-6). */
export function accessLoggingTelemetry(): IstioManifest {
    return {
        apiVersion: TELEMETRY_API,
        kind: "Telemetry",
        metadata: { name: "mesh-default", namespace: MESH_NAMESPACE },
        spec: { accessLogging: [{ providers: [{ name: "envoy" }] }] },
    };
}

/** The SPIFFE principal Istio gives a service account. */
export function principalOf(trustDomain: string, namespace: string, serviceAccount: string): string {
    return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/**
 * One ALLOW policy per entry of the service map, in the target namespace, named after the
 * caller (`allow-<namespace>.<service account>`, with `-2`, `-3` for further entries of the
 * same caller into the same namespace). The only source condition is the caller's mTLS
 * principal, which STRICT mTLS makes unforgeable.
 */
export function authorizationPolicies(authorizations: ServiceAuthorization[], trustDomain: string): IstioManifest[] {
    const count = new Map<string, number>();
    return authorizations.map((authorization) => {
        const base = `allow-${authorization.from.namespace}.${authorization.from.serviceAccount}`;
        const key = `${authorization.to.namespace}/${base}`;
        const n = (count.get(key) ?? 0) + 1;
        count.set(key, n);
        const rule: Record<string, unknown> = {
            from: [{ source: { principals: [principalOf(trustDomain, authorization.from.namespace, authorization.from.serviceAccount)] } }],
        };
        if (authorization.ports !== undefined) {
            rule.to = [{ operation: { ports: authorization.ports.map(String) } }];
        }
        return {
            apiVersion: AUTHORIZATION_POLICY_API,
            kind: "AuthorizationPolicy",
            metadata: { name: n === 1 ? base : `${base}-${n}`, namespace: authorization.to.namespace },
            spec: {
                ...(authorization.to.selector ? { selector: { matchLabels: { ...authorization.to.selector } } } : {}),
                action: "ALLOW",
                rules: [rule],
            },
        };
    });
}
