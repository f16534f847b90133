/**
 * What an Istio AuthorizationPolicy rule matches (MESH-3), read from the reference
 * (https://istio.io/latest/docs/reference/config/security/authorization-policy/): a rule matches a
 * request when any of its `from` sources, any of its `to` operations and all of its `when`
 * conditions match; an absent list matches everything. String fields support exact, prefix
 * ("abc*"), suffix ("*abc") and presence ("*") matches.
 *
 * A rule "matches every request" (allow-all when the action is ALLOW) when none of the three
 * narrows it:
 * - A source narrows only through a positive field with a narrowing value: principals,
 *   requestPrincipals, namespaces, serviceAccounts, ipBlocks, remoteIpBlocks. `"*"` (any
 *   authenticated peer), a principal prefix that is only a trust domain ("cluster.local/*",
 *   "cluster.local/ns/*") and an ipBlock of /0 are satisfied by every authenticated workload, so
 *   they do not narrow. The `not*` fields alone do not narrow either: they admit everyone but the
 *   listed, and on plain text they never match (ISTIO-SECURITY-2021-004), so the request is allowed.
 * - An operation narrows through hosts, ports, methods or paths with a value other than "*";
 *   `not*` fields alone do not narrow.
 * - Any `when` condition narrows (conditions are too varied to judge; they name a key and values).
 */
import { isAnywhere } from "./cidr";
import { arrayOf, objectOf } from "./k8s-objects";
import { Props } from "./policy";

const sourceFields = ["principals", "requestPrincipals", "namespaces", "serviceAccounts", "ipBlocks", "remoteIpBlocks"] as const;
const operationFields = ["hosts", "ports", "methods", "paths"] as const;

/** True when a match value is satisfied by every peer of the field. */
function matchesEveryone(field: string, value: unknown): boolean {
    if (typeof value !== "string") {
        return false;
    }
    const text = value.trim();
    if (text === "*") {
        return true;
    }
    if (field === "ipBlocks" || field === "remoteIpBlocks") {
        return isAnywhere(text);
    }
    // "cluster.local/*", "cluster.local/ns/*", "*/ns/*": a trust domain with any namespace and account.
    return field === "principals" && /^([^/*]*\/)?(ns\/)?\*$/.test(text);
}

/** True when the listed values narrow the field (at least one value, not all of them match-everyone). */
function narrows(field: string, values: unknown): boolean {
    const list = arrayOf(values);
    return list.length > 0 && !list.every((value) => matchesEveryone(field, value));
}

/** True when the source admits every authenticated workload (see the module comment). */
export function sourceAdmitsEveryone(source: Props | undefined): boolean {
    return source === undefined || !sourceFields.some((field) => narrows(field, source[field]));
}

function operationMatchesAll(operation: Props | undefined): boolean {
    return operation === undefined || !operationFields.some((field) => narrows(field, operation[field]));
}

/** True when the list of clauses is absent or empty, or one clause matches everything. */
function clausesMatchAll(clauses: unknown, field: "source" | "operation", matchesAll: (inner: Props | undefined) => boolean): boolean {
    const list = arrayOf(clauses);
    return list.length === 0 || list.some((clause) => matchesAll(objectOf(objectOf(clause)?.[field])));
}

/** True when an Istio rule matches every request: no from, to or when narrows it. */
export function isAllowAllRule(rule: Props | undefined): boolean {
    if (rule === undefined) {
        return true;
    }
    return (
        clausesMatchAll(rule.from, "source", sourceAdmitsEveryone) &&
        clausesMatchAll(rule.to, "operation", operationMatchesAll) &&
        arrayOf(rule.when).length === 0
    );
}

/** True for action ALLOW, or unset (Istio's default action). */
export function isAllowAction(action: unknown): boolean {
    return action === undefined || action === null || action === "ALLOW";
}
