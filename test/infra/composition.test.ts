import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { baselineProgram } from "../../infra/program";
import { repoRoot } from "../../tools/plan/plan";
import { runProgramUnderMocks } from "../../tools/plan/run-program";
import { readStackFile } from "./stack-files";
import { AdmissionRule } from "../../components/admission";
import { evaluateRule } from "../components/admission/evaluate";
import { app, podSpecWith, workload } from "../fixtures/parity/objects";

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
        const namespaces = ofType("kubernetes:core/v1:Namespace").map((namespace) => namespace.inputs.metadata);
        expect(namespaces.map((metadata) => metadata.name).sort()).toEqual(["istio-system", "payments", "secrets-store-csi", "shop"]);
        const teamNamespaces = namespaces.filter((metadata) => metadata.labels.team !== undefined);
        expect(teamNamespaces.map((metadata) => [metadata.name, metadata.labels["istio-injection"]]).sort()).toEqual([
            ["payments", "enabled"],
            ["shop", "enabled"],
        ]);
        const allows = ofType("kubernetes:security.istio.io/v1:AuthorizationPolicy").filter(
            (policy) => policy.inputs.spec.action === "ALLOW" || (policy.inputs.spec.rules ?? []).length > 0,
        );
        expect(allows.map((policy) => policy.inputs)).toEqual([
            {
                apiVersion: "security.istio.io/v1",
                kind: "AuthorizationPolicy",
                metadata: { name: "allow-shop.storefront", namespace: "payments" },
                spec: {
                    selector: { matchLabels: { "app.kubernetes.io/name": "payments-api" } },
                    action: "ALLOW",
                    rules: [
                        {
                            from: [{ source: { principals: ["cluster.local/ns/shop/sa/storefront"] } }],
                            to: [{ operation: { ports: ["8443"] } }],
                        },
                    ],
                },
            },
        ]);
    });
    it("archives session logs to S3 only with baseline:accessHost.sessionLogsToS3 (IAM-2, LOG-3)", async () => {
        const archivedGroups = async (stack: string, change?: (config: Record<string, unknown>) => void) =>
            (await plan(stack, change))
                .ofType("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter")
                .map((filter) => filter.inputs.logGroup);
        // dev: sessionLogsToS3 false; only the control-plane log group goes to the archive.
        expect(await archivedGroups("dev")).toEqual(["/aws/eks/baseline-dev/cluster"]);
        expect(
            await archivedGroups("dev", (config) => {
                (config["baseline:accessHost"] as Record<string, unknown>).sessionLogsToS3 = true;
            }),
        ).toEqual(["/aws/eks/baseline-dev/cluster", "/baseline/ssm-sessions/baseline-dev"]);
        // prod: sessionLogsToS3 true.
        expect(await archivedGroups("prod")).toEqual(["/aws/eks/baseline-prod/cluster", "/baseline/ssm-sessions/baseline-prod"]);
    });

    it("lines break-glass up end to end: MFA role, access entry group, cluster-admin binding, admission, pack config and alarm (IAM-5, IAM-6)", async () => {
        for (const stack of ["dev", "staging", "prod"]) {
            const { ofType } = await plan(stack);
            const group = readStackFile(stack).config["baseline:rbac"] as { breakGlassGroup: string };
            const packConfig = JSON.parse(
                readFileSync(path.join(repoRoot, "policypacks", "baseline", "config", `${stack}.json`), "utf8"),
            ) as Loose;

            // The MFA-protected role's access entry maps it into the group bound to cluster-admin.
            const role = ofType("aws:iam/role:Role").find((candidate) => candidate.name === `baseline-${stack}-break-glass`)!;
            expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Condition.Bool).toEqual({ "aws:MultiFactorAuthPresent": "true" });
            const entry = ofType("aws:eks/accessEntry:AccessEntry").find(
                (candidate) => candidate.name === `baseline-${stack}-break-glass-entry`,
            )!;
            expect(entry.inputs.kubernetesGroups).toEqual([group.breakGlassGroup]);
            const roleName = String(entry.inputs.principalArn).split("/").pop();
            expect(roleName).toBe(role.inputs.name);
            expect(packConfig["eks-access-entry-no-cluster-admin"].breakGlassPrincipals).toContain(roleName);

            // The only cluster-admin binding names that group; admission and the pack allow it.
            const adminBindings = ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").filter(
                (binding) => binding.inputs.roleRef.name === "cluster-admin",
            );
            expect(adminBindings.map((binding) => binding.inputs.subjects)).toEqual([
                [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: group.breakGlassGroup }],
            ]);
            const subject = `Group:${group.breakGlassGroup}`;
            expect(packConfig["k8s-rbac-binding-no-cluster-admin"].breakGlassSubjects).toContain(subject);
            const adminRule = ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy").find(
                (policy) => policy.inputs.metadata.name === "baseline-iam-5-no-cluster-admin-binding",
            )!;
            expect(JSON.stringify(adminRule.inputs.spec.validations)).toContain(subject);

            // Every use raises the alarm: by the role's ARN and by membership of the group.
            const filter = ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter").find(
                (candidate) => candidate.name === `baseline-${stack}-break-glass`,
            )!;
            expect(filter.inputs.pattern).toContain(
                `($.user.extra.canonicalArn[0] = "arn:aws:iam::${readStackFile(stack).config["baseline:accountId"]}:role/${roleName}")`,
            );
            expect(filter.inputs.pattern).toContain(`($.user.groups[0] = "${group.breakGlassGroup}")`);
        }
    });

    it("admits each stack's own ECR and the baseline components' images at admission, and no other account's registry (WL-10)", async () => {
        for (const stack of ["dev", "staging", "prod"]) {
            const { ofType } = await plan(stack);
            const manifest = ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy").find(
                (policy) => policy.inputs.metadata.name === "baseline-wl-10-image-allowed",
            )!;
            const spec = manifest.inputs.spec;
            const rule: AdmissionRule = {
                name: manifest.inputs.metadata.name,
                controls: ["WL-10"],
                resourceRules: spec.matchConstraints.resourceRules,
                excludeSystemNamespaces: spec.matchConstraints.namespaceSelector !== undefined,
                matchConditions: spec.matchConditions ?? [],
                variables: spec.variables,
                validations: spec.validations,
            };
            const account = readStackFile(stack).config["baseline:accountId"];
            const verdict = (image: string) =>
                evaluateRule(rule, {
                    object: workload(
                        "Deployment",
                        podSpecWith((pod) => (app(pod).image = image)),
                    ),
                }).failures.length === 0;
            expect(verdict(`${account}.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.4.2`), stack).toBe(true);
            expect(verdict("docker.io/istio/proxyv2:1.27.2"), stack).toBe(true);
            expect(verdict("210987654321.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.4.2"), stack).toBe(false);
            expect(verdict("public.ecr.aws/someone/web:1.4.2"), stack).toBe(false);
        }
    });
});
