import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { baselinePolicies } from "../../policypacks/baseline/policies";
import { RunbookContext, commandFindings, shellCommands } from "./runbook-rules";

const root = path.resolve(__dirname, "..", "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Names an object literal in `file` returns as `name:` or `name,` (shorthand). */
function returnedNames(file: string): string[] {
    return [...read(file).matchAll(/^\s+(\w+)(?::|,$)/gm)].map((match) => match[1]!);
}

const context: RunbookContext = {
    root,
    scripts: Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts),
    configKeys: Object.keys((parse(read("Pulumi.yaml")) as { config: Record<string, unknown> }).config),
    outputs: {
        ".": returnedNames("infra/program.ts"),
        "infra/bootstrap": returnedNames("infra/bootstrap/program.ts"),
    },
};

/** Each runbook and the headings (topics) it must cover. */
const runbooks: Record<string, string[]> = {
    "first-deploy.md": [
        "Bootstrap the state backend",
        "Log in and create the stack with the KMS secrets provider",
        "Phase 1: the AWS layer",
        "Phase 2: the full baseline",
    ],
    "daily-access.md": ["Session Manager port forwarding", "Kubeconfig with tls-server-name", "OIDC login"],
    "break-glass.md": ["Assume the role with MFA", "The alarm it raises", "After"],
    "incident-response.md": ["Isolate a namespace", "Revoke an identity", "Use break-glass", "Find the audit trail"],
    "upgrades.md": ["Pick the versions", "Change the stack config", "Roll out", "Node group changes without a version change"],
    "policy-rollout.md": ["Crawl: see what would fail", "Walk: block what is severe", "Run: everything blocks"],
    "exemptions.md": ["Add one", "Rules"],
    "audit-alarms.md": ["Check the filters against CloudWatch Logs", "Confirm the thresholds on a live cluster", "What each alarm means"],
};

describe("runbook checks (on commands that must fail)", () => {
    it("flags unknown stacks, scripts, files, config keys and outputs", () => {
        expect(
            commandFindings(
                "pulumi up --stack qa --policy-pack policypacks/baseline --policy-pack-config policypacks/baseline/config/qa.json",
                context,
            ),
        ).toEqual([
            "pulumi up --stack qa --policy-pack policypacks/baseline --policy-pack-config policypacks/baseline/config/qa.json: policypacks/baseline/config/qa.json does not exist",
            'pulumi up --stack qa --policy-pack policypacks/baseline --policy-pack-config policypacks/baseline/config/qa.json: stack "qa" has no stacks/Pulumi.qa.yaml',
        ]);
        expect(commandFindings("npm run deploy -- --stack dev", context)).toEqual([
            'npm run deploy -- --stack dev: npm script "deploy" does not exist',
        ]);
        expect(commandFindings("npm run --silent deploy -- --stack dev", context)).toEqual([
            'npm run --silent deploy -- --stack dev: npm script "deploy" does not exist',
        ]);
        expect(commandFindings("npm run plan -- --stack dev --json | jq .summary", context)).toEqual([
            "npm run plan -- --stack dev --json | jq .summary: npm prints its banner on stdout; use npm run --silent plan for machine-read output",
        ]);
        expect(commandFindings("npm run --silent plan -- --stack dev --json | jq .summary", context)).toEqual([]);
        expect(commandFindings("pulumi config set baseline:phase aws --stack dev", context)).toEqual([
            "pulumi config set baseline:phase aws --stack dev: config key baseline:phase is not declared in Pulumi.yaml",
        ]);
        expect(commandFindings("pulumi stack output apiUrl --stack dev", context)).toEqual([
            'pulumi stack output apiUrl --stack dev: "apiUrl" is not an output of the program',
        ]);
        expect(commandFindings("pulumi stack output clusterName", context)).toEqual([
            "pulumi stack output clusterName: names no stack; pass --stack",
        ]);
    });

    it("flags a preview or up without the pack or with another stack's pack config", () => {
        expect(commandFindings("pulumi up --stack prod", context)).toEqual([
            "pulumi up --stack prod: does not pass --policy-pack policypacks/baseline",
            "pulumi up --stack prod: passes policy config none; expected policypacks/baseline/config/prod.json",
        ]);
        expect(
            commandFindings(
                "pulumi preview --stack prod --policy-pack policypacks/baseline --policy-pack-config policypacks/baseline/config/dev.json",
                context,
            ),
        ).toHaveLength(1);
    });

    it("reads fenced shell blocks with continuation lines", () => {
        expect(
            shellCommands(
                "text\n```sh\n# comment\naws ssm start-session --target i-1 \\\n  --region eu-west-1\nnpm test\n```\n```json\n{}\n```\n",
            ),
        ).toEqual(["aws ssm start-session --target i-1 --region eu-west-1", "npm test"]);
    });
});

describe("docs/runbooks", () => {
    for (const [file, headings] of Object.entries(runbooks)) {
        it(`${file} covers its topics with exact, valid commands (OPS-1, OPS-3)`, () => {
            const markdown = read(path.join("docs", "runbooks", file));
            const found = [...markdown.matchAll(/^#{1,3} (.+)$/gm)].map((match) => match[1]!.replace(/^\d+\.\s*/, ""));
            expect(found).toEqual(expect.arrayContaining(headings));
            const commands = shellCommands(markdown);
            expect(commands.some((command) => /\b(pulumi|npm run|aws|kubectl)\b/.test(command))).toBe(true);
            expect(commands.flatMap((command) => commandFindings(command, context))).toEqual([]);
            const prose = [...markdown.matchAll(/\bbaseline:([A-Za-z]+)\b/g)].map((match) => `baseline:${match[1]}`);
            expect(prose.filter((key) => !context.configKeys.includes(key))).toEqual([]);
            for (const link of markdown.matchAll(/\]\(([\w.-]+\.md)\)/g)) {
                expect(existsSync(path.join(root, "docs", "runbooks", link[1]!)), link[1]).toBe(true);
            }
        });
    }

    it("first-deploy.md logs in to the bootstrap bucket and inits stacks with the awskms secrets provider (SEC-6)", () => {
        const commands = shellCommands(read("docs/runbooks/first-deploy.md"));
        const shared = parse(read("infra/bootstrap/Pulumi.shared.yaml")) as { config: Record<string, string> };
        const bucket = shared.config["eks-baseline-bootstrap:bucketName"];
        expect(commands).toContain(`pulumi login s3://${bucket}`);
        expect(commands).toContain(
            `pulumi stack init dev --secrets-provider "awskms://alias/pulumi-secrets?region=${shared.config["aws:region"]}"`,
        );
        expect(commands).toContain("pulumi up --cwd infra/bootstrap --stack shared");
        const phases = commands.filter((command) => command.startsWith("pulumi config set baseline:deployPhase"));
        expect(phases).toEqual([
            "pulumi config set baseline:deployPhase aws --stack dev",
            "pulumi config set baseline:deployPhase full --stack dev",
        ]);
    });

    it("break-glass.md names the MFA assumption and the break-glass alarm (IAM-6)", () => {
        const markdown = read("docs/runbooks/break-glass.md");
        expect(shellCommands(markdown).find((command) => command.startsWith("aws sts assume-role"))).toMatch(
            /--serial-number \S+ --token-code \d{6}/,
        );
        expect(markdown).toContain("baseline-prod-audit-break-glass");
    });

    it("incident-response.md isolates with a deny-all NetworkPolicy for both directions (OPS-3)", () => {
        const markdown = read("docs/runbooks/incident-response.md");
        const yamlBlocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!) as Record<string, unknown>);
        expect(yamlBlocks[0]).toEqual({
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "incident-isolate", namespace: "payments", labels: { incident: "true" } },
            spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
        });
        expect(
            shellCommands(markdown).some(
                (command) =>
                    command.startsWith("aws logs start-query") && command.includes("--log-group-name /aws/eks/baseline-prod/cluster"),
            ),
        ).toBe(true);
        expect(shellCommands(markdown).some((command) => command.startsWith("aws eks delete-access-entry"))).toBe(true);
    });
});

describe("policy rollout and exemptions (OPS-2)", () => {
    const jsonBlocks = (file: string) =>
        [...read(file).matchAll(/```json\n([\s\S]*?)```/g)].map(
            (match) => JSON.parse(match[1]!) as Record<string, Record<string, unknown>>,
        );

    it("policy-rollout.md walks each stack's pack config from crawl to run, matching the config files (OPS-2)", () => {
        const file = "docs/runbooks/policy-rollout.md";
        expect(jsonBlocks(file).map((block) => block["baseline-rollout"]!.mode)).toEqual(["crawl", "walk"]);
        const markdown = read(file);
        for (const stack of ["dev", "staging", "prod"]) {
            const config = JSON.parse(read(`policypacks/baseline/config/${stack}.json`)) as Record<string, { mode: string }>;
            expect(markdown).toContain(
                `| ${stack} | \`policypacks/baseline/config/${stack}.json\` | \`${config["baseline-rollout"]!.mode}\``,
            );
        }
    });

    it("exemptions.md adds an exemption with a reason and an expiry to a real policy's pack config (OPS-2)", () => {
        const names = new Set(baselinePolicies.map((policy) => policy.name));
        const [config] = jsonBlocks("docs/runbooks/exemptions.md");
        const exempted = Object.entries(config!).filter(([, entry]) => Array.isArray(entry.exemptions));
        expect(exempted.map(([name]) => name)).toEqual(["k8s-pod-read-only-root-filesystem"]);
        for (const [name, entry] of exempted) {
            expect(names.has(name)).toBe(true);
            for (const exemption of entry.exemptions as Record<string, string>[]) {
                expect(Object.keys(exemption).sort()).toEqual(["expires", "reason", "resource"]);
                expect(exemption.expires).toMatch(/^\d{4}-\d{2}-\d{2}$/);
                expect(exemption.reason!.length).toBeGreaterThan(20);
            }
        }
        expect(config!["baseline-rollout"]).toEqual(JSON.parse(read("policypacks/baseline/config/staging.json"))["baseline-rollout"]);
    });
});

describe("docs/upgrading.md", () => {
    it("has one line per changed default, each naming the setting and its control", () => {
        const lines = read("docs/upgrading.md")
            .split("\n")
            .filter((line) => line.startsWith("- "));
        expect(lines.length).toBeGreaterThan(10);
        expect(lines.filter((line) => !/`[^`]+`/.test(line) || !/\b[A-Z]{2,4}-\d+\b/.test(line))).toEqual([]);
    });
});
