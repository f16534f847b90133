/**
 * IAM policy document reading for IAM-10 and SEC-2. A document arrives as a JSON string or as an
 * object (@pulumi/aws `PolicyDocument`); `Statement` may be one object or an array; `Action`,
 * `NotAction`, `Resource`, `NotResource` may be a string or an array. Action names are
 * case-insensitive in IAM; resource ARNs are not, but the wildcard forms checked here have no case.
 */

import { UnknownValueError } from "@pulumi/policy";

/** Stands in for a reference (ARN) that is unknown during preview: a specific, non-wildcard value. */
export const unknownReference = "(unknown during preview)";

/** One statement, normalised: every list is an array of strings (non-strings are dropped). */
export interface Statement {
    /** Position in the document's `Statement` list (0 for a single statement object). */
    index: number;
    sid?: string;
    effect: string;
    action: string[];
    notAction: string[];
    resource: string[];
    notResource: string[];
    /** The `Principal` value as written (string or object), undefined when absent. */
    principal: unknown;
    hasCondition: boolean;
    /** The `Condition` block as written (read by lib/iam-conditions.ts), undefined when absent. */
    condition: unknown;
    /** True when the statement uses `NotPrincipal` (everyone except those listed). */
    hasNotPrincipal: boolean;
    hasNotAction: boolean;
    hasNotResource: boolean;
}

/** A parsed document, or why it could not be read. */
export type ParsedDocument = { ok: true; statements: Statement[] } | { ok: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function strings(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** Reads `key` of a statement, or `fallback` when it is unknown during preview. */
function tolerant<T>(read: () => T, fallback: T): T {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return fallback;
        }
        throw error;
    }
}

/**
 * The strings of a reference list (Resource, NotResource): an unknown entry is a specific ARN of a
 * resource created in the same program, never a wildcard, so it becomes `unknownReference`.
 */
function referenceStrings(entry: Record<string, unknown>, key: string): string[] {
    const value = tolerant(() => entry[key], unknownReference as unknown);
    if (!Array.isArray(value)) {
        return strings(value);
    }
    const result: string[] = [];
    for (let index = 0; index < value.length; index++) {
        const item = tolerant(() => value[index] as unknown, unknownReference as unknown);
        if (typeof item === "string") {
            result.push(item);
        }
    }
    return result;
}

function conditionPresent(value: unknown): boolean {
    return isRecord(value) && Object.keys(value).length > 0;
}

/** Parses a policy document given as a JSON string or an object. */
export function parsePolicyDocument(document: unknown): ParsedDocument {
    let value: unknown = document;
    if (typeof document === "string") {
        try {
            value = JSON.parse(document);
        } catch {
            return { ok: false, reason: "is not valid JSON" };
        }
    }
    if (!isRecord(value)) {
        return { ok: false, reason: "is not a policy document object" };
    }
    const raw = value.Statement;
    const list = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : [];
    const statements: Statement[] = [];
    list.forEach((entry: unknown, index: number) => {
        if (!isRecord(entry)) {
            return;
        }
        statements.push({
            index,
            sid: typeof entry.Sid === "string" ? entry.Sid : undefined,
            effect: typeof entry.Effect === "string" ? entry.Effect : "",
            action: strings(entry.Action),
            notAction: strings(entry.NotAction),
            resource: referenceStrings(entry, "Resource"),
            notResource: referenceStrings(entry, "NotResource"),
            principal: tolerant(() => entry.Principal, unknownReference as unknown),
            hasCondition: conditionPresent(tolerant(() => entry.Condition, { unknown: true } as unknown)),
            condition: tolerant(() => entry.Condition, undefined as unknown),
            hasNotPrincipal: "NotPrincipal" in entry,
            hasNotAction: "NotAction" in entry,
            hasNotResource: "NotResource" in entry,
        });
    });
    return { ok: true, statements };
}

/** True for an action pattern that matches every action: "*", "*:*" (any case, repeated stars). */
export function isAllActions(action: string): boolean {
    return /^\*+(:\*+)?$/.test(action.trim());
}

/**
 * True for a resource pattern that matches every resource: "*", "arn:*", or an ARN whose every
 * part after the partition is a wildcard ("arn:aws:*:*:*:*").
 */
export function isAllResources(resource: string): boolean {
    const text = resource.trim().toLowerCase();
    return /^\*+$/.test(text) || /^arn:\*+$/.test(text) || /^arn:(\*+|aws(-[a-z]+)*)(:\*+)+$/.test(text);
}

/** True when the statement allows. IAM compares the Effect value exactly ("Allow"). */
export function isAllow(statement: Statement): boolean {
    return statement.effect === "Allow";
}

/** A label for messages: `Statement[1] (Sid "Admin")`. */
export function statementLabel(statement: Statement): string {
    return statement.sid ? `Statement[${statement.index}] (Sid "${statement.sid}")` : `Statement[${statement.index}]`;
}

/**
 * True when the principal includes everyone: `"*"`, `{"AWS": "*"}` or `{"AWS": [..., "*"]}`
 * (and the same under any other principal key).
 */
export function isPublicPrincipal(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    if (!isRecord(principal)) {
        return false;
    }
    return Object.values(principal).some((value) => strings(value).some((entry) => entry.trim() === "*"));
}

/**
 * The problems IAM-10 forbids in one document: an Allow of every action on every resource, an
 * Allow with NotAction on every resource, and an Allow of every action with NotResource.
 * Returns "<statement>: <problem>" texts.
 */
export function adminGrants(statements: readonly Statement[]): string[] {
    const problems: string[] = [];
    for (const statement of statements.filter(isAllow)) {
        const label = statementLabel(statement);
        const allResources = statement.resource.some(isAllResources);
        if (statement.action.some(isAllActions) && allResources) {
            problems.push(`${label} allows Action "*" on Resource "*"`);
        } else if (statement.hasNotAction && allResources) {
            problems.push(`${label} allows NotAction on Resource "*" (every action except those listed)`);
        } else if (statement.action.some(isAllActions) && statement.hasNotResource) {
            problems.push(`${label} allows Action "*" with NotResource (every resource except those listed)`);
        } else if (statement.hasNotAction && statement.hasNotResource) {
            problems.push(`${label} allows NotAction with NotResource`);
        }
    }
    return problems;
}
