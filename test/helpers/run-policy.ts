/**
 * Runs one policy in-process the way the SDK's Analyzer server does for a single resource or a
 * whole stack: inputs behind the SDK's unknown-checking proxy, `getConfig` returning exactly what
 * the test passes (the pack's helper applies schema defaults), and an UnknownValueError that
 * escapes the policy turned into the SDK's advisory "can't run" outcome.
 * Full protocol behaviour is covered by the offline plan tests; this is for fast fixtures.
 */
import {
    PolicyResource,
    ResourceValidationPolicy,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";
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
}

export interface PolicyOutcome {
    /** Violation messages, in report order (without the description prefix the SDK adds). */
    violations: string[];
    /** Set when the policy could not judge because an input it read is unknown (SDK semantics). */
    cannotRunDuringPreview?: string;
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
                (message) => violations.push(message),
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
                violations.push(message);
                violationUrns.push(urn);
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
