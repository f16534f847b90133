/**
 * The plan's command lines as the runbooks and CI type them: `npm run --silent plan -- ... --json`
 * piped into jq (stdout is the report and nothing else), npm's banner without --silent (why the
 * docs say --silent), and the bin's command word.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");

function sh(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile("bash", ["-o", "pipefail", "-c", command], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
    });
}

describe("npm run plan", () => {
    it("--silent ... --json | jq reads the report: stdout holds nothing else", async () => {
        const result = await sh(
            "npm run --silent plan -- --stack dev --json | jq -c '[.stack, .summary.exitCode, (.resources | length > 100)]'",
        );
        expect(result.stderr).toBe("");
        expect([result.code, result.stdout]).toEqual([0, '["dev",0,true]\n']);
    });

    it("without --silent npm writes its banner to stdout, and errors go to stderr only", async () => {
        const loud = await sh("npm run plan -- --stack");
        expect(loud.code).toBe(2);
        expect(loud.stdout).toContain("> @eks-baseline/hardened-cluster@0.1.0 plan");
        expect(loud.stderr).toContain("--stack needs a value");
        const quiet = await sh("npm run --silent plan -- --stack");
        expect([quiet.code, quiet.stdout]).toEqual([2, ""]);
        expect(quiet.stderr).toContain("--stack needs a value");
    });
});

describe("the eks-baseline bin", () => {
    it("knows one command, plan, and says so on stderr with exit code 2 otherwise", async () => {
        const none = await sh(`node --import tsx ${path.join("tools", "plan", "bin.ts")}`);
        expect([none.code, none.stdout, none.stderr]).toEqual([
            2,
            "",
            "no command\nusage: eks-baseline plan --stack <stack> [--json] [--preview] [--graph [file]] [--sarif file]\n",
        ]);
        const unknown = await sh(`node --import tsx ${path.join("tools", "plan", "bin.ts")} preview --stack dev`);
        expect([unknown.code, unknown.stderr.split("\n")[0]]).toEqual([2, "unknown command preview"]);
    });
});
