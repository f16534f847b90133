/**
 * The pack over the Analyzer protocol vs the no-op floor vs the same policies in-process, on a
 * generated stack; growth from small to large; start-up and peak memory of the pack process.
 */
import * as path from "node:path";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { analyzeWithPack } from "../tools/plan/analysis";
import { EngineResource } from "../tools/plan/engine-view";
import { ensurePackBuilt } from "../tools/plan/ensure-pack-built";
import { startPackProcess } from "../tools/plan/pack-process";
import { ResolvedPolicyConfig } from "../tools/plan/policy-config";
import { generateStack } from "./generate-stack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(value: T): T };

export interface ProtocolRun {
    resources: number;
    /** Per-resource Remediate+Analyze plus AnalyzeStack, ms. */
    totalMs: number;
    stackMs: number;
    mandatory: number;
    peakRssMiB?: number;
    startupMs: number;
    policyConfig: Record<string, ResolvedPolicyConfig>;
}

/** Starts the pack as the CLI does and runs the full call sequence over `resources`. */
export async function runOverProtocol(packDir: string, resources: EngineResource[]): Promise<ProtocolRun> {
    const pack = await startPackProcess(packDir);
    try {
        const analysis = await analyzeWithPack({ address: pack.address, packDir: pack.packDir }, resources, {
            stack: "bench",
            project: "eks-baseline",
            dryRun: true,
            config: { "aws:region": "eu-west-1" },
            policyConfig: {},
        });
        const peak = pack.peakRssKiB();
        return {
            resources: resources.length,
            totalMs: analysis.timings.resources + analysis.timings.stack,
            stackMs: analysis.timings.stack,
            mandatory: analysis.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory").length,
            peakRssMiB: peak === undefined ? undefined : peak / 1024,
            startupMs: pack.startupMs,
            policyConfig: analysis.policyConfig,
        };
    } finally {
        await pack.close();
    }
}

function sdkOptions(resource: EngineResource) {
    return {
        protect: resource.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: resource.parent || undefined,
    };
}

/**
 * The same policies called in-process with the SDK's argument shape (the SDK's unknown-checking
 * proxy per policy over one copy of the inputs), config as Configure would set it.
 */
export async function runInProcess(packDir: string, resources: EngineResource[], policyConfig: Record<string, ResolvedPolicyConfig>): Promise<{ resourceMs: number; stackMs: number; violations: number }> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const list = require(path.join(packDir, "bin", "policies.js")) as Record<string, unknown>;
    const policies = (Object.values(list).find(Array.isArray) ?? []) as (ResourceValidationPolicy | StackValidationPolicy)[];
    const resourcePolicies = policies.filter((policy): policy is ResourceValidationPolicy => "validateResource" in policy && policy.validateResource !== undefined);
    const stackPolicies = policies.filter((policy): policy is StackValidationPolicy => "validateStack" in policy);
    const configOf = (name: string) => () => (policyConfig[name]?.properties ?? {}) as never;
    let violations = 0;
    const report = () => {
        violations++;
    };
    const start = performance.now();
    for (const resource of resources) {
        // One plain copy per resource; each policy gets its own SDK proxy over it.
        const props = structuredClone(resource.wireInputs);
        for (const policy of resourcePolicies) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
            for (const validate of validations) {
                await validate(
                    {
                        type: resource.type,
                        name: resource.name,
                        urn: resource.urn,
                        props: unknownCheckingProxy(props),
                        opts: sdkOptions(resource),
                        stackTags: new Map(),
                        isType: () => false,
                        asType: () => undefined,
                        getConfig: configOf(policy.name),
                        notApplicable: () => {
                            throw new Error("not applicable");
                        },
                    } as never,
                    report,
                );
            }
        }
    }
    const resourceMs = performance.now() - start;
    const stackStart = performance.now();
    const stackResources = resources.map(
        (resource) =>
            ({
                type: resource.type,
                name: resource.name,
                urn: resource.urn,
                props: unknownCheckingProxy(structuredClone(resource.wireOutputs)),
                opts: sdkOptions(resource),
                dependencies: [],
                propertyDependencies: {},
                isType: () => false,
                asType: () => undefined,
            }) as unknown as PolicyResource,
    );
    for (const policy of stackPolicies) {
        await policy.validateStack({ resources: stackResources, getConfig: configOf(policy.name), stackTags: new Map(), notApplicable: () => undefined } as never, report);
    }
    return { resourceMs, stackMs: performance.now() - stackStart, violations };
}

export async function packBench(root: string, quick: boolean): Promise<void> {
    const packDir = path.join(root, "policypacks", "baseline");
    const noopDir = path.join(__dirname, "noop-pack");
    ensurePackBuilt(packDir);
    const large = quick ? 1_000 : 10_000;
    const small = quick ? 200 : 1_000;
    const stackLarge = generateStack(large);
    const stackSmall = generateStack(small);
    console.log(`\n(b) policy pack over the Analyzer protocol, generated stack of ${large} mixed AWS/Kubernetes resources (+ Stack, providers)`);

    const baseline = await runOverProtocol(packDir, stackLarge);
    const noop = await runOverProtocol(noopDir, stackLarge);
    const inProcess = await runInProcess(packDir, stackLarge, baseline.policyConfig);
    const ratio = baseline.totalMs / noop.totalMs;
    const perResourceInProcess = (inProcess.resourceMs + inProcess.stackMs) / stackLarge.length;
    console.log(`  baseline pack:   ${(baseline.totalMs / 1000).toFixed(2)} s  (${(baseline.totalMs / stackLarge.length).toFixed(3)} ms/resource; AnalyzeStack ${baseline.stackMs.toFixed(0)} ms; ${baseline.mandatory} mandatory)`);
    console.log(`  no-op floor:     ${(noop.totalMs / 1000).toFixed(2)} s  (${(noop.totalMs / stackLarge.length).toFixed(3)} ms/resource)`);
    console.log(`  ratio vs floor:  ${ratio.toFixed(2)}x   target <= 1.3x  ${ratio <= 1.3 ? "OK" : "MISSED"}`);
    console.log(
        `  in-process:      ${(inProcess.resourceMs + inProcess.stackMs).toFixed(0)} ms = ${perResourceInProcess.toFixed(4)} ms/resource (stack policies ${inProcess.stackMs.toFixed(0)} ms)   target < 0.1 ms  ${perResourceInProcess < 0.1 ? "OK" : "MISSED"}`,
    );

    const growth = await runOverProtocol(packDir, stackSmall);
    const perSmall = growth.totalMs / stackSmall.length;
    const perLarge = baseline.totalMs / stackLarge.length;
    const growthRatio = perLarge / perSmall;
    const stackGrowth = baseline.stackMs / Math.max(growth.stackMs, 0.001) / (stackLarge.length / stackSmall.length);
    console.log(
        `  growth ${small} -> ${large}: ${(growth.totalMs / 1000).toFixed(2)} s -> ${(baseline.totalMs / 1000).toFixed(2)} s; per-resource ratio ${growthRatio.toFixed(2)} (1.0 = linear), AnalyzeStack per-resource ratio ${stackGrowth.toFixed(2)}   ${growthRatio < 1.3 ? "linear OK" : "SUPERLINEAR"}`,
    );
    const peak = baseline.peakRssMiB;
    console.log(`  pack peak RSS (VmHWM): ${peak === undefined ? "n/a" : `${peak.toFixed(0)} MiB`}   target < 1024 MiB  ${peak !== undefined && peak < 1024 ? "OK" : "?"}`);

    const startups: number[] = [];
    for (let run = 0; run < (quick ? 2 : 5); run++) {
        const pack = await startPackProcess(packDir);
        startups.push(pack.startupMs);
        await pack.close();
    }
    startups.sort((a, b) => a - b);
    const startup = startups[Math.floor(startups.length / 2)]!;
    console.log(`  pack start-up as the CLI starts it (median of ${startups.length}): ${startup.toFixed(0)} ms   target < 2000 ms  ${startup < 2000 ? "OK" : "MISSED"}`);
}
