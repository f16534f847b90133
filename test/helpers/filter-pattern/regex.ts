/**
 * CloudWatch's regex subset in filter patterns: letters, digits, the symbols `:_#=@/;,-` and the
 * operators `^$?[]{}|\*+.`; no parentheses, spaces, quotes or multi-byte characters. Source:
 * "Supported regular expressions (regex) syntax" in the CloudWatch Logs User Guide.
 */
import { FilterPatternError } from "./tokenizer";

const allowed = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]*$/;

/** The regex between `%…%` as a JavaScript RegExp (search, case-sensitive); throws outside the subset. */
export function compileRegex(source: string): RegExp {
    if (!allowed.test(source)) {
        const bad = [...source].find((c) => !allowed.test(c));
        throw new FilterPatternError(`regex %${source}% uses "${bad}", which CloudWatch's regex syntax does not allow`);
    }
    return new RegExp(source);
}
