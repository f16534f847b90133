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

/** What the engine view needs besides the captured resources. */
export interface EngineViewContext {
    stack: string;
    project: string;
    stackUrn: string;
    config: Record<string, string>;
    /** Config keys holding secure values (their default-provider inputs are secrets). */
    secretKeys?: readonly string[];
}

/**
 * Builds the engine's view one registration at a time, as the engine sees them arrive: the root
 * Stack first, then each resource, preceded by its package's default provider the first time the
 * package is used. The offline plan analyses resources as they come, while the program runs.
 */
export class EngineViewBuilder {
    private readonly defaultProviders = new Map<string, string>();

    constructor(private readonly context: EngineViewContext) {}

    /** The root `pulumi:pulumi:Stack` (its outputs are the program's, known only at the end). */
    root(stackOutputs: Record<string, unknown> = {}): EngineResource {
        return rootStackResource(
            this.context.stackUrn,
            `${this.context.project}-${this.context.stack}`,
            plainToWire(stackOutputs) as WireObject,
        );
    }

    /** The engine resources one captured registration adds: its default provider when new, then itself. */
    add(resource: CapturedResource): EngineResource[] {
        const { context } = this;
        const result: EngineResource[] = [];
        let providerUrn = resource.provider ? providerUrnOf(resource.provider) : undefined;
        const pkg = packageOf(resource.type);
        if (resource.custom && !providerUrn && pkg !== "pulumi") {
            // One default provider per package and requested version, as the engine keys them.
            const providerKey = `${pkg}@${resource.version ?? ""}`;
            providerUrn = this.defaultProviders.get(providerKey);
            if (!providerUrn) {
                providerUrn = `urn:pulumi:${context.stack}::${context.project}::pulumi:providers:${pkg}::${defaultProviderName(resource.version)}`;
                this.defaultProviders.set(providerKey, providerUrn);
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
        return result;
    }
}

/** Builds the engine's view of a program run, in registration order. */
export function engineResources(
    captured: CapturedResource[],
    context: EngineViewContext & { stackOutputs: Record<string, unknown> },
): EngineResource[] {
    const builder = new EngineViewBuilder(context);
    return [builder.root(context.stackOutputs), ...captured.flatMap((resource) => builder.add(resource))];
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

/**
 * The engine resources of a running program, in registration order, as they become known:
 * registrations complete out of order, so each is held until every earlier request has answered
 * (a failed one counts as answered). `end` adds whatever the final list holds that was not
 * streamed (a registration that never answered) and ends the stream.
 */
export class RegistrationStream implements AsyncIterable<EngineResource> {
    private readonly ready: EngineResource[] = [];
    private readonly pending = new Map<number, CapturedResource | undefined>();
    private readonly streamed = new Set<string>();
    private next = 0;
    private done = false;
    private wake: (() => void) | undefined;

    constructor(private readonly builder: EngineViewBuilder) {
        this.push([builder.root()]);
    }

    /** Hook for runProgramUnderMocks' `onRegistered`. */
    readonly onRegistered = (resource: CapturedResource | undefined, sequence: number): void => {
        this.pending.set(sequence, resource);
        while (this.pending.has(this.next)) {
            const captured = this.pending.get(this.next);
            this.pending.delete(this.next);
            this.next++;
            if (captured) {
                this.push(this.builder.add(captured));
            }
        }
    };

    /** Ends the stream; `final` is the complete list (resources not streamed yet follow, in its order). */
    end(final: readonly EngineResource[]): void {
        this.push(final.filter((resource) => !this.streamed.has(resource.urn)));
        this.done = true;
        this.wake?.();
    }

    private push(resources: EngineResource[]): void {
        for (const resource of resources) {
            this.streamed.add(resource.urn);
            this.ready.push(resource);
        }
        this.wake?.();
    }

    async *[Symbol.asyncIterator](): AsyncGenerator<EngineResource> {
        for (;;) {
            const resource = this.ready.shift();
            if (resource) {
                yield resource;
            } else if (this.done) {
                return;
            } else {
                await new Promise<void>((resolve) => (this.wake = resolve));
                this.wake = undefined;
            }
        }
    }
}
