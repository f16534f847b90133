/**
 * Does a statement's `Condition` really narrow who it applies to? One reading for every policy
 * that accepts a `*` principal only when a condition pins it (SEC-2 key policies, IAM-11 trust
 * policies). IAM condition semantics, from the IAM User Guide ("IAM JSON policy elements:
 * Condition operators", "...IfExists condition operators", "Single-valued vs. multivalued context
 * keys"):
 * - a key absent from the request makes every operator false except the negated ones
 *   (`StringNotEquals`, `ArnNotLike`, ...), `...IfExists` and `ForAllValues:` (vacuously true), so
 *   those three forms let through every caller that simply does not carry the key: they pin nothing;
 * - `StringLike`/`ArnLike`/`ArnEquals` treat `*` and `?` as wildcards, so `"*"` or `"o-*"` matches
 *   everyone; an ARN pins when its account field is concrete (`arn:aws:logs:eu-west-1:111122223333:*`);
 * - `StringEquals` compares literally, so any non-empty value pins;
 * - `Null`, `Bool`, numeric, date and IP operators say nothing about who the principal is.
 */
import { UnknownValueError } from "@pulumi/policy";
import { unknownReference } from "./iam-document";

/** Keys that name the calling principal's account, organisation or ARN. */
export const principalPinningKeys: readonly string[] = ["aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalArn"];

/** Keys a service principal carries for the resource it acts for (confused-deputy guards). */
export const sourcePinningKeys: readonly string[] = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID"];

/** Keys that pin a KMS key-policy statement: the principal keys, the source keys and kms:CallerAccount. */
export const kmsPinningKeys: readonly string[] = [...principalPinningKeys, "kms:CallerAccount", ...sourcePinningKeys];

/** One `operator: { key: values }` entry of a Condition block, normalised. */
export interface ConditionEntry {
    /** The operator as written (`ForAnyValue:StringLikeIfExists`). */
    operator: string;
    /** The operator without set prefix and `IfExists` suffix (`StringLike`). */
    base: string;
    setPrefix: "" | "ForAnyValue" | "ForAllValues";
    ifExists: boolean;
    /** `StringNotEquals`, `ArnNotLike`, `NotIpAddress`...: true for every caller without the value. */
    negated: boolean;
    key: string;
    /** Values as strings; an unknown value (preview) is `unknownReference`, a value of this program. */
    values: string[];
}

const wildcardOperators = new Set(["StringLike", "ArnLike", "ArnEquals"]);
const pinningOperators = new Set(["StringEquals", "StringEqualsIgnoreCase", ...wildcardOperators]);

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

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function valueStrings(value: unknown): string[] {
    const list = Array.isArray(value) ? value : [value];
    const result: string[] = [];
    for (let index = 0; index < list.length; index++) {
        const item = tolerant(() => list[index] as unknown, unknownReference as unknown);
        if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
            result.push(String(item));
        }
    }
    return result;
}

/** The entries of a Condition block (anything malformed is skipped). */
export function conditionEntries(condition: unknown): ConditionEntry[] {
    if (!isRecord(condition)) {
        return [];
    }
    const entries: ConditionEntry[] = [];
    for (const operator of Object.keys(condition)) {
        const block = tolerant(() => condition[operator], undefined as unknown);
        if (!isRecord(block)) {
            continue;
        }
        const prefixMatch = /^(ForAnyValue|ForAllValues):/.exec(operator);
        const setPrefix = (prefixMatch?.[1] ?? "") as ConditionEntry["setPrefix"];
        const withoutPrefix = prefixMatch ? operator.slice(prefixMatch[0].length) : operator;
        const ifExists = withoutPrefix.endsWith("IfExists");
        const base = ifExists ? withoutPrefix.slice(0, -"IfExists".length) : withoutPrefix;
        const negated = /^(String|Arn|Numeric|Date|Binary)?Not/.test(base) || base.startsWith("NotIp");
        for (const key of Object.keys(block)) {
            const values = valueStrings(tolerant(() => block[key], unknownReference as unknown));
            entries.push({ operator, base, setPrefix, ifExists, negated, key, values });
        }
    }
    return entries;
}

/** True when a wildcard-capable operator's value still names one account/org/ARN. */
function concreteValue(entry: ConditionEntry, value: string): boolean {
    const text = value.trim();
    if (text === "") {
        return false;
    }
    if (!wildcardOperators.has(entry.base) || !/[*?]/.test(text)) {
        return true;
    }
    // An ARN with wildcards pins when its account field (arn:partition:service:region:account:...) is concrete.
    const parts = text.split(":");
    return parts[0] === "arn" && parts.length >= 6 && /^\d{12}$/.test(parts[4] ?? "");
}

/** Why one entry on a pinning key does not pin, or undefined when it pins. */
export function whyEntryPinsNothing(entry: ConditionEntry): string | undefined {
    const on = `${entry.operator} on ${entry.key}`;
    if (entry.negated) {
        return `${on} is negated (true for every other caller)`;
    }
    if (entry.ifExists) {
        return `${on} is true for a caller without the key`;
    }
    if (entry.setPrefix === "ForAllValues") {
        return `${on} is true for a caller without the key`;
    }
    if (!pinningOperators.has(entry.base)) {
        return `${on} does not compare the value`;
    }
    if (entry.values.length === 0) {
        return `${on} has no value`;
    }
    const loose = entry.values.find((value) => !concreteValue(entry, value));
    if (loose !== undefined) {
        return `${on} matches "${loose}" (everyone)`;
    }
    return undefined;
}

/** The outcome of judging a Condition block against a set of pinning keys. */
export type Pinning = { pinned: true; by: ConditionEntry } | { pinned: false; reason: string };

/**
 * Does the Condition pin the statement to concrete values of one of `keys`? Condition blocks
 * are ANDed, so one pinning entry suffices. `reason` says why not, for the violation message.
 */
export function conditionPinning(condition: unknown, keys: readonly string[]): Pinning {
    const entries = conditionEntries(condition);
    if (entries.length === 0) {
        return { pinned: false, reason: "without a Condition" };
    }
    const wanted = new Set(keys.map((key) => key.toLowerCase()));
    const relevant = entries.filter((entry) => wanted.has(entry.key.toLowerCase()));
    const reasons: string[] = [];
    for (const entry of relevant) {
        const why = whyEntryPinsNothing(entry);
        if (why === undefined) {
            return { pinned: true, by: entry };
        }
        reasons.push(why);
    }
    if (reasons.length === 0) {
        return { pinned: false, reason: `with a Condition on none of ${keys.join(", ")}` };
    }
    return { pinned: false, reason: `with a Condition that pins nothing (${reasons.join("; ")})` };
}
