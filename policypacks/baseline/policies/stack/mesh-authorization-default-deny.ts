import { stackPolicy } from "../../lib/policy";
import { istioResources, meshIndicator, namespaceOfObject, rootNamespaceProperty, selectsAllWorkloads } from "./mesh";
import { PlanIndex, describe, isObject } from "./plan";

interface AuthorizationDefaultDenyConfig {
    rootNamespace: string;
}

/**
 * MESH-3: Istio allows every request until an AuthorizationPolicy selects a workload; an
 * "allow-nothing" policy in the root namespace makes the mesh deny by default, and explicit ALLOW
 * policies then open only the paths that are needed. (A DENY-everything policy is not used: DENY
 * wins over every ALLOW, so nothing could be opened.)
 */
export const meshAuthorizationDefaultDeny = stackPolicy<AuthorizationDefaultDenyConfig>({
    name: "mesh-authorization-default-deny",
    description:
        "Where an Istio mesh is installed, a mesh-wide allow-nothing AuthorizationPolicy (root namespace, no selector, action ALLOW, no rules) makes authorization default-deny. Istio security best practices: default-deny authorization.",
    severity: "high",
    controls: ["MESH-3"],
    remediationSteps:
        'Declare an AuthorizationPolicy named "allow-nothing" in the root namespace (istio-system) with spec {} (no selector, no rules), then allow each needed path explicitly.',
    config: { rootNamespace: rootNamespaceProperty },
    example: [
        'new k8s.apiextensions.CustomResource("mesh-allow-nothing", {',
        '    apiVersion: "security.istio.io/v1",',
        '    kind: "AuthorizationPolicy",',
        '    metadata: { name: "allow-nothing", namespace: "istio-system" },',
        "    spec: {},",
        "});",
    ].join("\n"),
    validate: (resources, report, config) => {
        const plan = new PlanIndex(resources);
        const root = typeof config.rootNamespace === "string" ? config.rootNamespace : "istio-system";
        const mesh = meshIndicator(plan, root);
        if (mesh === undefined) {
            return;
        }
        const denyAll = istioResources(plan, "security.istio.io", "AuthorizationPolicy").some((policy) => {
            const spec = policy.props?.spec;
            const specObject = isObject(spec) ? spec : spec === undefined || spec === null ? {} : undefined;
            if (specObject === undefined || namespaceOfObject(policy) !== root || !selectsAllWorkloads(specObject)) {
                return false;
            }
            const action = specObject.action;
            const rules = specObject.rules;
            const noRules = rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
            return (action === undefined || action === "ALLOW") && noRules && specObject.provider === undefined;
        });
        if (!denyAll) {
            report(
                `mesh installed (${describe(mesh)}) but no allow-nothing AuthorizationPolicy (no selector, action ALLOW, no rules) in "${root}", so every request is allowed by default; add one with spec {}.`,
                mesh.urn,
            );
        }
    },
});
