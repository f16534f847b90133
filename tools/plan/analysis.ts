/**
 * Drives a running pack through the Analyzer calls in the engine's order (ANALYZER.md, "The
 * calls, in order"): Handshake, ConfigureStack, GetAnalyzerInfo, Configure, then Remediate and
 * Analyze per resource in registration order, then AnalyzeStack once.
 */
import { AnalyzerCall, AnalyzerConnection, AnalyzerInfo, PlanDiagnostic } from "./analyzer-client";
import { EngineResource, resourceRequest, stackResourceRequest } from "./engine-view";
import { PolicyConfigEntry, ResolvedPolicyConfig, reconcilePolicyConfig } from "./policy-config";
import { WireObject } from "./wire";

export interface AnalysisOptions {
    stack: string;
    project: string;
    organization?: string;
    /** `pulumi preview` (true) or `pulumi up` (false). */
    dryRun: boolean;
    /** Stack config as the engine sends it (full keys; objects as JSON). */
    config: Record<string, string>;
    secretKeys?: string[];
    /** Stack tags; default: `pulumi:project` and `pulumi:runtime`. */
    tags?: Record<string, string>;
    /** The user's policy config (`--policy-pack-config`), parsed. */
    policyConfig: Record<string, PolicyConfigEntry>;
    /** Keep the call trace (tests). */
    record?: boolean;
    /**
     * `pulumi up`: the first mandatory violation stops the update, so later resources are not
     * analysed and AnalyzeStack is skipped (ANALYZER.md step 6). Default: false (preview runs all).
     */
    stopAtFirstMandatory?: boolean;
    /** Reorders the resources AnalyzeStack receives (the engine ranges over a map; tests shuffle). */
    stackOrder?: <T>(resources: T[]) => T[];
    /** Extra checks of the user's policy config against the pack's policies, before Configure (strict mode). */
    checkPolicyConfig?: (policies: AnalyzerInfo["policies"], config: Record<string, PolicyConfigEntry>) => void;
}

/** One remediation a policy applied (or could not apply) to a resource. */
export interface PlanRemediation {
    urn: string;
    policyName: string;
    changed: boolean;
    diagnostic?: string;
}

export interface AnalysisResult {
    info: AnalyzerInfo;
    /** What Configure sent, per policy. */
    policyConfig: Record<string, ResolvedPolicyConfig>;
    /** True when `stopAtFirstMandatory` stopped the run (AnalyzeStack skipped). */
    stopped: boolean;
    diagnostics: PlanDiagnostic[];
    remediations: PlanRemediation[];
    calls: AnalyzerCall[];
    /** Milliseconds spent in per-resource calls and in AnalyzeStack. */
    timings: { setup: number; resources: number; stack: number };
}

/** A configured pack connection: steps 1-4 of the call sequence done, ready for the resources. */
export interface AnalysisSession {
    connection: AnalyzerConnection;
    info: AnalyzerInfo;
    /** What Configure sent, per policy. */
    policyConfig: Record<string, ResolvedPolicyConfig>;
    /** Milliseconds spent in Handshake to Configure. */
    setup: number;
}

/**
 * Handshake, ConfigureStack, GetAnalyzerInfo and Configure: what the engine does when it loads the
 * pack, before any resource is analysed (so it can run while the program runs). Closes the
 * connection if a step fails.
 */
export async function openAnalysis(
    pack: { address: string; packDir: string; engineAddress?: string },
    options: AnalysisOptions,
): Promise<AnalysisSession> {
    const connection = new AnalyzerConnection(pack.address, { record: options.record });
    try {
        const setupStart = performance.now();
        await connection.handshake(pack.packDir, pack.engineAddress ?? "");
        await connection.configureStack({
            stack: options.stack,
            project: options.project,
            organization: options.organization ?? "organization",
            dryRun: options.dryRun,
            config: options.config,
            secretKeys: options.secretKeys ?? [],
            tags: options.tags ?? { "pulumi:project": options.project, "pulumi:runtime": "nodejs" },
        });
        const info = await connection.getAnalyzerInfo();
        options.checkPolicyConfig?.(info.policies, options.policyConfig);
        const policyConfig = reconcilePolicyConfig(info.policies, info.initialConfig, options.policyConfig);
        await connection.configure(policyConfig);
        return { connection, info, policyConfig, setup: performance.now() - setupStart };
    } catch (error) {
        connection.close();
        throw error;
    }
}

/** Runs the whole Analyzer sequence over `resources` against the pack at `pack.address`. */
export async function analyzeWithPack(
    pack: { address: string; packDir: string; engineAddress?: string },
    resources: EngineResource[],
    options: AnalysisOptions,
): Promise<AnalysisResult> {
    return analyzeResources(await openAnalysis(pack, options), resources, options);
}

/**
 * Resources as a program registers them: `resources` yields each in registration order as soon as
 * it is known (the engine analyses a resource when it is registered, while the program runs);
 * `final` is the whole list with every output, once the program is done (for AnalyzeStack).
 */
export interface ResourceStream {
    resources: AsyncIterable<EngineResource>;
    final: Promise<EngineResource[]>;
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
    yield* items;
}

/** Steps 5 and 6 (Remediate and Analyze per resource, then AnalyzeStack) on an open session; closes it. */
export async function analyzeResources(
    session: AnalysisSession,
    given: EngineResource[] | ResourceStream,
    options: AnalysisOptions,
): Promise<AnalysisResult> {
    const { connection, info, policyConfig, setup } = session;
    const source: ResourceStream = Array.isArray(given) ? { resources: each(given), final: Promise.resolve(given) } : given;
    try {
        const byUrn = new Map(Array.isArray(given) ? given.map((resource) => [resource.urn, resource]) : []);
        const diagnostics: PlanDiagnostic[] = [];
        const remediations: PlanRemediation[] = [];
        const finalInputs = new Map<string, WireObject>();
        const resourcesStart = performance.now();
        let stopped = false;
        for await (const resource of source.resources) {
            byUrn.set(resource.urn, resource);
            let inputs = resource.wireInputs;
            const remediated = await connection.remediate(resourceRequest(resource, byUrn, inputs, true));
            if (remediated.properties) {
                inputs = remediated.properties;
                finalInputs.set(resource.urn, inputs);
            }
            for (const remediation of remediated.remediations) {
                remediations.push({ urn: resource.urn, ...remediation });
                if (remediation.diagnostic) {
                    const policy = info.policies.find((candidate) => candidate.name === remediation.policyName);
                    diagnostics.push({
                        policyName: remediation.policyName,
                        policyPackName: remediation.policyPackName,
                        policyPackVersion: info.version,
                        enforcementLevel: "advisory",
                        message: remediation.diagnostic,
                        detail: remediation.diagnostic,
                        urn: resource.urn,
                        severity: policy?.severity ?? "unspecified",
                        ...(policy && policy.tags.length > 0 ? { tags: policy.tags } : {}),
                        source: "remediate",
                    });
                }
            }
            const found = await connection.analyze(resourceRequest(resource, byUrn, inputs, false));
            diagnostics.push(...found);
            if (options.stopAtFirstMandatory && found.some((diagnostic) => diagnostic.enforcementLevel === "mandatory")) {
                stopped = true;
                break;
            }
        }
        const resourcesTime = performance.now() - resourcesStart;

        const resources = await source.final;
        const stackStart = performance.now();
        if (!stopped) {
            const all = new Map(resources.map((resource) => [resource.urn, resource]));
            const stackResources = resources.map((resource) => {
                const remediatedInputs = finalInputs.get(resource.urn);
                const outputs = remediatedInputs ? { ...resource.wireOutputs, ...remediatedInputs } : resource.wireOutputs;
                return stackResourceRequest(resource, all, outputs);
            });
            diagnostics.push(...(await connection.analyzeStack(options.stackOrder ? options.stackOrder(stackResources) : stackResources)));
        }
        const stack = performance.now() - stackStart;

        return {
            info,
            policyConfig,
            stopped,
            diagnostics,
            remediations,
            calls: connection.calls,
            timings: { setup, resources: resourcesTime, stack },
        };
    } finally {
        connection.close();
    }
}
