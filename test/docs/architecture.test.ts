import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { baselineProgram } from "../../infra/program";
import { renderArchitecture } from "../../tools/docs/architecture";
import { planProgram, repoRoot } from "../../tools/plan/plan";
import { loadStackConfig } from "../../tools/plan/stack-config";

describe("docs/architecture.md", () => {
    it("embeds the current Mermaid diagram of the prod stack (run npm run docs)", async () => {
        const { config, secretKeys } = loadStackConfig(path.join(repoRoot, "stacks", "Pulumi.prod.yaml"), "baseline");
        const plan = await planProgram(baselineProgram, { stack: "prod", config, secretKeys, accountId: config["baseline:accountId"] });
        const page = renderArchitecture(plan);
        expect(page).toContain("```mermaid\nflowchart TD\n");
        expect(page).toContain("baseline:cluster:PrivateCluster");
        expect(readFileSync(path.join(repoRoot, "docs", "architecture.md"), "utf8")).toBe(page);
    });
});
