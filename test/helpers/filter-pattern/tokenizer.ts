/**
 * Tokens of a CloudWatch Logs JSON filter pattern (`{ ($.a = "x") && $.b > 1 }`). Test helper:
 * the evaluator behind the audit alarms' golden-event tests.
 */

/** One token with its offset in the pattern, for error messages. */
export type Token =
    | { kind: "{" | "}" | "(" | ")" | "&&" | "||"; at: number }
    | { kind: "op"; value: "=" | "!=" | "<" | "<=" | ">" | ">="; at: number }
    | { kind: "selector"; value: string; at: number }
    | { kind: "string"; value: string; at: number }
    | { kind: "regex"; value: string; at: number }
    | { kind: "word"; value: string; at: number };

/** A pattern the helper cannot read; the message names the offset. */
export class FilterPatternError extends Error {}

const wordStop = /[\s(){}&|=!<>"%]/;

/** Splits a pattern into tokens; throws {@link FilterPatternError} on an unterminated string or regex. */
export function tokenize(pattern: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    const take = (end: number) => pattern.slice(i, end);
    while (i < pattern.length) {
        const c = pattern[i]!;
        const two = pattern.slice(i, i + 2);
        if (/\s/.test(c)) {
            i++;
        } else if (c === "{" || c === "}" || c === "(" || c === ")") {
            tokens.push({ kind: c, at: i });
            i++;
        } else if (two === "&&" || two === "||") {
            tokens.push({ kind: two, at: i });
            i += 2;
        } else if (two === "!=" || two === "<=" || two === ">=") {
            tokens.push({ kind: "op", value: two, at: i });
            i += 2;
        } else if (c === "=" || c === "<" || c === ">") {
            tokens.push({ kind: "op", value: c, at: i });
            i++;
        } else if (c === '"' || c === "%") {
            const end = pattern.indexOf(c, i + 1);
            if (end < 0) {
                throw new FilterPatternError(`unterminated ${c === '"' ? "string" : "regex"} at ${i}`);
            }
            tokens.push({ kind: c === '"' ? "string" : "regex", value: pattern.slice(i + 1, end), at: i });
            i = end + 1;
        } else {
            let end = i;
            while (end < pattern.length && !wordStop.test(pattern[end]!)) {
                end++;
            }
            if (end === i) {
                throw new FilterPatternError(`unexpected "${c}" at ${i}`);
            }
            const value = take(end);
            tokens.push(value.startsWith("$") ? { kind: "selector", value, at: i } : { kind: "word", value, at: i });
            i = end;
        }
    }
    return tokens;
}
