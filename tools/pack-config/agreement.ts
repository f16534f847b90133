/**
 * The plan's check that a hand-written (or stale) pack config agrees with the stack config on
 * every value they share (mapping.ts): one line per disagreement, naming the pack-config property,
 * the stack key and the fix.
 */
import type { BaselineConfig } from "../../infra/config";
import type { PolicyConfigEntry } from "../plan/policy-config";
import { packConfigMappings } from "./mapping";

/** JSON text with arrays of strings sorted: allow-lists compare as sets. */
function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, item: unknown) =>
        Array.isArray(item) && item.every((entry) => typeof entry === "string") ? [...(item as string[])].sort() : item,
    );
}

/** Every shared value where `given` differs from what `config` implies; empty when they agree. */
export function packConfigDisagreements(config: BaselineConfig, given: Record<string, PolicyConfigEntry>, source: string): string[] {
    const problems: string[] = [];
    for (const mapping of packConfigMappings) {
        const expected = mapping.value(config);
        const actual = given[mapping.policy]?.properties?.[mapping.property];
        if (actual !== undefined && canonical(actual) === canonical(expected)) {
            continue;
        }
        const found = actual === undefined ? "is not set" : `is ${JSON.stringify(actual)}`;
        problems.push(
            `${source}: ${mapping.policy}.${mapping.property} ${found}, but ${mapping.from} in stacks/Pulumi.${config.stack}.yaml gives ${JSON.stringify(expected)}; run npm run pack-config to regenerate the pack config from the stack config.`,
        );
    }
    const exemptions = config.policyPack.exemptions;
    for (const [policy, list] of Object.entries(exemptions)) {
        const actual = given[policy]?.properties?.exemptions;
        if (canonical(actual ?? []) !== canonical(list)) {
            problems.push(
                `${source}: ${policy}.exemptions differ from baseline:policyPack.exemptions.${policy} in stacks/Pulumi.${config.stack}.yaml; run npm run pack-config.`,
            );
        }
    }
    for (const [policy, entry] of Object.entries(given)) {
        const listed = entry.properties?.exemptions;
        if (Array.isArray(listed) && listed.length > 0 && exemptions[policy] === undefined) {
            problems.push(
                `${source}: ${policy}.exemptions is set only in the pack config; move it to baseline:policyPack.exemptions.${policy} in stacks/Pulumi.${config.stack}.yaml and run npm run pack-config.`,
            );
        }
    }
    return problems;
}
