/**
 * Pure RBAC rule builders and the checks every rule must pass (IAM-5, IAM-9): explicit verbs,
 * resources and API groups (never `*`), never `escalate`, `bind` or `impersonate`, and no path
 * for a human role to read Secrets or run code in a pod. Only the break-glass group reaches
 * more, through `cluster-admin`.
 */

/** A Kubernetes RBAC PolicyRule. */
export interface PolicyRule {
    apiGroups?: string[];
    resources?: string[];
    verbs: string[];
    resourceNames?: string[];
    nonResourceURLs?: string[];
}

/** Read-only verbs. */
export const READ_VERBS = ["get", "list", "watch"];
/** Verbs that let a subject grant itself or others more than it holds. */
export const ESCALATION_VERBS = ["escalate", "bind", "impersonate"];
/**
 * Resources no human role of the baseline may touch: Secrets (delivered from Secrets Manager,
 * SEC-4; human access alerts, LOG-4), exec/attach/ephemeral containers (read a pod's secrets
 * from the inside), token minting and the node proxy (bypasses audit of pod access).
 */
export const FORBIDDEN_RESOURCES = [
    "secrets",
    "pods/exec",
    "pods/attach",
    "pods/ephemeralcontainers",
    "pods/portforward",
    "serviceaccounts/token",
    "nodes/proxy",
];

const WRITE_VERBS = ["create", "update", "patch", "delete"];

/** Namespaced kinds every role may read, grouped by API group. */
const NAMESPACED_READABLE: Record<string, string[]> = {
    "": [
        "configmaps",
        "endpoints",
        "events",
        "limitranges",
        "persistentvolumeclaims",
        "pods",
        "replicationcontrollers",
        "resourcequotas",
        "serviceaccounts",
        "services",
    ],
    apps: ["daemonsets", "deployments", "replicasets", "statefulsets"],
    autoscaling: ["horizontalpodautoscalers"],
    batch: ["cronjobs", "jobs"],
    "discovery.k8s.io": ["endpointslices"],
    "networking.k8s.io": ["ingresses", "networkpolicies"],
    policy: ["poddisruptionbudgets"],
};

/** Cluster-scoped kinds viewers and operators may read. */
const CLUSTER_READABLE: Record<string, string[]> = {
    "": ["namespaces", "nodes", "persistentvolumes"],
    "storage.k8s.io": ["storageclasses"],
};

function readRules(groups: Record<string, string[]>): PolicyRule[] {
    return Object.entries(groups).map(([apiGroup, resources]) => ({
        apiGroups: [apiGroup],
        resources: [...resources],
        verbs: [...READ_VERBS],
    }));
}

/** Read-only view of workloads and cluster shape; no Secrets, no logs. */
export function viewerRules(): PolicyRule[] {
    return [...readRules(NAMESPACED_READABLE), ...readRules(CLUSTER_READABLE)];
}

/**
 * What a developer may do in the namespaces their group is bound to (through RoleBindings,
 * so never cluster-wide): read workloads and logs, manage Deployments, StatefulSets, Jobs,
 * Services, ConfigMaps, autoscaling and disruption budgets, delete pods to restart them.
 * Not: Secrets, exec, service accounts, NetworkPolicies, quotas or RBAC, which the baseline owns.
 */
export function developerRules(): PolicyRule[] {
    return [
        ...readRules(NAMESPACED_READABLE),
        { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
        { apiGroups: [""], resources: ["configmaps", "services"], verbs: [...WRITE_VERBS] },
        { apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: [...WRITE_VERBS] },
        { apiGroups: ["apps"], resources: ["deployments/scale", "statefulsets/scale"], verbs: ["update", "patch"] },
        { apiGroups: ["batch"], resources: ["cronjobs", "jobs"], verbs: [...WRITE_VERBS] },
        { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: [...WRITE_VERBS] },
        { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: [...WRITE_VERBS] },
    ];
}

/**
 * Day-2 operations cluster-wide without the power to grant access: read everything viewers
 * read plus RBAC, CRDs and admission configuration; restart and scale workloads, cordon and
 * drain nodes, run and clean up Jobs. RBAC, namespaces and policies change only through code
 * (OPS-1); anything beyond is break-glass.
 */
export function platformOperatorRules(): PolicyRule[] {
    return [
        ...viewerRules(),
        {
            apiGroups: ["rbac.authorization.k8s.io"],
            resources: ["clusterrolebindings", "clusterroles", "rolebindings", "roles"],
            verbs: [...READ_VERBS],
        },
        { apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], verbs: [...READ_VERBS] },
        {
            apiGroups: ["admissionregistration.k8s.io"],
            resources: [
                "mutatingwebhookconfigurations",
                "validatingadmissionpolicies",
                "validatingadmissionpolicybindings",
                "validatingwebhookconfigurations",
            ],
            verbs: [...READ_VERBS],
        },
        { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
        { apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"] },
        { apiGroups: [""], resources: ["nodes"], verbs: ["update", "patch"] },
        { apiGroups: ["apps"], resources: ["daemonsets", "deployments", "statefulsets"], verbs: ["update", "patch"] },
        { apiGroups: ["apps"], resources: ["deployments/scale", "statefulsets/scale"], verbs: ["update", "patch"] },
        { apiGroups: ["batch"], resources: ["jobs"], verbs: ["create", "delete"] },
        { apiGroups: ["batch"], resources: ["cronjobs"], verbs: ["update", "patch"] },
    ];
}

/** Every way `rules` break IAM-5/IAM-9 (wildcards, escalation verbs, forbidden resources); empty when clean. */
export function ruleProblems(role: string, rules: PolicyRule[]): string[] {
    const problems: string[] = [];
    rules.forEach((rule, index) => {
        const at = `${role}.rules[${index}]`;
        for (const field of ["apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs"] as const) {
            if ((rule[field] ?? []).some((value) => value.includes("*"))) {
                problems.push(`${at}.${field} contains a wildcard; list each ${field === "verbs" ? "verb" : "value"} explicitly. [IAM-5]`);
            }
        }
        for (const verb of rule.verbs.filter((value) => ESCALATION_VERBS.includes(value))) {
            problems.push(`${at}.verbs contains "${verb}"; only break-glass may escalate, bind or impersonate. [IAM-5]`);
        }
        for (const resource of (rule.resources ?? []).filter((value) => FORBIDDEN_RESOURCES.includes(value))) {
            problems.push(`${at}.resources contains "${resource}"; human roles never read Secrets or enter pods, use break-glass. [IAM-5]`);
        }
        if (rule.verbs.length === 0) {
            problems.push(`${at}.verbs is empty; a rule must name its verbs. [IAM-5]`);
        }
    });
    return problems;
}
