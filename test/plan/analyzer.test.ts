import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PackProcess, startPackProcess } from "../../tools/plan/pack-process";
import { PlanResult, planProgram } from "../../tools/plan/plan";
import { fixtureProgram } from "../fixtures/plan/program";

const fixtures = path.resolve(__dirname, "..", "fixtures", "plan");
const stackUrn = "urn:pulumi:dev::eks-baseline::pulumi:pulumi:Stack::eks-baseline-dev";
const defaultProvider = "urn:pulumi:dev::eks-baseline::pulumi:providers:test::default";
const urn = (qualifiedType: string, name: string) => `urn:pulumi:dev::eks-baseline::${qualifiedType}::${name}`;

let pack: PackProcess;
let plan: PlanResult;

/** The JSON the fixture echo policy reported for one resource's Analyze request. */
function echoed(resourceUrn: string): Record<string, unknown> {
    const diagnostic = plan.diagnostics.find(
        (candidate) => candidate.policyName === "fixture-analyze-echo" && candidate.urn === resourceUrn,
    );
    return JSON.parse(diagnostic!.detail) as Record<string, unknown>;
}

beforeAll(async () => {
    pack = await startPackProcess(path.join(fixtures, "pack"));
    plan = await planProgram(fixtureProgram, {
        stack: "dev",
        project: "eks-baseline",
        config: { "fixture:acl": "public-read", "test:region": "eu-west-1" },
        policyPackDir: path.join(fixtures, "pack"),
        policyConfig: path.join(fixtures, "pack-config.json"),
        packProcess: pack,
        record: true,
    });
});

afterAll(async () => {
    await pack?.close();
});

describe("Analyzer round-trip with the fixture pack", () => {
    it("makes the engine's calls in order: Remediate then Analyze per resource, AnalyzeStack once", () => {
        const order = [
            stackUrn,
            urn("test:index:Store", "data"),
            urn("pulumi:providers:test", "explicit"),
            urn("test:index:Store$test:index:Inner", "data-inner"),
            defaultProvider,
            urn("test:index:Store$test:index:Key", "data-key"),
            urn("test:index:Store$test:index:Inner$test:index:Leaf", "data-inner-leaf"),
            urn("test:index:Store$test:index:Bucket", "data-bucket"),
            urn("test:index:Leaf", "standalone"),
        ];
        expect(plan.calls).toEqual([
            { method: "Handshake" },
            { method: "ConfigureStack" },
            { method: "GetAnalyzerInfo" },
            { method: "Configure" },
            ...order.flatMap((resourceUrn) => [
                { method: "Remediate", urn: resourceUrn },
                { method: "Analyze", urn: resourceUrn },
            ]),
            { method: "AnalyzeStack" },
        ]);
    });

    it("configures every policy with schema defaults, initialConfig and the file's overrides", () => {
        expect(plan.policyConfig).toEqual({
            "fixture-analyze-echo": { enforcementLevel: "advisory", properties: {} },
            "fixture-bucket-private": {
                enforcementLevel: "mandatory",
                properties: { forbiddenAcls: ["public-read", "public-read-write"], label: "from-file" },
            },
            "fixture-stack-inventory": { enforcementLevel: "advisory", properties: { prefix: "from-initial-config" } },
        });
        const violation = plan.diagnostics.find((diagnostic) => diagnostic.policyName === "fixture-bucket-private");
        expect(violation).toEqual({
            policyName: "fixture-bucket-private",
            policyPackName: "plan-fixture",
            policyPackVersion: "1.2.3",
            enforcementLevel: "mandatory",
            message: "Fixture buckets are not public.\nacl public-read is public; label=from-file",
            detail: "acl public-read is public; label=from-file",
            urn: urn("test:index:Store$test:index:Bucket", "data-bucket"),
            severity: "high",
            tags: ["NET-4"],
            source: "analyze",
        });
        expect(plan.summary).toEqual({ resources: 9, mandatory: 1, advisory: 10, exitCode: 1 });
    });

    it("analyses the root Stack and the default provider the engine adds", () => {
        expect(echoed(stackUrn)).toEqual({
            type: "pulumi:pulumi:Stack",
            name: "eks-baseline-dev",
            parent: null,
            protect: false,
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            provider: null,
            props: {},
        });
        expect(echoed(defaultProvider)).toMatchObject({
            type: "pulumi:providers:test",
            name: "default",
            parent: null,
            props: { region: "eu-west-1" },
        });
    });

    it("sends parent, protect, timeouts and the provider with its inputs; unwraps secrets and drops __ keys", () => {
        expect(echoed(urn("test:index:Store$test:index:Key", "data-key"))).toEqual({
            type: "test:index:Key",
            name: "data-key",
            parent: urn("test:index:Store", "data"),
            protect: true,
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            provider: { urn: defaultProvider, props: { region: "eu-west-1" } },
            props: { rotation: true },
        });
        expect(echoed(urn("test:index:Store$test:index:Bucket", "data-bucket"))).toMatchObject({
            customTimeouts: { createSeconds: 300, updateSeconds: 0, deleteSeconds: 0 },
            props: { acl: "public-read", kmsKeyId: "data-key-id", secretToken: "s3cr3t", settings: { visible: 2 } },
        });
        expect(echoed(urn("test:index:Leaf", "standalone"))).toMatchObject({
            provider: { urn: urn("pulumi:providers:test", "explicit"), props: { region: "eu-west-1" } },
        });
    });

    it("gives AnalyzeStack every resource with its outputs, parent and dependencies", () => {
        const inventory = plan.diagnostics.filter((diagnostic) => diagnostic.policyName === "fixture-stack-inventory");
        expect(inventory).toHaveLength(1);
        expect(inventory[0]!.urn).toBeNull();
        const detail = inventory[0]!.detail;
        expect(detail.startsWith("from-initial-config:")).toBe(true);
        const seen = JSON.parse(detail.slice("from-initial-config:".length)) as {
            urn: string;
            parent: string | null;
            dependencies: string[];
            props: Record<string, unknown>;
        }[];
        expect(seen.map((resource) => resource.urn)).toEqual(plan.resources.map((resource) => resource.urn));
        const byUrn = new Map(seen.map((resource) => [resource.urn, resource]));
        expect(byUrn.get(stackUrn)!.props).toEqual({
            bucketId: "data-bucket-id",
            optOuts: [{ key: "fixture:acl", weakens: ["NET-4"], detail: "bucket acl is public-read" }],
        });
        expect(byUrn.get(urn("test:index:Store", "data"))).toMatchObject({ parent: stackUrn, props: { bucketName: "data-bucket" } });
        expect([...byUrn.get(urn("test:index:Store$test:index:Bucket", "data-bucket"))!.dependencies].sort()).toEqual(
            [
                urn("test:index:Store$test:index:Inner$test:index:Leaf", "data-inner-leaf"),
                urn("test:index:Store$test:index:Key", "data-key"),
            ].sort(),
        );
    });

    it("reads the opt-outs from the program's optOuts output", () => {
        expect(plan.optOuts).toEqual([{ key: "fixture:acl", weakens: ["NET-4"], detail: "bucket acl is public-read" }]);
    });

    it("reports the control a violated policy is tagged with as violated by that resource", () => {
        const net4 = plan.compliance.find((row) => row.control === "NET-4");
        expect(net4).toMatchObject({
            status: "violated",
            policies: ["fixture-bucket-private"],
            violatedBy: [urn("test:index:Store$test:index:Bucket", "data-bucket")],
        });
        expect(plan.compliance.find((row) => row.control === "NET-1")!.status).toBe("not-covered");
    });

    it("reuses a running pack for a second plan, reconfigured for that stack", async () => {
        const clean = await planProgram(fixtureProgram, {
            stack: "dev",
            project: "eks-baseline",
            config: { "fixture:acl": "public-read" },
            policyPackDir: path.join(fixtures, "pack"),
            policyConfig: { "fixture-bucket-private": { forbiddenAcls: ["public-read-write"] }, "fixture-analyze-echo": "disabled" },
            packProcess: pack,
        });
        expect(clean.summary).toEqual({ resources: 9, mandatory: 0, advisory: 1, exitCode: 0 });
        expect(clean.timings.packStartup).toBeUndefined();
        expect(pack.exited()).toBe(false);
    });
});
