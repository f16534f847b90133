import { arrayOf, displayName, k8sObjects } from "../../lib/k8s-objects";
import { impersonatingBuiltinGrant, roleRefOf, subjectsOf } from "../../lib/k8s-rbac";
import { bindingTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";
import { BindingNoClusterAdminConfig } from "./k8s-rbac-binding-no-cluster-admin";

/**
 * IAM-5 and IAM-9 on bindings: the built-in ClusterRoles admin and edit (and the
 * system:aggregate-to-admin/edit roles they are built from) grant `impersonate` on
 * serviceaccounts, read of Secrets and pods/exec, so their holder can act as any service account
 * in scope, and through it hold whatever that service account is bound to (often cluster-wide).
 * Decision: refused in ClusterRoleBindings and in namespace-scoped RoleBindings alike, because
 * IAM-9 allows no impersonation rights for users and a namespace's service accounts are routinely
 * bound outside the namespace; teams get the baseline's developer role instead. Break-glass
 * subjects (the same breakGlassSubjects knob as k8s-rbac-binding-no-cluster-admin) may hold them.
 * The roles Kubernetes binds to its own components are refused for anyone else too:
 * `system:controller:*`, `system:kube-controller-manager` and `system:node` (Secrets, tokens,
 * pod creation, escalate). `system:kube-scheduler` and `system:volume-scheduler` stay allowed:
 * a second scheduler is bound to them by design.
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */
export const k8sRbacBindingNoImpersonatingRoles = resourcePolicy<BindingNoClusterAdminConfig>({
    name: "k8s-rbac-binding-no-impersonating-roles",
    description:
        "No RoleBinding or ClusterRoleBinding binds the built-in admin, edit, system:aggregate-to-admin or " +
        "system:aggregate-to-edit ClusterRoles (they grant impersonate on serviceaccounts), or the control-plane roles " +
        "system:controller:*, system:kube-controller-manager and system:node, except to breakGlassSubjects, " +
        "whether the binding is cluster-wide or namespaced. References: Kubernetes RBAC 'User-facing roles' (edit allows " +
        "impersonating any service account of the namespace); CIS Amazon EKS Benchmark 4.1.8 (limit the impersonate permission).",
    severity: "high",
    controls: ["IAM-5", "IAM-9"],
    remediationSteps: "Bind a least-privilege role without impersonate (the baseline's developer or viewer ClusterRole, or your own Role).",
    config: {
        breakGlassSubjects: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Subjects (Group:name, User:name, ServiceAccount:namespace/name) that may be bound to admin or edit.",
        },
    },
    resourceTypes: bindingTypes,
    validate: ({ type, name, props }, report, config) => {
        const breakGlass = arrayOf(config.breakGlassSubjects);
        for (const object of k8sObjects(type, props)) {
            const roleRef = roleRefOf(object.object);
            const grants = roleRef.kind === "ClusterRole" ? impersonatingBuiltinGrant(roleRef.name) : undefined;
            if (grants === undefined) {
                continue;
            }
            const kind = type.includes(":ClusterRoleBinding") ? "cluster role binding" : "role binding";
            const bindingName = displayName(() => object.object.metadata?.name, name);
            for (const subject of subjectsOf(object.object)) {
                if (breakGlass.includes(subject.key)) {
                    continue;
                }
                report(
                    `${kind} "${bindingName}" (${object.path}subjects[${subject.index}]): ${subject.kind} "${subject.name}" is bound to ` +
                        `ClusterRole ${roleRef.name}, which grants ${grants}; bind a least-privilege role without impersonate.`,
                );
            }
        }
    },
});
