/**
 * The one place that reads stack configuration. `parseBaselineConfig` validates every
 * `baseline:*` key and either returns the complete config with defaults applied or throws one
 * BaselineConfigError listing every problem; `loadBaselineConfig` feeds it from the Pulumi config.
 */
import * as pulumi from "@pulumi/pulumi";
import { BaselineConfigError } from "./errors";
import { editDistance } from "./edit-distance";
import { formatIssues } from "./format";
import { collectOptOuts } from "./opt-outs";
import { resolveConfig } from "./resolve";
import { accessRule, identityRule } from "./rules/access";
import { kubernetesVersionRule, nodeGroupsRule, publicEndpointRule } from "./rules/cluster";
import { computeRule } from "./rules/compute";
import { Rule, RuleInput } from "./rules/context";
import { regionRule, stackFamilyRule } from "./rules/environment";
import { networkRule } from "./rules/network";
import { admissionRule, meshRule, namespacesRule, rbacRule, secretsDeliveryRule } from "./rules/workloads";
import { knownKeys, Parsed, SectionName, sections } from "./schema";
import type { BaselineConfig, Environment } from "./types";

export { BaselineConfigError } from "./errors";
export { kubernetesVersionFloor } from "./versions";
export type * from "./types";

/** What the parser needs besides the `baseline:*` values. */
export interface ParseContext {
    /** The stack name (`pulumi.getStack()`); its prefix must match `baseline:environment`. */
    stack: string;
    /** `aws:region`; reported as missing when absent. */
    region?: string;
}

const rules: Rule[] = [
    regionRule,
    stackFamilyRule,
    networkRule,
    kubernetesVersionRule,
    nodeGroupsRule,
    computeRule,
    publicEndpointRule,
    identityRule,
    accessRule,
    namespacesRule,
    rbacRule,
    meshRule,
    secretsDeliveryRule,
    admissionRule,
];

/**
 * Validates `raw` (the `baseline:*` keys without their prefix, values as parsed from YAML or
 * JSON) and returns the full config, or throws one BaselineConfigError with every problem.
 */
export function parseBaselineConfig(raw: Record<string, unknown>, context: ParseContext): BaselineConfig {
    const stackFile = `stacks/Pulumi.${context.stack}.yaml`;
    const problems: string[] = [];
    for (const key of Object.keys(raw)) {
        if (!(knownKeys as string[]).includes(key)) {
            problems.push(`baseline:${key} is not a known setting; remove it or fix its spelling (known: ${knownKeys.join(", ")}).`);
        }
    }
    const parsed: Partial<Record<SectionName, unknown>> = {};
    for (const key of knownKeys) {
        const result = sections[key].schema.safeParse(raw[key], { reportInput: true });
        if (result.success) {
            parsed[key] = result.data;
        } else {
            problems.push(...formatIssues(key, result.error.issues, stackFile));
        }
    }
    const typed = parsed as Partial<Parsed>;
    const environment: Environment | undefined = typed.environment;
    const input: RuleInput = { parsed: typed, raw, stack: context.stack, region: context.region, environment, stackFile };
    for (const rule of rules) {
        problems.push(...rule(input));
    }
    const { optOuts, problems: refusals } = collectOptOuts(typed, environment);
    problems.push(...refusals);
    if (problems.length > 0) {
        throw new BaselineConfigError(problems);
    }
    return resolveConfig(typed as Parsed, { stack: context.stack, region: context.region as string, optOuts });
}

/** A config value as the program receives it: objects and lists arrive as JSON text. */
function decode(text: string): unknown {
    const trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
            return JSON.parse(trimmed) as unknown;
        } catch {
            return text;
        }
    }
    return text;
}

/**
 * Config namespaces that look like a misspelt `baseline` (`baselin:`, `Baseline:`, `base-line:`):
 * Pulumi would hand them to no one, so the setting would be silently ignored.
 */
export function misspeltNamespaceProblems(keys: readonly string[], stackFile: string): string[] {
    const problems: string[] = [];
    for (const key of keys) {
        const separator = key.indexOf(":");
        if (separator < 0) {
            continue;
        }
        const namespace = key.slice(0, separator);
        const folded = namespace.toLowerCase().replace(/[^a-z]/g, "");
        if (namespace !== "baseline" && (folded === "baseline" || editDistance(folded, "baseline") <= 2)) {
            problems.push(
                `${key} uses the config namespace "${namespace}", not "baseline"; rename it to baseline:${key.slice(separator + 1)} in ${stackFile} (otherwise it is ignored).`,
            );
        }
    }
    return problems;
}

/**
 * Parses a stack's flat config map (full keys to strings, objects as JSON, as `pulumi config`
 * and the offline plan hold it), checking every key's namespace too.
 */
export function parseStackConfigMap(config: Record<string, string>, stack: string): BaselineConfig {
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith("baseline:")) {
            raw[key.slice("baseline:".length)] = decode(value);
        }
    }
    const stackFile = `stacks/Pulumi.${stack}.yaml`;
    const namespaceProblems = misspeltNamespaceProblems(Object.keys(config), stackFile);
    try {
        const parsed = parseBaselineConfig(raw, { stack, region: config["aws:region"] });
        if (namespaceProblems.length > 0) {
            throw new BaselineConfigError(namespaceProblems);
        }
        return parsed;
    } catch (error) {
        if (error instanceof BaselineConfigError && namespaceProblems.length > 0 && error.problems !== namespaceProblems) {
            throw new BaselineConfigError([...namespaceProblems, ...error.problems]);
        }
        throw error;
    }
}

/** Reads every `baseline:*` key and `aws:region` of the running stack and parses them. */
export function loadBaselineConfig(): BaselineConfig {
    const config: Record<string, string> = {};
    // allConfig() also holds keys the parser does not know, so typos are reported instead of ignored.
    for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (typeof value === "string") {
            config[key] = value;
        }
    }
    return parseStackConfigMap(config, pulumi.getStack());
}
