import * as k8s from "@pulumi/kubernetes";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { describe, expect, it } from "vitest";
import {
    OidcRbac,
    OidcRbacArgs,
    PolicyRule,
    developerRules,
    platformOperatorRules,
    ruleProblems,
    validateOidcRbacArgs,
    viewerRules,
} from "../../../components/rbac";
import { capture } from "../../helpers/capture";

const CR = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const CRB = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";
const RB = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";

const args: Omit<OidcRbacArgs, "provider"> = {
    viewers: ["eng-all"],
    platformOperators: ["platform-oncall"],
    developers: [
        { group: "team-pay", namespaces: ["payments", "ledger"] },
        { group: "team-risk", namespaces: ["payments"] },
    ],
};

function run(extra: Partial<Omit<OidcRbacArgs, "provider">> = {}) {
    return capture(() => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        new OidcRbac("rbac", { provider, ...args, ...extra });
    });
}

interface Binding {
    metadata: { name: string; namespace?: string };
    roleRef: { kind: string; name: string };
    subjects: { kind: string; name: string }[];
}
const bindingsOf = (c: Awaited<ReturnType<typeof run>>) =>
    [...c.ofType(CRB), ...c.ofType(RB)].map((resource) => resource.inputs as unknown as Binding);

describe("OidcRbac", () => {
    it("keeps every rule of every ClusterRole free of wildcards and escalate, bind and impersonate", async () => {
        const c = await run();
        const roles = c.ofType(CR);
        expect(roles.map((role) => (role.inputs.metadata as { name: string }).name).sort()).toEqual([
            "baseline:developer",
            "baseline:platform-operator",
            "baseline:viewer",
        ]);
        for (const role of roles) {
            const rules = role.inputs.rules as PolicyRule[];
            expect(rules.length).toBeGreaterThan(0);
            for (const rule of rules) {
                for (const values of [rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames, rule.nonResourceURLs]) {
                    expect((values ?? []).filter((value) => value.includes("*"))).toEqual([]);
                }
                expect(rule.verbs.filter((verb) => ["escalate", "bind", "impersonate"].includes(verb))).toEqual([]);
                expect(rule.resources ?? []).not.toContain("secrets");
                expect(rule.resources ?? []).not.toContain("pods/exec");
            }
            expect(role.inputs).not.toHaveProperty("aggregationRule");
        }
    });

    it("binds cluster-admin to the break-glass group only", async () => {
        const c = await run();
        const toClusterAdmin = bindingsOf(c).filter((binding) => binding.roleRef.name === "cluster-admin");
        expect(toClusterAdmin).toEqual([
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "ClusterRoleBinding",
                metadata: { name: "baseline:break-glass", labels: { "app.kubernetes.io/part-of": "eks-baseline" } },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
                subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "baseline:break-glass" }],
            },
        ]);
    });

    it("binds nothing to system:masters or to anonymous, unauthenticated or all authenticated users", async () => {
        const c = await run({ breakGlassGroup: "platform-break-glass" });
        const subjects = bindingsOf(c).flatMap((binding) => binding.subjects.map((subject) => subject.name));
        expect(subjects.filter((subject) => subject.startsWith("system:"))).toEqual([]);
        expect(subjects).toContain("platform-break-glass");
        expect(subjects).not.toContain("baseline:break-glass");
    });

    it("prefixes every identity-provider group with oidc: and binds viewers and operators cluster-wide", async () => {
        const c = await run();
        expect(c.inputsOf(CRB, "rbac-viewers")).toMatchObject({
            roleRef: { kind: "ClusterRole", name: "baseline:viewer" },
            subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "oidc:eng-all" }],
        });
        expect(c.inputsOf(CRB, "rbac-platform-operators")).toMatchObject({
            roleRef: { kind: "ClusterRole", name: "baseline:platform-operator" },
            subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "oidc:platform-oncall" }],
        });
    });

    it("binds developers only inside their namespaces through RoleBindings", async () => {
        const c = await run({ oidcGroupPrefix: "corp:" });
        expect(
            c
                .ofType(RB)
                .map((binding) => binding.name)
                .sort(),
        ).toEqual(["rbac-ledger-developers", "rbac-payments-developers"]);
        expect(c.inputsOf(RB, "rbac-payments-developers")).toMatchObject({
            metadata: { name: "baseline:developers", namespace: "payments" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "baseline:developer" },
            subjects: [
                { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "corp:team-pay" },
                { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "corp:team-risk" },
            ],
        });
        expect(c.inputsOf(RB, "rbac-ledger-developers").subjects).toEqual([
            { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "corp:team-pay" },
        ]);
        expect(
            bindingsOf(c).filter((binding) => binding.roleRef.name === "baseline:developer" && binding.metadata.namespace === undefined),
        ).toEqual([]);
    });

    it("makes developer RoleBindings wait for the declared team namespaces", async () => {
        const c = await capture(() => {
            const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
            const payments = new k8s.core.v1.Namespace("payments", { metadata: { name: "payments" } }, { provider });
            new OidcRbac("rbac", { provider, developers: [{ group: "team-pay", namespaces: ["payments"] }], namespaces: { payments } });
        });
        expect(c.one(RB).dependencies).toContain(c.one("kubernetes:core/v1:Namespace").urn);
    });

    it("produces roles and bindings that validate against the Kubernetes schemas", async () => {
        const c = await run();
        expect([c.ofType(CR).length, c.ofType(CRB).length, c.ofType(RB).length]).toEqual([3, 3, 2]);
        for (const resource of c.ofType(CR)) new ClusterRole(resource.inputs as never).validate();
        for (const resource of c.ofType(CRB)) new ClusterRoleBinding(resource.inputs as never).validate();
        for (const resource of c.ofType(RB)) new RoleBinding(resource.inputs as never).validate();
        for (const resource of c.resources.filter((r) => r.type.startsWith("kubernetes:"))) {
            expect(resource.provider).toMatch(/::pulumi:providers:kubernetes::k8s::/);
        }
    });

    it("fails before creating anything when a developer namespace is a system namespace", async () => {
        await expect(run({ developers: [{ group: "team-pay", namespaces: ["kube-system"] }] })).rejects.toThrow(
            'OidcRbac: OidcRbacArgs.developers[0].namespaces[0] "kube-system" is a system namespace; developers get team namespaces only, operators and break-glass handle system ones.',
        );
    });
});

describe("rule builders", () => {
    it("pass the IAM-5 rule checks", () => {
        expect(ruleProblems("viewer", viewerRules())).toEqual([]);
        expect(ruleProblems("developer", developerRules())).toEqual([]);
        expect(ruleProblems("operator", platformOperatorRules())).toEqual([]);
    });

    it("give viewers read verbs only", () => {
        expect([...new Set(viewerRules().flatMap((rule) => rule.verbs))].sort()).toEqual(["get", "list", "watch"]);
        expect(viewerRules().flatMap((rule) => rule.resources)).not.toContain("pods/log");
    });

    it("let operators drain nodes but not write RBAC", () => {
        const operator = platformOperatorRules();
        expect(operator).toContainEqual({ apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"] });
        const rbacWrites = operator.filter(
            (rule) =>
                rule.apiGroups?.includes("rbac.authorization.k8s.io") &&
                rule.verbs.some((verb) => !["get", "list", "watch"].includes(verb)),
        );
        expect(rbacWrites).toEqual([]);
    });

    it("report each wildcard, escalation verb and forbidden resource exactly", () => {
        expect(
            ruleProblems("bad", [
                { apiGroups: ["*"], resources: ["pods"], verbs: ["get"] },
                { apiGroups: [""], resources: ["secrets", "pods/exec"], verbs: ["get", "*"] },
                { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind", "escalate"] },
                { apiGroups: [""], resources: ["users"], verbs: ["impersonate"] },
                { nonResourceURLs: ["/metrics*"], verbs: [] },
            ]),
        ).toEqual([
            "bad.rules[0].apiGroups contains a wildcard; list each value explicitly. [IAM-5]",
            "bad.rules[1].verbs contains a wildcard; list each verb explicitly. [IAM-5]",
            'bad.rules[1].resources contains "secrets"; human roles never read Secrets or enter pods, use break-glass. [IAM-5]',
            'bad.rules[1].resources contains "pods/exec"; human roles never read Secrets or enter pods, use break-glass. [IAM-5]',
            'bad.rules[2].verbs contains "bind"; only break-glass may escalate, bind or impersonate. [IAM-5]',
            'bad.rules[2].verbs contains "escalate"; only break-glass may escalate, bind or impersonate. [IAM-5]',
            'bad.rules[3].verbs contains "impersonate"; only break-glass may escalate, bind or impersonate. [IAM-5]',
            "bad.rules[4].nonResourceURLs contains a wildcard; list each value explicitly. [IAM-5]",
            "bad.rules[4].verbs is empty; a rule must name its verbs. [IAM-5]",
        ]);
    });
});

describe("validateOidcRbacArgs", () => {
    it("accepts the example args", () => {
        expect(validateOidcRbacArgs(args)).toEqual([]);
    });

    it("rejects prefixed, system, wildcard and duplicate groups", () => {
        expect(
            validateOidcRbacArgs({
                viewers: ["oidc:eng-all", "system:authenticated", "eng-all", "eng-all"],
                platformOperators: ["*"],
            }),
        ).toEqual([
            'OidcRbacArgs.viewers[0] "oidc:eng-all" already starts with "oidc:"; list the group as the identity provider sends it, the prefix is added.',
            'OidcRbacArgs.viewers[1] "system:authenticated" is a Kubernetes system group; bind identity-provider groups only. [IAM-9]',
            "OidcRbacArgs.viewers lists a group twice; list each group once.",
            `OidcRbacArgs.platformOperators[0] "*" is not a group name; use the exact group from the identity provider, without spaces or '*'.`,
        ]);
    });

    it("rejects a break-glass group that is an identity-provider group or system:masters", () => {
        expect(validateOidcRbacArgs({ breakGlassGroup: "oidc:admins" })).toEqual([
            'OidcRbacArgs.breakGlassGroup "oidc:admins" is an identity-provider group; break-glass must be the MFA-protected IAM role\'s access-entry group, not "oidc:...". [IAM-6]',
        ]);
        expect(validateOidcRbacArgs({ breakGlassGroup: "system:masters" })).toEqual([
            'OidcRbacArgs.breakGlassGroup "system:masters" uses a prefix EKS access entries refuse (system:, eks:, amazon:, aws:, iam:); use "baseline:break-glass". [IAM-5]',
        ]);
    });

    it("rejects a bad prefix, empty and undeclared developer namespaces", () => {
        expect(
            validateOidcRbacArgs({
                oidcGroupPrefix: "system:",
                developers: [
                    { group: "team-a", namespaces: [] },
                    { group: "team-b", namespaces: ["Payments", "ghost"] },
                ],
                namespaces: {},
            }),
        ).toEqual([
            'OidcRbacArgs.oidcGroupPrefix "system:" is reserved by Kubernetes or EKS; use "oidc:". [IAM-3]',
            "OidcRbacArgs.developers[0].namespaces is empty; list the team namespaces the group develops in.",
            'OidcRbacArgs.developers[1].namespaces[0] "Payments" is not a DNS label; use the namespace\'s exact name.',
            'OidcRbacArgs.developers[1].namespaces[1] "ghost" is not a declared team namespace; declare it in NamespaceBaselineArgs.namespaces first.',
        ]);
    });
});
