/**
 * The alarms of the audit trail and the metric filters that feed them (LOG-4, IAM-6, IAM-9).
 * What each pattern counts, and deliberately does not, is documented on its builder in
 * ./patterns.ts.
 */
import {
    BreakGlassIdentity,
    admissionRefusalsPattern,
    breakGlassImpersonationPattern,
    breakGlassPattern,
    forbiddenRequestsPattern,
    rbacChangesPattern,
    secretReadsPattern,
    serviceAccountSecretReadsPattern,
    unauthenticatedRequestsPattern,
} from "./patterns";

export * from "./patterns";

/** The security alarms of the audit trail, in the order they are created. */
export const AUDIT_ALARM_IDS = [
    "rbac-changes",
    "secret-reads",
    "service-account-secret-reads",
    "break-glass",
    "unauthenticated-requests",
    "forbidden-requests",
    "admission-refusals",
] as const;
export type AuditAlarmId = (typeof AUDIT_ALARM_IDS)[number];

/** CloudWatch rejects metric-filter patterns longer than this (PutMetricFilter `filterPattern`). */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * Service accounts expected to read Secrets: `kube-system` (the controller manager's controllers
 * run there with their own service accounts) and istiod, which serves gateway certificates.
 */
export const DEFAULT_SECRET_READER_ALLOW_LIST: readonly string[] = ["kube-system", "istio-system:istiod"];

/** What the patterns depend on. */
export interface AuditPatternInputs {
    breakGlass: BreakGlassIdentity;
    /** `<namespace>` or `<namespace>:<serviceAccount>` entries expected to read Secrets. */
    serviceAccountSecretReaders: readonly string[];
}

/**
 * One metric filter. An alarm has one, except break-glass: direct use and impersonation do not
 * fit in one 1,024-character pattern, so two filters publish to the one metric.
 */
export interface AuditMetricFilterSpec {
    /** Filter id, unique in the trail; names the filter and its Pulumi resource. */
    id: string;
    alarm: AuditAlarmId;
    pattern: string;
}

/** Ids of the metric filters per alarm, in creation order (static: patterns may wait for outputs). */
export const AUDIT_FILTER_IDS: Record<AuditAlarmId, readonly string[]> = {
    "rbac-changes": ["rbac-changes"],
    "secret-reads": ["secret-reads"],
    "service-account-secret-reads": ["service-account-secret-reads"],
    "break-glass": ["break-glass", "break-glass-impersonation"],
    "unauthenticated-requests": ["unauthenticated-requests"],
    "forbidden-requests": ["forbidden-requests"],
    "admission-refusals": ["admission-refusals"],
};

/** Every metric filter of the trail with its pattern. */
export function auditMetricFilters(inputs: AuditPatternInputs): AuditMetricFilterSpec[] {
    const patterns: Record<string, string> = {
        "rbac-changes": rbacChangesPattern(),
        "secret-reads": secretReadsPattern(),
        "service-account-secret-reads": serviceAccountSecretReadsPattern(inputs.serviceAccountSecretReaders),
        "break-glass": breakGlassPattern(inputs.breakGlass),
        "break-glass-impersonation": breakGlassImpersonationPattern(inputs.breakGlass),
        "unauthenticated-requests": unauthenticatedRequestsPattern(),
        "forbidden-requests": forbiddenRequestsPattern(),
        "admission-refusals": admissionRefusalsPattern(),
    };
    return AUDIT_ALARM_IDS.flatMap((alarm) => AUDIT_FILTER_IDS[alarm].map((id) => ({ id, alarm, pattern: patterns[id]! })));
}

/** One alarm on a metric fed by {@link AUDIT_FILTER_IDS}. */
export interface AuditAlarmSpec {
    id: AuditAlarmId;
    /** CloudWatch metric name in the cluster's audit namespace. */
    metricName: string;
    /** Alarm when the 5-minute sum reaches this. */
    threshold: number;
    /** Alarm description: what happened and where to look. */
    description: string;
}

/**
 * Default thresholds per 5 minutes: every event is worth a look, except where one event is
 * usually a client's mistake and a burst is the signal (an expired token's 401s, a denied
 * permission, a refused deployment).
 */
export const DEFAULT_ALARM_THRESHOLDS: Record<AuditAlarmId, number> = {
    "rbac-changes": 1,
    "secret-reads": 1,
    "service-account-secret-reads": 1,
    "break-glass": 1,
    "unauthenticated-requests": 10,
    "forbidden-requests": 5,
    "admission-refusals": 10,
};

/** CloudWatch metric namespace of a cluster's audit metrics. */
export function auditMetricNamespace(clusterName: string): string {
    return `EKSBaseline/${clusterName}/Audit`;
}

/** Every alarm of the trail with its metric, threshold (defaults overridden by `thresholds`) and description. */
export function auditAlarmSpecs(clusterName: string, thresholds: Partial<Record<AuditAlarmId, number>> = {}): AuditAlarmSpec[] {
    const spec = (id: AuditAlarmId, metricName: string, controls: string, what: string): AuditAlarmSpec => ({
        id,
        metricName,
        threshold: thresholds[id] ?? DEFAULT_ALARM_THRESHOLDS[id],
        description: `${controls}: ${what} in the audit log of EKS cluster ${clusterName} (see the audit-alarms runbook).`,
    });
    return [
        spec("rbac-changes", "RbacChanges", "LOG-4", "Roles, ClusterRoles or their bindings changed"),
        spec("secret-reads", "SecretReadsByHumans", "LOG-4", "Secrets read by a person or an identity outside system:"),
        spec(
            "service-account-secret-reads",
            "SecretReadsByServiceAccounts",
            "LOG-4",
            "Secrets read by a service account outside the allow-list",
        ),
        spec("break-glass", "BreakGlassUse", "IAM-6", "break-glass role, its group or system:masters used or impersonated"),
        spec("unauthenticated-requests", "UnauthenticatedRequests", "LOG-4, IAM-9", "a burst of requests that failed authentication (401)"),
        spec("forbidden-requests", "AuthorizationDenials", "LOG-4", "a burst of requests the authorizer denied (403)"),
        spec(
            "admission-refusals",
            "AdmissionRefusals",
            "LOG-4",
            "a burst of requests admission refused (403: Pod Security, policies, quota)",
        ),
    ];
}
