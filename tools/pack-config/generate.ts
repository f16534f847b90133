/**
 * Generates policypacks/baseline/config/<stack>.json (the file CI passes to
 * `--policy-pack-config`) from stacks/Pulumi.<stack>.yaml, so a value the pack shares with the
 * stack config has one source: change the stack file, run `npm run pack-config`.
 * test/plan/pack-config.test.ts fails when a committed file is stale; `--check` does the same
 * from the command line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { BaselineConfig, parseStackConfigMap } from "../../infra/config";
import { listStacks, loadStackConfig } from "../plan/stack-config";
import { packConfigMappings } from "./mapping";

/** A pack config document: policy name to its properties. */
export type PackConfigDocument = Record<string, Record<string, unknown>>;

/** The pack config a validated stack config implies: every mapped property, then the stack's exemptions. */
export function generatePackConfig(config: BaselineConfig): PackConfigDocument {
    const document: PackConfigDocument = {};
    for (const mapping of packConfigMappings) {
        (document[mapping.policy] ??= {})[mapping.property] = structuredClone(mapping.value(config));
    }
    for (const [policy, exemptions] of Object.entries(config.policyPack.exemptions)) {
        (document[policy] ??= {}).exemptions = structuredClone(exemptions);
    }
    return document;
}

/** The repository root (tools/pack-config/../..). */
const root = path.resolve(__dirname, "..", "..");

/** The generated file's text, formatted as the repository's prettier config wants it. */
export async function renderPackConfig(document: PackConfigDocument, file: string): Promise<string> {
    const options = (await prettier.resolveConfig(file)) ?? {};
    return prettier.format(JSON.stringify(document, null, 4), { ...options, filepath: file });
}

/** Stack name to [generated file path, its expected text], for every stack file of the repository. */
export async function expectedPackConfigs(repoRoot = root): Promise<Map<string, { file: string; text: string }>> {
    const result = new Map<string, { file: string; text: string }>();
    for (const stack of listStacks(path.join(repoRoot, "stacks"))) {
        const { config } = loadStackConfig(path.join(repoRoot, "stacks", `Pulumi.${stack}.yaml`), "baseline");
        const file = path.join(repoRoot, "policypacks", "baseline", "config", `${stack}.json`);
        result.set(stack, { file, text: await renderPackConfig(generatePackConfig(parseStackConfigMap(config, stack)), file) });
    }
    return result;
}

async function main(): Promise<void> {
    const check = process.argv.includes("--check");
    let stale = 0;
    for (const [stack, { file, text }] of await expectedPackConfigs()) {
        const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        if (current === text) {
            continue;
        }
        if (check) {
            stale++;
            console.error(`${path.relative(root, file)} is stale for stacks/Pulumi.${stack}.yaml; run npm run pack-config.`);
        } else {
            fs.writeFileSync(file, text);
            console.log(`wrote ${path.relative(root, file)}`);
        }
    }
    process.exitCode = stale > 0 ? 1 : 0;
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
    });
}
