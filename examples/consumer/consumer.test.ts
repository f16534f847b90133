import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PlanResult, planProgram } from "../../index";
import { loadStackConfig } from "../../tools/plan/stack-config";
import { consumerProgram, consumerProject } from "./program";

const root = path.resolve(__dirname, "..", "..");
let plan: PlanResult | undefined;

/** Plans the example once, as its own project and stack, through the real pack with staging's config (run mode). */
async function planned(): Promise<PlanResult> {
    if (!plan) {
        const stack = loadStackConfig(path.join(__dirname, "Pulumi.staging.yaml"), consumerProject);
        plan = await planProgram(consumerProgram, {
            stack: "staging",
            project: consumerProject,
            config: stack.config,
            secretKeys: stack.secretKeys,
            policyConfig: path.join(root, "policypacks", "baseline", "config", "staging.json"),
        });
    }
    return plan;
}

describe("examples/consumer", () => {
    it("plans offline through the policy pack with zero mandatory violations", async () => {
        const result = await planned();
        expect(result.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory")).toEqual([]);
        expect(result.summary.exitCode).toBe(0);
        expect(result.policyConfig["baseline-rollout"]?.properties).toMatchObject({ mode: "run" });
    });

    it("composes its own cluster: two zones, no NAT, no mesh, no access host", async () => {
        const result = await planned();
        const types = new Set(result.resources.map((resource) => resource.type));
        expect([...types].filter((type) => type.startsWith("baseline:")).sort()).toEqual([
            "baseline:cluster-access:ClusterAccess",
            "baseline:cluster:PrivateCluster",
            "baseline:kms:EncryptionKeys",
            "baseline:namespaces:NamespaceBaseline",
            "baseline:network:Network",
        ]);
        expect(
            result.resources
                .filter((resource) => resource.type === "aws:ec2/subnet:Subnet")
                .map((subnet) => subnet.inputs.availabilityZone)
                .sort(),
        ).toEqual(["eu-central-1a", "eu-central-1b"]);
        expect(types.has("aws:ec2/natGateway:NatGateway")).toBe(false);
        expect(types.has("aws:ec2/instance:Instance")).toBe(false);
        expect(
            result.resources.filter((resource) => resource.type === "kubernetes:helm.sh/v3:Release").map((release) => release.inputs.chart),
        ).toEqual([]);
        expect([...types].filter((type) => type.includes("istio.io"))).toEqual([]);
        const cluster = result.resources.find((resource) => resource.type === "aws:eks/cluster:Cluster")!;
        expect(cluster.inputs.name).toBe("analytics-staging");
        expect(
            result.resources
                .filter((resource) => resource.type === "aws:eks/nodeGroup:NodeGroup")
                .map((group) => group.inputs.nodeGroupName)
                .sort(),
        ).toEqual(["analytics-staging-system", "analytics-staging-workloads"]);
    });

    it("creates the team's own namespaces with default-deny policies", async () => {
        const result = await planned();
        const namespaces = result.resources
            .filter((resource) => resource.type === "kubernetes:core/v1:Namespace")
            .map((resource) => (resource.inputs.metadata as { name: string }).name)
            .sort();
        expect(namespaces).toEqual(["ingest", "warehouse"]);
        expect(result.outputs.namespaces).toEqual(["ingest", "warehouse"]);
        const policies = result.resources.filter((resource) => resource.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        const byNamespace = (namespace: string) =>
            Object.fromEntries(
                policies
                    .filter((policy) => (policy.inputs.metadata as { namespace: string }).namespace === namespace)
                    .map((policy) => [(policy.inputs.metadata as { name: string }).name, policy.inputs.spec]),
            );
        for (const namespace of namespaces) {
            const specs = byNamespace(namespace);
            expect(Object.keys(specs).sort()).toEqual(["allow-dns-egress", "default-deny-egress", "default-deny-ingress"]);
            expect(specs["default-deny-ingress"]).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
            expect(specs["default-deny-egress"]).toEqual({ podSelector: {}, policyTypes: ["Egress"] });
        }
        expect(policies).toHaveLength(2 * 3);
    });
});
