/**
 * CloudWatch Logs metric-filter patterns over EKS audit events (LOG-4, IAM-6). Pure builders
 * with golden tests: the pattern text is the contract.
 *
 * EKS writes one JSON audit event (`audit.k8s.io/v1` `Event`) per log record in the
 * `kube-apiserver-audit-*` streams of `/aws/eks/<cluster>/cluster`, with `verb`, `stage`,
 * `user.username`, `user.groups[]`, `user.extra`, `impersonatedUser`, `objectRef.{resource,apiGroup}`
 * and `responseStatus.code`. Patterns match only the `ResponseComplete` stage so a request
 * counts once. Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * (JSON selectors take array indices, not wildcards; string values take `*` wildcards).
 */

/** The security alarms of the audit trail, in the order they are created. */
export const AUDIT_ALARM_IDS = ["rbac-changes", "secret-reads", "break-glass", "anonymous-requests", "forbidden-requests"] as const;
export type AuditAlarmId = (typeof AUDIT_ALARM_IDS)[number];

/** CloudWatch rejects metric-filter patterns longer than this. */
export const MAX_PATTERN_LENGTH = 1024;

/** How many leading entries of `user.groups` are checked for `system:masters`. */
export const GROUP_INDICES_CHECKED = 4;

const completed = `($.stage = "ResponseComplete")`;

function equals(selector: string, value: string): string {
    return `(${selector} = "${value}")`;
}

function anyOf(selector: string, values: readonly string[]): string {
    return `(${values.map((value) => equals(selector, value)).join(" || ")})`;
}

function json(...conditions: string[]): string {
    return `{ ${conditions.join(" && ")} }`;
}

/** RBAC objects whose change alters who may do what. */
export const RBAC_RESOURCES = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"] as const;
/** Verbs that change an object. */
export const WRITE_VERBS = ["create", "update", "patch", "delete", "deletecollection"] as const;
/** Verbs that read a Secret's data. */
export const READ_VERBS = ["get", "list", "watch"] as const;

/** Any create/update/patch/delete of Roles, ClusterRoles and their bindings, by anyone. */
export function rbacChangesPattern(): string {
    return json(
        equals("$.objectRef.apiGroup", "rbac.authorization.k8s.io"),
        anyOf("$.objectRef.resource", RBAC_RESOURCES),
        anyOf("$.verb", WRITE_VERBS),
        completed,
    );
}

/**
 * get/list/watch of Secrets by identities outside `system:` (humans, OIDC users, IAM principals).
 * Controllers run as `system:serviceaccount:...` and nodes as `system:node:...`, so they are left out.
 */
export function secretReadsPattern(): string {
    return json(equals("$.objectRef.resource", "secrets"), anyOf("$.verb", READ_VERBS), `($.user.username != "system:*")`, completed);
}

/** Who the break-glass identity is in audit events. */
export interface BreakGlassIdentity {
    /** IAM role ARN of the break-glass role (`arn:aws:iam::<account>:role/<name>`, path allowed). */
    roleArn: string;
    /** Kubernetes username its access entry maps to, if set (`*` wildcards allowed). */
    username?: string;
    /**
     * Kubernetes group its access entry maps to, if set: the group bound to `cluster-admin`, so
     * any identity mapped into it (not only the role) is break-glass use.
     */
    group?: string;
}

/**
 * The canonical ARN the EKS authenticator records in `user.extra.canonicalArn` for a role
 * session: the role ARN without its path.
 */
export function canonicalRoleArn(roleArn: string): string {
    const match = /^(arn:[^:]+:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/.exec(roleArn);
    return match ? `${match[1]}${match[2]}` : roleArn;
}

/**
 * Any request by the break-glass role (by canonical ARN, or by its mapped username), by anyone in
 * its cluster-admin group, or by anyone in `system:masters` (which bypasses RBAC entirely),
 * directly or through impersonation (IAM-6).
 */
export function breakGlassPattern(identity: BreakGlassIdentity): string {
    const who = [equals("$.user.extra.canonicalArn[0]", canonicalRoleArn(identity.roleArn))];
    if (identity.username !== undefined) {
        who.push(equals("$.user.username", identity.username));
    }
    if (identity.group !== undefined) {
        for (let index = 0; index < GROUP_INDICES_CHECKED; index++) {
            who.push(equals(`$.user.groups[${index}]`, identity.group));
        }
    }
    for (let index = 0; index < GROUP_INDICES_CHECKED; index++) {
        who.push(equals(`$.user.groups[${index}]`, "system:masters"));
    }
    who.push(equals("$.impersonatedUser.groups[0]", "system:masters"));
    return json(`(${who.join(" || ")})`, completed);
}

/** Health and discovery endpoints anonymous callers legitimately reach. */
export const ANONYMOUS_ALLOWED_PATHS = ["/healthz*", "/livez*", "/readyz*", "/version*"] as const;

/** Requests by `system:anonymous` other than health and version probes (IAM-9). */
export function anonymousRequestsPattern(): string {
    return json(
        equals("$.user.username", "system:anonymous"),
        ...ANONYMOUS_ALLOWED_PATHS.map((path) => `($.requestURI != "${path}")`),
        completed,
    );
}

/** Requests the API server refused with 403 Forbidden: probing for permissions, or broken RBAC. */
export function forbiddenRequestsPattern(): string {
    return json(`($.responseStatus.code = 403)`, completed);
}

/** One metric filter and the alarm on it; the pattern comes from {@link auditAlarmPattern}. */
export interface AuditAlarmSpec {
    id: AuditAlarmId;
    /** CloudWatch metric name in the cluster's audit namespace. */
    metricName: string;
    /** Alarm when the 5-minute sum reaches this. */
    threshold: number;
    /** Alarm description: what happened and where to look. */
    description: string;
}

/** Default thresholds: every event is worth a look except 403s, where a burst is the signal. */
export const DEFAULT_ALARM_THRESHOLDS: Record<AuditAlarmId, number> = {
    "rbac-changes": 1,
    "secret-reads": 1,
    "break-glass": 1,
    "anonymous-requests": 1,
    "forbidden-requests": 5,
};

/** CloudWatch metric namespace of a cluster's audit metrics. */
export function auditMetricNamespace(clusterName: string): string {
    return `EKSBaseline/${clusterName}/Audit`;
}

/** The filter pattern of one alarm; only `break-glass` depends on the identity. */
export function auditAlarmPattern(id: AuditAlarmId, breakGlass: BreakGlassIdentity): string {
    switch (id) {
        case "rbac-changes":
            return rbacChangesPattern();
        case "secret-reads":
            return secretReadsPattern();
        case "break-glass":
            return breakGlassPattern(breakGlass);
        case "anonymous-requests":
            return anonymousRequestsPattern();
        case "forbidden-requests":
            return forbiddenRequestsPattern();
    }
}

/** Every alarm of the trail with its metric, threshold (defaults overridden by `thresholds`) and description. */
export function auditAlarmSpecs(clusterName: string, thresholds: Partial<Record<AuditAlarmId, number>> = {}): AuditAlarmSpec[] {
    const spec = (id: AuditAlarmId, metricName: string, controls: string, what: string): AuditAlarmSpec => ({
        id,
        metricName,
        threshold: thresholds[id] ?? DEFAULT_ALARM_THRESHOLDS[id],
        description: `${controls}: ${what} in the audit log of EKS cluster ${clusterName}.`,
    });
    return [
        spec("rbac-changes", "RbacChanges", "LOG-4", "Roles, ClusterRoles or their bindings changed"),
        spec("secret-reads", "SecretReadsByHumans", "LOG-4", "Secrets read by a non-system identity"),
        spec("break-glass", "BreakGlassUse", "IAM-6", "break-glass role or system:masters used (see the break-glass runbook)"),
        spec("anonymous-requests", "AnonymousRequests", "LOG-4, IAM-9", "anonymous requests beyond health probes"),
        spec("forbidden-requests", "ForbiddenRequests", "LOG-4", "requests refused with 403 Forbidden"),
    ];
}
