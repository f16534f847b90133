/** `npm run docs` part: plans the prod stack offline and rewrites docs/architecture.md. */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { baselineProgram } from "../../infra/program";
import { planProgram, repoRoot } from "../plan/plan";
import { loadStackConfig } from "../plan/stack-config";
import { renderArchitecture } from "./architecture";

async function main(): Promise<void> {
    const { config, secretKeys } = loadStackConfig(path.join(repoRoot, "stacks", "Pulumi.prod.yaml"), "baseline");
    const plan = await planProgram(baselineProgram, { stack: "prod", config, secretKeys, accountId: config["baseline:accountId"] });
    writeFileSync(path.join(repoRoot, "docs", "architecture.md"), renderArchitecture(plan));
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
});
