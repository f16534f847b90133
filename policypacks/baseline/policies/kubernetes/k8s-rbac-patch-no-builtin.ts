import { arrayOf, k8sObjects, nameOf, objectOf } from "../../lib/k8s-objects";
import { isBuiltinRbacName } from "../../lib/k8s-rbac";
import { bindingTypes, roleTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

const patchTypes = [...roleTypes, ...bindingTypes].filter((type) => type.endsWith("Patch"));

function kindOf(type: string): string {
    const kind = type.split(":")[2]!.replace(/Patch$/, "");
    return { ClusterRole: "cluster role", Role: "role", ClusterRoleBinding: "cluster role binding", RoleBinding: "role binding" }[kind]!;
}

/**
 * IAM-5 on `*Patch` RBAC resources (server-side apply of a partial object onto a live one):
 * judged by what they set. A patch of a built-in object (cluster-admin, admin, edit, view,
 * `system:*`, `eks:*`) is refused: an added rule or subject there reaches every existing binding
 * to it, and the API server's reconciliation only adds back what is missing, so the change stays.
 * A binding patch that sets subjects without its roleRef is refused too: roleRef is immutable and
 * absent from the patch, so nothing in the program says what the new subjects receive (stating
 * it costs nothing: the API server rejects a patch whose roleRef differs from the live one).
 * The rules, aggregationRule and subjects a patch sets are judged by the role and binding
 * policies, which cover the Patch types too.
 */
export const k8sRbacPatchNoBuiltin = resourcePolicy({
    name: "k8s-rbac-patch-no-builtin",
    description:
        "ClusterRole, Role, ClusterRoleBinding and RoleBinding patches never change a built-in object (cluster-admin, " +
        "admin, edit, view, system:*, eks:*), and a binding patch that sets subjects also states its roleRef. References: " +
        "Kubernetes RBAC 'Default roles and role bindings' and 'Auto-reconciliation'; CIS Amazon EKS Benchmark 4.1.1.",
    severity: "critical",
    controls: ["IAM-5"],
    remediationSteps:
        "Leave the built-in RBAC objects alone: create your own (Cluster)Role and binding instead; in a binding patch, set " +
        "roleRef to the role of the binding it patches.",
    resourceTypes: patchTypes,
    validate: ({ type, props }, report) => {
        const kind = kindOf(type);
        const isBinding = type.includes("RoleBindingPatch");
        for (const object of k8sObjects(type, props)) {
            const targetName = nameOf(object.object);
            const at = `${kind} patch "${targetName ?? "?"}" (${object.path}metadata.name)`;
            if (targetName !== undefined && isBuiltinRbacName(targetName)) {
                report(
                    `${at}: patches the built-in ${kind} ${targetName}, which changes what every binding to it grants and ` +
                        "survives reconciliation; create your own role or binding instead.",
                );
                continue;
            }
            const setsSubjects = arrayOf(object.object.subjects).length > 0;
            if (isBinding && setsSubjects && objectOf(object.object.roleRef) === undefined) {
                report(
                    `${kind} patch "${targetName ?? "?"}" (${object.path}roleRef): sets subjects without roleRef, so what they are ` +
                        "granted cannot be judged; set roleRef to the role of the binding it patches.",
                );
            }
        }
    },
});
