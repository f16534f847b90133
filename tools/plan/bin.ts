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
import { main } from "./cli";

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
    run(
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
