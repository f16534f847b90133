import { describe, expect, it } from "vitest";
import { parseBaselineConfig } from "../../infra/config";
import { minimalRaw, problemsOf, set } from "./fixtures";

type Change = (raw: Record<string, unknown>) => void;

/** Each opt-out: how to set it, what it lands as in optOuts outside prod, and prod's refusal (or none). */
const optOuts: [string, Change, { key: string; weakens: string[]; detail: string }, string | undefined][] = [
    [
        "public API endpoint",
        (raw) => set(raw, "cluster.publicEndpoint", { cidrs: ["203.0.113.0/24", "198.51.100.0/24"], reason: "office VPN" }),
        {
            key: "baseline:cluster.publicEndpoint",
            weakens: ["NET-1"],
            detail: "public API endpoint open to 203.0.113.0/24, 198.51.100.0/24 (non-prod opt-out)",
        },
        'baseline:cluster.publicEndpoint is set for environment prod; the prod API endpoint stays private (NET-1): remove publicEndpoint and reach the API from inside the VPC or through the access host (clusterAccess.mode "ssm-tunnel").',
    ],
    [
        "deletion protection off",
        (raw) => set(raw, "cluster.deletionProtection", false),
        { key: "baseline:cluster.deletionProtection", weakens: ["SEC-7"], detail: "EKS deletion protection off (non-prod opt-out)" },
        "baseline:cluster.deletionProtection is false for environment prod; prod clusters keep deletion protection (SEC-7): remove the setting or set it to true.",
    ],
    [
        "resource protection off",
        (raw) => set(raw, "protection", { enabled: false }),
        {
            key: "baseline:protection.enabled",
            weakens: ["SEC-7"],
            detail: "keys, log groups and archives neither protected nor retained on delete (non-prod opt-out)",
        },
        "baseline:protection.enabled is false for environment prod; prod keeps keys, log groups and archives protected and retained on delete (SEC-7): remove the setting or set it to true.",
    ],
    [
        "node control container",
        (raw) => set(raw, "cluster.nodeControlContainer", true),
        {
            key: "baseline:cluster.nodeControlContainer",
            weakens: ["NODE-2"],
            detail: "Bottlerocket control container (SSM sessions on nodes) on (non-prod opt-out)",
        },
        "baseline:cluster.nodeControlContainer is true for environment prod; prod nodes accept no remote sessions (NODE-2): remove the setting or set it to false.",
    ],
    [
        "log archive off",
        (raw) => set(raw, "audit", { archive: { enabled: false } }),
        { key: "baseline:audit.archive.enabled", weakens: ["LOG-3"], detail: "no log archive outside the cluster (non-prod opt-out)" },
        "baseline:audit.archive.enabled is false for environment prod; prod archives its logs outside the cluster (LOG-3): remove the setting or set it to true.",
    ],
    [
        "mesh off",
        (raw) => set(raw, "mesh", { enabled: false }),
        {
            key: "baseline:mesh.enabled",
            weakens: ["MESH-2", "MESH-3", "LOG-6"],
            detail: "no service mesh: no mTLS and no service-to-service authorization (non-prod opt-out)",
        },
        "baseline:mesh.enabled is false for environment prod; prod runs the mesh with strict mTLS (MESH-2, MESH-3): remove the setting or set it to true.",
    ],
    [
        "secrets delivery off",
        (raw) => set(raw, "secretsDelivery", { enabled: false }),
        { key: "baseline:secretsDelivery.enabled", weakens: ["SEC-4"], detail: "no Secrets Manager delivery to pods (non-prod opt-out)" },
        "baseline:secretsDelivery.enabled is false for environment prod; prod delivers secrets from Secrets Manager (SEC-4): remove the setting or set it to true.",
    ],
    [
        "admission in Audit mode",
        (raw) => set(raw, "admission", { mode: "Audit" }),
        {
            key: "baseline:admission.mode",
            weakens: ["WL-1", "WL-2", "WL-3", "WL-4", "WL-5", "WL-6", "WL-7", "WL-9", "WL-10", "WL-11", "WL-13", "NET-8", "IAM-5"],
            detail: "admission rules in Audit mode: violations are admitted (non-prod opt-out)",
        },
        'baseline:admission.mode is "Audit" for environment prod; prod admission rules reject violations (OPS-2): set mode to "Deny".',
    ],
    [
        "no runtime detection",
        (raw) => set(raw, "runtimeDetection", "none"),
        { key: "baseline:runtimeDetection", weakens: ["LOG-5"], detail: "no runtime threat detection on nodes (non-prod opt-out)" },
        'baseline:runtimeDetection is "none" for environment prod; prod runs runtime threat detection (LOG-5): use "falco" or "guardduty".',
    ],
    [
        "NAT egress",
        (raw) => set(raw, "network.egress", "nat"),
        {
            key: "baseline:network.egress",
            weakens: ["NET-3"],
            detail: "private subnets reach the internet through one NAT gateway per zone",
        },
        undefined,
    ],
];

function optOutsOf(change: Change, environment: "dev" | "prod"): unknown[] {
    const raw = minimalRaw(environment);
    change(raw);
    return parseBaselineConfig(raw, { stack: environment, region: "eu-west-1" }).optOuts;
}

describe("opt-outs", () => {
    it.each(optOuts)("lists the %s opt-out when a non-prod stack sets it", (_name, change, expected) => {
        expect(optOutsOf(change, "dev")).toEqual([expected]);
    });

    it.each(optOuts.filter(([, , , refusal]) => refusal !== undefined))(
        "refuses the %s opt-out in prod",
        (_name, change, _expected, refusal) => {
            expect(problemsOf(change, { environment: "prod" })).toEqual([refusal]);
        },
    );

    it("allows NAT egress in prod and still lists it", () => {
        expect(optOutsOf((raw) => set(raw, "network.egress", "nat"), "prod")).toEqual([
            {
                key: "baseline:network.egress",
                weakens: ["NET-3"],
                detail: "private subnets reach the internet through one NAT gateway per zone",
            },
        ]);
    });

    it("reports every prod refusal at once", () => {
        const problems = problemsOf(
            (raw) => {
                for (const [, change] of optOuts) {
                    change(raw);
                }
            },
            { environment: "prod" },
        );
        expect(problems).toEqual(optOuts.flatMap(([, , , refusal]) => (refusal === undefined ? [] : [refusal])));
    });
});
