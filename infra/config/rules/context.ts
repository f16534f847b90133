import type { Parsed } from "../schema";
import type { Environment } from "../types";

/** What every rule sees: the sections that parsed (others are already reported) and the stack. */
export interface RuleInput {
    parsed: Partial<Parsed>;
    /** The raw values, to tell an explicit setting from a default. */
    raw: Record<string, unknown>;
    stack: string;
    region?: string;
    environment?: Environment;
    /** `stacks/Pulumi.<stack>.yaml`, for fixes that say where to edit. */
    stackFile: string;
}

/** A rule returns one message per problem; empty when the config is fine. */
export type Rule = (input: RuleInput) => string[];

/** The raw value at a path, or undefined. */
export function rawAt(raw: Record<string, unknown>, ...path: string[]): unknown {
    let value: unknown = raw;
    for (const part of path) {
        if (value === null || typeof value !== "object") {
            return undefined;
        }
        value = (value as Record<string, unknown>)[part];
    }
    return value;
}

export { REGION_PATTERN as regionPattern } from "../../../components/shared/aws";
