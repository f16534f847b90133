/**
 * Checks the commands of the runbooks against the repository: `npm run` scripts exist, every
 * `pulumi` stack has its stack file, every path exists, every `baseline:` key is declared, and
 * every preview/up passes the pack with the stack's own config (OPS-1).
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { policyPackFindings } from "./workflow-rules";

/** What a runbook command may reference. */
export interface RunbookContext {
    root: string;
    scripts: string[];
    /** `baseline:` keys declared in Pulumi.yaml. */
    configKeys: string[];
    /** Names `pulumi stack output` may print, per project folder ("." or "infra/bootstrap"). */
    outputs: Record<string, string[]>;
}

/** The lines of fenced `sh`/`bash` blocks, with `\` continuations joined. */
export function shellCommands(markdown: string): string[] {
    const commands: string[] = [];
    for (const block of markdown.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
        commands.push(
            ...block[1]!
                .replace(/\s*\\\n\s*/g, " ")
                .split("\n")
                .map((line) => line.trim())
                .filter((line) => line.length > 0 && !line.startsWith("#")),
        );
    }
    return commands;
}

function flag(words: string[], ...names: string[]): string | undefined {
    for (const [index, word] of words.entries()) {
        for (const name of names) {
            if (word === name) {
                return words[index + 1];
            }
            if (word.startsWith(`${name}=`)) {
                return word.slice(name.length + 1);
            }
        }
    }
    return undefined;
}

/** Problems of one command line, or none. */
export function commandFindings(command: string, context: RunbookContext): string[] {
    const findings: string[] = [];
    for (const match of command.matchAll(/\bnpm run((?:\s+-[\w-]+)*)\s+([\w:][\w:-]*)/g)) {
        if (!context.scripts.includes(match[2]!)) {
            findings.push(`${command}: npm script "${match[2]}" does not exist`);
        }
        // npm prints its "> pkg script" banner on stdout unless --silent: JSON or a pipe would read it.
        const flags = match[1]!.trim().split(/\s+/);
        if ((/\s--json\b/.test(command) || /\|/.test(command)) && !flags.includes("--silent") && !flags.includes("-s")) {
            findings.push(`${command}: npm prints its banner on stdout; use npm run --silent ${match[2]} for machine-read output`);
        }
    }
    for (const match of command.matchAll(/(?<![\w/.-])((?:stacks|policypacks|infra|docs|examples|test|\.github)\/[\w./-]*[\w/])/g)) {
        if (!existsSync(path.join(context.root, match[1]!))) {
            findings.push(`${command}: ${match[1]} does not exist`);
        }
    }
    for (const match of command.matchAll(/\bbaseline:([A-Za-z]+)/g)) {
        if (!context.configKeys.includes(`baseline:${match[1]}`)) {
            findings.push(`${command}: config key baseline:${match[1]} is not declared in Pulumi.yaml`);
        }
    }
    const pulumi = /\bpulumi\s+(.*)$/.exec(command);
    if (!pulumi || /^(login|logout|whoami|version)\b/.test(pulumi[1]!)) {
        return findings;
    }
    const words = pulumi[1]!.split(/\s+/);
    const cwd = flag(words, "--cwd", "-C") ?? ".";
    const stacksDir = cwd === "." ? path.join(context.root, "stacks") : path.join(context.root, cwd);
    const stack =
        flag(words, "--stack", "-s") ?? (words[0] === "stack" && ["init", "select", "rm"].includes(words[1]!) ? words[2] : undefined);
    if (stack === undefined) {
        findings.push(`${command}: names no stack; pass --stack`);
    } else if (!existsSync(path.join(stacksDir, `Pulumi.${stack}.yaml`))) {
        findings.push(`${command}: stack "${stack}" has no ${path.relative(context.root, path.join(stacksDir, `Pulumi.${stack}.yaml`))}`);
    }
    if (words[0] === "stack" && words[1] === "output" && words[2] !== undefined && !words[2].startsWith("-")) {
        if (!(context.outputs[cwd] ?? []).includes(words[2])) {
            findings.push(`${command}: "${words[2]}" is not an output of ${cwd === "." ? "the program" : cwd}`);
        }
    }
    if ((words[0] === "preview" || words[0] === "up") && cwd === ".") {
        findings.push(
            ...policyPackFindings({
                workflow: "runbook",
                job: "command",
                command: words[0],
                stack,
                policyPacks: flag(words, "--policy-pack") ? [flag(words, "--policy-pack")!] : [],
                policyPackConfigs: flag(words, "--policy-pack-config") ? [flag(words, "--policy-pack-config")!] : [],
            }).map((finding) => `${command}: ${finding.slice(finding.indexOf("): ") + 3)}`),
        );
    }
    return findings;
}
