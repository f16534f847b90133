/**
 * Captures every resource a Pulumi program registers under the SDK's mock runtime, at the level
 * of the full RegisterResource request (type, name, parent, custom, protect, retainOnDelete,
 * dependencies, provider, serialised inputs): the mocks' `newResource` alone sees less.
 *
 * The mock monitor invents URNs from the parent's last type only; the engine joins every
 * ancestor type with `$` (see ANALYZER.md). Captured resources carry the engine's URN form,
 * and every reference (parent, provider, dependency) is translated to it.
 */
import * as pulumi from "@pulumi/pulumi";

/** A resource as the engine would see it after the program registered it. */
export interface CapturedResource {
    /** Engine-form URN: `urn:pulumi:<stack>::<project>::<ancestor types $-joined>$<type>::<name>`. */
    urn: string;
    type: string;
    name: string;
    /** false for component resources. */
    custom: boolean;
    /** Engine-form URN of the parent; the root Stack resource for top-level resources. */
    parent: string;
    /** Engine-form provider reference `<provider urn>::<id>` when the resource names one explicitly. */
    provider?: string;
    protect: boolean;
    retainOnDelete: boolean;
    /** Engine-form URNs this resource waits for (explicit dependsOn and inputs' resources). */
    dependencies: string[];
    /** Per input property, the engine-form URNs it depends on. */
    propertyDependencies: Record<string, string[]>;
    /** Inputs exactly as serialised on the wire (secrets, unknowns and resource refs in signature form). */
    wireInputs: Record<string, unknown>;
    /** Inputs deserialised into plain values (for reports and assertions). */
    inputs: Record<string, unknown>;
    /** Outputs the mocks returned (wire form), for AnalyzeStack. */
    wireOutputs: Record<string, unknown>;
    /** Physical id the mocks returned (custom resources only). */
    id?: string;
    /** Requested provider plugin version (from the SDK), if any. */
    version?: string;
    /** `ignoreChanges` resource option. */
    ignoreChanges?: string[];
    /** `additionalSecretOutputs` resource option. */
    additionalSecretOutputs?: string[];
    /** `deleteBeforeReplace` resource option, when the program set it. */
    deleteBeforeReplace?: boolean;
    /** `customTimeouts` in seconds, as the engine converts them for the Analyzer (0 when unset). */
    customTimeouts?: { create: number; update: number; delete: number };
}

/** The parts of the generated RegisterResourceRequest the capture reads. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProtect(): boolean;
    getRetainondelete(): boolean | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
    getVersion(): string;
    getObject(): WireStruct | undefined;
    getPropertydependenciesMap(): { forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getIgnorechangesList?(): string[];
    getAdditionalsecretoutputsList?(): string[];
    getDeletebeforereplace?(): boolean;
    getDeletebeforereplacedefined?(): boolean;
    getCustomtimeouts?(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}

interface RegisterOutputsRequest {
    getUrn(): string;
    getOutputs(): WireStruct | undefined;
}

/** google.protobuf.Struct as the SDK's generated code exposes it. */
type WireStruct = Parameters<typeof pulumi.runtime.deserializeProperties>[0];

interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): WireStruct | undefined;
}

type Callback = (error: unknown, response?: RegisterResponse) => void;

interface MonitorLike {
    registerResource(request: RegisterRequest, callback: Callback): Promise<void> | void;
    registerResourceOutputs?(request: RegisterOutputsRequest, callback: (error: unknown, response?: unknown) => void): void;
}

/**
 * Go's `time.ParseDuration` subset the engine applies to `customTimeouts` ("5m", "1h30m", "90s"),
 * in seconds; empty or unparsable strings are 0, as the engine sends for unset timeouts.
 */
export function durationSeconds(text: string | undefined): number {
    if (!text) {
        return 0;
    }
    const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, µs: 0.000001, ns: 0.000000001 };
    let total = 0;
    let rest = text.trim();
    while (rest.length > 0) {
        const match = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/.exec(rest);
        if (!match) {
            return 0;
        }
        total += Number(match[1]) * units[match[2]!]!;
        rest = rest.slice(match[0].length);
    }
    return total;
}

/** Turns a mock URN's type part into the engine's qualified type chain. */
export class UrnTranslator {
    private readonly qualifiedTypeByMockUrn = new Map<string, string>();
    private readonly realUrnByMockUrn = new Map<string, string>();

    constructor(
        readonly stack: string,
        readonly project: string,
    ) {}

    /** URN of the root Stack resource the engine adds (never registered under mocks). */
    get stackUrn(): string {
        return `urn:pulumi:${this.stack}::${this.project}::pulumi:pulumi:Stack::${this.project}-${this.stack}`;
    }

    record(mockUrn: string, mockParent: string, type: string, name: string): string {
        const parentChain = mockParent ? this.qualifiedTypeByMockUrn.get(mockParent) : undefined;
        const qualifiedType = parentChain ? `${parentChain}$${type}` : type;
        const urn = `urn:pulumi:${this.stack}::${this.project}::${qualifiedType}::${name}`;
        this.qualifiedTypeByMockUrn.set(mockUrn, qualifiedType);
        this.realUrnByMockUrn.set(mockUrn, urn);
        return urn;
    }

    real(mockUrn: string): string {
        return this.realUrnByMockUrn.get(mockUrn) ?? mockUrn;
    }

    /** Provider references are `<urn>::<id>`; the URN itself contains `::`, so split at the last one. */
    realProviderReference(reference: string): string {
        const split = reference.lastIndexOf("::");
        if (split < 0) {
            return reference;
        }
        return `${this.real(reference.slice(0, split))}::${reference.slice(split + 2)}`;
    }
}

/**
 * Wraps the active mock monitor so that every RegisterResource request is recorded once its
 * response (URN, id, outputs) is known. Call after `pulumi.runtime.setMocks`. `onRegistered` hears
 * of each response with its request's sequence number (undefined resource for a failed one).
 */
export function captureRegistrations(
    translator: UrnTranslator,
    onRegistered?: (resource: CapturedResource | undefined, sequence: number) => void,
): CapturedResource[] {
    const captured: CapturedResource[] = [];
    // The engine sees resources in the order their requests arrive; responses may come back in
    // another order, so each capture is placed by its request's sequence number.
    const sequenceOf = new WeakMap<CapturedResource, number>();
    let nextSequence = 0;
    const monitor = (pulumi.runtime as unknown as { getMonitor(): MonitorLike }).getMonitor();
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request: RegisterRequest, callback: Callback) => {
        const sequence = nextSequence++;
        return original(request, (error, response) => {
            if (!error && response) {
                const resource = toCaptured(request, response, translator);
                sequenceOf.set(resource, sequence);
                let index = captured.length;
                while (index > 0 && sequenceOf.get(captured[index - 1]!)! > sequence) {
                    index--;
                }
                captured.splice(index, 0, resource);
                onRegistered?.(resource, sequence);
            } else {
                onRegistered?.(undefined, sequence);
            }
            callback(error, response);
        });
    };
    // Components report their outputs after construction; the engine hands them to AnalyzeStack.
    const registerOutputs = monitor.registerResourceOutputs?.bind(monitor);
    if (registerOutputs) {
        monitor.registerResourceOutputs = (request, callback) => {
            const resource = captured.find((candidate) => candidate.urn === translator.real(request.getUrn()));
            if (resource && !resource.custom) {
                resource.wireOutputs = translateResourceReferences(request.getOutputs()?.toJavaScript() ?? {}, translator) as Record<
                    string,
                    unknown
                >;
            }
            registerOutputs(request, callback);
        };
    }
    return captured;
}

/** Wire signature of a resource reference (`@pulumi/pulumi/runtime/rpc` specialResourceSig). */
const resourceReferenceSig = "5cf8f73096256a8f31e491e813e4eb8e";
const sigKey = "4dabf18193072939515e22adb298388d";

/** Rewrites the mock URNs inside serialised resource references to the engine's URN form. */
function translateResourceReferences(value: unknown, translator: UrnTranslator): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => translateResourceReferences(item, translator));
    }
    if (value && typeof value === "object") {
        const object = value as Record<string, unknown>;
        const translated: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(object)) {
            translated[key] = translateResourceReferences(item, translator);
        }
        if (object[sigKey] === resourceReferenceSig && typeof object.urn === "string") {
            translated.urn = translator.real(object.urn);
        }
        return translated;
    }
    return value;
}

function toCaptured(request: RegisterRequest, response: RegisterResponse, translator: UrnTranslator): CapturedResource {
    const type = request.getType();
    const name = request.getName();
    const mockParent = request.getParent();
    const urn = translator.record(response.getUrn(), mockParent, type, name);
    const propertyDependencies: Record<string, string[]> = {};
    request.getPropertydependenciesMap().forEach((value, key) => {
        propertyDependencies[key] = value.getUrnsList().map((dependency) => translator.real(dependency));
    });
    const inputStruct = request.getObject();
    const wireInputs = translateResourceReferences(inputStruct?.toJavaScript() ?? {}, translator) as Record<string, unknown>;
    const provider = request.getProvider();
    const timeouts = request.getCustomtimeouts?.();
    return {
        urn,
        type,
        name,
        custom: request.getCustom(),
        parent: mockParent ? translator.real(mockParent) : translator.stackUrn,
        provider: provider ? translator.realProviderReference(provider) : undefined,
        protect: request.getProtect(),
        retainOnDelete: request.getRetainondelete() ?? false,
        dependencies: request.getDependenciesList().map((dependency) => translator.real(dependency)),
        propertyDependencies,
        wireInputs,
        inputs: inputStruct ? (pulumi.runtime.deserializeProperties(inputStruct) as Record<string, unknown>) : {},
        wireOutputs: translateResourceReferences(response.getObject()?.toJavaScript() ?? {}, translator) as Record<string, unknown>,
        id: request.getCustom() ? response.getId() : undefined,
        version: request.getVersion() || undefined,
        ignoreChanges: request.getIgnorechangesList?.() ?? [],
        additionalSecretOutputs: request.getAdditionalsecretoutputsList?.() ?? [],
        deleteBeforeReplace: request.getDeletebeforereplacedefined?.() ? (request.getDeletebeforereplace?.() ?? false) : undefined,
        customTimeouts: {
            create: durationSeconds(timeouts?.getCreate()),
            update: durationSeconds(timeouts?.getUpdate()),
            delete: durationSeconds(timeouts?.getDelete()),
        },
    };
}
