/**
 * The IAM-5 admission CEL beyond the cluster-admin binding check (cel.ts): bindings to the
 * built-in roles that grant impersonation, ClusterRole aggregation that selects escalation-capable
 * built-ins, and (WL-3) hostPath PersistentVolumes. The lists mirror the pack's
 * (lib/k8s-rbac.ts); the parity test holds them equal.
 */
import { CelValidation, celString, celStringList, subjectKeyExpression } from "./cel";

/**
 * Built-in ClusterRoles that grant `impersonate` on serviceaccounts (admin and edit aggregate
 * system:aggregate-to-edit); bound only to break-glass subjects, cluster-wide or namespaced.
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */
export const IMPERSONATING_BUILTIN_ROLES: readonly string[] = [
    "admin",
    "edit",
    "system:aggregate-to-admin",
    "system:aggregate-to-edit",
    "system:kube-controller-manager",
    "system:node",
];

/** The controller roles Kubernetes binds to its own controllers, never to another subject. */
export const CONTROLLER_ROLE_PREFIX = "system:controller:";

/**
 * The labels of the escalation-capable built-in ClusterRoles (Kubernetes bootstrap policy):
 * cluster-admin and admin carry only `kubernetes.io/bootstrapping: rbac-defaults`; edit and
 * system:aggregate-to-admin add aggregate-to-admin; system:aggregate-to-edit adds aggregate-to-edit.
 * An aggregationRule selector that matches any of these inherits that role's rules.
 */
export const ESCALATING_BUILTIN_ROLE_LABELS: readonly { roles: string[]; labels: Record<string, string> }[] = [
    { roles: ["cluster-admin", "admin"], labels: { "kubernetes.io/bootstrapping": "rbac-defaults" } },
    {
        roles: ["edit", "system:aggregate-to-admin"],
        labels: { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-admin": "true" },
    },
    {
        roles: ["system:aggregate-to-edit"],
        labels: { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-edit": "true" },
    },
];

/**
 * Who writes aggregated ClusterRoles' rules: the clusterrole-aggregation controller, under its own
 * service account (`--use-service-account-credentials`) or the controller manager's identity. Its
 * updates of the built-in admin, edit and view (whose selectors select built-ins by design) must
 * pass, as the API server's own reconciliation must.
 */
export const AGGREGATION_CONTROLLER_USERS: readonly string[] = [
    "system:serviceaccount:kube-system:clusterrole-aggregation-controller",
    "system:kube-controller-manager",
];

/** The match condition that lets the API server (`apiServerUser`) and the aggregation controller through. */
export function notRbacMaintainers(apiServerUser: string): { name: string; expression: string } {
    return {
        name: "not-the-api-server-or-aggregation-controller",
        expression: `!(request.userInfo.username in ${celStringList([apiServerUser, ...AGGREGATION_CONTROLLER_USERS])})`,
    };
}

/** IAM-5, IAM-9: admin, edit, their aggregate roles and the control-plane roles only for break-glass subjects. */
export function bindingNoImpersonatingRoleValidations(breakGlassSubjects: readonly string[]): CelValidation[] {
    const subjectsAllowed =
        breakGlassSubjects.length > 0
            ? `object.subjects.all(s, (${subjectKeyExpression}) in ${celStringList(breakGlassSubjects)})`
            : "size(object.subjects) == 0";
    return [
        {
            expression:
                `!(object.roleRef.kind == 'ClusterRole' && (object.roleRef.name in ${celStringList(IMPERSONATING_BUILTIN_ROLES)} || ` +
                `object.roleRef.name.startsWith(${celString(CONTROLLER_ROLE_PREFIX)}))) || ` +
                `!has(object.subjects) || ${subjectsAllowed}`,
            message:
                "IAM-5: the binding grants the built-in admin or edit ClusterRole (impersonate on serviceaccounts, Secrets, pods/exec) or a control-plane role (system:controller:*, system:kube-controller-manager, system:node) to a subject that is not break-glass; bind a least-privilege role.",
        },
    ];
}

/** CEL map literal of string labels. */
function celMap(labels: Record<string, string>): string {
    return `{${Object.entries(labels)
        .map(([key, value]) => `${celString(key)}: ${celString(value)}`)
        .join(", ")}}`;
}

/**
 * True when selector `s` matches the label map literal, with Kubernetes' semantics: every
 * matchLabels entry equal, every matchExpression holding (NotIn also holds for an absent key);
 * an operator Kubernetes does not know is read as matching, as in the pack.
 */
export function selectorMatchesExpression(labels: Record<string, string>): string {
    const map = celMap(labels);
    const inValues = `(e.key in ${map} && has(e.values) && ${map}[e.key] in e.values)`;
    return (
        `((!has(s.matchLabels) || s.matchLabels.all(k, k in ${map} && ${map}[k] == s.matchLabels[k])) && ` +
        `(!has(s.matchExpressions) || s.matchExpressions.all(e, e.operator == 'In' ? ${inValues} : ` +
        `e.operator == 'NotIn' ? !${inValues} : e.operator == 'Exists' ? e.key in ${map} : ` +
        `e.operator == 'DoesNotExist' ? !(e.key in ${map}) : true)))`
    );
}

/** The label that adds a ClusterRole's rules to the built-in view role (pack: aggregateToViewLabel). */
export const AGGREGATE_TO_VIEW_LABEL = "rbac.authorization.k8s.io/aggregate-to-view";

/**
 * IAM-5: no aggregationRule selector selects cluster-admin, admin or edit; a role labelled
 * aggregate-to-view (its rules join the widely bound view role) grants only get, list and watch,
 * and nothing on secrets.
 */
export function clusterRoleAggregationValidations(): CelValidation[] {
    const selectsNone = ESCALATING_BUILTIN_ROLE_LABELS.map((entry) => `!${selectorMatchesExpression(entry.labels)}`).join(" && ");
    return [
        {
            expression:
                "!has(object.aggregationRule) || !has(object.aggregationRule.clusterRoleSelectors) || " +
                `object.aggregationRule.clusterRoleSelectors.all(s, ${selectsNone})`,
            message:
                "IAM-5: the ClusterRole's aggregationRule selects the built-in cluster-admin, admin or edit (through the rbac-defaults, aggregate-to-admin or aggregate-to-edit labels, or an empty or negative selector); select only labels your own roles carry.",
        },
        {
            expression:
                `!(has(object.metadata.labels) && ${celString(AGGREGATE_TO_VIEW_LABEL)} in object.metadata.labels && ` +
                `object.metadata.labels[${celString(AGGREGATE_TO_VIEW_LABEL)}] == 'true') || !has(object.rules) || ` +
                "object.rules.all(r, (!has(r.verbs) || r.verbs.all(v, v in ['get', 'list', 'watch'])) && " +
                "(!has(r.resources) || !('secrets' in r.resources)))",
            message:
                "IAM-5: the ClusterRole carries rbac.authorization.k8s.io/aggregate-to-view, so its rules extend the built-in view role; grant only get, list and watch, and nothing on secrets.",
        },
    ];
}

/** WL-3: no PersistentVolume with hostPath (a claim bound to it mounts the node's filesystem). */
export function persistentVolumeNoHostPathValidations(): CelValidation[] {
    return [
        {
            expression: "!has(object.spec) || !has(object.spec.hostPath)",
            message:
                "WL-3: the PersistentVolume uses hostPath, which mounts the node's filesystem into every pod that claims it; use a CSI StorageClass (EBS, EFS).",
        },
    ];
}
