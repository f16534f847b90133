#!/usr/bin/env node
/**
 * The package's command-line entry (package.json `bin`):
 *
 * ```sh
 * npx eks-baseline plan --stack dev [--json] [--preview] [--graph [file]] [--sarif file]
 * ```
 *
 * `plan` is the only command; its flags and exit codes are those of cli.ts. stdout carries the
 * report only, so `npx eks-baseline plan --stack dev --json | jq` works.
 */
import { main, runAsProcess } from "./cli";

const commandUsage = "usage: eks-baseline plan --stack <stack> [--json] [--preview] [--graph [file]] [--sarif file]";

/** Runs `eks-baseline <command> ...`; returns the exit code. */
export async function run(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
    const [command, ...rest] = argv;
    if (command !== "plan") {
        err(`${command === undefined ? "no command" : `unknown command ${command}`}\n${commandUsage}\n`);
        return 2;
    }
    return main(rest, out, err);
}

if (require.main === module) {
    runAsProcess(run);
}
