import { arrayOf, displayName, k8sObjects } from "../../lib/k8s-objects";
import { clusterAdminRoleName, roleRefOf, subjectsOf } from "../../lib/k8s-rbac";
import { bindingTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

export interface BindingNoClusterAdminConfig {
    /** Subjects (`Group:name`, `User:name`, `ServiceAccount:namespace/name`) that may hold cluster-admin: the break-glass role. */
    breakGlassSubjects: string[];
}

/**
 * IAM-5 on bindings: cluster-admin only for break-glass subjects; system:masters never. A roleRef
 * naming cluster-admin is refused whatever its kind: a namespaced Role called cluster-admin reads
 * as the built-in in every review, audit query and alert, so it is treated as one.
 */
export const k8sRbacBindingNoClusterAdmin = resourcePolicy<BindingNoClusterAdminConfig>({
    name: "k8s-rbac-binding-no-cluster-admin",
    description:
        "RoleBindings and ClusterRoleBindings bind cluster-admin (the ClusterRole, or a Role of that name) only to the break-glass subjects in " +
        "breakGlassSubjects, and never name the system:masters group. References: CIS Amazon EKS Benchmark 4.1.1 " +
        "(cluster-admin only where required) and 4.1.7 (avoid system:masters); NSA/CISA Kubernetes Hardening Guide " +
        "'Authentication and authorization'.",
    severity: "critical",
    controls: ["IAM-5"],
    remediationSteps:
        "Bind a least-privilege role instead; administrators assume the break-glass role, which is the only cluster-admin subject.",
    config: {
        breakGlassSubjects: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Subjects (Group:name, User:name, ServiceAccount:namespace/name) that may be bound to cluster-admin.",
        },
    },
    resourceTypes: bindingTypes,
    validate: ({ type, name, props }, report, config) => {
        const breakGlass = arrayOf(config.breakGlassSubjects);
        for (const object of k8sObjects(type, props)) {
            const kind = type.includes(":ClusterRoleBinding") ? "cluster role binding" : "role binding";
            const bindingName = displayName(() => object.object.metadata?.name, name);
            const roleRef = roleRefOf(object.object);
            const clusterAdmin = roleRef.name === clusterAdminRoleName;
            for (const subject of subjectsOf(object.object)) {
                const at = `${kind} "${bindingName}" (${object.path}subjects[${subject.index}])`;
                if (subject.kind === "Group" && subject.name === "system:masters") {
                    report(`${at}: Group "system:masters" bypasses RBAC entirely; remove it and bind a least-privilege role.`);
                } else if (clusterAdmin && !breakGlass.includes(subject.key)) {
                    report(
                        `${at}: ${subject.kind} "${subject.name}" is bound to ${roleRef.kind || "role"} cluster-admin; bind a least-privilege ` +
                            "role (only breakGlassSubjects may hold cluster-admin).",
                    );
                }
            }
        }
    },
});
