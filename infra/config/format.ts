/**
 * Turns zod issues into one line per problem: the full config key as `pulumi config set --path`
 * writes it (`baseline:cluster.nodeGroups[1].minSize`), what is wrong and the fix.
 */
import type { z } from "zod";
import { show } from "./fields";

/** `baseline:a.b[2].c` from a key and a path inside its value. */
export function configKey(key: string, path: readonly PropertyKey[] = []): string {
    return path.reduce<string>(
        (text, part) => (typeof part === "number" ? `${text}[${part}]` : `${text}.${String(part)}`),
        `baseline:${key}`,
    );
}

const expectedText: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a mapping of keys to values",
    record: "a mapping of keys to values",
};

function describe(value: unknown): string {
    if (Array.isArray(value)) {
        return "a list";
    }
    if (value === null) {
        return "null";
    }
    if (typeof value === "object") {
        return "a mapping";
    }
    return show(value);
}

/** The message fragment of one issue, without the key. */
function fragment(issue: z.core.$ZodIssue, stackFile: string): string {
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
        case "invalid_type":
            if (input === undefined) {
                return `is missing; add it to ${stackFile}`;
            }
            if (issue.expected === "string" && (typeof input === "number" || typeof input === "boolean")) {
                // YAML turns 1.30 into the number 1.3 and 111122223333 into a number: quoting keeps the text.
                return `must be a string, not ${describe(input)}; quote the value in ${stackFile}`;
            }
            return `must be ${expectedText[issue.expected] ?? issue.expected}, not ${describe(input)}; fix its value in ${stackFile}`;
        case "invalid_value":
            return `is ${describe(input)}; use one of ${issue.values.map((value) => show(value)).join(", ")}`;
        case "invalid_union":
            return `is ${describe(input)}; write a string such as "4" or a number`;
        case "too_small":
            if (issue.origin === "array") {
                return `lists ${Array.isArray(input) ? input.length : 0} item(s); list at least ${issue.minimum}`;
            }
            return `is too short; give at least ${issue.minimum} character(s)`;
        default:
            // Custom checks carry their own fragment (schema.ts).
            return issue.message;
    }
}

/** One message per issue; unknown keys get one message each. */
export function formatIssues(key: string, issues: readonly z.core.$ZodIssue[], stackFile: string): string[] {
    return issues.flatMap((issue) => {
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map(
                (unknown) => `${configKey(key, [...issue.path, unknown])} is not a known setting; remove it or fix its spelling.`,
            );
        }
        return [`${configKey(key, issue.path)} ${fragment(issue, stackFile)}.`];
    });
}
