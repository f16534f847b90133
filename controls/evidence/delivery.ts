/**
 * Evidence for delivery: CI workflows and the state-backend bootstrap (B), runbooks (D).
 * OPS-1 per-environment stacks, pack-gated previews and main-line deploys; OPS-2 crawl/walk/run;
 * OPS-3 incident response; SEC-6 state backend and secrets provider; IAM-6 break-glass use.
 */
import { ControlEvidence } from "../evidence";

const preview = ".github/workflows/preview.yml";
const deploy = ".github/workflows/deploy.yml";
const workflowsTest = "test/delivery/workflows.test.ts";
const stateBackend = "infra/bootstrap/state-backend.ts";
const bootstrapTest = "test/delivery/bootstrap.test.ts";
const runbooksTest = "test/delivery/runbooks.test.ts";
const runbook = (name: string) => `docs/runbooks/${name}.md`;
/** The per-runbook test is generated as `${file} covers its topics ...`; this is its fixed text. */
const coversTopics = "covers its topics with exact, valid commands (OPS-1, OPS-3)";

export const evidence: ControlEvidence[] = [
    // OPS-1: every change previewed through the pack per stack; `up` only from main, gated per environment.
    {
        control: "OPS-1",
        layer: "B",
        implementation: preview,
        symbol: "policyPackConfigs: policypacks/baseline/config/${{ matrix.stack }}.json",
        test: workflowsTest,
        testName: "passes the baseline pack and the stack's own pack config to every pulumi preview and up (OPS-1, OPS-2)",
    },
    {
        control: "OPS-1",
        layer: "B",
        implementation: deploy,
        symbol: "group: pulumi-prod",
        test: workflowsTest,
        testName: "deploys dev, then staging and prod behind environment approval, one never-cancelled concurrency group per stack (OPS-1)",
    },
    {
        control: "OPS-1",
        layer: "B",
        implementation: preview,
        symbol: "permissions: {}",
        test: workflowsTest,
        testName: "grants least privilege: no write-all, id-token: write only where an AWS role is assumed (OPS-1)",
    },
    {
        control: "OPS-1",
        layer: "B",
        implementation: deploy,
        symbol: "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8",
        test: workflowsTest,
        testName: "pins every third-party action to a full commit SHA with its release in a comment (OPS-1)",
    },
    {
        control: "OPS-1",
        layer: "B",
        implementation: preview,
        symbol: "github/codeql-action/upload-sarif@5d4e8d1aca955e8d8589aabd499c5cae939e33c7",
        test: workflowsTest,
        testName: "uploads the offline plans' SARIF to code scanning with a SHA-pinned upload-sarif, also after a violation",
    },
    {
        control: "OPS-1",
        layer: "D",
        implementation: runbook("first-deploy"),
        symbol: "## 5. Phase 2: the full baseline",
        test: runbooksTest,
        testName: coversTopics,
    },
    // OPS-2: crawl/walk/run per environment.
    {
        control: "OPS-2",
        layer: "D",
        implementation: runbook("policy-rollout"),
        symbol: "## Walk: block what is severe",
        test: runbooksTest,
        testName: "policy-rollout.md walks each stack's pack config from crawl to run, matching the config files (OPS-2)",
    },
    {
        control: "OPS-2",
        layer: "D",
        implementation: runbook("exemptions"),
        symbol: '"expires": "2026-09-30"',
        test: runbooksTest,
        testName: "exemptions.md adds an exemption with a reason and an expiry to a real policy's pack config (OPS-2)",
    },
    // OPS-2: the pack config each stack previews with is generated from its stack file, and checked.
    {
        control: "OPS-2",
        layer: "P",
        implementation: "tools/pack-config/generate.ts",
        symbol: "export function generatePackConfig",
        test: "test/plan/pack-config.test.ts",
        testName: "matches the committed policypacks/baseline/config/<stack>.json of every stack (run npm run pack-config when this fails)",
    },
    {
        control: "OPS-2",
        layer: "P",
        implementation: "tools/pack-config/agreement.ts",
        symbol: "export function packConfigDisagreements",
        test: "test/plan/pack-config.test.ts",
        testName: "refuses a hand-written prod pack config that allow-lists no exposed namespace",
    },
    // OPS-3: the incident-response runbook.
    {
        control: "OPS-3",
        layer: "D",
        implementation: runbook("incident-response"),
        symbol: "## Isolate a namespace",
        test: runbooksTest,
        testName: "incident-response.md isolates with a deny-all NetworkPolicy for both directions (OPS-3)",
    },
    {
        control: "OPS-3",
        layer: "D",
        implementation: runbook("incident-response"),
        symbol: "## Find the audit trail",
        test: runbooksTest,
        testName: coversTopics,
    },
    // SEC-6: the state backend and the stack secrets provider.
    {
        control: "SEC-6",
        layer: "B",
        implementation: stateBackend,
        symbol: 'sseAlgorithm: "aws:kms", kmsMasterKeyId: stateKey.key.arn',
        test: bootstrapTest,
        testName: "versions the state bucket and encrypts it with SSE-KMS under its own key (SEC-6)",
    },
    {
        control: "SEC-6",
        layer: "B",
        implementation: stateBackend,
        symbol: 'args.secretsKeyAlias ?? "alias/pulumi-secrets"',
        test: bootstrapTest,
        testName: "names the secrets provider key alias/pulumi-secrets and outputs loginUrl and secretsProvider (SEC-6)",
    },
    {
        control: "SEC-6",
        layer: "B",
        implementation: "infra/bootstrap/program.ts",
        symbol: "new StateBackend(",
        test: bootstrapTest,
        testName: "plans offline through the policy pack with the prod pack config and no violations (SEC-6)",
    },
    {
        control: "SEC-6",
        layer: "D",
        implementation: runbook("first-deploy"),
        symbol: "## 3. Log in and create the stack with the KMS secrets provider",
        test: runbooksTest,
        testName: "first-deploy.md logs in to the bootstrap bucket and inits stacks with the awskms secrets provider (SEC-6)",
    },
    // IAM-6: break-glass use and its alarm.
    {
        control: "IAM-6",
        layer: "D",
        implementation: runbook("break-glass"),
        symbol: "## The alarm it raises",
        test: runbooksTest,
        testName: "break-glass.md names the MFA assumption and the break-glass alarm (IAM-6)",
    },
];
