/**
 * End to end: the real program of every stack, through the real pack over the Analyzer protocol,
 * with the stack's own pack config and with the strictest rollout mode.
 */
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStackConfigMap } from "../../infra/config";
import { baselineProgram } from "../../infra/program";
import { generatePackConfig } from "../../tools/pack-config/generate";
import { PackProcess, startPackProcess } from "../../tools/plan/pack-process";
import { PlanResult, planProgram } from "../../tools/plan/plan";
import { loadStackConfig } from "../../tools/plan/stack-config";
import { program as insecureProgram } from "../fixtures/plan/insecure-program";

const root = path.resolve(__dirname, "..", "..");
const packDir = path.join(root, "policypacks", "baseline");
let pack: PackProcess;

beforeAll(async () => {
    pack = await startPackProcess(packDir);
});

afterAll(async () => {
    await pack?.close();
});

/**
 * Plans a stack with its committed pack config; a rollout mode override goes into the stack
 * config (`baseline:policyPack.rollout`) and the pack config is generated from it, as
 * `npm run pack-config` would.
 */
function stackPlan(stack: string, overrides: { mode?: "crawl" | "walk" | "run"; preview?: boolean } = {}): Promise<PlanResult> {
    const { config, secretKeys } = loadStackConfig(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "baseline");
    let policyConfig: string | Record<string, unknown> = path.join(packDir, "config", `${stack}.json`);
    if (overrides.mode) {
        config["baseline:policyPack"] = JSON.stringify({ ...JSON.parse(config["baseline:policyPack"] ?? "{}"), rollout: overrides.mode });
        policyConfig = generatePackConfig(parseStackConfigMap(config, stack));
    }
    return planProgram(baselineProgram, {
        stack,
        config,
        secretKeys,
        accountId: config["baseline:accountId"],
        preview: overrides.preview,
        policyConfig,
        packProcess: pack,
        stackOrder: shuffled,
    });
}

/** A seeded Fisher-Yates shuffle: AnalyzeStack's order is a map's in the engine, so no stack policy may depend on it. */
function shuffled<T>(items: T[]): T[] {
    const copy = [...items];
    let seed = 20261202;
    for (let index = copy.length - 1; index > 0; index--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const other = seed % (index + 1);
        [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
}

const mandatory = (plan: PlanResult) =>
    plan.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory").map((d) => `${d.policyName}: ${d.message}`);

describe("every stack through the real policy pack", () => {
    it.each(["dev", "staging", "prod"])("plans %s with zero mandatory violations under its own pack config", async (stack) => {
        const plan = await stackPlan(stack);
        expect(mandatory(plan)).toEqual([]);
        expect(plan.summary.exitCode).toBe(0);
        expect(plan.resources.some((resource) => resource.type === "aws:eks/cluster:Cluster")).toBe(true);
    });

    it.each(["dev", "staging", "prod"])("plans %s with zero mandatory violations in run mode (every policy mandatory)", async (stack) => {
        const plan = await stackPlan(stack, { mode: "run" });
        expect(mandatory(plan)).toEqual([]);
        expect(plan.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "advisory")).toEqual([]);
    });

    it("previews a new prod stack with zero mandatory violations although unknowns fail in prod", async () => {
        const plan = await stackPlan("prod", { preview: true });
        expect(plan.policyConfig["baseline-rollout"]?.properties).toMatchObject({ unknowns: "fail" });
        expect(mandatory(plan)).toEqual([]);
    });

    it.each([
        ["dev", "autoMode", ["kubernetes:eks.amazonaws.com/v1:NodeClass", "kubernetes:core/v1:ConfigMap"], "aws:eks/nodeGroup:NodeGroup"],
        [
            "staging",
            "karpenter",
            ["kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "aws:sqs/queue:Queue", "kubernetes:helm.sh/v3:Release"],
            "kubernetes:eks.amazonaws.com/v1:NodeClass",
        ],
        ["prod", "managedNodeGroups", ["aws:eks/nodeGroup:NodeGroup", "aws:eks/addon:Addon"], "kubernetes:karpenter.sh/v1:NodePool"],
    ])("plans %s on compute mode %s with that mode's resources (NODE-5, SEC-8)", async (stack, _mode, present, absent) => {
        const plan = await stackPlan(stack);
        const types = new Set(plan.resources.map((resource) => resource.type));
        for (const type of [...present, "kubernetes:storage.k8s.io/v1:StorageClass", "aws:ebs/encryptionByDefault:EncryptionByDefault"]) {
            expect(types.has(type), type).toBe(true);
        }
        expect(types.has(absent), absent).toBe(false);
        const pools = plan.resources.filter((resource) => resource.type === "kubernetes:karpenter.sh/v1:NodePool");
        expect(pools.length).toBe(stack === "prod" ? 0 : 3);
    });

    it("lists the dev stack's opt-outs in the plan", async () => {
        const plan = await stackPlan("dev");
        expect(plan.optOuts.map((optOut) => optOut.key)).toEqual([
            "baseline:cluster.deletionProtection",
            "baseline:protection.enabled",
            "baseline:admission.mode",
            "baseline:policyPack.rollout",
        ]);
    });
});

describe("rollout of the pack on the insecure fixture", () => {
    const insecure = (mode: string) =>
        planProgram(insecureProgram, {
            stack: "insecure",
            config: { "aws:region": "eu-west-1" },
            policyConfig: { "baseline-rollout": { mode } },
            packProcess: pack,
        });

    it("turns every violation advisory in crawl mode, so nothing blocks (OPS-2)", async () => {
        const run = await insecure("run");
        const crawl = await insecure("crawl");
        const names = (plan: PlanResult, level: string) =>
            [...new Set(plan.diagnostics.filter((d) => d.enforcementLevel === level).map((d) => d.policyName))].sort();
        expect(names(run, "mandatory").length).toBeGreaterThan(20);
        expect(names(crawl, "mandatory")).toEqual([]);
        expect(names(crawl, "advisory")).toEqual(names(run, "mandatory"));
        expect(crawl.summary.exitCode).toBe(0);
        expect(run.summary.exitCode).toBe(1);
    });

    it("keeps only high and critical violations mandatory in walk mode", async () => {
        const walk = await insecure("walk");
        const severities = new Set(walk.diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.severity));
        expect([...severities].sort()).toEqual(["critical", "high"]);
        const advisory = walk.diagnostics.filter((d) => d.enforcementLevel === "advisory");
        // The insecure fixture trips medium-severity policies too; walk mode must report them as advisory.
        expect(advisory.length).toBeGreaterThan(0);
        expect(advisory.filter((d) => d.severity !== "medium" && d.severity !== "low")).toEqual([]);
    });
});
