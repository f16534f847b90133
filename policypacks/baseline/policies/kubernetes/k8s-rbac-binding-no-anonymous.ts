import { arrayOf, displayName, k8sObjects } from "../../lib/k8s-objects";
import { anonymousSubjectNames, roleRefOf, subjectsOf } from "../../lib/k8s-rbac";
import { bindingTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

export interface BindingNoAnonymousConfig {
    /** ClusterRoles anonymous subjects may be bound to (health and version endpoints only). */
    anonymousAllowedClusterRoles: string[];
}

/**
 * IAM-9 on bindings: system:anonymous, system:unauthenticated and system:authenticated (every
 * identity the cluster accepts, the component's ANONYMOUS_SUBJECTS) are bound only to roles that
 * grant get on /healthz, /livez, /readyz and /version: the built-in system:public-info-viewer. The
 * names are refused whatever the subject's kind (User, Group, or a ServiceAccount whose name or
 * namespace is one of them): a kind the reviewer misreads must not hide them.
 */
export const k8sRbacBindingNoAnonymous = resourcePolicy<BindingNoAnonymousConfig>({
    name: "k8s-rbac-binding-no-anonymous",
    description:
        "No RoleBinding or ClusterRoleBinding grants anything to a subject named system:anonymous, system:unauthenticated " +
        "or system:authenticated (whatever its kind), except the ClusterRoles in anonymousAllowedClusterRoles (default " +
        "system:public-info-viewer: get on /healthz, /livez, /readyz, /version). References: CIS Amazon EKS Benchmark " +
        "4.1 (RBAC) and Kubernetes security checklist 'Anonymous authentication'; NSA/CISA Kubernetes Hardening Guide " +
        "'Authentication and authorization: disable anonymous requests'.",
    severity: "critical",
    controls: ["IAM-9"],
    remediationSteps: "Remove the anonymous subject from the binding; grant the permission to a named identity-provider group instead.",
    config: {
        anonymousAllowedClusterRoles: {
            type: "array",
            items: { type: "string" },
            default: ["system:public-info-viewer"],
            description: "ClusterRoles that may be bound to system:anonymous or system:unauthenticated.",
        },
    },
    resourceTypes: bindingTypes,
    validate: ({ type, name, props }, report, config) => {
        const allowed = arrayOf(config.anonymousAllowedClusterRoles);
        for (const object of k8sObjects(type, props)) {
            const kind = type.includes(":ClusterRoleBinding") ? "cluster role binding" : "role binding";
            const bindingName = displayName(() => object.object.metadata?.name, name);
            const roleRef = roleRefOf(object.object);
            if (roleRef.kind === "ClusterRole" && allowed.includes(roleRef.name)) {
                continue;
            }
            for (const subject of subjectsOf(object.object)) {
                const anonymous = anonymousSubjectNames.includes(subject.name) || anonymousSubjectNames.includes(subject.namespace);
                if (anonymous) {
                    report(
                        `${kind} "${bindingName}" (${object.path}subjects[${subject.index}]): ${subject.kind || "subject"} "${subject.key.slice(subject.kind.length + 1)}" is bound to ` +
                            `${roleRef.kind || "role"} "${roleRef.name}"; remove the anonymous subject (anonymous requests may only ` +
                            "reach the health and version endpoints).",
                    );
                }
            }
        }
    },
});
