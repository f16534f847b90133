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
    /** `namespace` of a ServiceAccount subject ("" otherwise). */
    namespace: string;
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
        return [{ index, kind, name, namespace, key }];
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

/** Subject names that mean "anyone": unauthenticated requests, and every authenticated identity (IAM-9). */
export const anonymousSubjectNames: readonly string[] = ["system:anonymous", "system:unauthenticated", "system:authenticated"];

/**
 * The roleRef names no binding may point at except for break-glass subjects: `cluster-admin`
 * whatever its kind (a namespaced Role of that name reads as cluster-admin in every review and
 * audit query, so it is refused too).
 */
export const clusterAdminRoleName = "cluster-admin";

/**
 * Built-in ClusterRoles whose binding lets the subject act as someone else (IAM-9) or gain rights
 * it was not given (IAM-5), with the reason messages give. `edit` and `admin` aggregate
 * `system:aggregate-to-edit`, which grants `impersonate` on serviceaccounts plus read of Secrets
 * and pods/exec: their holder can act as any service account in scope and so hold its rights.
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */
export const impersonatingBuiltinRoles: ReadonlyMap<string, string> = new Map([
    ["admin", "impersonate on serviceaccounts, Secrets, pods/exec and RoleBindings"],
    ["edit", "impersonate on serviceaccounts, Secrets and pods/exec"],
    ["system:aggregate-to-admin", "RoleBindings and, through edit, impersonate on serviceaccounts"],
    ["system:aggregate-to-edit", "impersonate on serviceaccounts, Secrets and pods/exec"],
    ["system:kube-controller-manager", "Secrets and service account tokens of every namespace"],
    ["system:node", "the Secrets, ConfigMaps and service account tokens of the pods a node runs"],
]);

/** The controller roles Kubernetes binds to its own controllers (`system:controller:<name>`). */
export const controllerRolePrefix = "system:controller:";

/**
 * What binding the built-in ClusterRole `name` grants beyond least privilege, or undefined. The
 * `system:controller:*` roles belong to the controller manager's own service accounts: they
 * create pods (so run as any service account of the namespace), read Secrets, mint tokens or
 * escalate ClusterRoles (the aggregation controller), and are never for another subject.
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles
 */
export function impersonatingBuiltinGrant(name: string): string | undefined {
    return (
        impersonatingBuiltinRoles.get(name) ??
        (name.startsWith(controllerRolePrefix) ? "a Kubernetes controller's rights (pods, Secrets, tokens or escalate)" : undefined)
    );
}

const bootstrapping = { "kubernetes.io/bootstrapping": "rbac-defaults" };
const aggregateTo = (role: "admin" | "edit" | "view") => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: "true" });

/**
 * The labels of the built-in ClusterRoles an aggregationRule can select, and whether selecting
 * them inherits escalation (Kubernetes bootstrap policy: every default role carries
 * `kubernetes.io/bootstrapping: rbac-defaults`; `edit` carries aggregate-to-admin, `view`
 * aggregate-to-edit). `view` and `system:aggregate-to-view` are read-only without Secrets and so
 * may be selected.
 */
export const builtinClusterRoleLabels: readonly { name: string; labels: Record<string, string>; escalates: boolean }[] = [
    { name: "cluster-admin", labels: { ...bootstrapping }, escalates: true },
    { name: "admin", labels: { ...bootstrapping }, escalates: true },
    { name: "edit", labels: { ...bootstrapping, ...aggregateTo("admin") }, escalates: true },
    { name: "view", labels: { ...bootstrapping, ...aggregateTo("edit") }, escalates: false },
    { name: "system:aggregate-to-admin", labels: { ...bootstrapping, ...aggregateTo("admin") }, escalates: true },
    { name: "system:aggregate-to-edit", labels: { ...bootstrapping, ...aggregateTo("edit") }, escalates: true },
    { name: "system:aggregate-to-view", labels: { ...bootstrapping, ...aggregateTo("view") }, escalates: false },
];

/**
 * Names of the objects Kubernetes creates and reconciles itself (bootstrap RBAC): the
 * user-facing roles and everything under `system:` (and EKS' own `eks:`). A patch of one changes
 * what every existing binding to it grants, and reconciliation only adds back what is missing, so
 * an added rule or subject persists.
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#auto-reconciliation
 */
export function isBuiltinRbacName(name: string): boolean {
    return ["cluster-admin", "admin", "edit", "view"].includes(name) || name.startsWith("system:") || name.startsWith("eks:");
}

/**
 * True when a Kubernetes label selector matches the labels (matchLabels AND every
 * matchExpression; an empty selector matches everything). An operator Kubernetes does not know
 * matches, so a selector the pack cannot read is judged as selecting.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 */
export function selectorMatches(selector: Props, labels: Record<string, unknown>): boolean {
    const matchLabels = objectOf(selector.matchLabels) ?? {};
    for (const [key, value] of Object.entries(matchLabels)) {
        if (labels[key] !== value) {
            return false;
        }
    }
    for (const entry of arrayOf(selector.matchExpressions)) {
        const expression = objectOf(entry);
        if (expression === undefined) {
            continue;
        }
        const key = String(expression.key);
        const values = arrayOf(expression.values);
        const present = Object.prototype.hasOwnProperty.call(labels, key);
        const operator = expression.operator;
        const holds =
            operator === "In"
                ? present && values.includes(labels[key])
                : operator === "NotIn"
                  ? !(present && values.includes(labels[key]))
                  : operator === "Exists"
                    ? present
                    : operator === "DoesNotExist"
                      ? !present
                      : true;
        if (!holds) {
            return false;
        }
    }
    return true;
}

/** The clusterRoleSelectors of a ClusterRole's aggregationRule (empty without one). */
export function clusterRoleSelectorsOf(role: Props): Props[] {
    return arrayOf(objectOf(role.aggregationRule)?.clusterRoleSelectors).flatMap((entry) => {
        const selector = objectOf(entry);
        return selector === undefined ? [] : [selector];
    });
}

/**
 * A nonResourceURLs entry that grants every URL or an open prefix of them: `*`, `/*`, or a `*`
 * anywhere but after a concrete `/segment/` (`/healthz/*` is a prefix the built-in discovery
 * roles use; `/a*` or `/*` reach /logs, /debug/pprof and /metrics).
 */
export function isWildcardNonResourceUrl(url: string): boolean {
    return url.includes("*") && !/^(\/[^/*]+)+\/\*$/.test(url);
}

/** Verbs that let the holder gain permissions it was not granted (RBAC privilege-escalation prevention). */
export const escalationVerbs: readonly string[] = ["escalate", "bind", "impersonate"];

/** What is wrong with one PolicyRule, as message tails (wildcards, escalation verbs). */
export function ruleProblems(rule: Props): string[] {
    const problems: string[] = [];
    for (const field of ["apiGroups", "resources", "verbs"] as const) {
        if (arrayOf(rule[field]).some((value) => typeof value === "string" && value.includes("*"))) {
            problems.push(`${field} contains a wildcard; list the exact ${field} the subject needs.`);
        }
    }
    const urls = arrayOf(rule.nonResourceURLs).filter((value): value is string => typeof value === "string");
    const wildcardUrl = urls.find(isWildcardNonResourceUrl);
    if (wildcardUrl !== undefined) {
        problems.push(
            `nonResourceURLs contains the wildcard ${JSON.stringify(wildcardUrl)}; list the exact paths (e.g. /healthz, /metrics).`,
        );
    }
    for (const verb of arrayOf(rule.verbs)) {
        if (typeof verb === "string" && escalationVerbs.includes(verb.toLowerCase())) {
            problems.push(`verbs grants "${verb}"; remove it (escalate, bind and impersonate are break-glass only).`);
        }
    }
    return problems;
}

/** The escalation-capable built-in ClusterRoles one selector selects. */
export function escalatingBuiltinsSelected(selector: Props): string[] {
    return builtinClusterRoleLabels.filter((role) => role.escalates && selectorMatches(selector, role.labels)).map((role) => role.name);
}

/** The label that adds a ClusterRole's rules to the built-in view role, which is bound widely. */
export const aggregateToViewLabel = "rbac.authorization.k8s.io/aggregate-to-view";

/** The verbs a role aggregated into view may grant (view is read-only). */
export const readVerbs: readonly string[] = ["get", "list", "watch"];

/**
 * What a rule of a role labelled aggregate-to-view must not grant: a verb beyond get, list and
 * watch, or any access to Secrets (the built-in view role leaves Secrets out on purpose: reading
 * one reads the service-account tokens and credentials in it).
 */
export function viewAggregationProblems(rule: Props): string[] {
    const problems: string[] = [];
    const writes = arrayOf(rule.verbs).filter((verb) => typeof verb === "string" && !readVerbs.includes(verb));
    if (writes.length > 0) {
        problems.push(`grants ${writes.map((verb) => JSON.stringify(verb)).join(", ")}, beyond get, list and watch`);
    }
    if (arrayOf(rule.resources).includes("secrets")) {
        problems.push("reaches secrets");
    }
    return problems;
}
