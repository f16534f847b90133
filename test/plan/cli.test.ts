import { execFile } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../tools/plan/report";
import { projectName } from "../../tools/plan/stack-config";

const root = path.resolve(__dirname, "..", "..");
const fixtures = path.join(root, "test", "fixtures", "plan");
/** The CLI takes the project name from Pulumi.yaml, as the engine does. */
const project = projectName(root);
const fixtureArgs = [
    "--stacks-dir",
    path.join(fixtures, "stacks"),
    "--program",
    path.join(fixtures, "program.ts"),
    "--pack",
    path.join(fixtures, "pack"),
    "--policy-config",
    path.join(fixtures, "pack-config.json"),
];

/** Runs the plan CLI as a child process, the way `npm run plan` does. */
function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["--import", "tsx", path.join(root, "tools", "plan", "cli.ts"), ...args],
            { cwd: root, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
    });
}

describe("plan CLI exit codes", () => {
    it("exits 0 and prints the report when no mandatory policy is violated", async () => {
        const result = await plan(["--stack", "clean", ...fixtureArgs]);
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        const lines = result.stdout.trimEnd().split("\n");
        expect(lines[0]).toBe(`Offline plan of stack clean (project ${project}) through policy pack plan-fixture@1.2.3`);
        expect(lines).toContain("  └─ test:index:Store data (3 direct children)");
        expect(lines).toContain("Mandatory violations (0):");
        expect(lines.at(-1)).toBe("Summary: 9 resources, 0 mandatory, 10 advisory; stack clean passes the policy pack (exit 0)");
    });

    it("exits 1 with a mandatory violation and emits the documented JSON report", async () => {
        const result = await plan(["--stack", "violating", "--json", ...fixtureArgs]);
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as JsonReport;
        expect(Object.keys(report)).toEqual([
            "version",
            "stack",
            "project",
            "preview",
            "policyPack",
            "resources",
            "optOuts",
            "diagnostics",
            "compliance",
            "summary",
        ]);
        expect(report.version).toBe(1);
        expect(report.summary).toEqual({ resources: 9, mandatory: 1, advisory: 10, exitCode: 1 });
        const bucket = report.resources.find((resource) => resource.name === "data-bucket")!;
        expect(bucket).toEqual({
            urn: `urn:pulumi:violating::${project}::test:index:Store$test:index:Bucket::data-bucket`,
            type: "test:index:Bucket",
            name: "data-bucket",
            parent: `urn:pulumi:violating::${project}::test:index:Store::data`,
            provider: `urn:pulumi:violating::${project}::pulumi:providers:test::default`,
            protect: false,
            retainOnDelete: true,
            dependencies: bucket.dependencies,
            inputs: { acl: "public-read", kmsKeyId: "data-key-id", secretToken: "[secret]", settings: { __hidden: 1, visible: 2 } },
        });
        expect([...bucket.dependencies].sort()).toEqual([
            `urn:pulumi:violating::${project}::test:index:Store$test:index:Inner$test:index:Leaf::data-inner-leaf`,
            `urn:pulumi:violating::${project}::test:index:Store$test:index:Key::data-key`,
        ]);
        expect(report.optOuts).toEqual([{ key: "fixture:acl", weakens: ["NET-4"], detail: "bucket acl is public-read" }]);
        expect(report.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory")).toEqual([
            {
                policyName: "fixture-bucket-private",
                policyPackName: "plan-fixture",
                enforcementLevel: "mandatory",
                severity: "high",
                urn: bucket.urn,
                message: "acl public-read is public; label=from-file",
                tags: ["NET-4"],
            },
        ]);
        expect(report.compliance.find((row) => row.control === "NET-4")).toEqual({
            control: "NET-4",
            title: "No security group ingress from 0.0.0.0/0 or ::/0; default security group of every VPC has no rules",
            status: "violated",
            policies: ["fixture-bucket-private"],
            violatedBy: [bucket.urn],
            unverifiable: [],
            exemptions: [],
            weakenedBy: ["fixture:acl"],
        });
    });

    it("exits 2 and prints each config problem on its own line, without a stack trace", async () => {
        const result = await plan(["--stack", "invalid", ...fixtureArgs]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toBe(
            [
                `invalid config for stack invalid (${path.join("test", "fixtures", "plan", "stacks", "Pulumi.invalid.yaml")}):`,
                '  fixture:acl must be one of private, public-read; got "nope". Set fixture:acl to private.',
                "  fixture:size must be a positive integer; got -1. Set fixture:size to 1 or more.",
                "",
            ].join("\n"),
        );
    });

    it("exits 2 with the message of a crashing program", async () => {
        const result = await plan(["--stack", "crash", ...fixtureArgs]);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("the program failed for stack crash: fixture program crashed while composing components\n");
    });

    it("exits 2 with the pack's stderr when the pack fails to start", async () => {
        const result = await plan(["--stack", "clean", ...fixtureArgs.slice(0, 4), "--pack", path.join(fixtures, "crash-pack")]);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(
            `the policy pack failed: policy pack ${path.join(fixtures, "crash-pack")} exited (code 3) before printing its port\n--- policy pack stderr ---\nfixture pack failed to load: missing policy module\n`,
        );
    });

    it("exits 2 when a policy throws, as the engine aborts the preview", async () => {
        const result = await plan(["--stack", "explode", ...fixtureArgs]);
        expect(result.code).toBe(2);
        expect(result.stderr.split("\n")[0]).toBe(
            `the policy pack crashed (the engine would abort the preview): policy pack Analyze of urn:pulumi:explode::${project}::test:index:Explode::boom failed: Error validating resource with policy 'fixture-bucket-private' from policy pack 'plan-fixture@v1.2.3':`,
        );
        expect(result.stderr).toContain("Error: fixture policy exploded");
    });

    it("exits 2 for an unknown stack and lists the stacks", async () => {
        const result = await plan(["--stack", "qa", ...fixtureArgs]);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(
            `unknown stack "qa": no ${path.join("test", "fixtures", "plan", "stacks", "Pulumi.qa.yaml")}. Stacks: clean, crash, explode, insecure, invalid, violating\n`,
        );
    });

    it("exits 2 with a clear message when the program file does not exist", async () => {
        const result = await plan([
            "--stack",
            "clean",
            "--stacks-dir",
            path.join(fixtures, "stacks"),
            "--program",
            path.join(fixtures, "missing-program.ts"),
        ]);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(
            `the infra program ${path.join("test", "fixtures", "plan", "missing-program.ts")} does not exist yet; it must export baselineProgram() (or pass --program <file>)\n`,
        );
    });

    it("writes a Mermaid diagram of the component tree with cross-component dependencies", async () => {
        const result = await plan(["--stack", "violating", "--graph", ...fixtureArgs]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe(
            [
                "flowchart TD",
                `    c0["${project}-violating<br/>pulumi:pulumi:Stack"]`,
                '    c1["data<br/>test:index:Store"]',
                '    c2["data-inner<br/>test:index:Inner"]',
                '    g0(["2 × pulumi:providers:test"])',
                '    g1(["1 × test:index:Leaf"])',
                '    g2(["1 × test:index:Bucket"])',
                '    g3(["1 × test:index:Key"])',
                '    g4(["1 × test:index:Leaf"])',
                "    c0 --> c1",
                "    c1 --> c2",
                "    c0 --> g0",
                "    c0 --> g1",
                "    c1 --> g2",
                "    c1 --> g3",
                "    c2 --> g4",
                "    g1 -.-> g2",
                "    g1 -.-> g3",
                "    g1 -.-> g4",
                "    g2 -.-> g4",
                "",
            ].join("\n"),
        );
    });
});
