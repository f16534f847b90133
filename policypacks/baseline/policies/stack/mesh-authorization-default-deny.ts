import { isAllowAction, isAllowAllRule } from "../../lib/istio-authorization";
import { objectOf } from "../../lib/k8s-objects";
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
 * wins over every ALLOW, so nothing could be opened.) A mesh-wide ALLOW policy in the root
 * namespace with a rule that matches every request (lib/istio-authorization.ts: principals
 * ["*"], notNamespaces alone, an empty rule) undoes it for every workload, so it is reported too.
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
        const policies = istioResources(plan, "security.istio.io", "AuthorizationPolicy");
        for (const policy of policies) {
            const spec = objectOf(policy.props?.spec);
            if (spec === undefined || namespaceOfObject(policy) !== root || !selectsAllWorkloads(spec) || !isAllowAction(spec.action)) {
                continue;
            }
            const rules = Array.isArray(spec.rules) ? spec.rules : [];
            const index = rules.findIndex((rule) => isAllowAllRule(objectOf(rule)));
            if (index >= 0) {
                report(
                    `${describe(policy)} in "${root}" selects every workload and its ALLOW rule spec.rules[${index}] matches every request, so the mesh allows everything whatever allow-nothing says; name the allowed sources in the rule or remove it.`,
                    policy.urn,
                );
            }
        }
        const denyAll = policies.some((policy) => {
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
