/**
 * CloudWatch Logs metric-filter patterns over EKS audit events (LOG-4, IAM-6, IAM-9). Pure
 * builders; what each one matches is proven against golden audit events in
 * test/components/audit/golden-events.test.ts and, with credentials, against the service itself
 * (`npm run verify:alarms`).
 *
 * EKS writes one JSON `audit.k8s.io/v1` `Event` per record in the `kube-apiserver-audit-*`
 * streams of `/aws/eks/<cluster>/cluster`: `verb`, `stage`, `requestURI` (with its query),
 * `user.{username,groups[],extra}`, `impersonatedUser`, `objectRef.{resource,apiGroup,name}` and
 * `responseStatus.{code,message}`. Completed requests are counted at stage `ResponseComplete`
 * so each counts once (a watch also logs `ResponseStarted`); failed authentication is only ever
 * logged at `ResponseStarted`.
 */
import { anyOf, atIndexes, compare, equals, equalsAny, json, matchesRegex, notEquals } from "./pattern-syntax";

/** How many leading entries of a `groups` array the break-glass patterns check. */
export const GROUP_INDICES_CHECKED = 4;

const completed = equals("$.stage", "ResponseComplete");
/** The API server did what was asked: refused requests (403, 409, 422, ...) changed and returned nothing. */
const succeeded = compare("$.responseStatus.code", "<", 400);

/** RBAC objects whose change alters who may do what. */
export const RBAC_RESOURCES = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"] as const;
/** Verbs that change an object. */
export const WRITE_VERBS = ["create", "update", "patch", "delete", "deletecollection"] as const;
/** Verbs that read a Secret's data. */
export const READ_VERBS = ["get", "list", "watch"] as const;

/**
 * Successful creates, updates, patches and deletes of Roles, ClusterRoles and their bindings, by
 * anyone (LOG-4).
 *
 * Does not count refused writes (`responseStatus.code` 400 and above: 403, 409 conflicts, 422
 * invalid objects), which changed nothing. Does count server-side dry runs (`kubectl diff`,
 * `kubectl apply --dry-run=server`): the only trace of a dry run is `dryRun=All` in
 * `requestURI`, which the client writes, and a pattern excluding that text would also skip a
 * real change that carries it in another parameter (`?fieldManager=dryRun=All`).
 */
export function rbacChangesPattern(): string {
    return json(
        equals("$.objectRef.apiGroup", "rbac.authorization.k8s.io"),
        equalsAny("$.objectRef.resource", RBAC_RESOURCES),
        equalsAny("$.verb", WRITE_VERBS),
        succeeded,
        completed,
    );
}

/**
 * Successful get/list/watch of Secrets by people and outside identities: IAM principals through
 * access entries, `oidc:` users, anything not named `system:` (LOG-4). A denied read is an
 * authorization denial ({@link forbiddenRequestsPattern}), not a read. Helm run by a person reads its
 * release Secrets (`sh.helm.release.v1.*`), so it counts: release data holds chart values.
 *
 * Does not count `system:` identities (service accounts have their own pattern,
 * {@link serviceAccountSecretReadsPattern}; nodes and control-plane components read Secrets all
 * day) nor EKS's own `eks:` identities. That exclusion cannot be borrowed: EKS refuses
 * access-entry usernames starting with `eks:` (EKS User Guide, "Create access entries"), the
 * baseline has no aws-auth ConfigMap, and every OIDC user is prefixed `oidc:`.
 */
export function secretReadsPattern(): string {
    return json(
        equals("$.objectRef.resource", "secrets"),
        equalsAny("$.verb", READ_VERBS),
        notEquals("$.user.username", "system:*"),
        notEquals("$.user.username", "eks:*"),
        succeeded,
        completed,
    );
}

/** Prefix of every service account's username. */
export const SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

/**
 * The username pattern of one allow-list entry: `<namespace>` stands for every service account
 * of the namespace, `<namespace>:<name>` for one.
 */
export function serviceAccountUsername(entry: string): string {
    return entry.includes(":") ? `${SERVICE_ACCOUNT_PREFIX}${entry}` : `${SERVICE_ACCOUNT_PREFIX}${entry}:*`;
}

/**
 * Successful get/list/watch of Secrets with a service-account token outside the allow-list of controllers
 * expected to read them (LOG-4): a stolen pod token is the usual way in, and it reads Secrets
 * as a `system:serviceaccount:<namespace>:<name>` user.
 *
 * Does not count the allow-listed namespaces and service accounts (`kube-system` and istiod by
 * default), nor nodes and control-plane users, which are not service accounts.
 */
export function serviceAccountSecretReadsPattern(allowList: readonly string[]): string {
    return json(
        equals("$.objectRef.resource", "secrets"),
        equalsAny("$.verb", READ_VERBS),
        equals("$.user.username", `${SERVICE_ACCOUNT_PREFIX}*`),
        ...allowList.map((entry) => notEquals("$.user.username", serviceAccountUsername(entry))),
        succeeded,
        completed,
    );
}

/** Who the break-glass identity is in audit events. */
export interface BreakGlassIdentity {
    /** IAM role ARN of the break-glass role (`arn:aws:iam::<account>:role/<name>`, path allowed). */
    roleArn: string;
    /** Kubernetes username its access entry maps to, if set (`*` wildcards at either end allowed). */
    username?: string;
    /**
     * Kubernetes group its access entry maps to, if set: the group bound to `cluster-admin`, so
     * any identity mapped into it (not only the role) is break-glass use.
     */
    group?: string;
}

/**
 * The canonical ARN the EKS authenticator records in `user.extra.canonicalArn[0]` for a role
 * session: the role ARN without its path (also for access entries).
 */
export function canonicalRoleArn(roleArn: string): string {
    const match = /^(arn:[^:]+:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/.exec(roleArn);
    return match ? `${match[1]}${match[2]}` : roleArn;
}

/** The API server's own loopback client; its groups are `[system:authenticated, system:masters]`. */
export const LOOPBACK_USER = "system:apiserver";
const MASTERS = "system:masters";

/**
 * Direct use of break-glass rights (IAM-6): the role (by canonical ARN), its mapped username,
 * anyone in its group, and anyone in `system:masters` (which bypasses RBAC), in the first
 * {@link GROUP_INDICES_CHECKED} entries of `user.groups`.
 *
 * Does not count `system:apiserver`, the API server's loopback client (lease updates, endpoint
 * slices, quota lists: tens of events every five minutes, which would hold the alarm in ALARM
 * and hide a real use). The name cannot be borrowed: EKS refuses access-entry usernames that
 * start with `system:` (or `eks:`, `aws:`, `amazon:`, `iam:`; EKS User Guide, "Create access
 * entries"), the baseline runs in `API` authentication mode (no aws-auth ConfigMap), every OIDC
 * user is prefixed `oidc:`, and the loopback token never leaves the API server.
 * Group entries past the checked indexes are not seen: access entries put their groups first
 * and cannot map to `system:masters`. Impersonation is {@link breakGlassImpersonationPattern}.
 */
export function breakGlassPattern(identity: BreakGlassIdentity): string {
    const who = [equals("$.user.extra.canonicalArn[0]", canonicalRoleArn(identity.roleArn))];
    if (identity.username !== undefined) {
        who.push(equals("$.user.username", identity.username));
    }
    if (identity.group !== undefined) {
        who.push(...atIndexes("$.user.groups", GROUP_INDICES_CHECKED, identity.group));
    }
    who.push(`(${notEquals("$.user.username", LOOPBACK_USER)} && ${anyOf(atIndexes("$.user.groups", GROUP_INDICES_CHECKED, MASTERS))})`);
    return json(anyOf(who), completed);
}

/**
 * Impersonation of break-glass rights (IAM-6): `--as-group=system:masters` or the break-glass
 * group at any of the first {@link GROUP_INDICES_CHECKED} impersonated groups, `--as` the
 * break-glass username, and any impersonation naming more groups than that, because the caller
 * picks the order (`--as-group=a --as-group=b --as-group=c --as-group=d --as-group=system:masters`).
 *
 * Does not count impersonation of ordinary users and small sets of ordinary groups.
 */
export function breakGlassImpersonationPattern(identity: BreakGlassIdentity): string {
    const who = atIndexes("$.impersonatedUser.groups", GROUP_INDICES_CHECKED, MASTERS);
    if (identity.group !== undefined) {
        who.push(...atIndexes("$.impersonatedUser.groups", GROUP_INDICES_CHECKED, identity.group));
    }
    if (identity.username !== undefined) {
        who.push(equals("$.impersonatedUser.username", identity.username));
    }
    who.push(equals(`$.impersonatedUser.groups[${GROUP_INDICES_CHECKED}]`, "*"));
    return json(anyOf(who), completed);
}

/**
 * Requests that failed authentication (IAM-9, LOG-4): a 401 at stage `ResponseStarted`, with an
 * empty `user` or none. Since Kubernetes 1.32 (the baseline's floor) anonymous authentication
 * succeeds only on `/healthz`, `/livez` and `/readyz`, so the old `system:anonymous` pattern of
 * earlier releases could never match anything else; every other unauthenticated request is
 * this 401, and failed authentication is never logged at `ResponseComplete`.
 *
 * Does not count requests by authenticated users, whatever their answer. One 401 is usually an
 * expired token; the alarm waits for a burst.
 */
export function unauthenticatedRequestsPattern(): string {
    return json(compare("$.responseStatus.code", "=", 401), equals("$.stage", "ResponseStarted"));
}

/**
 * How the authorizer words a denial: `<resource> "<name>" is forbidden: User "<user>" cannot
 * <verb> ...` (or `forbidden: User "<user>" cannot get path "/..."`). CloudWatch's regex subset
 * has no space or quote, hence `\s` and `.+`.
 */
export const AUTHORIZATION_DENIAL_REGEX = "forbidden:\\sUser\\s.+\\scannot\\s";

/**
 * Requests the authorizer denied (LOG-4): a 403 whose message is the authorizer's
 * `User "…" cannot <verb> …`, i.e. someone probing permissions or a client with broken RBAC.
 * The only regex of the log group (CloudWatch allows five).
 *
 * Does not count admission refusals (Pod Security, quota, a terminating namespace, the
 * baseline's ValidatingAdmissionPolicies), which also answer 403: see
 * {@link admissionRefusalsPattern}.
 */
export function forbiddenRequestsPattern(): string {
    return json(
        compare("$.responseStatus.code", "=", 403),
        matchesRegex("$.responseStatus.message", AUTHORIZATION_DENIAL_REGEX),
        completed,
    );
}

/**
 * Requests admission refused with 403 (LOG-4): Pod Security violations, ValidatingAdmission
 * policies and webhooks, quota, terminating namespaces, i.e. every 403 whose message is not the
 * authorizer's `forbidden: User …`. A burst is a bad deployment or someone testing the
 * admission layer, not a permission probe.
 *
 * Does not count authorization denials ({@link forbiddenRequestsPattern}) nor refusals with other
 * codes (a webhook that answers 400 or 422).
 */
export function admissionRefusalsPattern(): string {
    return json(compare("$.responseStatus.code", "=", 403), notEquals("$.responseStatus.message", "*forbidden: User *"), completed);
}
