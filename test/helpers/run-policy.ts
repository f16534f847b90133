/**
 * Runs one policy in-process the way the SDK's Analyzer server does for a single resource or a
 * whole stack: inputs behind the SDK's unknown-checking proxy, `getConfig` returning exactly what
 * the test passes (the pack's helper applies schema defaults), and an UnknownValueError that
 * escapes the policy turned into the SDK's advisory "can't run" outcome.
 * Full protocol behaviour is covered by the offline plan tests; this is for fast fixtures.
 */
import { Policy, PolicyResource, ResourceValidationPolicy, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
// The SDK marks its proxy helpers @internal, so they are absent from its type declarations; the
// runtime module is the same one the Analyzer server uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkProxy = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T>(props: T): T;
    unknownStringValue: string;
};
const { unknownCheckingProxy } = sdkProxy;

/** The sentinel the engine sends for any unknown value during preview. */
export const UNKNOWN = sdkProxy.unknownStringValue;

export interface FixtureResource {
    type: string;
    name?: string;
    urn?: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    props: Record<string, any>;
    protect?: boolean;
    retainOnDelete?: boolean;
    parent?: string;
    dependencies?: string[];
    /** Per-property dependencies by URN (the engine sends them in AnalyzeStack). */
    propertyDependencies?: Record<string, string[]>;
}

export interface PolicyOutcome {
    /** Violation messages, in report order (without the description prefix the SDK adds). */
    violations: string[];
    /** Set when the policy could not judge because an input it read is unknown (SDK semantics). */
    cannotRunDuringPreview?: string;
}

/**
 * The SDK also accepts a violation object `{ message, enforcementLevel, urn }` (the pack's rollout
 * uses it to lower one diagnostic's level); its message then carries the description prefix the
 * string form gets from the SDK. Outcomes list the bare message either way.
 */
interface ViolationObject {
    message?: string;
    urn?: string;
    enforcementLevel?: string;
}

function messageOf(policy: { description?: string }, message: string | ViolationObject): string {
    if (typeof message !== "object" || message === null) {
        return message;
    }
    const text = message.message ?? "";
    const prefix = `${policy.description ?? ""}\n`;
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

function urnOfViolation(message: string | ViolationObject, urn: string | undefined): string | undefined {
    return typeof message === "object" && message !== null ? message.urn : urn;
}

function urnOf(resource: FixtureResource): string {
    const name = resource.name ?? "fixture";
    return resource.urn ?? `urn:pulumi:test::baseline::${resource.type}::${name}`;
}

function defaultOptions(resource: FixtureResource) {
    return {
        protect: resource.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: resource.parent,
    };
}

/** Runs a resource policy against one fixture resource. */
export async function runResourcePolicy(
    policy: ResourceValidationPolicy,
    resource: FixtureResource,
    config: object = {},
): Promise<PolicyOutcome> {
    const violations: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    try {
        for (const validate of validations) {
            await validate!(
                {
                    type: resource.type,
                    name: resource.name ?? "fixture",
                    urn: urnOf(resource),
                    props: unknownCheckingProxy(structuredClone(resource.props)),
                    opts: defaultOptions(resource),
                    stackTags: new Map(),
                    isType: () => false,
                    asType: () => undefined,
                    getConfig: <T extends object>() => config as T,
                    notApplicable: () => {
                        throw new Error("notApplicable is not used by this pack");
                    },
                },
                (message) => violations.push(messageOf(policy, message)),
            );
        }
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return { violations, cannotRunDuringPreview: (error as Error).message };
        }
        throw error;
    }
    return { violations };
}

/** Runs a stack policy against a set of fixture resources (their props are outputs here). */
export async function runStackPolicy(
    policy: StackValidationPolicy,
    resources: FixtureResource[],
    config: object = {},
): Promise<PolicyOutcome & { violationUrns: (string | undefined)[] }> {
    const byUrn = new Map<string, PolicyResource>();
    const policyResources: PolicyResource[] = resources.map((resource) => {
        const policyResource: PolicyResource = {
            type: resource.type,
            name: resource.name ?? "fixture",
            urn: urnOf(resource),
            props: unknownCheckingProxy(structuredClone(resource.props)),
            opts: { ...defaultOptions(resource) },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        } as unknown as PolicyResource;
        byUrn.set(policyResource.urn, policyResource);
        return policyResource;
    });
    resources.forEach((resource, index) => {
        const policyResource = policyResources[index] as PolicyResource & { parent?: PolicyResource };
        policyResource.parent = resource.parent ? byUrn.get(resource.parent) : undefined;
        policyResource.dependencies = (resource.dependencies ?? []).flatMap((urn) => byUrn.get(urn) ?? []);
        policyResource.propertyDependencies = Object.fromEntries(
            Object.entries(resource.propertyDependencies ?? {}).map(([key, urns]) => [key, urns.flatMap((urn) => byUrn.get(urn) ?? [])]),
        );
    });
    const violations: string[] = [];
    const violationUrns: (string | undefined)[] = [];
    try {
        await policy.validateStack(
            {
                resources: policyResources,
                stackTags: new Map(),
                getConfig: <T extends object>() => config as T,
                notApplicable: () => {
                    throw new Error("notApplicable is not used by this pack");
                },
            } as unknown as Parameters<StackValidationPolicy["validateStack"]>[0],
            (message, urn) => {
                violations.push(messageOf(policy, message));
                violationUrns.push(urnOfViolation(message, urn));
            },
        );
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return { violations, violationUrns, cannotRunDuringPreview: (error as Error).message };
        }
        throw error;
    }
    return { violations, violationUrns };
}

/** One diagnostic as the engine would receive it from the SDK (message without the description prefix). */
export interface PackDiagnostic {
    policyName: string;
    message: string;
    enforcementLevel: string;
    urn?: string;
}

type LevelName = "advisory" | "mandatory" | "remediate" | "disabled";
interface ReconciledConfig {
    enforcementLevel: LevelName;
    properties: Record<string, unknown>;
}

/**
 * The engine's reconciliation of a policy-config file (the `--policy-pack-config` JSON: keys are
 * policy names or "all"; values a level string or an object with `enforcementLevel` and the
 * policy's properties) on top of each policy's level and schema defaults, as Configure sends it.
 */
export function reconcilePackConfig(policies: readonly Policy[], file: Record<string, unknown>): Map<string, ReconciledConfig> {
    const result = new Map<string, ReconciledConfig>();
    for (const policy of policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) {
                properties[key] = structuredClone((schema as { default: unknown }).default);
            }
        }
        result.set(policy.name, { enforcementLevel: (policy.enforcementLevel ?? "advisory") as LevelName, properties });
    }
    const levelOf = (value: unknown): LevelName | undefined =>
        typeof value === "string"
            ? (value as LevelName)
            : value !== null && typeof value === "object" && typeof (value as { enforcementLevel?: unknown }).enforcementLevel === "string"
              ? (value as { enforcementLevel: LevelName }).enforcementLevel
              : undefined;
    const all = levelOf(file.all);
    if (all !== undefined) {
        for (const config of result.values()) {
            config.enforcementLevel = all;
        }
    }
    for (const [name, value] of Object.entries(file)) {
        const config = result.get(name);
        if (name === "all" || config === undefined) {
            continue;
        }
        config.enforcementLevel = levelOf(value) ?? config.enforcementLevel;
        if (value !== null && typeof value === "object") {
            const { enforcementLevel: _ignored, ...properties } = value as Record<string, unknown>;
            void _ignored;
            Object.assign(config.properties, structuredClone(properties));
        }
    }
    return result;
}

/**
 * Runs a whole pack in-process the way the SDK's server does after Configure: for every resource,
 * Remediate (policies at "remediate") then Analyze (resource policies in list order), then one
 * AnalyzeStack (stack policies in list order), with the levels and config the engine would send.
 */
export async function runPack(
    policies: readonly Policy[],
    resources: FixtureResource[],
    file: Record<string, unknown> = {},
): Promise<{ diagnostics: PackDiagnostic[]; remediated: Record<string, unknown>[] }> {
    const configs = reconcilePackConfig(policies, file);
    const diagnostics: PackDiagnostic[] = [];
    const remediated: Record<string, unknown>[] = [];
    const levelOf = (policy: Policy) => configs.get(policy.name)!.enforcementLevel;
    const getConfigFor =
        (policy: Policy) =>
        <T extends object>() =>
            structuredClone(configs.get(policy.name)!.properties) as T;
    const reporter = (policy: Policy, level: LevelName) => (message: string | ViolationObject, urn?: string) => {
        const effective = level === "remediate" ? "mandatory" : level;
        diagnostics.push({
            policyName: policy.name,
            message: messageOf(policy, message),
            enforcementLevel: typeof message === "object" && message?.enforcementLevel ? message.enforcementLevel : effective,
            urn: urnOfViolation(message, urn),
        });
    };
    const cannotRun = (policy: Policy, error: unknown) => {
        if (!(error instanceof UnknownValueError)) {
            throw error;
        }
        diagnostics.push({ policyName: policy.name, message: `can't run: ${(error as Error).message}`, enforcementLevel: "advisory" });
    };
    for (const resource of resources) {
        let props = structuredClone(resource.props);
        for (const policy of policies) {
            const remediate = (policy as ResourceValidationPolicy).remediateResource;
            if (levelOf(policy) !== "remediate" || typeof remediate !== "function") {
                continue;
            }
            const result = await remediate({ ...resourceArgs(resource, props), getConfig: getConfigFor(policy) } as never);
            if (result) {
                props = structuredClone({ ...result });
            }
        }
        remediated.push(props);
        for (const policy of policies) {
            const validate = (policy as ResourceValidationPolicy).validateResource;
            if (levelOf(policy) === "disabled" || validate === undefined) {
                continue;
            }
            for (const validation of Array.isArray(validate) ? validate : [validate]) {
                try {
                    await validation(
                        { ...resourceArgs(resource, props), getConfig: getConfigFor(policy) } as never,
                        reporter(policy, levelOf(policy)) as never,
                    );
                } catch (error) {
                    cannotRun(policy, error);
                }
            }
        }
    }
    for (const policy of policies) {
        const validateStack = (policy as StackValidationPolicy).validateStack;
        if (levelOf(policy) === "disabled" || typeof validateStack !== "function") {
            continue;
        }
        const stack = await runStackPolicy(
            { ...(policy as StackValidationPolicy), validateStack: wrapStack(validateStack, reporter(policy, levelOf(policy))) },
            resources,
            configs.get(policy.name)!.properties,
        );
        if (stack.cannotRunDuringPreview !== undefined) {
            diagnostics.push({
                policyName: policy.name,
                message: `can't run: ${stack.cannotRunDuringPreview}`,
                enforcementLevel: "advisory",
            });
        }
    }
    return { diagnostics, remediated };
}

function wrapStack(
    validateStack: StackValidationPolicy["validateStack"],
    report: (message: string | ViolationObject, urn?: string) => void,
): StackValidationPolicy["validateStack"] {
    return (args) => validateStack(args, report as never);
}

function resourceArgs(resource: FixtureResource, props: Record<string, unknown>) {
    return {
        type: resource.type,
        name: resource.name ?? "fixture",
        urn: urnOf(resource),
        props: unknownCheckingProxy(structuredClone(props)),
        opts: defaultOptions(resource),
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        notApplicable: () => {
            throw new Error("notApplicable is not used by this pack");
        },
    };
}
