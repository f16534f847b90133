/**
 * `planProgram`: the offline plan as a library function. Runs a program under the mock runtime,
 * captures what it registers, and sends it through a policy pack over the Analyzer protocol in
 * the engine's order. Platform teams call it from their own tests:
 *
 * ```ts
 * const plan = await planProgram(myProgram, { stack: "dev", config: { "aws:region": "eu-west-1" } });
 * expect(plan.summary.mandatory).toBe(0);
 * ```
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerCall, PlanDiagnostic } from "./analyzer-client";
import { AnalysisOptions, AnalysisResult, PlanRemediation, analyzeResources, openAnalysis } from "./analysis";
import { ControlCompliance, computeCompliance, loadCatalogue, loadPolicyResourceTypes } from "./compliance";
import { EngineResource, EngineViewBuilder, RegistrationStream, engineResources } from "./engine-view";
import { PackProcess, startPackProcess } from "./pack-process";
import { BaselineConfig, parseStackConfigMap } from "../../infra/config";
import { packConfigDisagreements } from "../pack-config/agreement";
import { policyConfigWarnings, strictPolicyConfigProblems, weakPackWarnings } from "../pack-config/validate";
import {
    PolicyConfigEntry,
    PolicyConfigError,
    PolicyInfo,
    ResolvedPolicyConfig,
    loadPolicyConfigFile,
    parsePolicyConfig,
} from "./policy-config";
import { UrnTranslator } from "./capture";
import { runProgramUnderMocks } from "./run-program";
import { projectName } from "./stack-config";
import { toAnalyzerProperties, wireToDisplay } from "./wire";

/**
 * The package root: the nearest folder above this file that holds the baseline pack. From the
 * sources that is the repository; from the compiled package (`dist/tools/plan`) it is the
 * installed package, whose `files` include the pack.
 */
export const repoRoot = findPackageRoot(__dirname);

function findPackageRoot(start: string): string {
    for (let folder = start; ; folder = path.dirname(folder)) {
        if (fs.existsSync(path.join(folder, "policypacks", "baseline", "PulumiPolicy.yaml"))) {
            return folder;
        }
        if (path.dirname(folder) === folder) {
            return path.resolve(start, "..", "..");
        }
    }
}

/**
 * The baseline policy pack shipped with the package (`<package>/policypacks/baseline`): its
 * configs are `path.join(baselinePackDir, "config", "<stack>.json")`.
 */
export const baselinePackDir = path.join(repoRoot, "policypacks", "baseline");

/** The control catalogue the compliance table is computed from; its absence is an error, not an empty table. */
function requireCatalogue(root: string): string {
    const file = path.join(root, "controls", "catalogue.md");
    if (!fs.existsSync(file)) {
        throw new Error(
            `the control catalogue ${file} is missing, so no compliance table can be computed; the package ships it (package.json files)`,
        );
    }
    return root;
}

/** An opt-out the program declares in its `optOuts` output. */
export interface OptOut {
    key: string;
    weakens: string[];
    detail: string;
}

export interface PlanOptions {
    stack: string;
    /** Default: `name` from Pulumi.yaml. */
    project?: string;
    /** Full config keys to string values (objects as JSON), as in `pulumi config`. */
    config?: Record<string, string>;
    secretKeys?: string[];
    /** Default: policypacks/baseline. */
    policyPackDir?: string;
    /**
     * Policy config as a parsed object or a JSON file path (a relative path resolves against the
     * current directory, as Node.js resolves it; for the shipped configs pass
     * `path.join(baselinePackDir, "config", "<stack>.json")`); default: `<pack>/config/<stack>.json`
     * when it exists.
     */
    policyConfig?: Record<string, unknown> | string;
    /** Run as `pulumi preview` of a new stack (outputs unknown). */
    preview?: boolean;
    /** Reuse a running pack (its config is replaced by this plan's Configure). */
    packProcess?: PackProcess;
    /** Keep the Analyzer call trace in `calls`. */
    record?: boolean;
    /** AWS account the default mocks put in ARNs (the stack's own, so ARNs in pack config match). */
    accountId?: string;
    /** Mocks for the program run (default: realistic AWS/Kubernetes mocks). */
    mocks?: Parameters<typeof runProgramUnderMocks>[1]["mocks"];
    /**
     * Run as `pulumi up` does: the first mandatory violation stops the update, later resources are
     * not analysed and AnalyzeStack is skipped. Default: false (every resource, then AnalyzeStack).
     */
    up?: boolean;
    /**
     * Check the pack config strictly (unknown policies and properties, exemptions) and, when the
     * stack config holds `baseline:*` keys, its agreement with the stack config. Default: true.
     */
    strict?: boolean;
    /** Exit 1 when the pack is disabled, or in crawl mode for prod (the plan's warnings). Default: false. */
    failOnWeakPack?: boolean;
    /** Reorders the resources AnalyzeStack receives (tests shuffle them: the engine's order is a map's). */
    stackOrder?: <T>(resources: T[]) => T[];
}

/** A resource of the plan, as the engine sees it. */
export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string | null;
    provider: string | null;
    protect: boolean;
    retainOnDelete: boolean;
    dependencies: string[];
    /** Inputs as the pack sees them: `__` keys dropped, secrets shown as "[secret]", unknowns as "[unknown]". */
    inputs: Record<string, unknown>;
    /** Set for the resources the engine adds (root Stack, default providers). */
    implicit?: "stack" | "default-provider";
}

export interface PlanSummary {
    resources: number;
    mandatory: number;
    advisory: number;
    /** 0 without mandatory violations, 1 with any (or with a weak pack under `failOnWeakPack`). */
    exitCode: 0 | 1;
}

export interface PlanResult {
    stack: string;
    project: string;
    preview: boolean;
    policyPack: { name: string; version: string; dir: string };
    policies: PolicyInfo[];
    /** What Configure sent, per policy. */
    policyConfig: Record<string, ResolvedPolicyConfig>;
    resources: PlanResource[];
    outputs: Record<string, unknown>;
    optOuts: OptOut[];
    diagnostics: PlanDiagnostic[];
    remediations: PlanRemediation[];
    compliance: ControlCompliance[];
    /** One line each, starting with "WARNING:": a disabled pack, crawl mode in prod, exemptions naming nothing. */
    warnings: string[];
    /** True when `up` stopped at a mandatory violation (AnalyzeStack skipped, as `pulumi up` does). */
    stopped: boolean;
    summary: PlanSummary;
    /**
     * Milliseconds: program run under mocks, capture to engine form, pack analysis after the program
     * (the pack's start-up and configuration overlap the program run; `packStartup` is its own length).
     */
    timings: { program: number; capture: number; analysis: number; packStartup?: number };
    calls: AnalyzerCall[];
}

function resolvePolicyConfig(
    option: PlanOptions["policyConfig"],
    packDir: string,
    stack: string,
): { entries: Record<string, PolicyConfigEntry>; source: string } {
    if (option === undefined) {
        const file = path.join(packDir, "config", `${stack}.json`);
        return { entries: fs.existsSync(file) ? loadPolicyConfigFile(file) : {}, source: path.relative(process.cwd(), file) || file };
    }
    return typeof option === "string"
        ? { entries: loadPolicyConfigFile(option), source: option }
        : { entries: parsePolicyConfig(option), source: "policy config" };
}

/** The validated stack config when `config` holds baseline keys and parses; else undefined (the program reports why). */
function baselineConfigOf(config: Record<string, string>, stack: string): BaselineConfig | undefined {
    if (config["baseline:environment"] === undefined) {
        return undefined;
    }
    try {
        return parseStackConfigMap(config, stack);
    } catch {
        return undefined;
    }
}

/** Reads the program's `optOuts` output, tolerating its absence. */
export function optOutsOf(outputs: Record<string, unknown>): OptOut[] {
    const raw = outputs.optOuts;
    if (!Array.isArray(raw)) {
        return [];
    }
    return raw
        .filter((entry): entry is Record<string, unknown> => entry !== null && typeof entry === "object")
        .map((entry) => ({
            key: String(entry.key ?? ""),
            weakens: Array.isArray(entry.weakens) ? entry.weakens.map(String) : [],
            detail: String(entry.detail ?? ""),
        }));
}

function toPlanResource(resource: EngineResource): PlanResource {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        custom: resource.custom,
        parent: resource.parent || null,
        provider: resource.providerUrn ?? null,
        protect: resource.protect,
        retainOnDelete: resource.retainOnDelete,
        dependencies: resource.dependencies,
        inputs: wireToDisplay(toAnalyzerProperties(resource.wireInputs)) as Record<string, unknown>,
        ...(resource.implicit ? { implicit: resource.implicit } : {}),
    };
}

/** Plans `program` for one stack through the policy pack. Throws what the program throws. */
export async function planProgram(program: () => unknown, options: PlanOptions): Promise<PlanResult> {
    const project = options.project ?? projectName(repoRoot);
    const packDir = path.resolve(options.policyPackDir ?? baselinePackDir);
    const config = options.config ?? {};
    const { entries: userPolicyConfig, source: policyConfigSource } = resolvePolicyConfig(options.policyConfig, packDir, options.stack);
    const preview = options.preview ?? false;
    const strict = options.strict ?? true;
    const stackConfig = baselineConfigOf(config, options.stack);
    if (strict && stackConfig) {
        const disagreements = packConfigDisagreements(stackConfig, userPolicyConfig, policyConfigSource);
        if (disagreements.length > 0) {
            throw new PolicyConfigError(disagreements);
        }
    }

    const analysisOptions: AnalysisOptions = {
        stack: options.stack,
        project,
        dryRun: preview,
        config,
        secretKeys: options.secretKeys,
        policyConfig: userPolicyConfig,
        record: options.record,
        stopAtFirstMandatory: options.up,
        stackOrder: options.stackOrder,
        checkPolicyConfig: strict
            ? (policies, given) => {
                  const problems = strictPolicyConfigProblems(policies, given, { source: policyConfigSource });
                  if (problems.length > 0) {
                      throw new PolicyConfigError(problems);
                  }
              }
            : undefined,
    };
    // The engine loads and configures the pack before it analyses the first resource: start the
    // pack process and run Handshake..Configure while the program runs (the pack is a separate
    // process, so its start-up overlaps the program instead of following it).
    const packPromise = options.packProcess ? Promise.resolve(options.packProcess) : startPackProcess(packDir);
    const sessionPromise = packPromise.then((pack) => openAnalysis({ address: pack.address, packDir: pack.packDir }, analysisOptions));
    // Handled below; without these a failure during the program run would count as the program's.
    packPromise.catch(() => undefined);
    sessionPromise.catch(() => undefined);
    const closeOnError = async () => {
        const session = await sessionPromise.catch(() => undefined);
        session?.connection.close();
        if (!options.packProcess) {
            await (await packPromise.catch(() => undefined))?.close();
        }
    };

    // Resources are analysed as the program registers them, as the engine does (Remediate and
    // Analyze at registration, AnalyzeStack once the program is done), so the pack works while the
    // program runs.
    const viewContext = { stack: options.stack, project, stackUrn: "", config, secretKeys: options.secretKeys };
    const stream = new RegistrationStream(
        new EngineViewBuilder({ ...viewContext, stackUrn: new UrnTranslator(options.stack, project).stackUrn }),
    );
    let resolveFinal!: (resources: EngineResource[]) => void;
    let rejectFinal!: (error: unknown) => void;
    const final = new Promise<EngineResource[]>((resolve, reject) => {
        resolveFinal = resolve;
        rejectFinal = reject;
    });
    final.catch(() => undefined);
    const analysisPromise = sessionPromise.then((session) => analyzeResources(session, { resources: stream, final }, analysisOptions));
    analysisPromise.catch(() => undefined);

    const programStart = performance.now();
    let run: Awaited<ReturnType<typeof runProgramUnderMocks>>;
    try {
        run = await runProgramUnderMocks(program, {
            project,
            stack: options.stack,
            config,
            secretKeys: options.secretKeys,
            preview,
            mocks: options.mocks,
            accountId: options.accountId,
            onRegistered: stream.onRegistered,
        });
    } catch (error) {
        stream.end([]);
        rejectFinal(error);
        await analysisPromise.catch(() => undefined);
        await closeOnError();
        throw error;
    }
    const programTime = performance.now() - programStart;

    const captureStart = performance.now();
    const resources = engineResources(run.resources, { ...viewContext, stackUrn: run.stackUrn, stackOutputs: run.outputs });
    stream.end(resources);
    resolveFinal(resources);
    const captureTime = performance.now() - captureStart;

    const analysisStart = performance.now();
    let pack: PackProcess;
    let analysis: AnalysisResult;
    try {
        pack = await packPromise;
    } catch (error) {
        await closeOnError();
        throw error;
    }
    try {
        analysis = await analysisPromise;
    } catch (error) {
        if (pack.exited()) {
            const { PackProcessError } = await import("./pack-process");
            throw new PackProcessError(`the policy pack exited during analysis: ${(error as Error).message}`, pack.stderr());
        }
        throw error;
    } finally {
        if (!options.packProcess) {
            await pack.close();
        }
    }
    const analysisTime = performance.now() - analysisStart;

    const mandatory = analysis.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory").length;
    const advisory = analysis.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "advisory").length;
    const optOuts = optOutsOf(run.outputs);
    const production =
        stackConfig?.environment === "prod" || analysis.policyConfig["production-resources-protected"]?.properties.production === true;
    const warnings = policyConfigWarnings({ policies: analysis.info.policies, policyConfig: analysis.policyConfig, resources, production });
    const weakPack = weakPackWarnings({ policies: analysis.info.policies, policyConfig: analysis.policyConfig, production }).length > 0;
    const compliance = computeCompliance({
        optOuts,
        catalogue: loadCatalogue(requireCatalogue(repoRoot)),
        policies: analysis.info.policies,
        policyConfig: analysis.policyConfig,
        diagnostics: analysis.diagnostics,
        resources,
        resourceTypesByPolicy: loadPolicyResourceTypes(packDir),
    });
    return {
        stack: options.stack,
        project,
        preview,
        policyPack: { name: analysis.info.name, version: analysis.info.version, dir: packDir },
        policies: analysis.info.policies,
        policyConfig: analysis.policyConfig,
        resources: resources.map(toPlanResource),
        outputs: run.outputs,
        optOuts,
        diagnostics: analysis.diagnostics,
        remediations: analysis.remediations,
        compliance,
        warnings,
        stopped: analysis.stopped,
        summary: {
            resources: resources.length,
            mandatory,
            advisory,
            exitCode: mandatory > 0 || (options.failOnWeakPack === true && weakPack) ? 1 : 0,
        },
        timings: {
            program: programTime,
            capture: captureTime,
            analysis: analysisTime,
            ...(options.packProcess ? {} : { packStartup: pack.startupMs }),
        },
        calls: analysis.calls,
    };
}
