import { ControlEvidence } from "../evidence";

/** Config-level guards: the stack config refuses the insecure form before any resource exists. */
export const evidence: ControlEvidence[] = [
    {
        control: "NET-1",
        layer: "B",
        implementation: "infra/config/opt-outs.ts",
        symbol: "baseline:cluster.publicEndpoint is set for environment prod",
        test: "test/infra/config-rules.test.ts",
        testName: "refuses the public endpoint in prod",
    },
    {
        control: "NET-1",
        layer: "B",
        implementation: "stacks/Pulumi.dev.yaml",
        symbol: "baseline:cluster:",
        test: "test/infra/stacks.test.ts",
        testName: "keeps every stack's API endpoint private (NET-1)",
    },
    {
        control: "NODE-3",
        layer: "B",
        implementation: "infra/config/rules/cluster.ts",
        symbol: "kubernetesVersionRule",
        test: "test/infra/config-rules.test.ts",
        testName: "refuses a Kubernetes version below the configured minimum (NODE-3)",
    },
    {
        control: "NODE-3",
        layer: "B",
        implementation: "infra/config/versions.ts",
        symbol: "kubernetesVersionFloor",
        test: "test/infra/config-rules.test.ts",
        testName: "refuses a configured minimum below the project floor (NODE-3)",
    },
    {
        control: "OPS-1",
        layer: "B",
        implementation: "infra/config/rules/environment.ts",
        symbol: "stackFamilyRule",
        test: "test/infra/config-rules.test.ts",
        testName: "requires the environment to match the stack name family (OPS-1)",
    },
    {
        control: "OPS-1",
        layer: "B",
        implementation: "stacks/Pulumi.prod.yaml",
        symbol: "baseline:environment: prod",
        test: "test/infra/stacks.test.ts",
        testName: "has per-environment stacks that differ only by config values (OPS-1)",
    },
    {
        control: "SEC-7",
        layer: "B",
        implementation: "infra/config/opt-outs.ts",
        symbol: "baseline:protection.enabled is false for environment prod",
        test: "test/infra/opt-outs.test.ts",
        testName: "refuses the %s opt-out in prod",
    },
];
