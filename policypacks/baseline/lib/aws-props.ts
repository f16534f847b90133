/**
 * Small readers for resource inputs as the AWS policies receive them: plain JSON behind the
 * policy SDK's unknown-checking proxy. Reading a control property that is unknown throws the
 * SDK's UnknownValueError on purpose (the policy then "can't run during preview", or reports
 * under `unknowns: "fail"`); references (ARNs, ids) are only tested for presence, so an unknown
 * ARN stays fine.
 */
import { UnknownValueError } from "@pulumi/policy";
import { Props } from "./policy";

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Props {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The value as an array (a non-array, including undefined, is an empty list). */
export function listOf(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** The strings of a list (other entries are ignored). */
export function stringsOf(value: unknown): string[] {
    return listOf(value).filter((entry): entry is string => typeof entry === "string");
}

/**
 * True when a reference property (ARN, id, name) is set, without reading an unknown value:
 * an unknown reference counts as set; absent, null and "" do not.
 */
export function referenceSet(object: unknown, key: string): boolean {
    if (!isRecord(object) || !(key in object)) {
        return false;
    }
    try {
        const value = object[key];
        return value !== undefined && value !== null && value !== "";
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return true;
        }
        throw error;
    }
}

/**
 * The AWS boolean of a property that may arrive as a boolean or as the provider's string form
 * ("true"/"false" in launch templates); undefined when unset or unrecognised.
 */
export function booleanOf(value: unknown): boolean | undefined {
    if (value === true || value === "true") {
        return true;
    }
    if (value === false || value === "false") {
        return false;
    }
    return undefined;
}

/** Quotes a value for a message: strings in double quotes, the rest as JSON. */
export function show(value: unknown): string {
    if (value === undefined) {
        return "unset";
    }
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

/**
 * Runs every check even when one meets an unknown value, then rethrows the first
 * UnknownValueError: known problems are still reported next to "can't run during preview".
 */
export function runChecks(...checks: (() => void)[]): void {
    let unknown: unknown;
    for (const check of checks) {
        try {
            check();
        } catch (error) {
            if (error instanceof UnknownValueError) {
                unknown ??= error;
                continue;
            }
            throw error;
        }
    }
    if (unknown !== undefined) {
        throw unknown;
    }
}

/** The SDK proxy's escape hatch to its target (see @pulumi/policy proxy.js `getSpecialProxyTarget`). */
const proxyTargetKey = "__getSpecialProxyTarget";

/**
 * A deep copy of the raw inputs behind the SDK proxy, for remediation: copying through the proxy
 * would throw on the first unknown value, while the copy keeps unknowns as the engine's sentinels.
 */
export function rawCopy(props: Props): Props {
    const target = (props as Record<string, unknown>)[proxyTargetKey];
    return structuredClone(isRecord(target) ? target : props) as Props;
}

/**
 * A reference that is only judged when known: the string value, or undefined when unset, not a
 * string, or unknown during preview (a resource created in the same program, for example a
 * customer-managed policy ARN, which is never an AWS managed policy).
 */
export function knownString(object: unknown, key: string): string | undefined {
    if (object === null || typeof object !== "object" || !(key in object)) {
        return undefined;
    }
    try {
        const value = (object as Props)[key];
        return typeof value === "string" ? value : undefined;
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return undefined;
        }
        throw error;
    }
}

/**
 * The known strings of a list of references (unknown entries, or an unknown list, are skipped:
 * they reference resources created in the same program).
 */
export function knownStrings(object: unknown, key: string): string[] {
    let list: unknown;
    try {
        list = isRecord(object) ? object[key] : undefined;
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return [];
        }
        throw error;
    }
    const result: string[] = [];
    if (Array.isArray(list)) {
        for (let index = 0; index < list.length; index++) {
            const value = knownString(list, String(index));
            if (value !== undefined) {
                result.push(value);
            }
        }
    }
    return result;
}
