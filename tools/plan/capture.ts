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
 * response (URN, id, outputs) is known. Call after `pulumi.runtime.setMocks`.
 */
export function captureRegistrations(translator: UrnTranslator): CapturedResource[] {
    const captured: CapturedResource[] = [];
    const monitor = (pulumi.runtime as unknown as { getMonitor(): MonitorLike }).getMonitor();
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request: RegisterRequest, callback: Callback) =>
        original(request, (error, response) => {
            if (!error && response) {
                captured.push(toCaptured(request, response, translator));
            }
            callback(error, response);
        });
    return captured;
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
    const wireInputs = (inputStruct?.toJavaScript() ?? {}) as Record<string, unknown>;
    const provider = request.getProvider();
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
        wireOutputs: (response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        id: request.getCustom() ? response.getId() : undefined,
        version: request.getVersion() || undefined,
    };
}
