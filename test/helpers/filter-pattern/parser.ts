/**
 * Parser of the JSON filter-pattern subset: `{ expr }` where `&&` binds tighter than `||`,
 * parentheses group, and a term is `selector op value`, `selector IS NULL|TRUE|FALSE` or
 * `selector NOT EXISTS`.
 */
import { Expr, Literal, Step } from "./ast";
import { compileRegex } from "./regex";
import { FilterPatternError, Token, tokenize } from "./tokenizer";

const numberPattern = /^-?\d+(\.\d+)?$/;

/** `$.a.b[0][1].c` as steps; throws on anything else. */
export function parseSelector(selector: string): Step[] {
    if (!selector.startsWith("$")) {
        throw new FilterPatternError(`selector ${selector} does not start with $`);
    }
    const steps: Step[] = [];
    const step = /\.([A-Za-z0-9_@:-]+)|\[(\d+)\]/y;
    let at = 1;
    while (at < selector.length) {
        step.lastIndex = at;
        const match = step.exec(selector);
        if (!match) {
            throw new FilterPatternError(`selector ${selector} is not $.key or [index] steps at "${selector.slice(at)}"`);
        }
        steps.push(match[1] !== undefined ? { key: match[1] } : { index: Number(match[2]) });
        at = step.lastIndex;
    }
    if (steps.length === 0) {
        throw new FilterPatternError("selector $ selects nothing");
    }
    return steps;
}

function literalOf(token: Token): Literal {
    if (token.kind === "string") {
        return { kind: "string", value: token.value };
    }
    if (token.kind === "regex") {
        return { kind: "regex", source: token.value, regex: compileRegex(token.value) };
    }
    if (token.kind === "word") {
        return numberPattern.test(token.value) ? { kind: "number", value: Number(token.value) } : { kind: "string", value: token.value };
    }
    throw new FilterPatternError(`expected a value at ${token.at}`);
}

/** Parses a JSON filter pattern; throws {@link FilterPatternError} naming what is wrong and where. */
export function parsePattern(pattern: string): Expr {
    const tokens = tokenize(pattern);
    let i = 0;
    const peek = () => tokens[i];
    const next = (): Token => {
        const token = tokens[i++];
        if (!token) {
            throw new FilterPatternError("pattern ends early");
        }
        return token;
    };
    const expect = (kind: Token["kind"]) => {
        const token = next();
        if (token.kind !== kind) {
            throw new FilterPatternError(`expected ${kind} at ${token.at}`);
        }
    };

    const term = (): Expr => {
        const token = next();
        if (token.kind === "(") {
            const inner = or();
            expect(")");
            return inner;
        }
        if (token.kind !== "selector") {
            throw new FilterPatternError(`expected a selector or ( at ${token.at}`);
        }
        const path = parseSelector(token.value);
        const after = next();
        if (after.kind === "op") {
            const literal = literalOf(next());
            if (literal.kind === "regex" && after.value !== "=" && after.value !== "!=") {
                throw new FilterPatternError(`regex at ${after.at} needs = or !=`);
            }
            if (literal.kind === "string" && after.value !== "=" && after.value !== "!=") {
                throw new FilterPatternError(`${after.value} at ${after.at} needs a number`);
            }
            if (literal.kind === "string" && literal.value.slice(1, -1).includes("*")) {
                throw new FilterPatternError(`"${literal.value}": this evaluator supports * only at the start or end of a value`);
            }
            return { kind: "compare", path, op: after.value, literal };
        }
        if (after.kind === "word" && after.value === "IS") {
            const what = next();
            const values = { NULL: null, TRUE: true, FALSE: false } as const;
            if (what.kind === "word" && what.value in values) {
                return { kind: "is", path, value: values[what.value as keyof typeof values] };
            }
            throw new FilterPatternError(`expected NULL, TRUE or FALSE at ${what.at}`);
        }
        if (after.kind === "word" && after.value === "NOT") {
            const what = next();
            if (what.kind === "word" && what.value === "EXISTS") {
                return { kind: "not-exists", path };
            }
            throw new FilterPatternError(`expected EXISTS at ${what.at}`);
        }
        throw new FilterPatternError(`expected an operator, IS or NOT EXISTS at ${after.at}`);
    };
    const and = (): Expr => {
        let left = term();
        while (peek()?.kind === "&&") {
            i++;
            left = { kind: "and", left, right: term() };
        }
        return left;
    };
    const or = (): Expr => {
        let left = and();
        while (peek()?.kind === "||") {
            i++;
            left = { kind: "or", left, right: and() };
        }
        return left;
    };

    expect("{");
    const expr = or();
    expect("}");
    if (i !== tokens.length) {
        throw new FilterPatternError(`unexpected text after } at ${tokens[i]!.at}`);
    }
    return expr;
}
