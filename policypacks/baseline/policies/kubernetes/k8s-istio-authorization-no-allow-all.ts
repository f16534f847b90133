import { isAllowAction, isAllowAllRule } from "../../lib/istio-authorization";
import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { authorizationPolicyTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

export interface AuthorizationPolicyConfig {
    /** Namespaces where an allow-all AuthorizationPolicy is accepted. */
    allowedAllowAllNamespaces: string[];
}

/**
 * MESH-3: default deny. An ALLOW AuthorizationPolicy (action unset means ALLOW) with a rule that
 * matches every request allows everything to the selected workloads: an empty rule, or one whose
 * sources admit every authenticated workload (principals ["*"], namespaces ["*"], a trust-domain
 * prefix, notPrincipals/notNamespaces alone) and whose operations and conditions do not narrow
 * it (lib/istio-authorization.ts). `spec: {}` (no rules) is the compliant default-deny shape and passes.
 * https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
export const k8sIstioAuthorizationNoAllowAll = resourcePolicy<AuthorizationPolicyConfig>({
    name: "k8s-istio-authorization-no-allow-all",
    description:
        "No Istio AuthorizationPolicy with action ALLOW (or unset) has a rule that matches every request (an empty " +
        'rule, or one whose sources admit every workload: principals or namespaces "*", a trust-domain prefix, notPrincipals/notNamespaces alone; and whose to and when do not narrow it), outside allowedAllowAllNamespaces; services ' +
        "talk only where an explicit policy names sources and operations. References: Istio security best practices " +
        "'Authorization policies: default deny'; NSA/CISA Kubernetes Hardening Guide 'Network separation'.",
    severity: "high",
    controls: ["MESH-3"],
    remediationSteps:
        "Name the allowed callers (from.source.principals or namespaces) and operations in each rule; keep a spec: {} default-deny policy per namespace.",
    config: {
        allowedAllowAllNamespaces: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Namespaces where an allow-all AuthorizationPolicy is accepted.",
        },
    },
    resourceTypes: authorizationPolicyTypes,
    validate: ({ type, name, props }, report, config) => {
        const allowed = arrayOf(config.allowedAllowAllNamespaces);
        for (const object of k8sObjects(type, props)) {
            const spec = objectOf(object.object.spec);
            if (!isAllowAction(spec?.action)) {
                continue;
            }
            const indexes = arrayOf(spec?.rules).flatMap((rule, index) => (isAllowAllRule(objectOf(rule)) ? [index] : []));
            if (indexes.length === 0 || allowed.includes(object.namespace())) {
                continue;
            }
            const policy = displayName(() => object.object.metadata?.name, name);
            for (const index of indexes) {
                report(
                    `authorization policy "${policy}" (${object.path}spec.rules[${index}]): an ALLOW rule that no from, to or when narrows ` +
                        "matches every request; name the allowed sources and operations, or add the namespace to allowedAllowAllNamespaces.",
                );
            }
        }
    },
});
