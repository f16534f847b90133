/**
 * The resources as the engine would hand them to a policy pack: the captured registrations plus
 * the resources the engine adds itself (ANALYZER.md, "What a resource looks like to the pack"):
 * the root `pulumi:pulumi:Stack` and one default provider per package for resources that name no
 * provider, each inserted where the engine registers it.
 */
import { AnalyzerOptions, AnalyzerProvider, AnalyzerResourceRequest } from "./analyzer-client";
import { CapturedResource } from "./capture";
import { WireObject, plainToWire, specialSecretSig, specialSigKey, toAnalyzerProperties } from "./wire";

/** A resource in engine registration order. */
export interface EngineResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** Parent URN; "" for the root Stack and default providers. */
    parent: string;
    /** URN of the provider resource that manages it (explicit or default), if custom. */
    providerUrn?: string;
    protect: boolean;
    retainOnDelete: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Inputs in wire form, as registered (internal keys kept; Remediate sees them). */
    wireInputs: WireObject;
    /** Outputs in wire form (AnalyzeStack). */
    wireOutputs: WireObject;
    /** Inputs as plain values (reports). */
    inputs: Record<string, unknown>;
    options: AnalyzerOptions;
    /** Set on the resources the engine adds. */
    implicit?: "stack" | "default-provider";
}

function providerUrnOf(reference: string): string {
    const split = reference.lastIndexOf("::");
    return split < 0 ? reference : reference.slice(0, split);
}

/** Package of a type token (`aws:s3/bucket:Bucket` -> `aws`). */
export function packageOf(type: string): string {
    return type.split(":")[0] ?? type;
}

/**
 * Inputs of a default provider as the engine builds them: every stack config key of its package
 * as the string the config holds (objects stay JSON text), secure keys wrapped as secrets, plus
 * `version` when the SDK requested one. Returned in wire form.
 */
export function defaultProviderInputs(
    pkg: string,
    config: Record<string, string>,
    version?: string,
    secretKeys: readonly string[] = [],
): WireObject {
    const inputs: WireObject = {};
    for (const [key, value] of Object.entries(config)) {
        const [namespace, name] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
        if (namespace !== pkg || !name) {
            continue;
        }
        inputs[name] = secretKeys.includes(key) ? { [specialSigKey]: specialSecretSig, value } : value;
    }
    if (version) {
        inputs.version = version;
    }
    return inputs;
}

/** The engine's name for a package's default provider: `default_7_48_0` for version 7.48.0, `default` without one. */
export function defaultProviderName(version?: string): string {
    return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

function optionsOf(resource: CapturedResource, parent: string): AnalyzerOptions {
    return {
        protect: resource.protect,
        ignoreChanges: resource.ignoreChanges ?? [],
        deleteBeforeReplace: resource.deleteBeforeReplace,
        aliases: [],
        customTimeouts: resource.customTimeouts ?? { create: 0, update: 0, delete: 0 },
        additionalSecretOutputs: resource.additionalSecretOutputs ?? [],
        parent,
    };
}

/** Options of a resource that sets none: the engine still sends them, zero timeouts included. */
export function defaultOptions(parent = ""): AnalyzerOptions {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { create: 0, update: 0, delete: 0 },
        additionalSecretOutputs: [],
        parent,
    };
}

/** The root `pulumi:pulumi:Stack` resource the engine adds; its outputs are the program's. */
export function rootStackResource(urn: string, name: string, outputs: WireObject): EngineResource {
    return {
        urn,
        type: "pulumi:pulumi:Stack",
        name,
        custom: false,
        parent: "",
        protect: false,
        retainOnDelete: false,
        dependencies: [],
        propertyDependencies: {},
        wireInputs: {},
        wireOutputs: outputs,
        inputs: {},
        options: defaultOptions(),
        implicit: "stack",
    };
}

/**
 * The default provider `pulumi:providers:<pkg>` the engine adds for a package, named after the URN
 * (`default_<major>_<minor>_<patch>`, or `default`). `inputs` are plain values, or wire values
 * (secrets in signature form) from defaultProviderInputs.
 */
export function defaultProviderResource(urn: string, pkg: string, inputs: Record<string, unknown>): EngineResource {
    const wire = plainToWire(inputs) as WireObject;
    return {
        urn,
        type: `pulumi:providers:${pkg}`,
        name: urn.slice(urn.lastIndexOf("::") + 2),
        custom: true,
        parent: "",
        protect: false,
        retainOnDelete: false,
        dependencies: [],
        propertyDependencies: {},
        wireInputs: wire,
        wireOutputs: wire,
        inputs,
        options: defaultOptions(),
        implicit: "default-provider",
    };
}

/** Builds the engine's view of a program run, in registration order. */
export function engineResources(
    captured: CapturedResource[],
    context: {
        stack: string;
        project: string;
        stackUrn: string;
        config: Record<string, string>;
        stackOutputs: Record<string, unknown>;
        /** Config keys holding secure values (their default-provider inputs are secrets). */
        secretKeys?: readonly string[];
    },
): EngineResource[] {
    const result: EngineResource[] = [
        rootStackResource(context.stackUrn, `${context.project}-${context.stack}`, plainToWire(context.stackOutputs) as WireObject),
    ];
    const defaultProviders = new Map<string, string>();
    for (const resource of captured) {
        let providerUrn = resource.provider ? providerUrnOf(resource.provider) : undefined;
        const pkg = packageOf(resource.type);
        if (resource.custom && !providerUrn && pkg !== "pulumi") {
            // One default provider per package and requested version, as the engine keys them.
            const providerKey = `${pkg}@${resource.version ?? ""}`;
            providerUrn = defaultProviders.get(providerKey);
            if (!providerUrn) {
                providerUrn = `urn:pulumi:${context.stack}::${context.project}::pulumi:providers:${pkg}::${defaultProviderName(resource.version)}`;
                defaultProviders.set(providerKey, providerUrn);
                result.push(
                    defaultProviderResource(
                        providerUrn,
                        pkg,
                        defaultProviderInputs(pkg, context.config, resource.version, context.secretKeys ?? []),
                    ),
                );
            }
        }
        result.push({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            custom: resource.custom,
            parent: resource.parent,
            providerUrn: resource.custom ? providerUrn : undefined,
            protect: resource.protect,
            retainOnDelete: resource.retainOnDelete,
            dependencies: resource.dependencies,
            propertyDependencies: resource.propertyDependencies,
            wireInputs: resource.wireInputs,
            wireOutputs: resource.wireOutputs,
            inputs: resource.inputs,
            options: optionsOf(resource, resource.parent),
        });
    }
    return result;
}

/** The provider resource of `resource`, with its inputs, as AnalyzerProviderResource. */
export function providerOf(resource: EngineResource, byUrn: Map<string, EngineResource>): AnalyzerProvider | undefined {
    const provider = resource.providerUrn ? byUrn.get(resource.providerUrn) : undefined;
    if (!provider) {
        return undefined;
    }
    return { urn: provider.urn, type: provider.type, name: provider.name, properties: toAnalyzerProperties(provider.wireInputs) };
}

/** Request for Remediate (internal keys kept) or Analyze (dropped). */
export function resourceRequest(
    resource: EngineResource,
    byUrn: Map<string, EngineResource>,
    properties: WireObject,
    forRemediate: boolean,
): AnalyzerResourceRequest {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        properties: toAnalyzerProperties(properties, forRemediate),
        options: resource.options,
        provider: providerOf(resource, byUrn),
    };
}

/** Resource entry for AnalyzeStack: outputs, parent on the resource, dependencies. */
export function stackResourceRequest(
    resource: EngineResource,
    byUrn: Map<string, EngineResource>,
    outputs: WireObject,
): AnalyzerResourceRequest {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        properties: toAnalyzerProperties(outputs),
        options: resource.options,
        provider: providerOf(resource, byUrn),
        parent: resource.parent,
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
    };
}
