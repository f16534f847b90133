/**
 * RBAC reading helpers shared by the role and binding policies (IAM-5, IAM-9).
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/
 */
import { arrayOf, displayName, objectOf } from "./k8s-objects";
import { Props } from "./policy";

/** One subject of a binding, with its index for messages. */
export interface SubjectRef {
    index: number;
    kind: string;
    name: string;
    /** `Kind:name`, or `ServiceAccount:namespace/name`: the form the breakGlassSubjects config uses. */
    key: string;
}

/** The subjects of a (Cluster)RoleBinding object. */
export function subjectsOf(binding: Props): SubjectRef[] {
    return arrayOf(binding.subjects).flatMap((entry, index) => {
        const subject = objectOf(entry);
        if (subject === undefined) {
            return [];
        }
        const kind = typeof subject.kind === "string" ? subject.kind : "";
        const name = typeof subject.name === "string" ? subject.name : "";
        const namespace = kind === "ServiceAccount" ? displayName(() => subject.namespace, "") : "";
        const key = kind === "ServiceAccount" ? `${kind}:${namespace}/${name}` : `${kind}:${name}`;
        return [{ index, kind, name, key }];
    });
}

/** The roleRef of a binding as `{ kind, name }` (empty strings when absent). */
export function roleRefOf(binding: Props): { kind: string; name: string } {
    const roleRef = objectOf(binding.roleRef);
    return {
        kind: typeof roleRef?.kind === "string" ? roleRef.kind : "",
        name: typeof roleRef?.name === "string" ? roleRef.name : "",
    };
}
