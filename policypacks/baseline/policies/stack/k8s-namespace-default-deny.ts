import { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import {
    defaultDenyDirections,
    namespaceName,
    namespaceType,
    namespacesOf,
    networkPolicyType,
    systemNamespacesProperty,
} from "./namespaces";
import { PlanIndex, describe, peek } from "./plan";

interface NamespaceDefaultDenyConfig {
    systemNamespaces: string[];
}

/**
 * NET-7: every namespace of the plan starts closed in both directions; workloads then get
 * explicit allows (DNS, mesh) on top.
 */
export const k8sNamespaceDefaultDeny = stackPolicy<NamespaceDefaultDenyConfig>({
    name: "k8s-namespace-default-deny",
    description:
        "Every namespace has default-deny ingress and egress NetworkPolicies (podSelector {}, no rules); allow-listed system namespaces excepted. NSA/CISA Kubernetes Hardening Guide: Network separation and hardening; CIS Amazon EKS Benchmark 4.3.2.",
    severity: "high",
    controls: ["NET-7"],
    remediationSteps:
        'Add to each namespace a NetworkPolicy with spec.podSelector {} and spec.policyTypes ["Ingress", "Egress"] and no ingress/egress rules, then allow DNS and mesh egress explicitly. The baseline\'s namespace component does this by default.',
    config: { systemNamespaces: systemNamespacesProperty },
    example: [
        'new k8s.networking.v1.NetworkPolicy("apps-default-deny", {',
        '    metadata: { namespace: "apps" },',
        '    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },',
        "});",
    ].join("\n"),
    validate: (resources, report, config) => {
        const plan = new PlanIndex(resources);
        const namespaces = plan.ofType(namespaceType);
        if (namespaces.length === 0) {
            return;
        }
        const namespacesByUrn = new Map<string, string>();
        for (const namespace of namespaces) {
            const name = peek(() => namespaceName(namespace));
            if (typeof name === "string") {
                namespacesByUrn.set(namespace.urn, name);
            }
        }
        const denyIngress = new Set<string>();
        const denyEgress = new Set<string>();
        for (const networkPolicy of plan.ofType(networkPolicyType)) {
            const directions = defaultDenyDirections(networkPolicy);
            for (const namespace of namespacesOf(networkPolicy, namespacesByUrn)) {
                if (directions.ingress) denyIngress.add(namespace);
                if (directions.egress) denyEgress.add(namespace);
            }
        }
        const system = new Set(Array.isArray(config.systemNamespaces) ? config.systemNamespaces : []);
        for (const namespace of namespaces) {
            const name = namespaceName(namespace);
            if (name === undefined || system.has(name)) {
                if (name === undefined) {
                    report(
                        `${describe(namespace)}: metadata.name is not set; name the namespace so its NetworkPolicies can be matched.`,
                        namespace.urn,
                    );
                }
                continue;
            }
            for (const [direction, covered, type] of [
                ["ingress", denyIngress, "Ingress"],
                ["egress", denyEgress, "Egress"],
            ] as const) {
                if (!covered.has(name)) {
                    report(missingMessage(namespace, name, direction, type), namespace.urn);
                }
            }
        }
    },
});

function missingMessage(namespace: PolicyResource, name: string, direction: string, type: string): string {
    return `namespace "${name}" (${describe(namespace)}): no default-deny ${direction} NetworkPolicy; add a NetworkPolicy in "${name}" with podSelector {}, "${type}" in policyTypes and no ${direction} rules.`;
}
