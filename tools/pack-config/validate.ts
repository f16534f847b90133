/**
 * Strict checks of a pack config (`--policy-pack-config`) against the pack's own policies, as
 * strict as the stack config parser: the engine keeps keys that name no policy and ignores
 * properties no schema declares, so a typo there is silently ignored. Problems are one line each,
 * naming the policy, the property and the fix; warnings cover configs that parse but leave the
 * stack weakly guarded (the pack disabled, crawl mode in prod, an exemption naming nothing).
 */
import type { PolicyConfigEntry, PolicyInfo, ResolvedPolicyConfig } from "../plan/policy-config";
import { editDistance } from "../../infra/config/edit-distance";

/** The longest exemption the runbook allows (docs/runbooks/exemptions.md: "at most 90 days out"). */
export const maximumExemptionDays = 90;

/** ` (did you mean "x"?)` for the closest known name within a third of its length, else "". */
function suggestion(given: string, known: readonly string[]): string {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const d = editDistance(given.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean "${best}"?)` : "";
}

/** Days from `from` to `to` (both YYYY-MM-DD, UTC). */
function daysBetween(from: string, to: string): number {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True for a YYYY-MM-DD string naming a real calendar day (`2027-13-45` and `2027-02-30` are not). */
export function isCalendarDate(value: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) {
        return false;
    }
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === value;
}

/** `date` plus `days` (YYYY-MM-DD, UTC). */
function addDays(date: string, days: number): string {
    return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface StrictCheckOptions {
    /** Where the config came from, prefixed to every line (a file path). */
    source: string;
    /** The day exemptions are judged on (YYYY-MM-DD); default today (UTC). */
    today?: string;
}

/** The problems of one exemption entry at `at` (`policy.exemptions[0]`). */
function exemptionProblems(at: string, value: unknown, today: string): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return [`${at} is ${JSON.stringify(value)}; write an object with "resource" (or "namespace"), "reason" and "expires".`];
    }
    const exemption = value as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(exemption)) {
        if (!["resource", "namespace", "reason", "expires"].includes(key)) {
            problems.push(
                `${at}.${key} is not an exemption field${suggestion(key, ["resource", "namespace", "reason", "expires"])}; use resource, namespace, reason and expires.`,
            );
        }
    }
    const hasTarget = (field: string) => typeof exemption[field] === "string" && (exemption[field] as string).trim() !== "";
    if (!hasTarget("resource") && !hasTarget("namespace")) {
        problems.push(`${at} names no target; set "resource" (a resource name or URN) or "namespace", so it exempts exactly one thing.`);
    }
    if (typeof exemption.reason !== "string" || exemption.reason.trim() === "") {
        problems.push(`${at}.reason is missing; say why the exemption is acceptable, the ticket that removes it and the owner.`);
    }
    const expires = exemption.expires;
    const latest = addDays(today, maximumExemptionDays);
    if (typeof expires !== "string" || !isCalendarDate(expires)) {
        problems.push(`${at}.expires is ${JSON.stringify(expires)}, not a calendar date; write YYYY-MM-DD on or before ${latest}.`);
    } else if (daysBetween(today, expires) > maximumExemptionDays) {
        problems.push(
            `${at}.expires is ${expires}, ${daysBetween(today, expires)} days away; exemptions last at most ${maximumExemptionDays} days (docs/runbooks/exemptions.md): set ${latest} or earlier, and renew it then.`,
        );
    }
    return problems;
}

/**
 * Every problem of `config` against the pack's `policies`: unknown policy names and properties
 * (with the nearest known name), and malformed exemptions (no target, no reason, an impossible or
 * too distant date). Empty when the config is fine. Enforcement levels are checked when parsing.
 */
export function strictPolicyConfigProblems(
    policies: readonly PolicyInfo[],
    config: Record<string, PolicyConfigEntry>,
    options: StrictCheckOptions,
): string[] {
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const byName = new Map(policies.map((policy) => [policy.name, policy]));
    const names = [...byName.keys()];
    const problems: string[] = [];
    for (const [name, entry] of Object.entries(config)) {
        const policy = byName.get(name);
        if (name === "all") {
            if (entry.properties) {
                problems.push(`"all" sets ${Object.keys(entry.properties).join(", ")}; "all" takes only an enforcement level.`);
            }
            continue;
        }
        if (!policy) {
            problems.push(`"${name}" is not a policy of the pack${suggestion(name, names)}; fix its name or remove the entry.`);
            continue;
        }
        const known = Object.keys(policy.configSchema?.properties ?? {}).sort();
        for (const [property, value] of Object.entries(entry.properties ?? {})) {
            if (!known.includes(property)) {
                problems.push(
                    `${name}.${property} is not a setting of ${name}${suggestion(property, known)}; known: ${known.length > 0 ? known.join(", ") : "none"}.`,
                );
            } else if (property === "exemptions" && Array.isArray(value)) {
                value.forEach((exemption, index) => problems.push(...exemptionProblems(`${name}.exemptions[${index}]`, exemption, today)));
            }
        }
    }
    return problems.map((problem) => `${options.source}: ${problem}`);
}

/** A resource the exemption targets are looked up in. */
export interface ExemptionTarget {
    urn: string;
    name: string;
    type: string;
    inputs: Record<string, unknown>;
}

function namespaceOf(resource: ExemptionTarget): string | undefined {
    const metadata = resource.inputs.metadata as { name?: unknown; namespace?: unknown } | undefined;
    const namespace = resource.type === "kubernetes:core/v1:Namespace" ? metadata?.name : metadata?.namespace;
    return typeof namespace === "string" ? namespace : undefined;
}

export interface WarningInput {
    policies: readonly PolicyInfo[];
    /** What Configure sent. */
    policyConfig: Record<string, ResolvedPolicyConfig>;
    resources: readonly ExemptionTarget[];
    /** True for a production stack (the stack config's environment, or the pack's `production` flag). */
    production: boolean;
}

/**
 * The warnings that make a pack "weak" (the plan's `failOnWeakPack` turns them into exit 1): every
 * policy disabled (`"all": "disabled"`), or crawl mode, where nothing blocks, for production.
 */
export function weakPackWarnings(input: Omit<WarningInput, "resources">): string[] {
    const warnings: string[] = [];
    const guarding = input.policies.filter((policy) => policy.name !== "baseline-rollout");
    const disabled = guarding.filter(
        (policy) => (input.policyConfig[policy.name]?.enforcementLevel ?? policy.enforcementLevel) === "disabled",
    );
    if (guarding.length > 0 && disabled.length === guarding.length) {
        warnings.push(
            `WARNING: every policy of the pack is disabled ("all": "disabled"?): this plan checks nothing; remove the setting and disable single policies instead.`,
        );
    }
    const mode = input.policyConfig["baseline-rollout"]?.properties.mode;
    if (input.production && mode === "crawl") {
        warnings.push(
            'WARNING: the policy pack runs in crawl mode for a production stack: every violation is advisory and nothing blocks; set "baseline-rollout": {"mode": "run"}.',
        );
    }
    return warnings;
}

/**
 * Every warning for a config that parses but guards little: the weak-pack ones, single disabled
 * policies, and exemptions whose target is not in the plan. Each is one line starting with "WARNING:".
 */
export function policyConfigWarnings(input: WarningInput): string[] {
    const warnings = weakPackWarnings(input);
    const guarding = input.policies.filter((policy) => policy.name !== "baseline-rollout");
    const disabled = guarding.filter(
        (policy) => (input.policyConfig[policy.name]?.enforcementLevel ?? policy.enforcementLevel) === "disabled",
    );
    if (disabled.length > 0 && disabled.length < guarding.length) {
        warnings.push(
            `WARNING: ${disabled.length} of ${guarding.length} policies disabled: ${disabled.map((policy) => policy.name).join(", ")}.`,
        );
    }
    for (const [policy, entry] of Object.entries(input.policyConfig)) {
        const exemptions = entry.properties.exemptions;
        (Array.isArray(exemptions) ? exemptions : []).forEach((exemption: Record<string, unknown>, index) => {
            const matches = input.resources.some(
                (resource) =>
                    (typeof exemption.resource === "string" &&
                        (exemption.resource === resource.name || exemption.resource === resource.urn)) ||
                    (typeof exemption.namespace === "string" && namespaceOf(resource) === exemption.namespace),
            );
            if (!matches) {
                const target =
                    typeof exemption.resource === "string"
                        ? `resource "${exemption.resource}"`
                        : `namespace "${String(exemption.namespace)}"`;
                warnings.push(
                    `WARNING: ${policy}.exemptions[${index}] names ${target}, which is not in this plan; fix the name or delete the exemption.`,
                );
            }
        });
    }
    return warnings;
}
