/**
 * The few pieces of CloudWatch Logs JSON filter-pattern syntax the audit filters are built from.
 * Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * (selectors take array indexes, never wildcards; string values take a leading and/or trailing
 * `*`; `&&` binds tighter than `||`, so every group is parenthesised explicitly).
 */

/** `selector = "value"`; `*` at either end of `value` is a wildcard. */
export function equals(selector: string, value: string): string {
    return `(${selector} = "${value}")`;
}

/** `selector != "value"`; also true when the selector is absent. */
export function notEquals(selector: string, value: string): string {
    return `(${selector} != "${value}")`;
}

/** A numeric comparison (`$.responseStatus.code < 400`). */
export function compare(selector: string, operator: "=" | "!=" | "<" | "<=" | ">" | ">=", value: number): string {
    return `(${selector} ${operator} ${value})`;
}

/**
 * `selector = %regex%`. CloudWatch allows at most five filters with a regex per log group and
 * only letters, digits, `:_#=@/;,-` and the operators `^$?[]{}|\*+.` (no spaces, quotes or
 * parentheses: write `\s` for a space).
 */
export function matchesRegex(selector: string, regex: string): string {
    return `(${selector} = %${regex}%)`;
}

/** Any of the conditions. */
export function anyOf(conditions: readonly string[]): string {
    return conditions.length === 1 ? conditions[0]! : `(${conditions.join(" || ")})`;
}

/** Any of `selector = value` over `values`. */
export function equalsAny(selector: string, values: readonly string[]): string {
    return anyOf(values.map((value) => equals(selector, value)));
}

/** `selector[0..count-1] = value`, one condition per index. */
export function atIndexes(selector: string, count: number, value: string): string[] {
    return Array.from({ length: count }, (_, index) => equals(`${selector}[${index}]`, value));
}

/** A JSON filter pattern that matches when every condition holds. */
export function json(...conditions: string[]): string {
    return `{ ${conditions.join(" && ")} }`;
}
