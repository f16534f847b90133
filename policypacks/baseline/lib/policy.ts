/**
 * The one way policies are declared in this pack. `resourcePolicy` and `stackPolicy` attach the
 * SDK metadata (severity, tags, framework, remediation, url), the common config every policy
 * accepts (exemptions, unknowns), the pack-wide rollout mode (OPS-2) and the common message
 * format, so each policy file only holds the rule itself.
 */
import {
    EnforcementLevel,
    Policy,
    PolicyResource,
    ReportViolation,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { baselineFramework, policyDocsUrl } from "./metadata";

/**
 * Resource inputs as the pack sees them (plain JSON behind the SDK's unknown-checking proxy).
 * Read-only: in the pack process the policies of one call share one deserialised copy
 * (lib/deserialize-once.ts), so a rule never writes to them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

/** A JSON-schema fragment for one config knob; `default` is the secure value. */
export type ConfigProperty = PolicyConfigJSONSchema;

/** An entry of a policy's `exemptions` config: only the pack's config can exempt a resource. */
export interface Exemption {
    /** Resource name or full URN to exempt. */
    resource?: string;
    /** Kubernetes namespace to exempt (for a Namespace resource: its own name). */
    namespace?: string;
    /** Why the exemption is acceptable; shown in the plan. Required. */
    reason: string;
    /** Last day (YYYY-MM-DD, UTC) the exemption applies; after it the violation is reported again. */
    expires: string;
}

/** Config every policy accepts on top of its own knobs. */
export interface CommonPolicyConfig {
    exemptions: Exemption[];
    /**
     * "preview": unknown values follow the SDK (advisory "can't run"); "fail": they are violations.
     * The policy's own setting wins; unset, the pack-wide `baseline-rollout.unknowns` applies.
     */
    unknowns: "preview" | "fail";
}

/** Metadata every policy declares; the docs generator reads it back through `policySpecOf`. */
export interface PolicyMetadata {
    /** kebab-case `<resource>-<requirement>`. */
    name: string;
    /** One sentence on what is required, then the references (CIS EKS, PSS, NSA/CISA). */
    description: string;
    severity: Severity;
    /** Control IDs from controls/catalogue.md this policy enforces. */
    controls: string[];
    /**
     * Control IDs met by the policy's scope rather than its rule (WL-13: the rule runs on every
     * pod-bearing kind). They join `tags` but are not repeated in every violation message.
     */
    scopeControls?: string[];
    remediationSteps: string;
    /** Default level; "mandatory" unless the control says otherwise. */
    enforcementLevel?: EnforcementLevel;
    /** The policy's own knobs, each with its secure default. */
    config?: Record<string, ConfigProperty>;
    /** Optional example fix (TypeScript or YAML) shown in docs/policies.md. */
    example?: string;
}

/** What a resource policy's rule receives about the resource under review. */
export interface ResourceUnderReview {
    type: string;
    name: string;
    urn: string;
    props: Props;
}

export interface ResourcePolicySpec<C extends object> extends PolicyMetadata {
    /** Exact Pulumi type tokens the rule judges; other resources are skipped without reading inputs. */
    resourceTypes: readonly string[];
    /** Calls `report` once per problem, with "<field>: <problem>; <fix>." */
    validate(resource: ResourceUnderReview, report: (message: string) => void, config: C & CommonPolicyConfig): void;
    /**
     * Optional mechanical fix (for example turning on key rotation). The SDK calls it only when
     * the pack config sets this policy's enforcement level to "remediate"; returns the fixed
     * inputs, or undefined to leave the resource unchanged.
     */
    remediate?(resource: ResourceUnderReview, config: C & CommonPolicyConfig): Props | undefined;
}

export interface StackPolicySpec<C extends object> extends PolicyMetadata {
    validate(resources: PolicyResource[], report: (message: string, urn?: string) => void, config: C & CommonPolicyConfig): void;
}

const commonConfigSchema: Record<string, ConfigProperty> = {
    exemptions: {
        type: "array",
        default: [],
        description: "Resources exempted from this policy, each with a reason and an expiry date.",
        items: {
            type: "object",
            required: ["reason", "expires"],
            properties: {
                resource: { type: "string" },
                namespace: { type: "string" },
                reason: { type: "string", minLength: 1 },
                expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
            },
        },
    },
    // No schema default on purpose: the engine fills defaults into every policy's config, which
    // would hide the pack-wide `baseline-rollout.unknowns` setting.
    unknowns: {
        type: "string",
        enum: ["preview", "fail"],
        description:
            '"fail" turns a control property that is unknown during preview into a violation. Unset: the pack-wide baseline-rollout.unknowns (default "preview").',
    },
};

/** The config schema (common knobs plus the policy's own) a policy declares to the engine. */
export function configSchemaOf(spec: Pick<PolicyMetadata, "config" | "name">): Record<string, ConfigProperty> {
    if (spec.name === rolloutPolicyName) {
        return { ...(spec.config ?? {}) };
    }
    return { ...commonConfigSchema, ...(spec.config ?? {}) };
}

function metadataOf(spec: PolicyMetadata) {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel ?? "mandatory",
        severity: spec.severity,
        tags: [...spec.controls, ...(spec.scopeControls ?? [])],
        framework: baselineFramework,
        remediationSteps: spec.remediationSteps,
        url: policyDocsUrl(spec.name),
        configSchema: { properties: configSchemaOf(spec) },
    };
}

/**
 * Fills in the schema defaults (under a bare harness, with no Configure, `getConfig()` is `{}`)
 * and resolves `unknowns`: the policy's own setting, else the pack-wide one. The defaults are
 * read from the schema once per policy: the SDK calls `getConfig()` for every resource, and a
 * fresh object each time, so there is no identity to cache the merge on.
 */
function configResolver<C extends object>(spec: PolicyMetadata): (given: object) => C & CommonPolicyConfig {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(configSchemaOf(spec))) {
        defaults[key] = (property as { default?: unknown }).default;
    }
    return (given) => {
        const config = { ...defaults, ...(given ?? {}) } as Record<string, unknown>;
        if (config.unknowns !== "preview" && config.unknowns !== "fail") {
            config.unknowns = currentPackSettings().unknowns;
        }
        return config as C & CommonPolicyConfig;
    };
}

/** True when a config's `exemptions` holds at least one entry (otherwise no lookup is needed). */
function hasExemptions(exemptions: unknown): boolean {
    return Array.isArray(exemptions) && exemptions.length > 0;
}

/** Today's date as YYYY-MM-DD (UTC); exemptions compare against it. */
export function today(): string {
    return new Date().toISOString().slice(0, 10);
}

/** The exemption that applies to the resource, if any; expired ones are returned with `expired`. */
export function findExemption(
    exemptions: Exemption[],
    resource: { name: string; urn: string; namespace?: string },
): { exemption: Exemption; expired: boolean } | undefined {
    for (const exemption of Array.isArray(exemptions) ? exemptions : []) {
        if (exemption === null || typeof exemption !== "object") {
            continue;
        }
        const matchesResource =
            typeof exemption.resource === "string" && (exemption.resource === resource.name || exemption.resource === resource.urn);
        const matchesNamespace =
            typeof exemption.namespace === "string" && resource.namespace !== undefined && exemption.namespace === resource.namespace;
        if (matchesResource || matchesNamespace) {
            return { exemption, expired: !(typeof exemption.expires === "string" && exemption.expires >= today()) };
        }
    }
    return undefined;
}

/** The namespace an exemption by namespace matches: metadata.namespace, or a Namespace's own name. */
function namespaceOf(type: string, props: Props): string | undefined {
    try {
        const metadata = props?.metadata;
        const namespace = type === "kubernetes:core/v1:Namespace" ? metadata?.name : metadata?.namespace;
        return typeof namespace === "string" ? namespace : undefined;
    } catch {
        return undefined;
    }
}

/** Appended to a violation whose exemption no longer applies, so the plan says why it is back. */
function expiredSuffix(exemption: Exemption): string {
    const when =
        typeof exemption.expires === "string" ? `expired on ${exemption.expires}` : "has no expiry date (YYYY-MM-DD), so it never applied";
    return ` (exemption "${String(exemption.reason)}" ${when}; renew it in the pack config or fix the resource)`;
}

function tagged(message: string, controls: string[]): string {
    return `${message} [${controls.join(", ")}]`;
}

/**
 * Reports one violation at the level the rollout mode allows. At the policy's own level the plain
 * string form is used, exactly as a policy without this helper would; when the mode lowers the
 * level, the SDK's object form sets `enforcementLevel: "advisory"` on this one diagnostic (the
 * SDK then uses the message as is, so the description is prefixed as the string form does).
 */
function emit(spec: PolicyMetadata, reportViolation: ReportViolation, message: string, urn?: string): void {
    const level = rolloutLevel(currentPackSettings(), spec.name, spec.severity);
    if (level === undefined) {
        reportViolation(message, urn);
        return;
    }
    const violation = { message: `${spec.description}\n${message}`, urn, enforcementLevel: level };
    (reportViolation as unknown as (violation: object) => void)(violation);
}

const resourceTypesByPolicy = new WeakMap<object, readonly string[]>();
const specsByPolicy = new WeakMap<object, PolicyMetadata>();

/** The exact type tokens a resource policy judges (used by the type-coverage test and docs). */
export function resourceTypesOf(policy: object): readonly string[] {
    return resourceTypesByPolicy.get(policy) ?? [];
}

/** The declaration a policy was built from (docs: knobs, example), if it was built by this module. */
export function policySpecOf(policy: object): PolicyMetadata | undefined {
    return specsByPolicy.get(policy);
}

/** Declares a resource policy from its metadata and rule. */
export function resourcePolicy<C extends object = object>(spec: ResourcePolicySpec<C>): ResourceValidationPolicy {
    const types = new Set(spec.resourceTypes);
    const remediate = spec.remediate;
    const resolveConfig = configResolver<C>(spec);
    const policy: ResourceValidationPolicy = {
        ...metadataOf(spec),
        validateResource: (args, reportViolation) => {
            // The SDK calls every policy for every resource: the type test comes before any read.
            if (!types.has(args.type)) {
                return;
            }
            const config = resolveConfig(args.getConfig<object>());
            const resource = { type: args.type, name: args.name, urn: args.urn, props: args.props };
            // The namespace is read (through the SDK proxy) only when there is an exemption to match.
            const match = hasExemptions(config.exemptions)
                ? findExemption(config.exemptions, { name: args.name, urn: args.urn, namespace: namespaceOf(args.type, args.props) })
                : undefined;
            if (match && !match.expired) {
                return;
            }
            const suffix = match ? expiredSuffix(match.exemption) : "";
            const report = (message: string) => emit(spec, reportViolation, tagged(message, spec.controls) + suffix);
            try {
                spec.validate(resource, report, config);
            } catch (error) {
                rethrowUnlessUnknownFails(error, config, report);
            }
        },
        // Remediation is independent of the rollout mode: the SDK runs it only for a policy whose
        // level is "remediate" in the pack config, and then judges the remediated inputs.
        remediateResource: remediate
            ? (args) => {
                  if (!types.has(args.type)) {
                      return undefined;
                  }
                  const config = resolveConfig(args.getConfig<object>());
                  return remediate({ type: args.type, name: args.name, urn: args.urn, props: args.props }, config);
              }
            : undefined,
    };
    resourceTypesByPolicy.set(policy, spec.resourceTypes);
    specsByPolicy.set(policy, spec);
    return policy;
}

/**
 * With `unknowns: "fail"` an unknown control property becomes a violation; otherwise the SDK's
 * own handling applies (one advisory "can't run policy during preview").
 */
function rethrowUnlessUnknownFails(error: unknown, config: CommonPolicyConfig, report: (message: string) => void): void {
    if (error instanceof UnknownValueError && config.unknowns === "fail") {
        report(`${(error as Error).message}; the control cannot be verified during preview (unknowns: "fail")`);
        return;
    }
    throw error;
}

/** Declares a stack policy (sees every resource of the plan) from its metadata and rule. */
export function stackPolicy<C extends object = object>(spec: StackPolicySpec<C>): StackValidationPolicy {
    const resolveConfig = configResolver<C>(spec);
    const policy: StackValidationPolicy = {
        ...metadataOf(spec),
        validateStack: (args, reportViolation) => {
            const config = resolveConfig(args.getConfig<object>());
            // Built on the first report only, so a clean plan costs no index (linear either way).
            let byUrn: Map<string, PolicyResource> | undefined;
            const report = (message: string, urn?: string) => {
                if (urn !== undefined && byUrn === undefined) {
                    byUrn = new Map(args.resources.map((candidate) => [candidate.urn, candidate]));
                }
                const resource = urn !== undefined ? byUrn?.get(urn) : undefined;
                const match = resource
                    ? findExemption(config.exemptions, {
                          name: resource.name,
                          urn: resource.urn,
                          namespace: namespaceOf(resource.type, resource.props),
                      })
                    : undefined;
                if (match && !match.expired) {
                    return;
                }
                const suffix = match ? expiredSuffix(match.exemption) : "";
                emit(spec, reportViolation, tagged(message, spec.controls) + suffix, urn);
            };
            try {
                spec.validate(args.resources, report, config);
            } catch (error) {
                rethrowUnlessUnknownFails(error, config, (message) => report(message));
            }
        },
    };
    specsByPolicy.set(policy, spec);
    return policy;
}

// ---------------------------------------------------------------------------------------------
// Rollout (OPS-2). The engine gives a policy only its own config, so the pack-wide settings live
// in the config of one pseudo policy, `baseline-rollout`, listed first in the pack: the SDK runs
// policies in list order for every Analyze and AnalyzeStack call, so it stashes its config here
// before any other policy reports. See policypacks/baseline/README.md.
// ---------------------------------------------------------------------------------------------

/** crawl: everything advisory; walk: high and critical mandatory, the rest advisory; run: all mandatory. */
export type RolloutMode = "crawl" | "walk" | "run";
/** How a control property that is unknown during preview is treated. */
export type UnknownsMode = "preview" | "fail";

/** Pack-wide settings, the config of the `baseline-rollout` pseudo policy. */
export interface PackSettings {
    mode: RolloutMode;
    /** Pack-wide default of every policy's `unknowns` knob. */
    unknowns: UnknownsMode;
    /** Policies kept at their own (engine) level whatever the mode: the per-policy way to go mandatory early. */
    promote: string[];
}

/** The name of the pseudo policy that carries the pack-wide settings. */
export const rolloutPolicyName = "baseline-rollout";

/** Without any config the pack is secure: every policy at its own level (mandatory), SDK unknowns. */
export const defaultPackSettings: Readonly<PackSettings> = Object.freeze({ mode: "run", unknowns: "preview", promote: [] });

let packSettings: Readonly<PackSettings> = defaultPackSettings;

/** The settings in force (what `baseline-rollout` last received, else the defaults). */
export function currentPackSettings(): Readonly<PackSettings> {
    return packSettings;
}

/**
 * Reads `baseline-rollout`'s config. The engine validated it against the schema already; a value
 * that is still malformed (an in-process harness) falls back to the secure default.
 */
export function parsePackSettings(given: unknown): Readonly<PackSettings> {
    const config = (given !== null && typeof given === "object" ? given : {}) as Record<string, unknown>;
    const mode: RolloutMode = config.mode === "crawl" || config.mode === "walk" ? config.mode : "run";
    const unknowns: UnknownsMode = config.unknowns === "fail" ? "fail" : "preview";
    const promote = Array.isArray(config.promote) ? config.promote.filter((name): name is string => typeof name === "string") : [];
    return Object.freeze({ mode, unknowns, promote });
}

/** Puts settings in force; tests use it to simulate the `baseline-rollout` config. */
export function setPackSettings(given: unknown): void {
    packSettings = parsePackSettings(given);
}

/** Back to the defaults (run, unknowns preview). */
export function resetPackSettings(): void {
    packSettings = defaultPackSettings;
}

/**
 * The level the mode imposes on a violation of the named policy: "advisory" when the mode lowers
 * it, undefined to keep the policy's own engine level (its default or the per-policy config). The
 * mode only ever lowers, so per-policy "advisory" and "disabled" always win.
 */
export function rolloutLevel(settings: Readonly<PackSettings>, policyName: string, severity: Severity | undefined): "advisory" | undefined {
    if (settings.mode === "run" || settings.promote.includes(policyName)) {
        return undefined;
    }
    if (settings.mode === "walk" && (severity === "high" || severity === "critical")) {
        return undefined;
    }
    return "advisory";
}

const rolloutConfigSchema: Record<string, ConfigProperty> = {
    mode: {
        type: "string",
        enum: ["crawl", "walk", "run"],
        default: "run",
        description:
            "crawl: every violation advisory; walk: high and critical stay mandatory, the rest advisory; run: every policy at its own level.",
    },
    unknowns: {
        type: "string",
        enum: ["preview", "fail"],
        default: "preview",
        description:
            '"fail": a control property unknown during preview is a violation, for every policy that does not set its own `unknowns`.',
    },
    promote: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Policy names kept at their own level whatever the mode (go mandatory one policy at a time).",
    },
};

const rolloutSpec: PolicyMetadata = {
    name: rolloutPolicyName,
    description: "Pack-wide rollout settings (crawl/walk/run mode, unknown values, promoted policies); reports nothing itself.",
    severity: "low",
    controls: ["OPS-2"],
    remediationSteps:
        'Set baseline:policyPack {rollout: crawl | walk | run, unknowns: preview | fail, promote: [...]} in stacks/Pulumi.<stack>.yaml and run npm run pack-config, which writes "baseline-rollout" into policypacks/baseline/config/<stack>.json.',
    enforcementLevel: "advisory",
    config: rolloutConfigSchema,
};

/**
 * The pseudo policy carrying the pack-wide settings. It has both a resource and a stack validation
 * (the SDK runs a policy in Analyze when it has `validateResource` and in AnalyzeStack when it has
 * `validateStack`), so the settings are in force before the first policy of either call reports.
 * Its own config is all it reads; it reports nothing.
 */
export const baselineRollout: Policy = Object.assign(
    {
        name: rolloutSpec.name,
        description: rolloutSpec.description,
        enforcementLevel: "advisory" as const,
        severity: rolloutSpec.severity,
        tags: rolloutSpec.controls,
        framework: baselineFramework,
        remediationSteps: rolloutSpec.remediationSteps,
        url: policyDocsUrl(rolloutSpec.name),
        // Only its own knobs: `exemptions`/`unknowns` of the common schema mean nothing here.
        configSchema: { properties: rolloutConfigSchema },
        validateResource: (args: { getConfig<T extends object>(): T }) => {
            setPackSettings(args.getConfig<object>());
        },
    },
    {
        validateStack: (args: { getConfig<T extends object>(): T }) => {
            setPackSettings(args.getConfig<object>());
        },
    },
) as ResourceValidationPolicy;
specsByPolicy.set(baselineRollout, rolloutSpec);
