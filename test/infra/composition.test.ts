import { describe, expect, it } from "vitest";
import { baselineProgram } from "../../infra/program";
import { runProgramUnderMocks } from "../../tools/plan/run-program";
import { readStackFile } from "./stack-files";

function engineConfig(stack: string, change: (config: Record<string, unknown>) => void = () => undefined): Record<string, string> {
    const { config } = readStackFile(stack);
    change(config);
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
    );
}

/** Captured inputs, read loosely: the assertions name the exact fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

async function plan(stack: string, change?: (config: Record<string, unknown>) => void) {
    const run = await runProgramUnderMocks(baselineProgram, { project: "baseline", stack, config: engineConfig(stack, change) });
    const types = new Set(run.resources.map((resource) => resource.type));
    const ofType = (type: string) =>
        run.resources.filter((resource) => resource.type === type).map((resource) => ({ ...resource, inputs: resource.inputs as Loose }));
    return { run, types, ofType };
}

describe("the baseline program's composition", () => {
    it("composes every AWS and in-cluster component for the prod stack", async () => {
        const { types } = await plan("prod");
        for (const component of [
            "baseline:kms:EncryptionKeys",
            "baseline:network:Network",
            "baseline:cluster:PrivateCluster",
            "baseline:identity:ClusterIdentity",
            "baseline:access:SsmAccessHost",
            "baseline:audit:AuditTrail",
            "baseline:cluster-access:ClusterAccess",
            "baseline:namespaces:NamespaceBaseline",
            "baseline:rbac:OidcRbac",
            "baseline:mesh:ServiceMesh",
            "baseline:secrets:SecretsDelivery",
            "baseline:admission:AdmissionPolicies",
            "baseline:runtime:RuntimeDetection",
        ]) {
            expect(types).toContain(component);
        }
    });

    it("deploys only the AWS layer when baseline:deployPhase is aws (two-phase first deploy)", async () => {
        const { run, types } = await plan("prod", (config) => {
            config["baseline:deployPhase"] = "aws";
        });
        expect(types).toContain("baseline:cluster:PrivateCluster");
        expect(run.resources.filter((resource) => resource.type.startsWith("kubernetes:"))).toEqual([]);
        expect(types).not.toContain("pulumi:providers:kubernetes");
        // GuardDuty runs in AWS, so prod detects threats from the first phase on (LOG-5).
        expect(types).toContain("aws:guardduty/detectorFeature:DetectorFeature");
        expect(run.outputs.kubeconfig).toBeUndefined();
    });

    it("denies at admission in prod and only warns in dev (OPS-2)", async () => {
        const actionsOf = async (stack: string) =>
            (await plan(stack))
                .ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding")
                .map((binding) => binding.inputs.spec.validationActions);
        const prod = await actionsOf("prod");
        expect(prod.length).toBeGreaterThan(0);
        expect(new Set(prod.map((actions) => JSON.stringify(actions)))).toEqual(new Set([JSON.stringify(["Deny", "Audit"])]));
        const dev = await actionsOf("dev");
        expect(new Set(dev.map((actions) => JSON.stringify(actions)))).toEqual(new Set([JSON.stringify(["Warn", "Audit"])]));
    });

    it("routes GuardDuty findings to the encrypted alarm topic of the audit trail", async () => {
        const { ofType } = await plan("prod");
        const [target] = ofType("aws:cloudwatch/eventTarget:EventTarget");
        const [topic] = ofType("aws:sns/topic:Topic");
        expect(target!.inputs.arn).toBe(topic!.wireOutputs.arn);
    });

    it("puts every team namespace into the mesh and lets only the mapped caller reach its target (MESH-3)", async () => {
        const { ofType } = await plan("prod");
        const namespaces = ofType("kubernetes:core/v1:Namespace").map((namespace) => namespace.inputs.metadata.name);
        expect(namespaces).toEqual(expect.arrayContaining(["shop", "payments"]));
        const allows = ofType("kubernetes:security.istio.io/v1:AuthorizationPolicy").filter(
            (policy) => policy.inputs.spec.action === "ALLOW" || (policy.inputs.spec.rules ?? []).length > 0,
        );
        expect(allows).toHaveLength(1);
        expect(allows[0]!.inputs.metadata.namespace).toBe("payments");
        expect(allows[0]!.inputs.spec.selector).toEqual({ matchLabels: { "app.kubernetes.io/name": "payments-api" } });
        expect(JSON.stringify(allows[0]!.inputs.spec.rules)).toContain("cluster.local/ns/shop/sa/storefront");
    });
});
