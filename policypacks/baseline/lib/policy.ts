/**
 * The one way policies are declared in this pack. `resourcePolicy` and `stackPolicy` attach the
 * SDK metadata (severity, tags, framework, remediation, url), the common config every policy
 * accepts (exemptions, unknowns), and the common message format, so each policy file only holds
 * the rule itself.
 */
import {
    EnforcementLevel,
    PolicyResource,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { baselineFramework, policyDocsUrl } from "./metadata";

/** Resource inputs as the pack sees them (plain JSON behind the SDK's unknown-checking proxy). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

/** A JSON-schema fragment for one config knob; `default` is the secure value. */
export type ConfigProperty = PolicyConfigJSONSchema;

/** An entry of a policy's `exemptions` config: only the pack's config can exempt a resource. */
export interface Exemption {
    /** Resource name or full URN to exempt. */
    resource?: string;
    /** Kubernetes namespace to exempt. */
    namespace?: string;
    /** Why the exemption is acceptable; shown in the plan. Required. */
    reason: string;
    /** Last day (YYYY-MM-DD, UTC) the exemption applies; after it the violation is reported again. */
    expires: string;
}

/** Config every policy accepts on top of its own knobs. */
export interface CommonPolicyConfig {
    exemptions: Exemption[];
    /** "preview": unknown values follow the SDK (advisory "can't run"); "fail": they are violations. */
    unknowns: "preview" | "fail";
}

interface PolicyMetadata {
    /** kebab-case `<resource>-<requirement>`. */
    name: string;
    /** One sentence on what is required, then the references (CIS EKS, PSS, NSA/CISA). */
    description: string;
    severity: Severity;
    /** Control IDs from controls/catalogue.md this policy enforces. */
    controls: string[];
    remediationSteps: string;
    /** Default level; "mandatory" unless the control says otherwise. */
    enforcementLevel?: EnforcementLevel;
    /** The policy's own knobs, each with its secure default. */
    config?: Record<string, ConfigProperty>;
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
    validate(
        resources: PolicyResource[],
        report: (message: string, urn?: string) => void,
        config: C & CommonPolicyConfig,
    ): void;
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
    unknowns: {
        type: "string",
        enum: ["preview", "fail"],
        default: "preview",
        description: '"fail" turns a control property that is unknown during preview into a violation.',
    },
};

function metadataOf(spec: PolicyMetadata) {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel ?? "mandatory",
        severity: spec.severity,
        tags: spec.controls,
        framework: baselineFramework,
        remediationSteps: spec.remediationSteps,
        url: policyDocsUrl(spec.name),
        configSchema: { properties: { ...commonConfigSchema, ...(spec.config ?? {}) } },
    };
}

/** Fills in the schema defaults: under a bare harness (no Configure) `getConfig()` is `{}`. */
function withDefaults<C extends object>(spec: PolicyMetadata, given: object): C & CommonPolicyConfig {
    const merged: Record<string, unknown> = {};
    for (const [key, property] of Object.entries({ ...commonConfigSchema, ...(spec.config ?? {}) })) {
        merged[key] = (property as { default?: unknown }).default;
    }
    return { ...merged, ...given } as C & CommonPolicyConfig;
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
        const matchesResource =
            exemption.resource !== undefined &&
            (exemption.resource === resource.name || exemption.resource === resource.urn);
        const matchesNamespace =
            exemption.namespace !== undefined && resource.namespace !== undefined && exemption.namespace === resource.namespace;
        if (matchesResource || matchesNamespace) {
            return { exemption, expired: exemption.expires < today() };
        }
    }
    return undefined;
}

function namespaceOf(props: Props): string | undefined {
    try {
        const namespace = props?.metadata?.namespace;
        return typeof namespace === "string" ? namespace : undefined;
    } catch {
        return undefined;
    }
}

function tagged(message: string, controls: string[]): string {
    return `${message} [${controls.join(", ")}]`;
}

const resourceTypesByPolicy = new WeakMap<object, readonly string[]>();

/** The exact type tokens a resource policy judges (used by the type-coverage test and docs). */
export function resourceTypesOf(policy: object): readonly string[] {
    return resourceTypesByPolicy.get(policy) ?? [];
}

/** Declares a resource policy from its metadata and rule. */
export function resourcePolicy<C extends object = object>(spec: ResourcePolicySpec<C>): ResourceValidationPolicy {
    const types = new Set(spec.resourceTypes);
    const remediate = spec.remediate;
    const policy: ResourceValidationPolicy = {
        ...metadataOf(spec),
        validateResource: (args, reportViolation) => {
            if (!types.has(args.type)) {
                return;
            }
            const config = withDefaults<C>(spec, args.getConfig<object>());
            const resource = { type: args.type, name: args.name, urn: args.urn, props: args.props };
            const match = findExemption(config.exemptions, { name: args.name, urn: args.urn, namespace: namespaceOf(args.props) });
            if (match && !match.expired) {
                return;
            }
            const suffix = match
                ? ` (exemption "${match.exemption.reason}" expired on ${match.exemption.expires}; renew it in the pack config or fix the resource)`
                : "";
            const report = (message: string) => reportViolation(tagged(message, spec.controls) + suffix);
            try {
                spec.validate(resource, report, config);
            } catch (error) {
                rethrowUnlessUnknownFails(error, config, report);
            }
        },
        remediateResource: remediate
            ? (args) => {
                  if (!types.has(args.type)) {
                      return undefined;
                  }
                  const config = withDefaults<C>(spec, args.getConfig<object>());
                  return remediate({ type: args.type, name: args.name, urn: args.urn, props: args.props }, config);
              }
            : undefined,
    };
    resourceTypesByPolicy.set(policy, spec.resourceTypes);
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
    return {
        ...metadataOf(spec),
        validateStack: (args, reportViolation) => {
            const config = withDefaults<C>(spec, args.getConfig<object>());
            const report = (message: string, urn?: string) => {
                const resource = urn ? args.resources.find((candidate) => candidate.urn === urn) : undefined;
                const match = resource
                    ? findExemption(config.exemptions, { name: resource.name, urn: resource.urn, namespace: namespaceOf(resource.props) })
                    : undefined;
                if (match && !match.expired) {
                    return;
                }
                const suffix = match ? ` (exemption "${match.exemption.reason}" expired on ${match.exemption.expires})` : "";
                reportViolation(tagged(message, spec.controls) + suffix, urn);
            };
            try {
                spec.validate(args.resources, report, config);
            } catch (error) {
                rethrowUnlessUnknownFails(error, config, (message) => report(message));
            }
        },
    };
}
