/**
 * The one place that reads stack configuration. `parseBaselineConfig` validates every
 * `baseline:*` key and either returns the complete config with defaults applied or throws one
 * BaselineConfigError listing every problem; `loadBaselineConfig` feeds it from the Pulumi config.
 */
import * as pulumi from "@pulumi/pulumi";
import { BaselineConfigError } from "./errors";
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

/** Reads every `baseline:*` key and `aws:region` of the running stack and parses them. */
export function loadBaselineConfig(): BaselineConfig {
    const config = new pulumi.Config("baseline");
    const raw: Record<string, unknown> = {};
    // allConfig() also holds keys the parser does not know, so typos are reported instead of ignored.
    const names = new Set([
        ...knownKeys,
        ...Object.keys(pulumi.runtime.allConfig())
            .filter((key) => key.startsWith("baseline:"))
            .map((key) => key.slice("baseline:".length)),
    ]);
    for (const name of names) {
        const value = config.get(name);
        if (value !== undefined) {
            raw[name] = decode(value);
        }
    }
    return parseBaselineConfig(raw, { stack: pulumi.getStack(), region: new pulumi.Config("aws").get("region") });
}
