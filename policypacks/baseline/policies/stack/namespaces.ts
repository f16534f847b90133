/**
 * Shared reading of Kubernetes namespaces and NetworkPolicies for the namespace stack policies.
 */
import { PolicyResource } from "@pulumi/policy";
import { UNKNOWN, dependencyUrns, isObject, peek } from "./plan";

export const namespaceType = "kubernetes:core/v1:Namespace";
export const networkPolicyType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** Kubernetes' own namespaces; a platform adds its system namespaces (for example istio-system) in config. */
export const defaultSystemNamespaces = ["kube-system", "kube-public", "kube-node-lease"];

/** The `systemNamespaces` knob shared by the namespace policies. */
export const systemNamespacesProperty = {
    type: "array" as const,
    items: { type: "string" as const },
    default: defaultSystemNamespaces,
    description: "Allow-listed system namespaces (no default-deny required; any PSA level allowed).",
};

/** The namespace's name (outputs: the real, possibly auto-generated, name). Throws when unknown. */
export function namespaceName(namespace: PolicyResource): string | undefined {
    const name = namespace.props?.metadata?.name;
    return typeof name === "string" ? name : undefined;
}

/**
 * The namespaces a namespaced object lives in: metadata.namespace ("default" when unset), or,
 * while it is unknown during preview, the Namespace resources it depends on.
 */
export function namespacesOf(resource: PolicyResource, namespacesByUrn: Map<string, string>): string[] {
    const namespace = peek(() => resource.props?.metadata?.namespace);
    if (namespace === UNKNOWN) {
        return [...dependencyUrns(resource)].flatMap((urn) => namespacesByUrn.get(urn) ?? []);
    }
    return [typeof namespace === "string" && namespace !== "" ? namespace : "default"];
}

/** True for a label selector that selects everything: absent, {} or empty matchLabels/matchExpressions. */
export function selectsAll(selector: unknown): boolean {
    if (selector === undefined || selector === null) {
        return true;
    }
    if (!isObject(selector)) {
        return false;
    }
    const labels = selector.matchLabels;
    const expressions = selector.matchExpressions;
    const noLabels = labels === undefined || labels === null || (isObject(labels) && Object.keys(labels).length === 0);
    const noExpressions = expressions === undefined || expressions === null || (Array.isArray(expressions) && expressions.length === 0);
    return noLabels && noExpressions;
}

function noRules(rules: unknown): boolean {
    return rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
}

/**
 * The directions a NetworkPolicy denies by default for its whole namespace: podSelector {},
 * the direction in policyTypes and no rule for it. Without policyTypes Kubernetes assumes
 * Ingress, plus Egress when egress rules are present.
 */
export function defaultDenyDirections(networkPolicy: PolicyResource): { ingress: boolean; egress: boolean } {
    const spec = networkPolicy.props?.spec;
    if (!isObject(spec) || !selectsAll(spec.podSelector)) {
        return { ingress: false, egress: false };
    }
    const declared = spec.policyTypes;
    const types: unknown[] = Array.isArray(declared)
        ? declared
        : declared === undefined || declared === null
          ? ["Ingress", ...(spec.egress !== undefined && spec.egress !== null ? ["Egress"] : [])]
          : [];
    return {
        ingress: types.includes("Ingress") && noRules(spec.ingress),
        egress: types.includes("Egress") && noRules(spec.egress),
    };
}
