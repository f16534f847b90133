/**
 * `eks-baseline plan --stack <dev|staging|prod> [--json] [--preview] [--graph [file]] [--sarif file]`
 * (the package's `bin`, see bin.ts; in this repository `npm run --silent plan -- --stack ...`).
 * stdout carries the report and nothing else; messages go to stderr.
 *
 * Exit codes: 0 no mandatory violation; 1 mandatory violations; 2 invalid config, unknown stack,
 * a crashing program or a crashing pack (message on stderr, no stack trace).
 *
 * Hidden flags for tests and other programs: `--program <file>` (a module exporting
 * `baselineProgram`, `program` or a default function), `--pack <dir>`, `--stack-file <file>`,
 * `--stacks-dir <dir>`, `--policy-config <file>`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerCallError } from "./analyzer-client";
import { ensurePackBuilt } from "./ensure-pack-built";
import { mermaidGraph } from "./graph";
import { PackProcessError } from "./pack-process";
import { planProgram, repoRoot } from "./plan";
import { PolicyConfigError } from "./policy-config";
import { jsonReport, textReport } from "./report";
import { sarifLog } from "./sarif";
import { listStacks, loadStackConfig, projectName } from "./stack-config";

const usage = "usage: eks-baseline plan --stack <stack> [--json] [--preview] [--graph [file]] [--sarif file]";

export interface CliArgs {
    stack?: string;
    json: boolean;
    preview: boolean;
    /** undefined: no graph; "": graph to stdout; else the file. */
    graph?: string;
    /** Also write the diagnostics as SARIF 2.1.0 to this file. */
    sarif?: string;
    program?: string;
    pack?: string;
    stackFile?: string;
    stacksDir?: string;
    policyConfig?: string;
    up?: boolean;
    failOnWeakPack?: boolean;
}

/** A problem the CLI reports with exit code 2. */
export class CliError extends Error {
    override name = "CliError";
}

/** Parses argv (without node and script). */
export function parseArgs(argv: string[]): CliArgs {
    const args: CliArgs = { json: false, preview: false };
    const valued: Record<string, keyof CliArgs> = {
        "--stack": "stack",
        "--program": "program",
        "--pack": "pack",
        "--stack-file": "stackFile",
        "--stacks-dir": "stacksDir",
        "--policy-config": "policyConfig",
        "--sarif": "sarif",
    };
    for (let index = 0; index < argv.length; index++) {
        const arg = argv[index]!;
        const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        if (flag === "--json") {
            args.json = true;
        } else if (flag === "--preview") {
            args.preview = true;
        } else if (flag === "--up" || flag === "--fail-on-weak-pack") {
            // --up: stop at the first mandatory violation, skip AnalyzeStack (as pulumi up does).
            // --fail-on-weak-pack: exit 1 when the pack is disabled, or in crawl mode for prod.
            args[flag === "--up" ? "up" : "failOnWeakPack"] = true;
        } else if (flag === "--graph") {
            const next = argv[index + 1];
            if (inline !== undefined) {
                args.graph = inline;
            } else if (next !== undefined && !next.startsWith("--")) {
                args.graph = next;
                index++;
            } else {
                args.graph = "";
            }
        } else if (valued[flag]) {
            const value = inline ?? argv[++index];
            if (value === undefined || value.startsWith("--")) {
                throw new CliError(`${flag} needs a value\n${usage}`);
            }
            (args as unknown as Record<string, unknown>)[valued[flag]!] = value;
        } else {
            throw new CliError(`unknown argument ${arg}\n${usage}`);
        }
    }
    if (!args.stack) {
        throw new CliError(`--stack is required\n${usage}`);
    }
    return args;
}

type Program = () => unknown;

function loadProgram(file: string): Program {
    if (!fs.existsSync(file)) {
        throw new CliError(
            `the infra program ${path.relative(process.cwd(), file) || file} does not exist yet; it must export baselineProgram() (or pass --program <file>)`,
        );
    }
    if (/\.[cm]?ts$/.test(file) && !require.extensions[".ts"]) {
        // The compiled bin loading a TypeScript program: tsx compiles it, as `npm run plan` does.
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            require("tsx/cjs");
        } catch {
            throw new CliError(
                `${file} is TypeScript: install tsx (npm install --save-dev tsx) or pass the compiled JavaScript with --program`,
            );
        }
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as Record<string, unknown>;
    const candidate = module.baselineProgram ?? module.program ?? module.default;
    if (typeof candidate !== "function") {
        throw new CliError(`${file} exports no program function (baselineProgram, program or default)`);
    }
    return candidate as Program;
}

function isConfigError(error: unknown): error is Error & { problems: string[] } {
    return error instanceof Error && error.name === "BaselineConfigError" && Array.isArray((error as { problems?: unknown }).problems);
}

/** Runs the CLI; returns the exit code and writes to the given streams. */
export async function main(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
    let args: CliArgs;
    try {
        args = parseArgs(argv);
    } catch (error) {
        err(`${(error as Error).message}\n`);
        return 2;
    }
    const stack = args.stack!;
    // From a checkout: the repository's stacks/. From an installed package (no stacks/ inside):
    // the current directory, where Pulumi keeps Pulumi.<stack>.yaml beside Pulumi.yaml.
    const stacksDir = path.resolve(
        args.stacksDir ?? (fs.existsSync(path.join(repoRoot, "stacks")) ? path.join(repoRoot, "stacks") : process.cwd()),
    );
    let stackFile = args.stackFile ? path.resolve(args.stackFile) : path.join(stacksDir, `Pulumi.${stack}.yaml`);
    if (!args.stackFile && !fs.existsSync(stackFile) && fs.existsSync(path.join(stacksDir, `Pulumi.${stack}.yml`))) {
        stackFile = path.join(stacksDir, `Pulumi.${stack}.yml`);
    }
    if (!fs.existsSync(stackFile)) {
        const known = listStacks(stacksDir);
        err(
            `unknown stack "${stack}": no ${path.relative(process.cwd(), stackFile)}. Stacks: ${known.length ? known.join(", ") : "none"}\n`,
        );
        return 2;
    }
    const projectDir = [path.dirname(stackFile), process.cwd(), repoRoot].find((dir) => fs.existsSync(path.join(dir, "Pulumi.yaml")));
    const project = projectName(projectDir ?? repoRoot);
    try {
        const { config, secretKeys } = loadStackConfig(stackFile, project);
        const program = loadProgram(path.resolve(args.program ?? path.join(repoRoot, "infra", "program.ts")));
        const packDir = path.resolve(args.pack ?? path.join(repoRoot, "policypacks", "baseline"));
        ensurePackBuilt(packDir);
        const plan = await planProgram(program, {
            stack,
            project,
            config,
            secretKeys,
            // The baseline's stacks name their account; ARNs in the plan then match the pack config.
            accountId: config["baseline:accountId"],
            preview: args.preview,
            policyPackDir: packDir,
            policyConfig: args.policyConfig ? path.resolve(args.policyConfig) : undefined,
            up: args.up,
            failOnWeakPack: args.failOnWeakPack,
        });
        if (args.sarif !== undefined) {
            const artifactUri = path.relative(process.cwd(), stackFile).split(path.sep).join("/");
            fs.mkdirSync(path.dirname(path.resolve(args.sarif)), { recursive: true });
            fs.writeFileSync(args.sarif, `${JSON.stringify(sarifLog(plan, { artifactUri }), null, 2)}\n`);
        }
        if (args.graph !== undefined) {
            const graph = mermaidGraph(plan);
            if (args.graph === "") {
                out(graph);
                return plan.summary.exitCode;
            }
            fs.writeFileSync(args.graph, graph);
        }
        out(args.json ? `${JSON.stringify(jsonReport(plan), null, 2)}\n` : `${textReport(plan)}\n`);
        return plan.summary.exitCode;
    } catch (error) {
        if (isConfigError(error)) {
            err(
                `invalid config for stack ${stack} (${path.relative(process.cwd(), stackFile)}):\n${error.problems.map((problem) => `  ${problem}`).join("\n")}\n`,
            );
        } else if (error instanceof PolicyConfigError) {
            err(`${error.message}\n`);
        } else if (error instanceof PackProcessError) {
            err(`the policy pack failed: ${error.message}\n`);
        } else if (error instanceof AnalyzerCallError) {
            err(`the policy pack crashed (the engine would abort the preview): ${error.message}\n`);
        } else if (error instanceof CliError) {
            err(`${error.message}\n`);
        } else {
            err(`the program failed for stack ${stack}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
        return 2;
    }
}

/**
 * Runs an entry (`main` here, the `eks-baseline` bin) as the process: its output to stdout and
 * stderr, its code as the exit code once stdout has drained, and 2 for anything it throws.
 */
export function runAsProcess(entry: (argv: string[], out: (text: string) => void, err: (text: string) => void) => Promise<number>): void {
    entry(
        process.argv.slice(2),
        (text) => process.stdout.write(text),
        (text) => process.stderr.write(text),
    ).then(
        (code) => process.stdout.write("", () => process.exit(code)),
        (error: unknown) => {
            process.stderr.write(`the offline plan failed: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(2);
        },
    );
}

if (require.main === module) {
    runAsProcess(main);
}
