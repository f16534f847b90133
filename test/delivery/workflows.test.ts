import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
    Job,
    Workflow,
    accessKeyReferences,
    assumesAwsRole,
    installFindings,
    matrixCombinations,
    needsOf,
    parseWorkflow,
    permissionFindings,
    pinsWithoutVersionComment,
    policyPackFindings,
    pulumiInvocations,
    runLines,
    unpinnedUses,
    loadWorkflows,
} from "./workflow-rules";

const root = path.resolve(__dirname, "..", "..");
const workflows = loadWorkflows(root);
const byFile = (file: string): Workflow => {
    const workflow = workflows.find((candidate) => candidate.file === file);
    if (!workflow) {
        throw new Error(`.github/workflows/${file} is missing`);
    }
    return workflow;
};
const stacks = ["dev", "staging", "prod"];

/** A compliant one-job workflow; the rule tests below change one field of it. */
const baseWorkflow = `
name: sample
on: { pull_request: { branches: [main] } }
permissions: {}
jobs:
  preview:
    permissions: { contents: read, id-token: write }
    strategy: { matrix: { stack: [dev, prod] } }
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
      - uses: aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502 # v4.0.2
        with: { role-to-assume: "\${{ vars.ROLE }}", aws-region: eu-west-1 }
      - run: pulumi preview --stack \${{ matrix.stack }} --policy-pack policypacks/baseline --policy-pack-config policypacks/baseline/config/\${{ matrix.stack }}.json
`;
const sample = (text = baseWorkflow) => parseWorkflow("sample.yml", text);

describe("workflow rules (checked on violating workflows)", () => {
    it("accepts the compliant sample workflow", () => {
        const workflow = sample();
        expect(unpinnedUses(workflow)).toEqual([]);
        expect(pinsWithoutVersionComment(workflow)).toEqual([]);
        expect(permissionFindings(workflow)).toEqual([]);
        expect(accessKeyReferences(workflow)).toEqual([]);
        expect(pulumiInvocations(workflow).flatMap((invocation) => policyPackFindings(invocation))).toEqual([]);
    });

    it("flags an action pinned to a tag or a short SHA", () => {
        const tagged = sample(baseWorkflow.replace("actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8", "actions/checkout@v5"));
        expect(unpinnedUses(tagged)).toEqual(["sample.yml preview: actions/checkout@v5"]);
        const short = sample(baseWorkflow.replace("08c6903cd8c0fde910a37f88322edcfb5dd907a8", "08c6903"));
        expect(unpinnedUses(short)).toEqual(["sample.yml preview: actions/checkout@08c6903"]);
    });

    it("flags a SHA pin without the release in a trailing comment", () => {
        const workflow = sample(baseWorkflow.replace(" # v5.0.0", ""));
        expect(pinsWithoutVersionComment(workflow)).toEqual([
            "sample.yml: - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8",
        ]);
    });

    it("flags write-all, a missing job permissions block and id-token: write without an AWS role", () => {
        expect(permissionFindings(sample(baseWorkflow.replace("permissions: {}", "permissions: write-all")))).toEqual([
            "sample.yml: workflow permissions *: write-all; keep the top level at {} or read and grant per job",
        ]);
        expect(
            permissionFindings(sample(baseWorkflow.replace("permissions: { contents: read, id-token: write }", "permissions: write-all"))),
        ).toEqual(["sample.yml preview: permissions write-all"]);
        expect(permissionFindings(sample(baseWorkflow.replace("    permissions: { contents: read, id-token: write }\n", "")))).toEqual([
            "sample.yml preview: no permissions block; list what the job needs",
        ]);
        const noRole = baseWorkflow.replace(/ {6}- uses: aws-actions.*\n.*\n/, "");
        expect(permissionFindings(sample(noRole))).toEqual(["sample.yml preview: id-token: write without an AWS role assumption"]);
        expect(permissionFindings(sample(baseWorkflow.replace("contents: read,", "contents: write,")))).toEqual([
            "sample.yml preview: contents: write",
        ]);
        expect(permissionFindings(sample(baseWorkflow.replace("contents: read,", "contents: read, pull-requests: write,")))).toEqual([
            "sample.yml preview: pull-requests: write without a pull-request comment",
        ]);
        expect(permissionFindings(sample(baseWorkflow.replace("contents: read,", "contents: read, security-events: write,")))).toEqual([
            "sample.yml preview: security-events: write without a SARIF upload",
        ]);
        const uploading = baseWorkflow
            .replace("contents: read,", "contents: read, security-events: write,")
            .concat(
                "      - uses: github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7 # v4.31.9\n        with: { sarif_file: sarif }\n",
            );
        expect(permissionFindings(sample(uploading))).toEqual([]);
    });

    it("flags an npm ci that runs dependency install scripts and a pack started before its own npm ci", () => {
        expect(installFindings(sample())).toEqual([
            "sample.yml preview: starts the pack without installing it first (npm ci in policypacks/baseline)",
        ]);
        const installed = baseWorkflow.replace(
            "      - run: pulumi preview",
            "      - run: npm ci --ignore-scripts\n      - run: npm ci --ignore-scripts\n        working-directory: policypacks/baseline\n      - run: pulumi preview",
        );
        expect(installFindings(sample(installed))).toEqual([]);
        expect(
            installFindings(
                sample(installed.replace("      - run: npm ci --ignore-scripts\n      - run", "      - run: npm ci\n      - run")),
            ),
        ).toEqual(["sample.yml preview: npm ci runs dependency install scripts; add --ignore-scripts"]);
        const late = baseWorkflow.concat("      - run: npm ci --ignore-scripts\n        working-directory: policypacks/baseline\n");
        expect(installFindings(sample(late))).toEqual([
            "sample.yml preview: starts the pack without installing it first (npm ci in policypacks/baseline)",
        ]);
    });

    it("flags a preview without the pack, or with another stack's pack config", () => {
        const noPack = sample(baseWorkflow.replace(/ --policy-pack policypacks.*$/m, ""));
        expect(pulumiInvocations(noPack).flatMap((invocation) => policyPackFindings(invocation))).toEqual([
            "sample.yml preview (pulumi preview --stack dev): does not pass --policy-pack policypacks/baseline",
            "sample.yml preview (pulumi preview --stack dev): passes policy config none; expected policypacks/baseline/config/dev.json",
            "sample.yml preview (pulumi preview --stack prod): does not pass --policy-pack policypacks/baseline",
            "sample.yml preview (pulumi preview --stack prod): passes policy config none; expected policypacks/baseline/config/prod.json",
        ]);
        const wrongConfig = sample(baseWorkflow.replace("config/${{ matrix.stack }}.json", "config/dev.json"));
        expect(pulumiInvocations(wrongConfig).flatMap((invocation) => policyPackFindings(invocation))).toEqual([
            "sample.yml preview (pulumi preview --stack prod): passes policy config policypacks/baseline/config/dev.json; expected policypacks/baseline/config/prod.json",
        ]);
    });

    it("reads the pack from pulumi/actions inputs as well as from the CLI", () => {
        const viaAction = sample(
            baseWorkflow.replace(
                /^ {6}- run: pulumi preview.*$/m,
                [
                    "      - uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0",
                    "        with:",
                    "          command: up",
                    "          stack-name: ${{ matrix.stack }}",
                    "          policyPacks: policypacks/baseline",
                    "          policyPackConfigs: policypacks/baseline/config/staging.json",
                ].join("\n"),
            ),
        );
        expect(
            pulumiInvocations(viaAction).map((invocation) => [invocation.command, invocation.stack, invocation.policyPackConfigs]),
        ).toEqual([
            ["up", "dev", ["policypacks/baseline/config/staging.json"]],
            ["up", "prod", ["policypacks/baseline/config/staging.json"]],
        ]);
        expect(pulumiInvocations(viaAction).flatMap((invocation) => policyPackFindings(invocation))).toHaveLength(2);
    });

    it("flags long-lived AWS keys in secrets or action inputs", () => {
        const withKeys = sample(
            baseWorkflow.replace(
                'with: { role-to-assume: "${{ vars.ROLE }}", aws-region: eu-west-1 }',
                "with: { aws-access-key-id: '${{ secrets.AWS_ACCESS_KEY_ID }}', aws-secret-access-key: '${{ secrets.PROD_SECRET_ACCESS_KEY }}' }",
            ),
        );
        expect(accessKeyReferences(withKeys)).toEqual([
            "sample.yml: secrets.AWS_ACCESS_KEY_ID",
            "sample.yml: secrets.PROD_SECRET_ACCESS_KEY",
            "sample.yml: aws-access-key-id:",
            "sample.yml: aws-secret-access-key:",
        ]);
    });

    it("expands include-only and list matrices the way GitHub does", () => {
        expect(matrixCombinations(sample().jobs.preview!)).toEqual([{ stack: "dev" }, { stack: "prod" }]);
        const include = sample(
            baseWorkflow.replace(
                "{ matrix: { stack: [dev, prod] } }",
                "{ matrix: { stack: [dev], include: [{ stack: dev, role: R1 }, { stack: prod, role: R2 }] } }",
            ),
        );
        expect(matrixCombinations(include.jobs.preview!)).toEqual([
            { stack: "dev", role: "R1" },
            { stack: "prod", role: "R2" },
        ]);
    });
});

describe(".github/workflows", () => {
    it("has the pull-request preview and the main-line deploy workflows", () => {
        expect(workflows.map((workflow) => workflow.file)).toEqual(expect.arrayContaining(["deploy.yml", "preview.yml"]));
        expect(Object.keys(byFile("preview.yml").on)).toEqual(["pull_request"]);
        expect(byFile("deploy.yml").on).toEqual({ push: { branches: ["main"] } });
    });

    it("pins every third-party action to a full commit SHA with its release in a comment (OPS-1)", () => {
        expect(workflows.flatMap(unpinnedUses)).toEqual([]);
        expect(workflows.flatMap(pinsWithoutVersionComment)).toEqual([]);
        expect(workflows.flatMap((workflow) => workflow.text.split("\n").filter((line) => /uses:/.test(line)))).not.toHaveLength(0);
    });

    it("grants least privilege: no write-all, id-token: write only where an AWS role is assumed (OPS-1)", () => {
        expect(workflows.flatMap(permissionFindings)).toEqual([]);
        for (const workflow of workflows) {
            expect(workflow.permissions, workflow.file).toEqual({});
            expect(workflow.text).not.toMatch(/write-all/);
        }
        const roleJobs = workflows.flatMap((workflow) =>
            Object.entries(workflow.jobs)
                .filter(([, job]) => assumesAwsRole(job))
                .map(([id, job]) => [`${workflow.file}:${id}`, job.permissions]),
        );
        expect(roleJobs).toEqual([
            ["deploy.yml:dev", { contents: "read", "id-token": "write" }],
            ["deploy.yml:staging", { contents: "read", "id-token": "write" }],
            ["deploy.yml:prod", { contents: "read", "id-token": "write" }],
            ["preview.yml:preview", { contents: "read", "id-token": "write", "pull-requests": "write" }],
        ]);
    });

    it("passes the baseline pack and the stack's own pack config to every pulumi preview and up (OPS-1, OPS-2)", () => {
        const invocations = workflows.flatMap(pulumiInvocations);
        expect(invocations.flatMap((invocation) => policyPackFindings(invocation))).toEqual([]);
        expect(invocations.map((invocation) => `${invocation.workflow} ${invocation.command} ${invocation.stack}`)).toEqual([
            "deploy.yml up dev",
            "deploy.yml up staging",
            "deploy.yml up prod",
            "preview.yml preview dev",
            "preview.yml preview staging",
            "preview.yml preview prod",
        ]);
        for (const invocation of invocations) {
            expect(existsSync(path.join(root, invocation.policyPackConfigs[0]!)), invocation.policyPackConfigs[0]).toBe(true);
            expect(existsSync(path.join(root, "stacks", `Pulumi.${invocation.stack}.yaml`)), `stacks/Pulumi.${invocation.stack}.yaml`).toBe(
                true,
            );
        }
    });

    it("previews every stack on a pull request with AWS access through OIDC and posts the summary", () => {
        const preview = byFile("preview.yml").jobs.preview!;
        expect(needsOf(preview)).toEqual(["verify"]);
        expect(matrixCombinations(preview).map((combination) => combination.stack)).toEqual(stacks);
        const action = preview.steps!.find((step) => step.uses?.startsWith("pulumi/actions@") && step.with?.command !== undefined)!;
        expect(action.with).toMatchObject({ command: "preview", "comment-on-pr": true });
        const credentials = preview.steps!.find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
        expect(credentials.with?.["role-to-assume"]).toBe("${{ vars[matrix.roleVariable] }}");
        expect(matrixCombinations(preview).map((combination) => combination.roleVariable)).toEqual([
            "AWS_PREVIEW_ROLE_ARN_DEV",
            "AWS_PREVIEW_ROLE_ARN_STAGING",
            "AWS_PREVIEW_ROLE_ARN_PROD",
        ]);
        // The pack is compiled before the CLI loads it.
        const steps = preview.steps!.map((step) => step.run ?? step.uses ?? "");
        expect(steps.indexOf("npm run build:pack")).toBeGreaterThan(-1);
        expect(steps.indexOf("npm run build:pack")).toBeLessThan(preview.steps!.indexOf(action));
    });

    it("runs npm test and the offline plan of all three stacks on a pull request, with no cloud access", () => {
        const workflow = byFile("preview.yml");
        const verify = workflow.jobs.verify!;
        const lines = runLines(workflow)
            .filter((entry) => entry.job === "verify")
            .map((entry) => entry.line);
        expect(lines).toContain("npm test");
        for (const stack of stacks) {
            expect(lines).toContain(`npm run --silent plan -- --stack ${stack} --sarif sarif/plan-${stack}.sarif`);
        }
        expect(assumesAwsRole(verify)).toBe(false);
        expect(verify.permissions).toEqual({ contents: "read", "security-events": "write" });
    });

    it("deploys dev, then staging and prod behind environment approval, one never-cancelled concurrency group per stack (OPS-1)", () => {
        const ups = pulumiInvocations(byFile("deploy.yml"));
        expect(ups.map((up) => [up.job, up.stack, up.concurrencyGroup, up.cancelInProgress, up.environment])).toEqual([
            ["dev", "dev", "pulumi-dev", false, "dev"],
            ["staging", "staging", "pulumi-staging", false, "staging"],
            ["prod", "prod", "pulumi-prod", false, "prod"],
        ]);
        const jobs = byFile("deploy.yml").jobs;
        expect(needsOf(jobs.dev!)).toEqual(["verify"]);
        expect(needsOf(jobs.staging!)).toEqual(["dev"]);
        expect(needsOf(jobs.prod!)).toEqual(["staging"]);
        // `up` runs only in the deploy workflow, which only runs on the main line.
        const upsElsewhere = workflows
            .filter((workflow) => workflow.file !== "deploy.yml")
            .flatMap(pulumiInvocations)
            .filter((invocation) => invocation.command === "up");
        expect(upsElsewhere).toEqual([]);
    });

    it("reaches the private API through the SSM tunnel for dev and staging and from a runner in the prod VPC for prod (NET-1)", () => {
        const tunnelled = (job: Job) =>
            (job.steps ?? []).findIndex((step) => step.run?.includes("pulumi stack output portForwardCommand") === true);
        const pulumiStep = (job: Job) =>
            (job.steps ?? []).findIndex((step) => /pulumi (up|preview)/.test(step.run ?? "") || step.with?.command !== undefined);
        const deploy = byFile("deploy.yml").jobs;
        for (const stack of ["dev", "staging"]) {
            expect(deploy[stack]!["runs-on"]).toBe("ubuntu-24.04");
            expect(tunnelled(deploy[stack]!)).toBeGreaterThan(-1);
            expect(tunnelled(deploy[stack]!)).toBeLessThan(pulumiStep(deploy[stack]!));
        }
        expect(deploy.prod!["runs-on"]).toBe("eks-baseline-prod");
        expect(tunnelled(deploy.prod!)).toBe(-1);

        const preview = byFile("preview.yml").jobs.preview!;
        expect(preview["runs-on"]).toBe("${{ matrix.runner }}");
        expect(
            matrixCombinations(preview).map((combination) => [combination.stack, combination.runner, combination.clusterAccess]),
        ).toEqual([
            ["dev", "ubuntu-24.04", "ssm-tunnel"],
            ["staging", "ubuntu-24.04", "ssm-tunnel"],
            ["prod", "eks-baseline-prod", "in-vpc"],
        ]);
        expect(preview.steps![tunnelled(preview)]!.if).toBe("matrix.clusterAccess == 'ssm-tunnel'");
        expect(tunnelled(preview)).toBeLessThan(pulumiStep(preview));
        // Code from forks never reaches the self-hosted runner or an AWS role.
        expect(preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
        for (const stack of stacks) {
            const mode = (
                parse(readFileSync(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as {
                    config: Record<string, { mode?: string }>;
                }
            ).config["baseline:clusterAccess"]?.mode;
            expect([stack, mode]).toEqual([
                stack,
                matrixCombinations(preview).find((combination) => combination.stack === stack)!.clusterAccess,
            ]);
        }
    });

    it("installs the pack as its own package with npm ci before any job starts it, skipping dependency install scripts", () => {
        expect(workflows.flatMap((workflow) => installFindings(workflow))).toEqual([]);
        const packInstalls = workflows.flatMap((workflow) =>
            Object.entries(workflow.jobs)
                .filter(([, job]) => (job.steps ?? []).some((step) => step["working-directory"] === "policypacks/baseline"))
                .map(([id]) => `${workflow.file}:${id}`),
        );
        expect(packInstalls).toEqual([
            "deploy.yml:verify",
            "deploy.yml:dev",
            "deploy.yml:staging",
            "deploy.yml:prod",
            "preview.yml:verify",
            "preview.yml:preview",
        ]);
    });

    it("uploads the offline plans' SARIF to code scanning with a SHA-pinned upload-sarif, also after a violation", () => {
        const verify = byFile("preview.yml").jobs.verify!;
        const upload = verify.steps!.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
        expect(upload.uses).toBe("github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7");
        expect(upload.with).toEqual({ sarif_file: "sarif" });
        expect(upload.if).toMatch(/!cancelled\(\)/);
        expect(upload.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
        const plans = verify.steps!.filter((step) => /npm run --silent plan/.test(step.run ?? ""));
        expect(plans.map((step) => step.run)).toEqual(
            stacks.map((stack) => `npm run --silent plan -- --stack ${stack} --sarif sarif/plan-${stack}.sarif`),
        );
        expect(verify.steps!.indexOf(upload)).toBeGreaterThan(verify.steps!.indexOf(plans[2]!));
    });

    it("references no long-lived AWS access keys", () => {
        expect(workflows.flatMap(accessKeyReferences)).toEqual([]);
    });
});
