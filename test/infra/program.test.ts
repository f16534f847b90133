import { describe, expect, it } from "vitest";
import { baselineProgram } from "../../infra/program";
import { runProgramUnderMocks } from "../../tools/plan/run-program";
import { readStackFile } from "./stack-files";

/** Stack config as the engine hands it to the program: objects and lists as JSON text. */
function engineConfig(stack: string, change: (config: Record<string, unknown>) => void = () => undefined): Record<string, string> {
    const { config } = readStackFile(stack);
    change(config);
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
    );
}

describe("baselineProgram", () => {
    it("reads the stack config through pulumi.Config and returns the environment and opt-outs", async () => {
        const run = await runProgramUnderMocks(baselineProgram, { project: "baseline", stack: "dev", config: engineConfig("dev") });
        expect(run.outputs.environment).toBe("dev");
        expect(run.outputs.clusterName).toBe("baseline-dev");
        expect(run.outputs.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b"]);
        expect(run.outputs.optOuts).toEqual([
            { key: "baseline:cluster.deletionProtection", weakens: ["SEC-7"], detail: "EKS deletion protection off (non-prod opt-out)" },
            {
                key: "baseline:protection.enabled",
                weakens: ["SEC-7"],
                detail: "keys, log groups and archives neither protected nor retained on delete (non-prod opt-out)",
            },
            {
                key: "baseline:admission.mode",
                weakens: ["WL-1", "WL-2", "WL-3", "WL-4", "WL-5", "WL-6", "WL-7", "WL-9", "WL-10", "WL-11", "WL-13", "NET-8", "IAM-5"],
                detail: "admission rules in Warn mode: violations are admitted (non-prod opt-out)",
            },
            {
                key: "baseline:policyPack.rollout",
                weakens: ["OPS-2"],
                detail: "policy pack in walk mode: medium and low violations reported as advisory",
            },
        ]);
    });

    it("stops with every config problem before any resource exists", async () => {
        const config = engineConfig("prod", (values) => {
            values["baseline:netwrok"] = { cidr: "10.0.0.0/16" };
            (values["baseline:cluster"] as Record<string, unknown>).publicEndpoint = { cidrs: ["0.0.0.0/0"], reason: "demo" };
        });
        await expect(runProgramUnderMocks(baselineProgram, { project: "baseline", stack: "prod", config })).rejects.toThrow(
            [
                "baseline:netwrok is not a known setting; remove it or fix its spelling (known: environment, accountId, deployPhase, network, cluster, identity, accessHost, audit, protection, clusterAccess, namespaces, rbac, mesh, secretsDelivery, admission, runtimeDetection, policyPack, storage).",
                'baseline:cluster.publicEndpoint is set for environment prod; the prod API endpoint stays private (NET-1): remove publicEndpoint and reach the API from inside the VPC or through the access host (clusterAccess.mode "ssm-tunnel").',
            ].join("\n"),
        );
    });
});
