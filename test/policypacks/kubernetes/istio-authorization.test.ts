/**
 * MESH-3 allow-all forms of issue 13: an ALLOW rule whose `from` every authenticated workload
 * satisfies matches every request; each has the nearest narrowed twin that must pass.
 */
import { describe, expect, it } from "vitest";
import { isAllowAllRule, sourceAdmitsEveryone } from "../../../policypacks/baseline/lib/istio-authorization";
import { k8sIstioAuthorizationNoAllowAll } from "../../../policypacks/baseline/policies/kubernetes/k8s-istio-authorization-no-allow-all";
import { runResourcePolicy } from "../../helpers/run-policy";

const policyWith = (rules: object[], action?: string) => ({
    type: "kubernetes:security.istio.io/v1:AuthorizationPolicy",
    name: "web",
    props: {
        metadata: { name: "web", namespace: "apps" },
        spec: { selector: { matchLabels: { app: "web" } }, ...(action ? { action } : {}), rules },
    },
});
const message = (index: number) =>
    `authorization policy "web" (spec.rules[${index}]): an ALLOW rule that no from, to or when narrows matches every request; name the allowed sources and operations, or add the namespace to allowedAllowAllNamespaces. [MESH-3]`;

const admitsEveryone = [
    { principals: ["*"] },
    { namespaces: ["*"] },
    { principals: ["cluster.local/*"] },
    { principals: ["cluster.local/ns/*"] },
    { principals: ["*"], namespaces: ["*"] },
    { notPrincipals: ["cluster.local/ns/evil/sa/default"] },
    { notNamespaces: ["untrusted"] },
    { ipBlocks: ["0.0.0.0/0"] },
    { requestPrincipals: ["*"], notRequestPrincipals: ["bad@example.com"] },
];
const narrowed = [
    { principals: ["cluster.local/ns/apps/sa/frontend"] },
    { principals: ["cluster.local/ns/apps/*"] },
    { principals: ["*/sa/frontend"] },
    { namespaces: ["apps"] },
    { namespaces: ["team-*"] },
    { namespaces: ["*"], principals: ["cluster.local/ns/apps/sa/frontend"] },
    { notNamespaces: ["untrusted"], namespaces: ["apps"] },
    { ipBlocks: ["10.0.0.0/8"] },
    { requestPrincipals: ["https://issuer.example.com/*"] },
];

describe("sourceAdmitsEveryone (MESH-3)", () => {
    it("counts presence matches, trust-domain prefixes, not* fields alone and /0 blocks as admitting every workload", () => {
        for (const source of admitsEveryone) {
            expect(sourceAdmitsEveryone(source), JSON.stringify(source)).toBe(true);
        }
    });

    it("counts named principals, namespaces, namespace prefixes and private blocks as narrowing", () => {
        for (const source of narrowed) {
            expect(sourceAdmitsEveryone(source), JSON.stringify(source)).toBe(false);
        }
    });

    it("lets a narrowing to or when keep a rule with an open from from being allow-all", () => {
        expect(isAllowAllRule({ from: [{ source: { principals: ["*"] } }], to: [{ operation: { paths: ["/healthz"] } }] })).toBe(false);
        expect(
            isAllowAllRule({ from: [{ source: { principals: ["*"] } }], when: [{ key: "request.headers[x-tenant]", values: ["a"] }] }),
        ).toBe(false);
        expect(
            isAllowAllRule({ from: [{ source: { principals: ["*"] } }], to: [{ operation: { methods: ["*"], notPaths: ["/admin"] } }] }),
        ).toBe(true);
        // Any matching source is enough: one open source opens the rule.
        expect(isAllowAllRule({ from: [{ source: { namespaces: ["apps"] } }, { source: { principals: ["*"] } }] })).toBe(true);
    });
});

describe("k8s-istio-authorization-no-allow-all on open sources (MESH-3)", () => {
    it("blocks an ALLOW rule whose from any authenticated workload satisfies, with the action set or unset", async () => {
        for (const source of admitsEveryone) {
            expect(
                (await runResourcePolicy(k8sIstioAuthorizationNoAllowAll, policyWith([{ from: [{ source }] }], "ALLOW"))).violations,
                JSON.stringify(source),
            ).toEqual([message(0)]);
        }
        expect(
            (await runResourcePolicy(k8sIstioAuthorizationNoAllowAll, policyWith([{ from: [{ source: { notPrincipals: ["x"] } }] }])))
                .violations,
        ).toEqual([message(0)]);
    });

    it("passes the narrowed twins, and DENY policies with open sources", async () => {
        for (const source of narrowed) {
            expect(
                (await runResourcePolicy(k8sIstioAuthorizationNoAllowAll, policyWith([{ from: [{ source }] }], "ALLOW"))).violations,
                JSON.stringify(source),
            ).toEqual([]);
        }
        expect(
            (
                await runResourcePolicy(
                    k8sIstioAuthorizationNoAllowAll,
                    policyWith([{ from: [{ source: { notNamespaces: ["apps"] } }] }], "DENY"),
                )
            ).violations,
        ).toEqual([]);
    });
});
