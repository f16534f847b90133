/**
 * The offline plan against the engine facts of ../shared/ANALYZER.md, one test each: default
 * provider names and inputs, which `__` keys are dropped, the unknown sentinel of every value type,
 * AnalyzeStack order, and `pulumi up` stopping at the first mandatory violation.
 */
import * as aws from "@pulumi/aws";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeWithPack } from "../../tools/plan/analysis";
import { EngineResource, defaultOptions, defaultProviderName, rootStackResource } from "../../tools/plan/engine-view";
import { PackProcess, startPackProcess } from "../../tools/plan/pack-process";
import { PlanResult, planProgram } from "../../tools/plan/plan";
import { toAnalyzerProperties, unknownSentinels } from "../../tools/plan/wire";
import { program as insecureProgram } from "../fixtures/plan/insecure-program";

const root = path.resolve(__dirname, "..", "..");
const fixturePackDir = path.join(root, "test", "fixtures", "plan", "pack");
const baselinePackDir = path.join(root, "policypacks", "baseline");
let fixturePack: PackProcess;
let baselinePack: PackProcess;

beforeAll(async () => {
    [fixturePack, baselinePack] = await Promise.all([startPackProcess(fixturePackDir), startPackProcess(baselinePackDir)]);
});

afterAll(async () => {
    await Promise.all([fixturePack?.close(), baselinePack?.close()]);
});

function echoOf(plan: { diagnostics: PlanResult["diagnostics"] }, urn: string): Record<string, unknown> {
    const diagnostic = plan.diagnostics.find((candidate) => candidate.policyName === "fixture-analyze-echo" && candidate.urn === urn);
    expect(diagnostic, `no echo for ${urn}`).toBeDefined();
    return JSON.parse(diagnostic!.detail) as Record<string, unknown>;
}

describe("default providers", () => {
    it("names the provider after the version the SDK requests", () => {
        expect(defaultProviderName("7.48.0")).toBe("default_7_48_0");
        expect(defaultProviderName("4.34.2")).toBe("default_4_34_2");
        expect(defaultProviderName(undefined)).toBe("default");
    });

    it("analyses default_7_48_0 with the package's stack config as strings, secure values as secrets, plus version", async () => {
        const plan = await planProgram(
            () => {
                new aws.s3.BucketV2("logs", {});
            },
            {
                stack: "dev",
                project: "eks-baseline",
                config: {
                    "aws:region": "eu-west-1",
                    "aws:defaultTags": '{"tags":{"team":"platform"}}',
                    "aws:secretKey": "not-a-real-key",
                    "fixture:acl": "private",
                },
                secretKeys: ["aws:secretKey"],
                policyPackDir: fixturePackDir,
                policyConfig: { "fixture-analyze-echo": "advisory" },
                packProcess: fixturePack,
            },
        );
        const providerUrn = "urn:pulumi:dev::eks-baseline::pulumi:providers:aws::default_7_48_0";
        const provider = plan.resources.find((resource) => resource.type === "pulumi:providers:aws");
        expect(provider).toMatchObject({ urn: providerUrn, name: "default_7_48_0", implicit: "default-provider" });
        // The report hides the secret; the pack receives it unwrapped, as the engine sends it.
        expect(provider?.inputs).toEqual({
            region: "eu-west-1",
            defaultTags: '{"tags":{"team":"platform"}}',
            secretKey: "[secret]",
            version: "7.48.0",
        });
        expect(echoOf(plan, providerUrn)).toMatchObject({
            type: "pulumi:providers:aws",
            name: "default_7_48_0",
            props: { region: "eu-west-1", defaultTags: '{"tags":{"team":"platform"}}', secretKey: "not-a-real-key", version: "7.48.0" },
        });
        const bucket = plan.resources.find((resource) => resource.type === "aws:s3/bucketV2:BucketV2");
        expect(bucket?.provider).toBe(providerUrn);
    });
});

describe("internal keys", () => {
    it("drops only top-level __ keys, keeps nested ones, and keeps all of them for Remediate", () => {
        const properties = { __defaults: ["name"], name: "a", tags: { __note: "kept", team: "x" }, list: [{ __id: 1 }] };
        expect(toAnalyzerProperties(properties)).toEqual({ name: "a", tags: { __note: "kept", team: "x" }, list: [{ __id: 1 }] });
        expect(toAnalyzerProperties(properties, true)).toEqual(properties);
    });
});

describe("unknown sentinels", () => {
    it("are the SDK's own, one per value type", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const proxy = require("@pulumi/policy/proxy") as Record<string, string>;
        expect(unknownSentinels).toEqual({
            string: proxy.unknownStringValue,
            bool: proxy.unknownBooleanValue,
            number: proxy.unknownNumberValue,
            array: proxy.unknownArrayValue,
            object: proxy.unknownObjectValue,
            asset: proxy.unknownAssetValue,
            archive: proxy.unknownArchiveValue,
        });
    });

    it.each(Object.entries(unknownSentinels))(
        "makes the pack treat a %s sentinel as unknown (can't run during preview)",
        async (kind, sentinel) => {
            const stackUrn = "urn:pulumi:dev::eks-baseline::pulumi:pulumi:Stack::eks-baseline-dev";
            const resourceUrn = "urn:pulumi:dev::eks-baseline::test:index:Leaf::probe";
            const probe: EngineResource = {
                ...rootStackResource(resourceUrn, "probe", {}),
                type: "test:index:Leaf",
                custom: true,
                parent: stackUrn,
                wireInputs: { value: sentinel },
                wireOutputs: { value: sentinel },
                options: defaultOptions(stackUrn),
                implicit: undefined,
            };
            const analysis = await analyzeWithPack(fixturePack, [rootStackResource(stackUrn, "eks-baseline-dev", {}), probe], {
                stack: "dev",
                project: "eks-baseline",
                dryRun: true,
                config: {},
                policyConfig: { "fixture-analyze-echo": { enforcementLevel: "advisory" } },
            });
            const echo = analysis.diagnostics.filter(
                (diagnostic) => diagnostic.policyName === "fixture-analyze-echo" && diagnostic.urn === resourceUrn,
            );
            expect(echo, kind).toHaveLength(1);
            expect(echo[0]?.message).toMatch(
                /^can't run policy 'fixture-analyze-echo' from policy pack 'plan-fixture@v1\.2\.3' during preview: /,
            );
            expect(echo[0]?.enforcementLevel).toBe("advisory");
        },
    );
});

describe("AnalyzeStack order and pulumi up", () => {
    const insecure = (options: Partial<Parameters<typeof planProgram>[1]>) =>
        planProgram(insecureProgram, {
            stack: "insecure",
            config: { "aws:region": "eu-west-1" },
            packProcess: baselinePack,
            record: true,
            ...options,
        });
    const findings = (plan: PlanResult) =>
        plan.diagnostics
            .map((diagnostic) => `${diagnostic.policyName} ${diagnostic.urn} ${diagnostic.enforcementLevel} ${diagnostic.message}`)
            .sort();

    it("gives the same findings whatever order AnalyzeStack receives the resources in", async () => {
        const inOrder = await insecure({});
        const reversed = await insecure({ stackOrder: (resources) => [...resources].reverse() });
        const rotated = await insecure({ stackOrder: (resources) => [...resources.slice(7), ...resources.slice(0, 7)] });
        expect(findings(reversed)).toEqual(findings(inOrder));
        expect(findings(rotated)).toEqual(findings(inOrder));
        expect(inOrder.calls.filter((call) => call.method === "AnalyzeStack")).toHaveLength(1);
    });

    it("stops at the first resource with a mandatory violation and skips AnalyzeStack under up", async () => {
        const preview = await insecure({});
        const up = await insecure({ up: true });
        expect(up.stopped).toBe(true);
        expect(up.calls.some((call) => call.method === "AnalyzeStack")).toBe(false);
        const analysed = up.calls.filter((call) => call.method === "Analyze").map((call) => call.urn);
        const last = analysed[analysed.length - 1];
        const blocked = new Set<string | null | undefined>(
            up.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory").map((diagnostic) => diagnostic.urn),
        );
        // The last resource analysed is the first with a mandatory violation; nothing after it was analysed.
        expect(blocked.has(last)).toBe(true);
        expect(analysed.slice(0, -1).filter((urn) => blocked.has(urn))).toEqual([]);
        expect(analysed.length).toBeLessThan(preview.resources.length);
        expect(preview.calls.filter((call) => call.method === "Analyze")).toHaveLength(preview.resources.length);
        expect(up.summary.exitCode).toBe(1);
        expect(preview.stopped).toBe(false);
    });
});
