/**
 * Policy configuration exactly as the engine computes it before `Configure` (ANALYZER.md step 4):
 * every policy gets its enforcement level plus the `default`s of its `configSchema`; the pack's
 * `initialConfig` is applied, then the user's policy-config file (`--policy-pack-config`); the
 * result is validated against each schema and a failure aborts the run.
 */
import * as fs from "node:fs";
import { validateJsonSchema } from "./json-schema";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const enforcementLevels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (enforcementLevels as readonly string[]).includes(value);
}

/** A policy as GetAnalyzerInfo describes it. */
export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    type: "resource" | "stack" | "unknown";
    severity?: "low" | "medium" | "high" | "critical";
    tags: string[];
    remediationSteps?: string;
    url?: string;
    framework?: { name: string; version: string; reference: string; specification: string };
    configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

/** One entry of a policy config: a level and/or properties; `enforcementLevel` undefined = not given. */
export interface PolicyConfigEntry {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

/** What Configure sends for one policy. */
export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

/** Invalid policy config: each problem is one line naming the policy and property. */
export class PolicyConfigError extends Error {
    override name = "PolicyConfigError";
    constructor(readonly problems: string[]) {
        super(`invalid policy pack config:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    }
}

/**
 * Parses a policy-config document as the CLI parses `--policy-pack-config`: each key maps to a
 * level string or to an object with an optional `enforcementLevel` and properties. Entries with
 * neither are dropped.
 */
export function parsePolicyConfig(document: unknown, source = "policy config"): Record<string, PolicyConfigEntry> {
    if (document === null || document === undefined) {
        return {};
    }
    if (typeof document !== "object" || Array.isArray(document)) {
        throw new PolicyConfigError([`${source}: must be a JSON object of policy names to a level or an object`]);
    }
    const problems: string[] = [];
    const result: Record<string, PolicyConfigEntry> = {};
    for (const [key, value] of Object.entries(document as Record<string, unknown>)) {
        if (typeof value === "string") {
            if (!isEnforcementLevel(value)) {
                problems.push(
                    `${source}: parsing enforcement level for "${key}": "${value}" is not a valid enforcement level (${enforcementLevels.join(", ")})`,
                );
                continue;
            }
            result[key] = { enforcementLevel: value };
            continue;
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            problems.push(`${source}: parsing "${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
            continue;
        }
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
            problems.push(
                `${source}: parsing enforcement level for "${key}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level (${enforcementLevels.join(", ")})`,
            );
            continue;
        }
        const entry: PolicyConfigEntry = {};
        if (enforcementLevel !== undefined) {
            entry.enforcementLevel = enforcementLevel;
        }
        if (Object.keys(properties).length > 0) {
            entry.properties = properties;
        }
        if (entry.enforcementLevel !== undefined || entry.properties !== undefined) {
            result[key] = entry;
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return result;
}

/** Reads and parses a policy-config JSON file; an empty file is no config. */
export function loadPolicyConfigFile(file: string): Record<string, PolicyConfigEntry> {
    const text = fs.readFileSync(file, "utf8");
    if (text.trim() === "") {
        return {};
    }
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new PolicyConfigError([`${file}: not valid JSON: ${(error as Error).message}`]);
    }
    return parsePolicyConfig(document, file);
}

interface WorkingEntry {
    enforcementLevel: EnforcementLevel | undefined;
    properties: Record<string, unknown> | undefined;
}

function applyConfig(result: Map<string, WorkingEntry>, toApply: Record<string, PolicyConfigEntry>): void {
    const all = toApply.all;
    if (all?.enforcementLevel !== undefined) {
        for (const [name, entry] of result) {
            result.set(name, { enforcementLevel: all.enforcementLevel, properties: entry.properties });
        }
    }
    // The engine applies every key, "all" included, and keeps keys that name no policy.
    for (const [name, given] of Object.entries(toApply)) {
        const existing = result.get(name);
        let properties = existing?.properties;
        if (given.properties && Object.keys(given.properties).length > 0) {
            properties = { ...(properties ?? {}), ...given.properties };
        }
        result.set(name, { enforcementLevel: given.enforcementLevel ?? existing?.enforcementLevel, properties });
    }
}

/**
 * Reconciles as the engine does: schema defaults per policy, then `initialConfig`, then the
 * user's config; validates every policy with a schema. Throws PolicyConfigError listing every
 * problem as `<policy>: <property>: <problem>`.
 */
export function reconcilePolicyConfig(
    policies: PolicyInfo[],
    initialConfig: Record<string, PolicyConfigEntry>,
    config: Record<string, PolicyConfigEntry>,
): Record<string, ResolvedPolicyConfig> {
    const result = new Map<string, WorkingEntry>();
    for (const policy of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                properties = properties ?? {};
                properties[key] = structuredClone(schema.default);
            }
        }
        result.set(policy.name, { enforcementLevel: policy.enforcementLevel, properties });
    }
    applyConfig(result, initialConfig);
    applyConfig(result, config);

    const problems: string[] = [];
    for (const policy of policies) {
        if (!policy.configSchema) {
            continue;
        }
        const schema = {
            type: "object",
            properties: { ...policy.configSchema.properties, enforcementLevel: { type: "string", enum: [...enforcementLevels] } },
            required: policy.configSchema.required,
        };
        for (const problem of validateJsonSchema(schema, result.get(policy.name)?.properties ?? {})) {
            problems.push(`${policy.name}: ${problem.replace(/^\(root\): /, "")}`);
        }
    }
    const resolved: Record<string, ResolvedPolicyConfig> = {};
    for (const [name, entry] of result) {
        if (entry.enforcementLevel === undefined) {
            problems.push(`${name}: invalid enforcement level ""; set "enforcementLevel" for it`);
            continue;
        }
        resolved[name] = { enforcementLevel: entry.enforcementLevel, properties: entry.properties ?? {} };
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return resolved;
}
