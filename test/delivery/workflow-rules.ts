/**
 * Reads GitHub Actions workflows as data and checks the delivery rules of OPS-1 on them. Pure
 * functions over the parsed YAML, so each rule is tested on a violating workflow as well as on the
 * real files.
 */
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A step as written in a workflow. */
export interface Step {
    name?: string;
    if?: string;
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
    env?: Record<string, unknown>;
    "working-directory"?: string;
}

/** A job as written in a workflow (only the keys the rules read). */
export interface Job {
    name?: string;
    if?: string;
    "runs-on"?: string | string[];
    needs?: string | string[];
    environment?: string | { name: string; url?: string };
    concurrency?: string | { group: string; "cancel-in-progress"?: boolean | string };
    permissions?: string | Record<string, string>;
    strategy?: { matrix?: Record<string, unknown> };
    uses?: string;
    steps?: Step[];
}

/** A parsed workflow file. */
export interface Workflow {
    file: string;
    text: string;
    name?: string;
    on: Record<string, unknown>;
    permissions?: string | Record<string, string>;
    jobs: Record<string, Job>;
}

/** Parses one workflow; `on` is normalised to an object keyed by event. */
export function parseWorkflow(file: string, text: string): Workflow {
    const raw = parse(text) as Record<string, unknown>;
    const on = raw.on;
    const events: Record<string, unknown> =
        typeof on === "string"
            ? { [on]: null }
            : Array.isArray(on)
              ? Object.fromEntries(on.map((event) => [String(event), null]))
              : ((on ?? {}) as Record<string, unknown>);
    return {
        file,
        text,
        name: raw.name as string | undefined,
        on: events,
        permissions: raw.permissions as Workflow["permissions"],
        jobs: (raw.jobs ?? {}) as Record<string, Job>,
    };
}

/** Every workflow under `<root>/.github/workflows`. */
export function loadWorkflows(root: string): Workflow[] {
    const folder = path.join(root, ".github", "workflows");
    return readdirSync(folder)
        .filter((file) => /\.ya?ml$/.test(file))
        .sort()
        .map((file) => parseWorkflow(file, readFileSync(path.join(folder, file), "utf8")));
}

/**
 * Every matrix combination of a job, as GitHub expands it: the cross product of the list keys,
 * then each `include` entry added to the combinations whose original values it does not change, or
 * appended as a combination of its own. (`exclude` is not used by our workflows.) `[{}]` without a matrix.
 */
export function matrixCombinations(job: Job): Record<string, string>[] {
    const matrix = job.strategy?.matrix;
    if (!matrix) {
        return [{}];
    }
    const originalKeys = Object.keys(matrix).filter((key) => key !== "include" && key !== "exclude" && Array.isArray(matrix[key]));
    let combinations: Record<string, string>[] = originalKeys.length > 0 ? [{}] : [];
    for (const key of originalKeys) {
        const values = matrix[key] as unknown[];
        combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [key]: String(value) })));
    }
    const original = combinations.length;
    for (const entry of Array.isArray(matrix.include) ? (matrix.include as Record<string, unknown>[]) : []) {
        const values = Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, String(value)]));
        const targets = combinations
            .slice(0, original)
            .filter((combination) => originalKeys.every((key) => !(key in values) || values[key] === combination[key]));
        if (targets.length > 0) {
            targets.forEach((combination) => Object.assign(combination, values));
        } else {
            combinations.push(values);
        }
    }
    return combinations.length > 0 ? combinations : [{}];
}

/** Replaces `${{ matrix.<key> }}` with the combination's value; other expressions stay as written. */
export function expandMatrix(text: string, combination: Record<string, string>): string {
    return text.replace(/\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/g, (expression, key: string) => combination[key] ?? expression);
}

/** Every `uses:` of a workflow (steps and reusable-workflow jobs), with the job it belongs to. */
export function usesOf(workflow: Workflow): { job: string; uses: string }[] {
    return Object.entries(workflow.jobs).flatMap(([id, job]) => [
        ...(job.uses ? [{ job: id, uses: job.uses }] : []),
        ...(job.steps ?? []).filter((step) => step.uses !== undefined).map((step) => ({ job: id, uses: step.uses! })),
    ]);
}

const pinnedUses = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;

/** `uses:` references not pinned to a full commit SHA (local `./` actions are part of the repository and allowed). */
export function unpinnedUses(workflow: Workflow): string[] {
    return usesOf(workflow)
        .filter(({ uses }) => !uses.startsWith("./") && !pinnedUses.test(uses))
        .map(({ job, uses }) => `${workflow.file} ${job}: ${uses}`);
}

/** `uses:` lines pinned by SHA without a trailing `# v<version>` comment naming the release. */
export function pinsWithoutVersionComment(workflow: Workflow): string[] {
    return workflow.text
        .split("\n")
        .filter((line) => /^\s*(-\s+)?uses:\s*[^.\s]/.test(line) && !/#\s*v\d+(\.\d+){0,2}\s*$/.test(line))
        .map((line) => `${workflow.file}: ${line.trim()}`);
}

function permissionEntries(permissions: Workflow["permissions"]): [string, string][] {
    if (permissions === undefined) {
        return [];
    }
    if (typeof permissions === "string") {
        return [["*", permissions]];
    }
    return Object.entries(permissions);
}

/** Steps that assume an AWS role through aws-actions/configure-aws-credentials. */
export function assumesAwsRole(job: Job): boolean {
    return (job.steps ?? []).some(
        (step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@") && step.with?.["role-to-assume"] !== undefined,
    );
}

/** Steps that post on a pull request (pulumi/actions with comment-on-pr). */
export function commentsOnPullRequest(job: Job): boolean {
    return (job.steps ?? []).some((step) => step.uses?.startsWith("pulumi/actions@") && String(step.with?.["comment-on-pr"]) === "true");
}

/** Steps that upload SARIF to code scanning (github/codeql-action/upload-sarif). */
export function uploadsSarif(job: Job): boolean {
    return (job.steps ?? []).some((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@") === true);
}

/**
 * Least-privilege findings: `write-all` anywhere, a workflow-level grant other than `{}` or reads,
 * a job without its own `permissions`, `id-token: write` in a job that assumes no AWS role,
 * `pull-requests: write` in a job that does not comment, `security-events: write` in a job that
 * uploads no SARIF, and any other write grant.
 */
export function permissionFindings(workflow: Workflow): string[] {
    const findings: string[] = [];
    for (const [scope, level] of permissionEntries(workflow.permissions)) {
        if (level !== "read" && level !== "none" && level !== "read-all") {
            findings.push(`${workflow.file}: workflow permissions ${scope}: ${level}; keep the top level at {} or read and grant per job`);
        }
    }
    for (const [id, job] of Object.entries(workflow.jobs)) {
        if (job.permissions === undefined) {
            findings.push(`${workflow.file} ${id}: no permissions block; list what the job needs`);
            continue;
        }
        for (const [scope, level] of permissionEntries(job.permissions)) {
            if (scope === "*" && level !== "read-all" && level !== "{}") {
                findings.push(`${workflow.file} ${id}: permissions ${level}`);
            } else if (level === "write" && scope === "id-token" && !assumesAwsRole(job)) {
                findings.push(`${workflow.file} ${id}: id-token: write without an AWS role assumption`);
            } else if (level === "write" && scope === "pull-requests" && !commentsOnPullRequest(job)) {
                findings.push(`${workflow.file} ${id}: pull-requests: write without a pull-request comment`);
            } else if (level === "write" && scope === "security-events" && !uploadsSarif(job)) {
                findings.push(`${workflow.file} ${id}: security-events: write without a SARIF upload`);
            } else if (level === "write" && scope !== "id-token" && scope !== "pull-requests" && scope !== "security-events") {
                findings.push(`${workflow.file} ${id}: ${scope}: write`);
            }
        }
    }
    return findings;
}

/** One `pulumi preview` or `pulumi up` a job runs, for one matrix combination. */
export interface PulumiInvocation {
    workflow: string;
    job: string;
    command: "preview" | "up";
    stack?: string;
    policyPacks: string[];
    policyPackConfigs: string[];
    /** The job's concurrency and environment for this combination. */
    concurrencyGroup?: string;
    cancelInProgress?: boolean | string;
    environment?: string;
}

function flagValues(words: string[], flag: string): string[] {
    const values: string[] = [];
    words.forEach((word, index) => {
        if (word === flag && words[index + 1] !== undefined) {
            values.push(words[index + 1]!);
        } else if (word.startsWith(`${flag}=`)) {
            values.push(word.slice(flag.length + 1));
        }
    });
    return values;
}

function lines(value: unknown): string[] {
    return value === undefined
        ? []
        : String(value)
              .split(/[\n;]/)
              .map((line) => line.trim())
              .filter(Boolean);
}

/** Every `pulumi preview` / `pulumi up` of a workflow, from `run:` lines and from pulumi/actions steps. */
export function pulumiInvocations(workflow: Workflow): PulumiInvocation[] {
    const invocations: PulumiInvocation[] = [];
    for (const [id, job] of Object.entries(workflow.jobs)) {
        for (const combination of matrixCombinations(job)) {
            const expand = (value: unknown) => (value === undefined ? undefined : expandMatrix(String(value), combination));
            const concurrency = typeof job.concurrency === "string" ? { group: job.concurrency } : job.concurrency;
            const environment = typeof job.environment === "string" ? job.environment : job.environment?.name;
            const context = {
                workflow: workflow.file,
                job: id,
                concurrencyGroup: expand(concurrency?.group),
                cancelInProgress: concurrency?.["cancel-in-progress"],
                environment: expand(environment),
            };
            for (const step of job.steps ?? []) {
                if (step.run !== undefined) {
                    for (const line of expandMatrix(step.run, combination).split("\n")) {
                        const match = /\bpulumi\s+(preview|up|update)\b(.*)$/.exec(line);
                        if (!match) {
                            continue;
                        }
                        const words = match[2]!.trim().split(/\s+/);
                        invocations.push({
                            ...context,
                            command: match[1] === "preview" ? "preview" : "up",
                            stack: [...flagValues(words, "--stack"), ...flagValues(words, "-s")][0],
                            policyPacks: flagValues(words, "--policy-pack"),
                            policyPackConfigs: flagValues(words, "--policy-pack-config"),
                        });
                    }
                }
                const command = String(step.with?.command ?? "");
                if (step.uses?.startsWith("pulumi/actions@") && ["preview", "up", "update"].includes(command)) {
                    invocations.push({
                        ...context,
                        command: command === "preview" ? "preview" : "up",
                        stack: expand(step.with?.["stack-name"]),
                        policyPacks: lines(expand(step.with?.policyPacks)),
                        policyPackConfigs: lines(expand(step.with?.policyPackConfigs)),
                    });
                }
            }
        }
    }
    return invocations;
}

/** What is wrong with one invocation's policy-pack flags, or nothing. */
export function policyPackFindings(invocation: PulumiInvocation, packDir = "policypacks/baseline"): string[] {
    const where = `${invocation.workflow} ${invocation.job} (pulumi ${invocation.command} --stack ${invocation.stack ?? "?"})`;
    const expected = `${packDir}/config/${invocation.stack}.json`;
    const findings: string[] = [];
    if (invocation.stack === undefined) {
        findings.push(`${where}: no --stack`);
    }
    if (!invocation.policyPacks.includes(packDir)) {
        findings.push(`${where}: does not pass --policy-pack ${packDir}`);
    }
    const index = invocation.policyPacks.indexOf(packDir);
    if (invocation.policyPackConfigs[index] !== expected) {
        findings.push(`${where}: passes policy config ${invocation.policyPackConfigs[index] ?? "none"}; expected ${expected}`);
    }
    return findings;
}

const accessKeyPatterns = [
    /secrets\.[A-Z0-9_]*(ACCESS_KEY|SECRET_KEY|SECRET_ACCESS)[A-Z0-9_]*/gi,
    /secrets\[['"][A-Z0-9_]*(ACCESS_KEY|SECRET_KEY|SECRET_ACCESS)[A-Z0-9_]*['"]\]/gi,
    /\baws-(access-key-id|secret-access-key)\s*:/gi,
    /\bAWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)\s*:/g,
];

/** References to long-lived AWS keys: secrets named like access keys, or key inputs/variables set. */
export function accessKeyReferences(workflow: Workflow): string[] {
    return accessKeyPatterns.flatMap((pattern) => [...workflow.text.matchAll(pattern)].map((match) => `${workflow.file}: ${match[0]}`));
}

/** Every `run:` line of a workflow, matrix expanded, with its job. */
export function runLines(workflow: Workflow): { job: string; line: string }[] {
    return Object.entries(workflow.jobs).flatMap(([id, job]) =>
        matrixCombinations(job).flatMap((combination) =>
            (job.steps ?? [])
                .filter((step) => step.run !== undefined)
                .flatMap((step) =>
                    expandMatrix(step.run!, combination)
                        .split("\n")
                        .map((line) => ({ job: id, line: line.trim() })),
                ),
        ),
    );
}

/** The ids a job needs, as a list. */
export function needsOf(job: Job): string[] {
    return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/**
 * Install findings: every `npm ci` skips dependency install scripts (`--ignore-scripts`: the
 * provider's plugin download), and every job that starts the pack (`npm run build:pack`,
 * `npm run plan`, `pulumi preview|up`) first installs the pack as its own package: `npm ci` with
 * `working-directory: <packDir>` before that step.
 */
export function installFindings(workflow: Workflow, packDir = "policypacks/baseline"): string[] {
    const findings: string[] = [];
    for (const [id, job] of Object.entries(workflow.jobs)) {
        const steps = job.steps ?? [];
        for (const step of steps) {
            for (const line of (step.run ?? "").split("\n").filter((text) => /\bnpm ci\b/.test(text))) {
                if (!/--ignore-scripts\b/.test(line)) {
                    findings.push(`${workflow.file} ${id}: ${line.trim()} runs dependency install scripts; add --ignore-scripts`);
                }
            }
        }
        const packInstall = steps.findIndex((step) => step["working-directory"] === packDir && /\bnpm ci\b/.test(step.run ?? ""));
        const startsPack = steps.findIndex(
            (step) =>
                /npm run (--silent )?(build:pack|plan)\b|\bpulumi\s+(preview|up|update)\b/.test(step.run ?? "") ||
                (step.uses?.startsWith("pulumi/actions@") === true && step.with?.command !== undefined),
        );
        if (startsPack >= 0 && (packInstall < 0 || packInstall > startsPack)) {
            findings.push(`${workflow.file} ${id}: starts the pack without installing it first (npm ci in ${packDir})`);
        }
    }
    return findings;
}
