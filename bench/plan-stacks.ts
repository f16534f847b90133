/** (a) The offline plan of each stack: median of several runs, phases split. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensurePackBuilt } from "../tools/plan/ensure-pack-built";
import { planProgram } from "../tools/plan/plan";
import { loadStackConfig, projectName } from "../tools/plan/stack-config";

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
}

export async function planBench(root: string, quick: boolean): Promise<void> {
    const runs = quick ? 1 : 5;
    console.log(`(a) offline plan per stack, median of ${runs} run(s) (program | capture | pack analysis incl. start-up | total wall)`);
    const programFile = path.join(root, "infra", "program.ts");
    if (!fs.existsSync(programFile)) {
        console.log("  skipped: infra/program.ts does not exist yet");
        return;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { baselineProgram } = require(programFile) as { baselineProgram: () => Record<string, unknown> };
    const packDir = path.join(root, "policypacks", "baseline");
    ensurePackBuilt(packDir);
    const project = projectName(root);
    let prodResources = 0;
    for (const stack of ["dev", "staging", "prod"]) {
        const file = path.join(root, "stacks", `Pulumi.${stack}.yaml`);
        if (!fs.existsSync(file)) {
            console.log(`  ${stack.padEnd(8)} skipped: ${path.relative(root, file)} missing`);
            continue;
        }
        const { config, secretKeys } = loadStackConfig(file, project);
        const samples: { program: number; capture: number; analysis: number; total: number; resources: number; mandatory: number }[] = [];
        try {
            for (let run = 0; run < runs; run++) {
                const start = performance.now();
                const plan = await planProgram(baselineProgram, { stack, project, config, secretKeys, policyPackDir: packDir });
                samples.push({
                    ...plan.timings,
                    total: performance.now() - start,
                    resources: plan.summary.resources,
                    mandatory: plan.summary.mandatory,
                });
            }
        } catch (error) {
            console.log(`  ${stack.padEnd(8)} failed: ${(error as Error).message.split("\n")[0]}`);
            continue;
        }
        const pick = (key: "program" | "capture" | "analysis" | "total") => median(samples.map((sample) => sample[key]));
        const total = pick("total");
        if (stack === "prod") {
            prodResources = samples[0]!.resources;
        }
        const target = stack === "prod" ? `   target < 5000 ms  ${total < 5000 ? "OK" : "MISSED"}` : "";
        console.log(
            `  ${stack.padEnd(8)} ${samples[0]!.resources} resources, ${samples[0]!.mandatory} mandatory: program ${pick("program").toFixed(0)} ms | capture ${pick("capture").toFixed(1)} ms | analysis ${pick("analysis").toFixed(0)} ms | total ${total.toFixed(0)} ms${target}`,
        );
    }
    console.log("  (total is in-process; `npm run plan` adds ~1-2 s of tsx/Node start-up)");
    planAgainstFloor(root, quick, prodResources || 200);
}

/** Wall time of one child process, in ms; throws when it fails. */
function wall(args: string[], cwd: string): number {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    const elapsed = performance.now() - start;
    if (result.status !== 0 && result.status !== 1) {
        throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr.split("\n")[0]}`);
    }
    return elapsed;
}

/**
 * The plan of prod as a user runs it (`node --import tsx tools/plan/cli.ts --stack prod`, a fresh
 * process: tsx, the program, the pack process, the report) against the floor: bench/plan-floor.js,
 * a bare Node process loading the same SDKs and registering as many mock resources. Alternated,
 * median of 3 pairs (1 with --quick). Target: within 2x the floor.
 */
function planAgainstFloor(root: string, quick: boolean, resources: number): void {
    const pairs = quick ? 1 : 3;
    const plans: number[] = [];
    const floors: number[] = [];
    try {
        for (let pair = 0; pair < pairs; pair++) {
            plans.push(wall(["--import", "tsx", path.join(root, "tools", "plan", "cli.ts"), "--stack", "prod"], root));
            floors.push(wall([path.join(root, "bench", "plan-floor.js"), String(resources)], root));
        }
    } catch (error) {
        console.log(`  plan vs floor failed: ${(error as Error).message}`);
        return;
    }
    const plan = median(plans);
    const floor = median(floors);
    const ratio = plan / floor;
    console.log(
        `  prod as a process: plan ${plan.toFixed(0)} ms vs floor ${floor.toFixed(0)} ms (SDKs + ${resources} mock resources): ${ratio.toFixed(2)}x   target <= 2x  ${ratio <= 2 ? "OK" : "MISSED"}  (median of ${pairs} alternated pair(s))`,
    );
}
