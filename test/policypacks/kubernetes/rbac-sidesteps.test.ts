/**
 * The ways around IAM-5 / IAM-9 that issue 13 measured: aggregation, non-resource wildcards, the
 * built-in admin/edit roles, patches of existing RBAC objects, anonymous subjects under any kind
 * and cluster-admin under any roleRef kind. Each violating fixture has its nearest compliant twin.
 */
import { describe, expect, it } from "vitest";
import { isWildcardNonResourceUrl, selectorMatches } from "../../../policypacks/baseline/lib/k8s-rbac";
import { k8sRbacBindingNoAnonymous } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-binding-no-anonymous";
import { k8sRbacBindingNoClusterAdmin } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-binding-no-cluster-admin";
import { k8sRbacBindingNoImpersonatingRoles } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-binding-no-impersonating-roles";
import { k8sRbacPatchNoBuiltin } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-patch-no-builtin";
import { k8sRbacRoleLeastPrivilege } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-role-least-privilege";
import { k8sRbacAggregationLeastPrivilege } from "../../../policypacks/baseline/policies/stack/k8s-rbac-aggregation-least-privilege";
import { runResourcePolicy, runStackPolicy } from "../../helpers/run-policy";
import { Json } from "./fixtures";

const rbac = "kubernetes:rbac.authorization.k8s.io/v1";
const clusterRoleType = `${rbac}:ClusterRole`;
const rbacGroup = "rbac.authorization.k8s.io";

function clusterRole(name: string, extra: Json = {}): Json {
    return {
        apiVersion: `${rbacGroup}/v1`,
        kind: "ClusterRole",
        metadata: { name },
        rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
        ...extra,
    };
}

function aggregator(selectors: Json[]): Json {
    return clusterRole("team-aggregate", { aggregationRule: { clusterRoleSelectors: selectors }, rules: [] });
}

function binding(kind: "ClusterRoleBinding" | "RoleBinding", roleRef: Json, subjects: Json[]): Json {
    return {
        apiVersion: `${rbacGroup}/v1`,
        kind,
        metadata: { name: "grant", ...(kind === "RoleBinding" ? { namespace: "payments" } : {}) },
        roleRef: { apiGroup: rbacGroup, ...roleRef },
        subjects,
    };
}

const developers = { kind: "Group", apiGroup: rbacGroup, name: "oidc:developers" };

async function roleViolations(props: Json, type = clusterRoleType): Promise<string[]> {
    return (await runResourcePolicy(k8sRbacRoleLeastPrivilege, { type, name: "fixture", props })).violations;
}

describe("aggregationRule selecting built-in roles (IAM-5, IAM-9)", () => {
    const at = 'cluster role "team-aggregate" (aggregationRule.clusterRoleSelectors[0])';
    const tail =
        "so it inherits their rules (cluster-admin's wildcards, or impersonate on serviceaccounts); select only labels your own roles carry. [IAM-5, IAM-9]";

    it.each([
        [
            "aggregate-to-admin",
            { matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } },
            "edit, system:aggregate-to-admin",
        ],
        ["aggregate-to-edit", { matchLabels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } }, "system:aggregate-to-edit"],
        [
            "the rbac-defaults bootstrapping label",
            { matchLabels: { "kubernetes.io/bootstrapping": "rbac-defaults" } },
            "cluster-admin, admin, edit, system:aggregate-to-admin, system:aggregate-to-edit",
        ],
        [
            "an empty selector (selects every ClusterRole)",
            {},
            "cluster-admin, admin, edit, system:aggregate-to-admin, system:aggregate-to-edit",
        ],
        [
            "a DoesNotExist expression",
            { matchExpressions: [{ key: "team", operator: "DoesNotExist" }] },
            "cluster-admin, admin, edit, system:aggregate-to-admin, system:aggregate-to-edit",
        ],
        [
            "an In expression on aggregate-to-edit",
            { matchExpressions: [{ key: "rbac.authorization.k8s.io/aggregate-to-edit", operator: "In", values: ["true"] }] },
            "system:aggregate-to-edit",
        ],
    ])("flags a selector on %s", async (_title, selector, selected) => {
        expect(await roleViolations(aggregator([selector]))).toEqual([`${at}: selects the built-in ClusterRoles ${selected}, ${tail}`]);
    });

    it("flags the selection in a ClusterRolePatch and a ClusterRoleList item too", async () => {
        const selector = { matchLabels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } };
        expect(await roleViolations(aggregator([selector]), `${rbac}:ClusterRolePatch`)).toHaveLength(1);
        expect((await roleViolations({ items: [aggregator([selector])] }, `${rbac}:ClusterRoleList`))[0]).toMatch(
            /^cluster role "team-aggregate" \(items\[0\]\.aggregationRule\.clusterRoleSelectors\[0\]\)/,
        );
    });

    it("accepts a selector on aggregate-to-view or on the team's own label", async () => {
        expect(await roleViolations(aggregator([{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }]))).toEqual([]);
        expect(await roleViolations(aggregator([{ matchLabels: { "acme.io/aggregate-to-payments": "true" } }]))).toEqual([]);
        expect(
            await roleViolations(aggregator([{ matchExpressions: [{ key: "acme.io/aggregate-to-payments", operator: "Exists" }] }])),
        ).toEqual([]);
    });

    it("reads label selectors as Kubernetes does", () => {
        const labels = { team: "payments", tier: "api" };
        expect(selectorMatches({}, labels)).toBe(true);
        expect(selectorMatches({ matchLabels: { team: "payments" } }, labels)).toBe(true);
        expect(selectorMatches({ matchLabels: { team: "search" } }, labels)).toBe(false);
        expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["db"] }] }, labels)).toBe(true);
        expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["api"] }] }, labels)).toBe(false);
        expect(selectorMatches({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, labels)).toBe(true);
        expect(selectorMatches({ matchExpressions: [{ key: "zone", operator: "Exists" }] }, labels)).toBe(false);
        expect(
            selectorMatches(
                { matchLabels: { team: "payments" }, matchExpressions: [{ key: "tier", operator: "In", values: ["db"] }] },
                labels,
            ),
        ).toBe(false);
    });
});

describe("aggregation over the program's own roles (stack policy)", () => {
    const label = { "acme.io/aggregate-to-payments": "true" };
    const selector = { matchLabels: label };
    const resource = (name: string, props: Json, type = clusterRoleType) => ({
        type,
        name,
        urn: `urn:pulumi:dev::p::${type}::${name}`,
        props,
    });

    it("flags an aggregator that pulls in a declared role with a wildcard (e.g. one the pack exempts)", async () => {
        const wide = clusterRole("payments-wide", {
            metadata: { name: "payments-wide", labels: label },
            rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["get"] }],
        });
        const outcome = await runStackPolicy(k8sRbacAggregationLeastPrivilege, [
            resource("aggregate", aggregator([selector])),
            resource("wide", wide),
        ]);
        expect(outcome.violations).toEqual([
            'cluster role "team-aggregate" (aggregationRule): inherits rules[0] of cluster role "payments-wide": apiGroups contains a wildcard; list the exact apiGroups the subject needs. [IAM-5, IAM-9]',
            'cluster role "team-aggregate" (aggregationRule): inherits rules[0] of cluster role "payments-wide": resources contains a wildcard; list the exact resources the subject needs. [IAM-5, IAM-9]',
        ]);
        expect(outcome.violationUrns).toEqual([
            `urn:pulumi:dev::p::${clusterRoleType}::aggregate`,
            `urn:pulumi:dev::p::${clusterRoleType}::aggregate`,
        ]);
    });

    it("follows nested aggregation and flags a built-in role the program labels through a ClusterRolePatch", async () => {
        const middle = clusterRole("payments-middle", {
            metadata: { name: "payments-middle", labels: label },
            aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "acme.io/inner": "true" } }] },
            rules: [],
        });
        const patchedAdmin = { metadata: { name: "cluster-admin", labels: { "acme.io/inner": "true" } } };
        const outcome = await runStackPolicy(k8sRbacAggregationLeastPrivilege, [
            resource("aggregate", aggregator([selector])),
            resource("middle", middle),
            resource("patch", patchedAdmin, `${rbac}:ClusterRolePatch`),
        ]);
        expect(outcome.violations).toEqual([
            'cluster role "team-aggregate" (aggregationRule): selects the built-in ClusterRole "cluster-admin" through labels the program sets on it; select only your own roles. [IAM-5, IAM-9]',
            'cluster role "payments-middle" (aggregationRule): selects the built-in ClusterRole "cluster-admin" through labels the program sets on it; select only your own roles. [IAM-5, IAM-9]',
        ]);
    });

    it("accepts an aggregator whose selected roles are least-privilege, and ignores roles it does not select", async () => {
        const reader = clusterRole("payments-reader", { metadata: { name: "payments-reader", labels: label } });
        const unselected = clusterRole("other", { rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] });
        const outcome = await runStackPolicy(k8sRbacAggregationLeastPrivilege, [
            resource("aggregate", aggregator([selector])),
            resource("reader", reader),
            resource("other", unselected),
        ]);
        expect(outcome.violations).toEqual([]);
    });
});

describe("nonResourceURLs wildcards (IAM-5)", () => {
    const withUrls = (urls: string[]) => clusterRole("metrics", { rules: [{ nonResourceURLs: urls, verbs: ["get"] }] });

    it.each([["*"], ["/*"], ["/a*"], ["/metrics*"]])("flags %s", async (url) => {
        expect(await roleViolations(withUrls(["/healthz", url]))).toEqual([
            `cluster role "metrics" (rules[0]): nonResourceURLs contains the wildcard ${JSON.stringify(url)}; list the exact paths (e.g. /healthz, /metrics). [IAM-5, IAM-9]`,
        ]);
    });

    it("accepts exact paths and a prefix under a concrete path", async () => {
        expect(await roleViolations(withUrls(["/metrics", "/healthz", "/healthz/*", "/openapi/v3/*"]))).toEqual([]);
        expect(isWildcardNonResourceUrl("/healthz/*")).toBe(false);
        expect(isWildcardNonResourceUrl("/*")).toBe(true);
    });
});

describe("the built-in admin and edit roles (IAM-5, IAM-9)", () => {
    const run = (props: Json, config: object = {}) =>
        runResourcePolicy(k8sRbacBindingNoImpersonatingRoles, { type: `${rbac}:${props.kind}`, name: "fixture", props }, config);

    it.each([
        ["ClusterRoleBinding", "edit", "cluster role binding", "impersonate on serviceaccounts, Secrets and pods/exec"],
        ["RoleBinding", "edit", "role binding", "impersonate on serviceaccounts, Secrets and pods/exec"],
        ["RoleBinding", "admin", "role binding", "impersonate on serviceaccounts, Secrets, pods/exec and RoleBindings"],
        ["ClusterRoleBinding", "system:aggregate-to-edit", "cluster role binding", "impersonate on serviceaccounts, Secrets and pods/exec"],
        [
            "ClusterRoleBinding",
            "system:controller:clusterrole-aggregation-controller",
            "cluster role binding",
            "a Kubernetes controller's rights (pods, Secrets, tokens or escalate)",
        ],
        [
            "ClusterRoleBinding",
            "system:kube-controller-manager",
            "cluster role binding",
            "Secrets and service account tokens of every namespace",
        ],
        ["RoleBinding", "system:node", "role binding", "the Secrets, ConfigMaps and service account tokens of the pods a node runs"],
    ] as const)("flags a %s to %s", async (kind, role, what, grants) => {
        const outcome = await run(binding(kind, { kind: "ClusterRole", name: role }, [developers]));
        expect(outcome.violations).toEqual([
            `${what} "grant" (subjects[0]): Group "oidc:developers" is bound to ClusterRole ${role}, which grants ${grants}; bind a least-privilege role without impersonate. [IAM-5, IAM-9]`,
        ]);
    });

    it("accepts view, the baseline's developer role, a namespaced Role named edit, and break-glass", async () => {
        expect(
            (await run(binding("ClusterRoleBinding", { kind: "ClusterRole", name: "system:kube-scheduler" }, [developers]))).violations,
        ).toEqual([]);
        expect(
            (await run(binding("ClusterRoleBinding", { kind: "ClusterRole", name: "system:auth-delegator" }, [developers]))).violations,
        ).toEqual([]);
        expect((await run(binding("RoleBinding", { kind: "ClusterRole", name: "view" }, [developers]))).violations).toEqual([]);
        expect((await run(binding("RoleBinding", { kind: "ClusterRole", name: "baseline:developer" }, [developers]))).violations).toEqual(
            [],
        );
        expect((await run(binding("RoleBinding", { kind: "Role", name: "edit" }, [developers]))).violations).toEqual([]);
        const breakGlass = binding("ClusterRoleBinding", { kind: "ClusterRole", name: "admin" }, [
            { kind: "Group", apiGroup: rbacGroup, name: "baseline:break-glass" },
        ]);
        expect((await run(breakGlass, { breakGlassSubjects: ["Group:baseline:break-glass"] })).violations).toEqual([]);
    });
});

describe("cluster-admin under any roleRef kind (IAM-5)", () => {
    it("flags a RoleBinding to a namespaced Role named cluster-admin", async () => {
        const props = binding("RoleBinding", { kind: "Role", name: "cluster-admin" }, [developers]);
        const outcome = await runResourcePolicy(k8sRbacBindingNoClusterAdmin, { type: `${rbac}:RoleBinding`, props });
        expect(outcome.violations).toEqual([
            'role binding "grant" (subjects[0]): Group "oidc:developers" is bound to Role cluster-admin; bind a least-privilege role (only breakGlassSubjects may hold cluster-admin). [IAM-5]',
        ]);
    });

    it("accepts a namespaced Role with another name", async () => {
        const props = binding("RoleBinding", { kind: "Role", name: "cluster-reader" }, [developers]);
        expect((await runResourcePolicy(k8sRbacBindingNoClusterAdmin, { type: `${rbac}:RoleBinding`, props })).violations).toEqual([]);
    });
});

describe("anonymous subjects whatever their kind (IAM-9)", () => {
    const run = (subject: Json) =>
        runResourcePolicy(k8sRbacBindingNoAnonymous, {
            type: `${rbac}:ClusterRoleBinding`,
            props: binding("ClusterRoleBinding", { kind: "ClusterRole", name: "view" }, [subject]),
        });
    const tail =
        'is bound to ClusterRole "view"; remove the anonymous subject (anonymous requests may only reach the health and version endpoints). [IAM-9]';

    it.each([
        [{ kind: "Group", name: "system:anonymous" }, 'Group "system:anonymous"'],
        [{ kind: "User", name: "system:unauthenticated" }, 'User "system:unauthenticated"'],
        [{ kind: "Group", name: "system:authenticated" }, 'Group "system:authenticated"'],
        [{ kind: "ServiceAccount", name: "system:anonymous", namespace: "payments" }, 'ServiceAccount "payments/system:anonymous"'],
        [
            { kind: "ServiceAccount", name: "default", namespace: "system:unauthenticated" },
            'ServiceAccount "system:unauthenticated/default"',
        ],
    ])("flags %j", async (subject, named) => {
        expect((await run(subject)).violations).toEqual([`cluster role binding "grant" (subjects[0]): ${named} ${tail}`]);
    });

    it("accepts a named group and a service account", async () => {
        expect((await run(developers)).violations).toEqual([]);
        expect((await run({ kind: "ServiceAccount", name: "reader", namespace: "payments" })).violations).toEqual([]);
    });
});

describe("RBAC patches (IAM-5)", () => {
    const run = (kind: string, props: Json) =>
        runResourcePolicy(k8sRbacPatchNoBuiltin, { type: `${rbac}:${kind}Patch`, name: "fixture", props });

    it.each([
        ["ClusterRoleBinding", "cluster-admin", "cluster role binding"],
        ["ClusterRole", "cluster-admin", "cluster role"],
        ["ClusterRole", "edit", "cluster role"],
        ["ClusterRoleBinding", "system:discovery", "cluster role binding"],
        ["RoleBinding", "system:controller:bootstrap-signer", "role binding"],
        ["ClusterRoleBinding", "eks:podsecuritypolicy:authenticated", "cluster role binding"],
    ])("flags a %s patch of %s", async (kind, name, what) => {
        const outcome = await run(kind, { metadata: { name }, subjects: [developers] });
        expect(outcome.violations).toEqual([
            `${what} patch "${name}" (metadata.name): patches the built-in ${what} ${name}, which changes what every binding to it ` +
                "grants and survives reconciliation; create your own role or binding instead. [IAM-5]",
        ]);
    });

    it("flags a binding patch that adds subjects without its roleRef", async () => {
        const outcome = await run("ClusterRoleBinding", { metadata: { name: "ops" }, subjects: [developers] });
        expect(outcome.violations).toEqual([
            'cluster role binding patch "ops" (roleRef): sets subjects without roleRef, so what they are granted cannot be judged; set ' +
                "roleRef to the role of the binding it patches. [IAM-5]",
        ]);
    });

    it("accepts a binding patch that states its roleRef, and a label-only patch of the team's own role", async () => {
        const stated = {
            metadata: { name: "ops" },
            roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: "view" },
            subjects: [developers],
        };
        expect((await run("ClusterRoleBinding", stated)).violations).toEqual([]);
        expect((await run("ClusterRole", { metadata: { name: "payments-reader", labels: { team: "payments" } } })).violations).toEqual([]);
    });

    it("leaves the judging of what a patch sets to the role and binding policies", async () => {
        const props = {
            metadata: { name: "ops" },
            roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: "cluster-admin" },
            subjects: [developers],
        };
        const outcome = await runResourcePolicy(k8sRbacBindingNoClusterAdmin, { type: `${rbac}:ClusterRoleBindingPatch`, props });
        expect(outcome.violations).toEqual([
            'cluster role binding "ops" (subjects[0]): Group "oidc:developers" is bound to ClusterRole cluster-admin; bind a least-privilege role (only breakGlassSubjects may hold cluster-admin). [IAM-5]',
        ]);
        const wild = { metadata: { name: "ops" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["*"] }] };
        expect(await roleViolations(wild, `${rbac}:ClusterRolePatch`)).toEqual([
            'cluster role "ops" (rules[0]): verbs contains a wildcard; list the exact verbs the subject needs. [IAM-5, IAM-9]',
        ]);
    });
});

describe("roles that extend the built-in view role (IAM-5)", () => {
    const viewLabel = { "rbac.authorization.k8s.io/aggregate-to-view": "true" };
    const tail =
        "but the role carries rbac.authorization.k8s.io/aggregate-to-view and so extends the built-in view role; keep it to get, " +
        "list and watch without secrets, or drop the label. [IAM-5, IAM-9]";

    it("flags writes and Secrets in a role labelled aggregate-to-view", async () => {
        const role = clusterRole("payments-view", {
            metadata: { name: "payments-view", labels: viewLabel },
            rules: [
                { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
                { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "patch"] },
            ],
        });
        expect(await roleViolations(role)).toEqual([
            `cluster role "payments-view" (rules[0]): reaches secrets, ${tail}`,
            `cluster role "payments-view" (rules[1]): grants "patch", beyond get, list and watch, ${tail}`,
        ]);
    });

    it("accepts read-only rules under the label, and writes without it", async () => {
        const reader = clusterRole("payments-view", {
            metadata: { name: "payments-view", labels: viewLabel },
            rules: [{ apiGroups: ["acme.io"], resources: ["payments"], verbs: ["get", "list", "watch"] }],
        });
        expect(await roleViolations(reader)).toEqual([]);
        const writer = clusterRole("payments-edit", { rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["patch"] }] });
        expect(await roleViolations(writer)).toEqual([]);
    });
});
