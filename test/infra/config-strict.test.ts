/**
 * The typos issue 11 found passing silently, each now one line naming the key and the fix:
 * every problem in one run, YAML errors with file, line and column, versions against the known
 * tables, the region against the known AWS Regions, misspelt `baseline` namespaces.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BaselineConfigError, parseStackConfigMap } from "../../infra/config";
import { awsRegions } from "../../infra/config/regions";
import { knownIstioMinors, knownKubernetesVersions } from "../../infra/config/versions";
import { main } from "../../tools/plan/cli";
import { loadStackConfig, parseStackConfig } from "../../tools/plan/stack-config";
import { problemsOf } from "./fixtures";

const root = path.resolve(__dirname, "..", "..");

function problemsFrom(run: () => unknown): string[] {
    try {
        run();
    } catch (error) {
        if (error instanceof BaselineConfigError) {
            return error.problems;
        }
        throw error;
    }
    return [];
}

describe("every problem in one run", () => {
    it("reports azCount: 1 and a /8 block together", () => {
        expect(problemsOf((raw) => (raw.network = { cidr: "10.0.0.0/8", azCount: 1 }))).toEqual([
            "baseline:network.azCount is 1; use a whole number from 2 to 6.",
            "baseline:network.cidr 10.0.0.0/8 is a /8; use a /16 to /20 block (every pod takes a VPC address with the VPC CNI).",
        ]);
    });
});

describe("aws:region against the known AWS Regions", () => {
    it("refuses eu-wst-1, naming the nearest Region", () => {
        expect(problemsOf(() => undefined, { region: "eu-wst-1" })).toEqual([
            'aws:region is "eu-wst-1", not a known AWS Region (infra/config/regions.ts); did you mean eu-west-1? Fix it in stacks/Pulumi.dev.yaml.',
        ]);
    });

    it("accepts every listed Region, GovCloud and China included", () => {
        expect(awsRegions).toContain("us-gov-west-1");
        expect(awsRegions).toContain("cn-north-1");
        expect(awsRegions.filter((region) => problemsOf(() => undefined, { region }).length > 0)).toEqual([]);
    });
});

describe("versions against the known tables (infra/config/versions.ts)", () => {
    const allAddons = {
        vpcCni: "v1.21.0-eksbuild.1",
        coredns: "v1.13.0-eksbuild.1",
        kubeProxy: "v1.99.0-eksbuild.1",
        podIdentityAgent: "v1.3.9-eksbuild.1",
        ebsCsiDriver: "v1.45.0-eksbuild.2",
    };

    it('refuses Kubernetes "1.99" while an add-on falls back to the 1.33 defaults', () => {
        expect(problemsOf((raw) => ((raw.cluster as Record<string, unknown>).kubernetesVersion = "1.99"))).toEqual([
            `baseline:cluster.kubernetesVersion is "1.99", not a Kubernetes version EKS is known to offer (${knownKubernetesVersions.join(", ")}; infra/config/versions.ts); use one of them, or pin every add-on for it (missing: baseline:cluster.addons.vpcCni, baseline:cluster.addons.coredns, baseline:cluster.addons.kubeProxy, baseline:cluster.addons.podIdentityAgent, baseline:cluster.addons.ebsCsiDriver).`,
        ]);
        expect(
            problemsOf((raw) => {
                const cluster = raw.cluster as Record<string, unknown>;
                cluster.kubernetesVersion = "1.99";
                cluster.addons = { kubeProxy: allAddons.kubeProxy };
            }),
        ).toEqual([
            `baseline:cluster.kubernetesVersion is "1.99", not a Kubernetes version EKS is known to offer (${knownKubernetesVersions.join(", ")}; infra/config/versions.ts); use one of them, or pin every add-on for it (missing: baseline:cluster.addons.vpcCni, baseline:cluster.addons.coredns, baseline:cluster.addons.podIdentityAgent, baseline:cluster.addons.ebsCsiDriver).`,
        ]);
    });

    it('accepts Kubernetes "1.99" once every add-on is pinned for it', () => {
        expect(
            problemsOf((raw) => {
                const cluster = raw.cluster as Record<string, unknown>;
                cluster.kubernetesVersion = "1.99";
                cluster.addons = allAddons;
            }),
        ).toEqual([]);
    });

    it("refuses Istio 9.99.0 and accepts every known release line", () => {
        expect(problemsOf((raw) => (raw.mesh = { istioVersion: "9.99.0" }))).toEqual([
            `baseline:mesh.istioVersion is "9.99.0", not a known Istio release line (${knownIstioMinors[0]} to ${knownIstioMinors[knownIstioMinors.length - 1]}; infra/config/versions.ts); pin a released version such as 1.27.1.`,
        ]);
        expect(knownIstioMinors.filter((line) => problemsOf((raw) => (raw.mesh = { istioVersion: `${line}.0` })).length > 0)).toEqual([]);
    });

    it("names baseline:mesh.istioVersion, not the component's Args, for an old Istio", () => {
        expect(problemsOf((raw) => (raw.mesh = { istioVersion: "1.20.3" }))).toEqual([
            'baseline:mesh.istioVersion is "1.20.3", older than 1.22.0; the v1 security and telemetry APIs need Istio 1.22.0 or later: pin 1.27.1 or newer.',
        ]);
    });
});

describe("misspelt baseline namespaces", () => {
    const dev = () => loadStackConfig(path.join(root, "stacks", "Pulumi.dev.yaml"), "baseline").config;

    it.each(["baselin:mesh", "Baseline:mesh", "baseline_:mesh", "basline:mesh"])("refuses %s", (key) => {
        const config = { ...dev(), [key]: JSON.stringify({ enabled: false }) };
        expect(problemsFrom(() => parseStackConfigMap(config, "dev"))).toEqual([
            `${key} uses the config namespace "${key.split(":")[0]}", not "baseline"; rename it to baseline:mesh in stacks/Pulumi.dev.yaml (otherwise it is ignored).`,
        ]);
    });

    it("leaves other namespaces alone (aws:, kubernetes:, a project's own)", () => {
        const config = { ...dev(), "aws:profile": "x", "kubernetes:context": "y", "eks-baseline:note": "z" };
        expect(problemsFrom(() => parseStackConfigMap(config, "dev"))).toEqual([]);
    });

    it("reports a misspelt namespace together with the other problems", () => {
        const config = { ...dev(), "baselin:mesh": "{}", "aws:region": "eu-wst-1" };
        expect(problemsFrom(() => parseStackConfigMap(config, "dev"))).toEqual([
            'baselin:mesh uses the config namespace "baselin", not "baseline"; rename it to baseline:mesh in stacks/Pulumi.dev.yaml (otherwise it is ignored).',
            'aws:region is "eu-wst-1", not a known AWS Region (infra/config/regions.ts); did you mean eu-west-1? Fix it in stacks/Pulumi.dev.yaml.',
        ]);
    });
});

describe("YAML errors name file, line and column", () => {
    it("reports an unclosed flow sequence at its position", () => {
        const text = "config:\n  aws:region: eu-west-1\n  baseline:environment: dev\n   baseline:accountId: '111122223333'\n";
        expect(problemsFrom(() => parseStackConfig(text, "baseline", "stacks/Pulumi.dev.yaml"))).toEqual([
            "stacks/Pulumi.dev.yaml:3:25: not valid YAML: Nested mappings are not allowed in compact mappings; fix the indentation or quoting there.",
        ]);
    });

    it("the plan CLI prints the file, line and column, not 'the program failed'", async () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), "stack-yaml-"));
        const file = path.join(dir, "Pulumi.dev.yaml");
        writeFileSync(file, "config:\n  aws:region: eu-west-1\n  baseline:network:\n    cidr: [10.0.0.0/16\n");
        let stderr = "";
        const code = await main(
            ["--stack", "dev", "--stack-file", file],
            () => undefined,
            (text) => (stderr += text),
        );
        expect(code).toBe(2);
        expect(stderr).toContain(`${file}:5:1: not valid YAML: `);
        expect(stderr).not.toContain("the program failed");
    });
});

describe("baseline:policyPack exemptions", () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

    it("refuses an impossible date, one beyond 90 days and an exemption without a target, all in one run", () => {
        expect(
            problemsOf(
                (raw) =>
                    (raw.policyPack = {
                        exemptions: {
                            "k8s-pod-no-privileged": [
                                { reason: "ticket SEC-1", expires: "2027-13-45" },
                                { resource: "agent", reason: "ticket SEC-2", expires: inDays(120) },
                            ],
                        },
                    }),
            ),
        ).toEqual([
            'baseline:policyPack.exemptions.k8s-pod-no-privileged[0].expires is "2027-13-45"; write a calendar day YYYY-MM-DD at most 90 days ahead (docs/runbooks/exemptions.md).',
            'baseline:policyPack.exemptions.k8s-pod-no-privileged[0] names no target; set "resource" (a resource name or URN) or "namespace".',
            `baseline:policyPack.exemptions.k8s-pod-no-privileged[1].expires is "${inDays(120)}"; write a calendar day YYYY-MM-DD at most 90 days ahead (docs/runbooks/exemptions.md).`,
        ]);
    });

    it("accepts a named exemption expiring within 90 days", () => {
        expect(
            problemsOf(
                (raw) =>
                    (raw.policyPack = {
                        exemptions: { "k8s-pod-no-privileged": [{ namespace: "shop", reason: "ticket SEC-3", expires: inDays(89) }] },
                    }),
            ),
        ).toEqual([]);
    });

    it('refuses rollout "crawl" for prod and lists "walk" as an opt-out elsewhere', () => {
        expect(problemsOf((raw) => (raw.policyPack = { rollout: "crawl" }), { environment: "prod" })).toContain(
            'baseline:policyPack.rollout is "crawl" for environment prod; prod blocks on every high and critical violation (OPS-2): set it to "walk" or "run".',
        );
        expect(problemsOf((raw) => (raw.policyPack = { rollout: "walk" }), { environment: "prod" })).toEqual([]);
    });
});
