import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { roleTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/** Verbs that let the holder gain permissions it was not granted (RBAC privilege-escalation prevention). */
const escalationVerbs = ["escalate", "bind", "impersonate"];
const wildcardFields = ["apiGroups", "resources", "verbs"] as const;

/**
 * IAM-5 and IAM-9 on roles: no wildcard apiGroups, resources or verbs, and no escalate, bind or
 * impersonate grants. The break-glass role is Kubernetes' built-in cluster-admin, which the
 * program never declares; any other exception goes through the pack's exemptions.
 */
export const k8sRbacRoleLeastPrivilege = resourcePolicy({
    name: "k8s-rbac-role-least-privilege",
    description:
        'Roles and ClusterRoles grant no wildcard ("*") apiGroups, resources or verbs and no escalate, bind or ' +
        "impersonate verbs. References: CIS Amazon EKS Benchmark 4.1.3 (minimize wildcard use in Roles and " +
        "ClusterRoles) and 4.1.8 (limit use of the bind, impersonate and escalate permissions); NSA/CISA Kubernetes " +
        "Hardening Guide 'Authentication and authorization: least privilege RBAC'.",
    severity: "high",
    controls: ["IAM-5", "IAM-9"],
    remediationSteps: "List the exact apiGroups, resources and verbs the workload needs; drop escalate, bind and impersonate.",
    resourceTypes: roleTypes,
    validate: ({ type, name, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const kind = type.includes(":ClusterRole") ? "cluster role" : "role";
            const roleName = displayName(() => object.object.metadata?.name, name);
            arrayOf(object.object.rules).forEach((entry, index) => {
                const rule = objectOf(entry);
                if (rule === undefined) {
                    return;
                }
                const at = `${kind} "${roleName}" (${object.path}rules[${index}])`;
                for (const field of wildcardFields) {
                    const values = arrayOf(rule[field]);
                    if (values.some((value) => typeof value === "string" && value.includes("*"))) {
                        report(`${at}: ${field} contains a wildcard; list the exact ${field} the subject needs.`);
                    }
                }
                for (const verb of arrayOf(rule.verbs)) {
                    if (typeof verb === "string" && escalationVerbs.includes(verb.toLowerCase())) {
                        report(`${at}: verbs grants "${verb}"; remove it (escalate, bind and impersonate are break-glass only).`);
                    }
                }
            });
        }
    },
});
