/**
 * `--sarif FILE`: the insecure fixture planned by the CLI, its SARIF log validated against the
 * OASIS SARIF 2.1.0 JSON schema (the copy @microsoft/jest-sarif ships, draft-04, checked with
 * ajv-draft-04 and ajv-formats), and read the way code scanning reads it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baselinePolicies } from "../../policypacks/baseline/policies";
import type { JsonReport } from "../../tools/plan/report";
import { SarifLog, sarifLevel } from "../../tools/plan/sarif";

const root = path.resolve(__dirname, "..", "..");
const fixtures = path.join(root, "test", "fixtures", "plan");
const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as Record<
    string,
    unknown
>;

/** The schema's `language` pattern is not valid as a unicode RegExp, hence unicodeRegExp: false. */
function sarifValidator() {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(schema);
}

let temp: string;
let log: SarifLog;
let report: JsonReport;
let code: number;

beforeAll(async () => {
    temp = mkdtempSync(path.join(os.tmpdir(), "eks-baseline-sarif-"));
    const sarifFile = path.join(temp, "plan.sarif");
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
            process.execPath,
            [
                "--import",
                "tsx",
                path.join(root, "tools", "plan", "bin.ts"),
                "plan",
                "--stack",
                "insecure",
                "--stacks-dir",
                path.join(fixtures, "stacks"),
                "--program",
                path.join(fixtures, "insecure-program.ts"),
                "--json",
                "--sarif",
                sarifFile,
            ],
            { cwd: root, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
    });
    expect(result.stderr).toBe("");
    code = result.code;
    report = JSON.parse(result.stdout) as JsonReport;
    log = JSON.parse(readFileSync(sarifFile, "utf8")) as SarifLog;
}, 120_000);

afterAll(() => {
    if (temp) {
        rmSync(temp, { recursive: true, force: true });
    }
});

describe("--sarif", () => {
    it("writes a log that validates against the SARIF 2.1.0 schema", () => {
        const validate = sarifValidator();
        expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
        expect(log.version).toBe("2.1.0");
        expect(code).toBe(1);
    });

    it("the validator rejects a log that breaks the schema, so the check above can fail", () => {
        const validate = sarifValidator();
        const broken = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
        broken.runs[0]!.results[0]!.level = "blocker";
        expect(validate(broken)).toBe(false);
        expect(validate.errors!.map((error) => error.instancePath)).toContain("/runs/0/results/0/level");
    });

    it("has one rule per policy with help text and the policy's control tags", () => {
        const rules = log.runs[0]!.tool.driver.rules;
        expect(rules.map((rule) => rule.id)).toEqual(baselinePolicies.map((policy) => policy.name).sort());
        const imdsv2 = rules.find((rule) => rule.id === "ec2-instance-imdsv2")!;
        const policy = baselinePolicies.find((entry) => entry.name === "ec2-instance-imdsv2")!;
        expect(imdsv2.properties.tags).toEqual(["NET-9"]);
        expect(imdsv2.properties.tags).toEqual(policy.tags);
        expect(imdsv2.shortDescription.text).toBe(policy.description);
        expect(imdsv2.help.text).toContain(policy.remediationSteps!.trim());
        expect(imdsv2.help.text).toContain("docs/policies.md#ec2-instance-imdsv2");
        expect(imdsv2.defaultConfiguration.level).toBe("error");
        expect(imdsv2.properties.severity).toBe(policy.severity);
    });

    it("has one result per diagnostic, located at the resource URN, with the level of its enforcement", () => {
        const results = log.runs[0]!.results;
        expect(results).toHaveLength(report.diagnostics.length);
        expect(results.length).toBeGreaterThan(30);
        const rules = log.runs[0]!.tool.driver.rules;
        report.diagnostics.forEach((diagnostic, index) => {
            const result = results[index]!;
            expect(result.ruleId).toBe(diagnostic.policyName);
            expect(rules[result.ruleIndex!]!.id).toBe(diagnostic.policyName);
            expect(result.level).toBe(({ mandatory: "error", advisory: "warning" } as Record<string, string>)[diagnostic.enforcementLevel]);
            const location = result.locations[0]!;
            if (diagnostic.urn) {
                expect(location.logicalLocations[0]!.fullyQualifiedName).toBe(diagnostic.urn);
            } else {
                expect(location.logicalLocations[0]!.fullyQualifiedName).toMatch(/::pulumi:pulumi:Stack::/);
            }
            expect(location.physicalLocation.artifactLocation.uri).toBe("test/fixtures/plan/stacks/Pulumi.insecure.yaml");
        });
        const imds = results.find((result) => result.ruleId === "ec2-instance-imdsv2")!;
        expect(imds.level).toBe("error");
        expect(imds.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toMatch(
            /^urn:pulumi:insecure::[^:]+::.*aws:ec2\/instance:Instance::/,
        );
    });

    it("maps enforcement levels to SARIF levels", () => {
        expect(["mandatory", "advisory", "remediate", "disabled"].map((level) => sarifLevel(level as never))).toEqual([
            "error",
            "warning",
            "note",
            "none",
        ]);
    });
});
