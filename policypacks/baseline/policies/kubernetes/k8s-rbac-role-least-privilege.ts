import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import {
    aggregateToViewLabel,
    clusterRoleSelectorsOf,
    escalatingBuiltinsSelected,
    ruleProblems,
    viewAggregationProblems,
} from "../../lib/k8s-rbac";
import { roleTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * IAM-5 and IAM-9 on roles: no wildcard apiGroups, resources, verbs or nonResourceURLs (`*`,
 * `/*`, an open prefix such as `/a*`; a concrete prefix such as `/healthz/*` is allowed), no
 * escalate, bind or impersonate grants, and no aggregationRule that selects an escalation-capable
 * built-in ClusterRole (cluster-admin through the `kubernetes.io/bootstrapping` label, an empty
 * selector or a negative one; admin and edit through the aggregate-to-admin and aggregate-to-edit
 * labels, which carry impersonate on serviceaccounts). Selecting aggregate-to-view (read-only, no
 * Secrets) is allowed. The reverse door is closed too: a ClusterRole labelled aggregate-to-view
 * adds its rules to the built-in view role, which is bound widely, so its rules must stay
 * read-only (get, list, watch) and away from Secrets. What a selector picks among the program's own roles is judged by the stack
 * policy k8s-rbac-aggregation-least-privilege. The break-glass role is Kubernetes' built-in
 * cluster-admin, which the program never declares; any other exception goes through the pack's
 * exemptions.
 */
export const k8sRbacRoleLeastPrivilege = resourcePolicy({
    name: "k8s-rbac-role-least-privilege",
    description:
        'Roles and ClusterRoles grant no wildcard ("*") apiGroups, resources, verbs or nonResourceURLs, no escalate, bind or ' +
        "impersonate verbs, aggregate no escalation-capable built-in role (cluster-admin, admin, edit), and extend view " +
        "(aggregate-to-view label) only with get, list and watch outside Secrets. References: CIS " +
        "Amazon EKS Benchmark 4.1.3 (minimize wildcard use in Roles and ClusterRoles) and 4.1.8 (limit use of the bind, " +
        "impersonate and escalate permissions); NSA/CISA Kubernetes Hardening Guide 'Authentication and authorization: least " +
        "privilege RBAC'.",
    severity: "high",
    controls: ["IAM-5", "IAM-9"],
    remediationSteps:
        "List the exact apiGroups, resources, verbs and non-resource paths the workload needs; drop escalate, bind and " +
        "impersonate; aggregate only roles with your own labels (or aggregate-to-view).",
    resourceTypes: roleTypes,
    validate: ({ type, name, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const kind = type.includes(":ClusterRole") ? "cluster role" : "role";
            const roleName = displayName(() => object.object.metadata?.name, name);
            const joinsView = objectOf(object.object.metadata?.labels)?.[aggregateToViewLabel] === "true";
            arrayOf(object.object.rules).forEach((entry, index) => {
                const rule = objectOf(entry);
                if (rule === undefined) {
                    return;
                }
                for (const problem of ruleProblems(rule)) {
                    report(`${kind} "${roleName}" (${object.path}rules[${index}]): ${problem}`);
                }
                for (const problem of joinsView ? viewAggregationProblems(rule) : []) {
                    report(
                        `${kind} "${roleName}" (${object.path}rules[${index}]): ${problem}, but the role carries ${aggregateToViewLabel} ` +
                            "and so extends the built-in view role; keep it to get, list and watch without secrets, or drop the label.",
                    );
                }
            });
            clusterRoleSelectorsOf(object.object).forEach((selector, index) => {
                const selected = escalatingBuiltinsSelected(selector);
                if (selected.length > 0) {
                    report(
                        `${kind} "${roleName}" (${object.path}aggregationRule.clusterRoleSelectors[${index}]): selects the built-in ` +
                            `ClusterRoles ${selected.join(", ")}, so it inherits their rules (cluster-admin's wildcards, or impersonate on ` +
                            "serviceaccounts); select only labels your own roles carry.",
                    );
                }
            });
        }
    },
});
