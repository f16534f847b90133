/**
 * A gRPC client for a policy pack's Analyzer service, built on the generated protos that ship
 * with @pulumi/pulumi, sending each request in the shape the Pulumi engine sends it.
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EnforcementLevel, PolicyConfigEntry, PolicyInfo, ResolvedPolicyConfig } from "./policy-config";
import { WireObject } from "./wire";

/** GetAnalyzerInfo, decoded. Policies are sorted by name, as the engine sorts them. */
export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    /** The pack's initialConfig as the engine reads it (a properties-only entry reads as advisory). */
    initialConfig: Record<string, PolicyConfigEntry>;
}

/** AnalyzerResourceOptions as the engine fills them. */
export interface AnalyzerOptions {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace?: boolean;
    aliases: string[];
    customTimeouts: { create: number; update: number; delete: number };
    additionalSecretOutputs: string[];
    /** Parent URN; "" for the root Stack and default providers. */
    parent: string;
}

/** The provider a resource is managed by, with its inputs. */
export interface AnalyzerProvider {
    urn: string;
    type: string;
    name: string;
    properties: WireObject;
}

/** One resource in a request. */
export interface AnalyzerResourceRequest {
    urn: string;
    type: string;
    name: string;
    /** Wire-form properties (already converted with toAnalyzerProperties). */
    properties: WireObject;
    options: AnalyzerOptions;
    provider?: AnalyzerProvider;
    /** AnalyzeStack only. */
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

/** A diagnostic, normalised. `urn` is null for a stack-wide violation. */
export interface PlanDiagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    enforcementLevel: EnforcementLevel;
    /** Exactly as the pack sent it (the SDK prefixes the policy description). */
    message: string;
    /** The message without the description prefix the SDK adds. */
    detail: string;
    urn: string | null;
    severity: "low" | "medium" | "high" | "critical" | "unspecified";
    tags?: string[];
    /** Which call produced it. */
    source: "analyze" | "analyzeStack" | "remediate";
}

/** What a Remediate call returned. */
export interface RemediateResult {
    /** Properties after every remediation, when any policy changed them. */
    properties?: WireObject;
    remediations: { policyName: string; policyPackName: string; changed: boolean; diagnostic?: string }[];
}

/** Thrown when the pack answers an RPC with an error (a policy threw): the engine aborts. */
export class AnalyzerCallError extends Error {
    override name = "AnalyzerCallError";
    constructor(
        readonly method: string,
        readonly code: number,
        details: string,
        readonly urn?: string,
    ) {
        super(`policy pack ${method}${urn ? ` of ${urn}` : ""} failed: ${details}`);
    }
}

const levelFromProto: Record<number, EnforcementLevel> = {
    [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
    [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};
const levelToProto: Record<EnforcementLevel, analyzerPb.EnforcementLevel> = {
    advisory: analyzerPb.EnforcementLevel.ADVISORY,
    mandatory: analyzerPb.EnforcementLevel.MANDATORY,
    disabled: analyzerPb.EnforcementLevel.DISABLED,
    remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};
const severityFromProto: Record<number, PlanDiagnostic["severity"]> = {
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: "unspecified",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerPb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

function decodeLevel(level: number): EnforcementLevel {
    const decoded = levelFromProto[level];
    if (!decoded) {
        throw new Error(`invalid enforcement level ${level}`);
    }
    return decoded;
}

function decodePolicy(policy: analyzerPb.PolicyInfo): PolicyInfo {
    const schema = policy.getConfigschema();
    const framework = policy.getFramework();
    const severity = severityFromProto[policy.getSeverity()];
    const policyType = policy.getPolicyType();
    return {
        name: policy.getName(),
        description: policy.getDescription(),
        enforcementLevel: decodeLevel(policy.getEnforcementlevel()),
        type:
            policyType === analyzerPb.PolicyType.POLICY_TYPE_RESOURCE
                ? "resource"
                : policyType === analyzerPb.PolicyType.POLICY_TYPE_STACK
                  ? "stack"
                  : "unknown",
        severity: severity === "unspecified" ? undefined : severity,
        tags: policy.getTagsList(),
        remediationSteps: policy.getRemediationSteps() || undefined,
        url: policy.getUrl() || undefined,
        framework: framework
            ? {
                  name: framework.getName(),
                  version: framework.getVersion(),
                  reference: framework.getReference(),
                  specification: framework.getSpecification(),
              }
            : undefined,
        configSchema: schema
            ? {
                  properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
                  required: schema.getRequiredList(),
              }
            : undefined,
    };
}

function optionsToProto(options: AnalyzerOptions): analyzerPb.AnalyzerResourceOptions {
    const proto = new analyzerPb.AnalyzerResourceOptions()
        .setProtect(options.protect)
        .setIgnorechangesList(options.ignoreChanges)
        .setDeletebeforereplace(options.deleteBeforeReplace ?? false)
        .setDeletebeforereplacedefined(options.deleteBeforeReplace !== undefined)
        .setAdditionalsecretoutputsList(options.additionalSecretOutputs)
        .setAliasesList(options.aliases)
        .setCustomtimeouts(
            new analyzerPb.AnalyzerResourceOptions.CustomTimeouts()
                .setCreate(options.customTimeouts.create)
                .setUpdate(options.customTimeouts.update)
                .setDelete(options.customTimeouts.delete),
        );
    proto.setParent(options.parent);
    return proto;
}

function providerToProto(provider: AnalyzerProvider): analyzerPb.AnalyzerProviderResource {
    return new analyzerPb.AnalyzerProviderResource()
        .setUrn(provider.urn)
        .setType(provider.type)
        .setName(provider.name)
        .setProperties(Struct.fromJavaScript(provider.properties as Parameters<typeof Struct.fromJavaScript>[0]));
}

function toStruct(properties: WireObject): Struct {
    return Struct.fromJavaScript(properties as Parameters<typeof Struct.fromJavaScript>[0]);
}

function analyzeRequest(resource: AnalyzerResourceRequest): analyzerPb.AnalyzeRequest {
    const request = new analyzerPb.AnalyzeRequest()
        .setUrn(resource.urn)
        .setType(resource.type)
        .setName(resource.name)
        .setProperties(toStruct(resource.properties))
        .setOptions(optionsToProto(resource.options));
    if (resource.provider) {
        request.setProvider(providerToProto(resource.provider));
    }
    return request;
}

function stackResource(resource: AnalyzerResourceRequest): analyzerPb.AnalyzerResource {
    const proto = new analyzerPb.AnalyzerResource()
        .setUrn(resource.urn)
        .setType(resource.type)
        .setName(resource.name)
        .setProperties(toStruct(resource.properties))
        .setOptions(optionsToProto(resource.options))
        .setParent(resource.parent ?? "")
        .setDependenciesList(resource.dependencies ?? []);
    if (resource.provider) {
        proto.setProvider(providerToProto(resource.provider));
    }
    const propertyDependencies = proto.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        // The engine skips properties that have no dependencies.
        if (urns.length > 0) {
            propertyDependencies.set(key, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
    }
    return proto;
}

/** One recorded call, for tests and the protocol trace. */
export interface AnalyzerCall {
    method: "Handshake" | "ConfigureStack" | "GetAnalyzerInfo" | "Configure" | "Remediate" | "Analyze" | "AnalyzeStack";
    urn?: string;
}

/** A connection to one running pack. */
export class AnalyzerConnection {
    private readonly client: analyzerRpc.AnalyzerClient;
    private info?: AnalyzerInfo;
    /** Every call made, in order. Off by default (`record: true` to keep it). */
    readonly calls: AnalyzerCall[] = [];

    constructor(
        readonly address: string,
        private readonly options: { record?: boolean } = {},
    ) {
        this.client = new analyzerRpc.AnalyzerClient(address, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
    }

    private call<Req, Res>(
        method: AnalyzerCall["method"],
        invoke: (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown,
        request: Req,
        urn?: string,
    ): Promise<Res> {
        if (this.options.record) {
            this.calls.push(urn === undefined ? { method } : { method, urn });
        }
        return new Promise<Res>((resolve, reject) =>
            invoke.call(this.client, request, (error, response) =>
                error ? reject(new AnalyzerCallError(method, error.code, error.details || error.message, urn)) : resolve(response),
            ),
        );
    }

    /** Handshake; false when the pack leaves it unimplemented (the engine tolerates that). */
    async handshake(packDir: string, engineAddress: string): Promise<boolean> {
        const request = new analyzerPb.AnalyzerHandshakeRequest()
            .setEngineAddress(engineAddress)
            .setRootDirectory(packDir)
            .setProgramDirectory(packDir);
        try {
            await this.call("Handshake", this.client.handshake, request);
            return true;
        } catch (error) {
            if (error instanceof AnalyzerCallError && error.code === grpc.status.UNIMPLEMENTED) {
                return false;
            }
            throw error;
        }
    }

    async configureStack(stack: {
        stack: string;
        project: string;
        organization: string;
        dryRun: boolean;
        config: Record<string, string>;
        secretKeys: string[];
        tags: Record<string, string>;
    }): Promise<void> {
        const request = new analyzerPb.AnalyzerStackConfigureRequest()
            .setStack(stack.stack)
            .setProject(stack.project)
            .setOrganization(stack.organization)
            .setDryRun(stack.dryRun)
            .setConfigSecretKeysList(stack.secretKeys);
        for (const [key, value] of Object.entries(stack.config)) {
            request.getConfigMap().set(key, value);
        }
        for (const [key, value] of Object.entries(stack.tags)) {
            request.getTagsMap().set(key, value);
        }
        try {
            await this.call("ConfigureStack", this.client.configureStack, request);
        } catch (error) {
            if (!(error instanceof AnalyzerCallError && error.code === grpc.status.UNIMPLEMENTED)) {
                throw error;
            }
        }
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const response = await this.call<Empty, analyzerPb.AnalyzerInfo>("GetAnalyzerInfo", this.client.getAnalyzerInfo, new Empty());
        const initialConfig: Record<string, PolicyConfigEntry> = {};
        response.getInitialconfigMap().forEach((entry, key) => {
            const properties = (entry.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
            initialConfig[key] = { enforcementLevel: decodeLevel(entry.getEnforcementlevel()), properties };
        });
        this.info = {
            name: response.getName(),
            version: response.getVersion(),
            supportsConfig: response.getSupportsconfig(),
            policies: response
                .getPoliciesList()
                .map(decodePolicy)
                .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
            initialConfig,
        };
        return this.info;
    }

    /** Sends the reconciled config; the engine skips the call when there is none. */
    async configure(config: Record<string, ResolvedPolicyConfig>): Promise<void> {
        if (Object.keys(config).length === 0) {
            return;
        }
        const request = new analyzerPb.ConfigureAnalyzerRequest();
        for (const [name, entry] of Object.entries(config)) {
            request
                .getPolicyconfigMap()
                .set(
                    name,
                    new analyzerPb.PolicyConfig()
                        .setEnforcementlevel(levelToProto[entry.enforcementLevel])
                        .setProperties(toStruct(entry.properties as WireObject)),
                );
        }
        await this.call("Configure", this.client.configure, request);
    }

    async remediate(resource: AnalyzerResourceRequest): Promise<RemediateResult> {
        const response = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.RemediateResponse>(
            "Remediate",
            this.client.remediate,
            analyzeRequest(resource),
            resource.urn,
        );
        let properties: WireObject | undefined;
        const remediations = response.getRemediationsList().map((remediation) => {
            const changed = remediation.getProperties();
            if (changed) {
                properties = changed.toJavaScript() as WireObject;
            }
            const diagnostic = remediation.getDiagnostic();
            return {
                policyName: remediation.getPolicyname(),
                policyPackName: remediation.getPolicypackname(),
                changed: changed !== undefined,
                ...(diagnostic ? { diagnostic } : {}),
            };
        });
        return { properties, remediations };
    }

    async analyze(resource: AnalyzerResourceRequest): Promise<PlanDiagnostic[]> {
        const response = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(
            "Analyze",
            this.client.analyze,
            analyzeRequest(resource),
            resource.urn,
        );
        // The engine attributes a diagnostic without a URN to the resource under analysis.
        return response.getDiagnosticsList().map((diagnostic) => this.normalise(diagnostic, "analyze", resource.urn));
    }

    async analyzeStack(resources: AnalyzerResourceRequest[]): Promise<PlanDiagnostic[]> {
        const request = new analyzerPb.AnalyzeStackRequest().setResourcesList(resources.map(stackResource));
        const response = await this.call<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>(
            "AnalyzeStack",
            this.client.analyzeStack,
            request,
        );
        return response.getDiagnosticsList().map((diagnostic) => this.normalise(diagnostic, "analyzeStack", null));
    }

    close(): void {
        this.client.close();
    }

    private normalise(
        diagnostic: analyzerPb.AnalyzeDiagnostic,
        source: PlanDiagnostic["source"],
        fallbackUrn: string | null,
    ): PlanDiagnostic {
        const policy = this.info?.policies.find((candidate) => candidate.name === diagnostic.getPolicyname());
        let severity = severityFromProto[diagnostic.getSeverity()] ?? "unspecified";
        if (severity === "unspecified" && policy?.severity) {
            severity = policy.severity;
        }
        const message = diagnostic.getMessage();
        const description = diagnostic.getDescription();
        const detail = description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
        const result: PlanDiagnostic = {
            policyName: diagnostic.getPolicyname(),
            policyPackName: diagnostic.getPolicypackname(),
            policyPackVersion: diagnostic.getPolicypackversion(),
            enforcementLevel: decodeLevel(diagnostic.getEnforcementlevel()),
            message,
            detail,
            urn: diagnostic.getUrn() || fallbackUrn,
            severity,
            source,
        };
        if (policy && policy.tags.length > 0) {
            result.tags = policy.tags;
        }
        return result;
    }
}
