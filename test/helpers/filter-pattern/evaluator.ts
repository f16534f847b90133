/**
 * Evaluates a parsed JSON filter pattern against one log event, as CloudWatch Logs documents it:
 * a selector that resolves to an object or array never matches, an absent selector matches only
 * `NOT EXISTS`, strings compare case-sensitively with `*` wildcards at either end, numbers
 * compare numerically, `%regex%` searches the string.
 */
import { Expr, Literal, Step } from "./ast";
import { parsePattern } from "./parser";

function resolve(event: unknown, path: Step[]): unknown {
    let value: unknown = event;
    for (const step of path) {
        if ("key" in step) {
            if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, step.key)) {
                return undefined;
            }
            value = (value as Record<string, unknown>)[step.key];
        } else {
            if (!Array.isArray(value) || step.index >= value.length) {
                return undefined;
            }
            value = value[step.index];
        }
    }
    return value;
}

function globMatches(value: string, glob: string): boolean {
    const leading = glob.startsWith("*");
    const trailing = glob.length > 1 && glob.endsWith("*");
    const core = glob.slice(leading ? 1 : 0, trailing ? -1 : undefined);
    if (glob === "*") {
        return true;
    }
    if (leading && trailing) {
        return value.includes(core);
    }
    if (leading) {
        return value.endsWith(core);
    }
    if (trailing) {
        return value.startsWith(core);
    }
    return value === core;
}

function compare(actual: unknown, op: string, literal: Literal): boolean {
    if (actual === undefined || actual === null || typeof actual === "object") {
        return false;
    }
    if (literal.kind === "number") {
        if (typeof actual !== "number") {
            return false;
        }
        const [a, b] = [actual, literal.value];
        return { "=": a === b, "!=": a !== b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b }[op]!;
    }
    const text = String(actual);
    const equal = literal.kind === "regex" ? literal.regex.test(text) : globMatches(text, literal.value);
    return op === "=" ? equal : !equal;
}

/** Whether `expr` holds for the parsed event. */
export function evaluate(expr: Expr, event: unknown): boolean {
    switch (expr.kind) {
        case "and":
            return evaluate(expr.left, event) && evaluate(expr.right, event);
        case "or":
            return evaluate(expr.left, event) || evaluate(expr.right, event);
        case "compare":
            return compare(resolve(event, expr.path), expr.op, expr.literal);
        case "is":
            return resolve(event, expr.path) === expr.value;
        case "not-exists":
            return resolve(event, expr.path) === undefined;
    }
}

/** Whether the JSON filter `pattern` matches the log event `message` (a JSON text); a non-JSON message never matches. */
export function matchesFilterPattern(pattern: string, message: string): boolean {
    const expr = parsePattern(pattern);
    let event: unknown;
    try {
        event = JSON.parse(message);
    } catch {
        return false;
    }
    return evaluate(expr, event);
}
