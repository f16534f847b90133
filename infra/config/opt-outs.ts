/**
 * Every option that weakens a control, in one table: when it is in force, what it weakens, and
 * whether prod refuses it. The plan and the stack outputs list the ones in force.
 */
import type { Parsed } from "./schema";
import type { OptOut } from "./types";

interface OptOutRule {
    key: string;
    weakens: string[];
    /** The detail when the opt-out is in force, else undefined. */
    inForce(parsed: Partial<Parsed>): string | undefined;
    /** The refusal for prod, or undefined when prod may use it too. */
    refusedInProd?: string | ((parsed: Partial<Parsed>) => string);
}

/** Every control whose admission layer (A) AdmissionPolicies enforces; Warn or Audit weakens them all. */
const admissionControls = ["WL-1", "WL-2", "WL-3", "WL-4", "WL-5", "WL-6", "WL-7", "WL-9", "WL-10", "WL-11", "WL-13", "NET-8", "IAM-5"];

const rules: OptOutRule[] = [
    {
        key: "baseline:cluster.publicEndpoint",
        weakens: ["NET-1"],
        inForce: ({ cluster }) =>
            cluster?.publicEndpoint
                ? `public API endpoint open to ${cluster.publicEndpoint.cidrs.join(", ")} (non-prod opt-out)`
                : undefined,
        refusedInProd:
            'baseline:cluster.publicEndpoint is set for environment prod; the prod API endpoint stays private (NET-1): remove publicEndpoint and reach the API from inside the VPC or through the access host (clusterAccess.mode "ssm-tunnel").',
    },
    {
        key: "baseline:cluster.deletionProtection",
        weakens: ["SEC-7"],
        inForce: ({ cluster }) => (cluster && !cluster.deletionProtection ? "EKS deletion protection off (non-prod opt-out)" : undefined),
        refusedInProd:
            "baseline:cluster.deletionProtection is false for environment prod; prod clusters keep deletion protection (SEC-7): remove the setting or set it to true.",
    },
    {
        key: "baseline:protection.enabled",
        weakens: ["SEC-7"],
        inForce: ({ protection }) =>
            protection && !protection.enabled
                ? "keys, log groups and archives neither protected nor retained on delete (non-prod opt-out)"
                : undefined,
        refusedInProd:
            "baseline:protection.enabled is false for environment prod; prod keeps keys, log groups and archives protected and retained on delete (SEC-7): remove the setting or set it to true.",
    },
    {
        key: "baseline:cluster.nodeControlContainer",
        weakens: ["NODE-2"],
        inForce: ({ cluster }) =>
            cluster?.nodeControlContainer ? "Bottlerocket control container (SSM sessions on nodes) on (non-prod opt-out)" : undefined,
        refusedInProd:
            "baseline:cluster.nodeControlContainer is true for environment prod; prod nodes accept no remote sessions (NODE-2): remove the setting or set it to false.",
    },
    {
        key: "baseline:network.egress",
        weakens: ["NET-3"],
        inForce: ({ network }) =>
            network?.egress === "nat"
                ? `private subnets reach the internet through ${network.natGateways === "single" ? "one shared NAT gateway" : "one NAT gateway per zone"}`
                : undefined,
    },
    {
        key: "baseline:audit.archive.enabled",
        weakens: ["LOG-3"],
        inForce: ({ audit }) => (audit && !audit.archive.enabled ? "no log archive outside the cluster (non-prod opt-out)" : undefined),
        refusedInProd:
            "baseline:audit.archive.enabled is false for environment prod; prod archives its logs outside the cluster (LOG-3): remove the setting or set it to true.",
    },
    {
        key: "baseline:mesh.enabled",
        weakens: ["MESH-2", "MESH-3", "LOG-6"],
        inForce: ({ mesh }) =>
            mesh && !mesh.enabled ? "no service mesh: no mTLS and no service-to-service authorization (non-prod opt-out)" : undefined,
        refusedInProd:
            "baseline:mesh.enabled is false for environment prod; prod runs the mesh with strict mTLS (MESH-2, MESH-3): remove the setting or set it to true.",
    },
    {
        key: "baseline:secretsDelivery.enabled",
        weakens: ["SEC-4"],
        inForce: ({ secretsDelivery }) =>
            secretsDelivery && !secretsDelivery.enabled ? "no Secrets Manager delivery to pods (non-prod opt-out)" : undefined,
        refusedInProd:
            "baseline:secretsDelivery.enabled is false for environment prod; prod delivers secrets from Secrets Manager (SEC-4): remove the setting or set it to true.",
    },
    {
        key: "baseline:admission.mode",
        weakens: admissionControls,
        inForce: ({ admission }) =>
            admission && admission.mode !== "Deny"
                ? `admission rules in ${admission.mode} mode: violations are admitted (non-prod opt-out)`
                : undefined,
        refusedInProd: ({ admission }) =>
            `baseline:admission.mode is "${admission?.mode}" for environment prod; prod admission rules reject violations (OPS-2): set mode to "Deny".`,
    },
    {
        key: "baseline:runtimeDetection",
        weakens: ["LOG-5"],
        inForce: ({ runtimeDetection }) =>
            runtimeDetection === "none" ? "no runtime threat detection on nodes (non-prod opt-out)" : undefined,
        refusedInProd:
            'baseline:runtimeDetection is "none" for environment prod; prod runs runtime threat detection (LOG-5): use "falco" or "guardduty".',
    },
    {
        key: "baseline:policyPack.rollout",
        weakens: ["OPS-2"],
        inForce: ({ policyPack }) =>
            policyPack && policyPack.rollout !== "run"
                ? `policy pack in ${policyPack.rollout} mode: ${policyPack.rollout === "crawl" ? "every violation" : "medium and low violations"} reported as advisory`
                : undefined,
        refusedInProd: ({ policyPack }) =>
            policyPack?.rollout === "crawl"
                ? 'baseline:policyPack.rollout is "crawl" for environment prod; prod blocks on every high and critical violation (OPS-2): set it to "walk" or "run".'
                : "",
    },
    {
        // Allowed in prod: in an account shared with other teams the account owner sets these
        // account-wide defaults; the cluster's own volumes stay encrypted with the EBS key anyway.
        key: "baseline:storage.accountEncryptionDefaults",
        weakens: ["SEC-8"],
        inForce: ({ storage }) =>
            storage && !storage.accountEncryptionDefaults
                ? "EBS encryption by default and the default EBS key left to the account owner (shared account)"
                : undefined,
    },
];

/** Every opt-out the parser knows: its key, what it weakens, and whether prod refuses it (the README's opt-out table lists each). */
export const optOutCatalogue: readonly { key: string; weakens: readonly string[]; refusedInProd: boolean }[] = rules.map((rule) => ({
    key: rule.key,
    weakens: [...rule.weakens],
    refusedInProd: rule.refusedInProd !== undefined,
}));

/** The opt-outs in force and, for prod, the refusals. */
export function collectOptOuts(parsed: Partial<Parsed>, environment: string | undefined): { optOuts: OptOut[]; problems: string[] } {
    const optOuts: OptOut[] = [];
    const problems: string[] = [];
    for (const rule of rules) {
        const detail = rule.inForce(parsed);
        if (detail === undefined) {
            continue;
        }
        const refusal =
            environment === "prod" && rule.refusedInProd
                ? typeof rule.refusedInProd === "string"
                    ? rule.refusedInProd
                    : rule.refusedInProd(parsed)
                : "";
        if (refusal !== "") {
            problems.push(refusal);
        } else {
            optOuts.push({ key: rule.key, weakens: rule.weakens, detail });
        }
    }
    return { optOuts, problems };
}
