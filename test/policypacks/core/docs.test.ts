import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseControls, renderPolicyDocs, renderRepositoryDocs } from "../../../tools/docs/generate";
import { baselinePolicies } from "../../../policypacks/baseline/policies";
import { eksClusterLogGroup } from "../../../policypacks/baseline/policies/stack";

const root = path.resolve(__dirname, "../../..");

describe("docs/policies.md", () => {
    it("is up to date with the pack's metadata (run `npm run docs`)", () => {
        const committed = fs.readFileSync(path.join(root, "docs", "policies.md"), "utf8");
        expect(committed === renderRepositoryDocs(root), "docs/policies.md is stale: run `npm run docs`").toBe(true);
    });

    it("documents every policy under an anchor named after it", () => {
        const docs = renderRepositoryDocs(root);
        expect(baselinePolicies.filter((policy) => !docs.includes(`<a id="${policy.name}"></a>`)).map((policy) => policy.name)).toEqual([]);
    });

    it("renders a policy's controls, level, knobs, remediation and example, and marks uncovered P-layer controls", () => {
        const controls = parseControls(
            [
                "| ID | Control | Layers | Seeds |",
                "|---|---|---|---|",
                "| LOG-2 | Log group first | B P | X |",
                "| NET-5 | Flow logs | B P | X |",
                "| OPS-3 | Runbook | D | X |",
            ].join("\n"),
        );
        const docs = renderPolicyDocs([eksClusterLogGroup], controls);
        expect(docs).toContain(
            '| <a id="control-log-2"></a>LOG-2 | B P | [eks-cluster-log-group](#eks-cluster-log-group) | Log group first |',
        );
        expect(docs).toContain('| <a id="control-net-5"></a>NET-5 | B P | **missing** | Flow logs |');
        expect(docs).toContain('| <a id="control-ops-3"></a>OPS-3 | D | — | Runbook |');
        expect(docs).toContain(
            "- **Controls:** [LOG-2](#control-log-2)\n- **Severity:** high\n- **Default level:** mandatory\n- **Judges:** the whole plan (stack policy, resource outputs)",
        );
        expect(docs).toContain('| `unknowns` | "preview" \\| "fail" | pack-wide |');
        expect(docs).toContain("| `exemptions` | array | `[]` |");
        expect(docs).toContain("**Remediation:** Declare aws.cloudwatch.LogGroup");
        expect(docs).toContain("```ts\nconst logs = new aws.cloudwatch.LogGroup(");
    });

    it("parses every control of the catalogue with its layers", () => {
        const controls = parseControls(fs.readFileSync(path.join(root, "controls", "catalogue.md"), "utf8"));
        expect(controls.find((control) => control.id === "NET-8")?.layers).toEqual(["P", "A"]);
        expect(controls.find((control) => control.id === "OPS-2")?.layers).toEqual(["P", "D"]);
        expect(controls).toHaveLength(61);
    });
});
