import { StackValidationPolicy } from "@pulumi/policy";
import { beforeEach, describe, expect, it } from "vitest";
import { resetPackSettings } from "../../../policypacks/baseline/lib/policy";
import { k8sNamespaceDefaultDeny } from "../../../policypacks/baseline/policies/stack";
import { FixtureResource, UNKNOWN, runStackPolicy } from "../../helpers/run-policy";
import { changed, compliantPlan, types, urn, without } from "./fixtures";

const policy = k8sNamespaceDefaultDeny as StackValidationPolicy;
const appsUrn = urn(types.namespace, "apps");
const missing = (direction: string, type: string) =>
    `namespace "apps" (kubernetes:core/v1:Namespace "apps"): no default-deny ${direction} NetworkPolicy; add a NetworkPolicy in "apps" with podSelector {}, "${type}" in policyTypes and no ${direction} rules. [NET-7]`;
const missingIngress = missing("ingress", "Ingress");
const missingEgress = missing("egress", "Egress");

function withSpec(spec: object): FixtureResource[] {
    return changed(compliantPlan(), "apps-default-deny", (networkPolicy) => ({
        ...networkPolicy,
        props: { ...networkPolicy.props, spec },
    }));
}

beforeEach(() => resetPackSettings());

describe("k8s-namespace-default-deny (NET-7)", () => {
    it("passes a namespace with a default-deny policy for both directions", async () => {
        expect(await runStackPolicy(policy, compliantPlan())).toEqual({ violations: [], violationUrns: [] });
    });

    it("passes two policies that each deny one direction", async () => {
        const plan = [
            ...withSpec({ podSelector: {}, policyTypes: ["Ingress"] }),
            {
                type: types.networkPolicy,
                name: "apps-deny-egress",
                props: { metadata: { namespace: "apps" }, spec: { podSelector: { matchLabels: {} }, policyTypes: ["Egress"], egress: [] } },
            },
        ];
        expect((await runStackPolicy(policy, plan)).violations).toEqual([]);
    });

    it("reports both directions for a namespace without NetworkPolicies, on the namespace", async () => {
        const outcome = await runStackPolicy(policy, without(compliantPlan(), "apps-default-deny"));
        expect(outcome.violations).toEqual([missingIngress, missingEgress]);
        expect(outcome.violationUrns).toEqual([appsUrn, appsUrn]);
    });

    it("reports egress when the policy only denies ingress", async () => {
        expect((await runStackPolicy(policy, withSpec({ podSelector: {}, policyTypes: ["Ingress"] }))).violations).toEqual([missingEgress]);
    });

    it("treats a policy without policyTypes and without egress rules as ingress-only, as Kubernetes does", async () => {
        expect((await runStackPolicy(policy, withSpec({ podSelector: {} }))).violations).toEqual([missingEgress]);
    });

    it("does not count a policy that selects only some pods", async () => {
        const spec = { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress", "Egress"] };
        expect((await runStackPolicy(policy, withSpec(spec))).violations).toEqual([missingIngress, missingEgress]);
    });

    it("does not count a policy whose rules allow traffic", async () => {
        const spec = {
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
            ingress: [{}],
            egress: [{ ports: [{ port: 53, protocol: "UDP" }] }],
        };
        expect((await runStackPolicy(policy, withSpec(spec))).violations).toEqual([missingIngress, missingEgress]);
    });

    it("does not count a default-deny policy of another namespace", async () => {
        const plan = changed(compliantPlan(), "apps-default-deny", (networkPolicy) => ({
            ...networkPolicy,
            dependencies: [],
            props: { ...networkPolicy.props, metadata: { name: "default-deny", namespace: "other" } },
        }));
        expect((await runStackPolicy(policy, plan)).violations).toEqual([missingIngress, missingEgress]);
    });

    it("matches a policy whose namespace is unknown during preview through its dependency on the namespace", async () => {
        const plan = changed(compliantPlan(), "apps-default-deny", (networkPolicy) => ({
            ...networkPolicy,
            props: { ...networkPolicy.props, metadata: { name: "default-deny", namespace: UNKNOWN } },
        }));
        expect(await runStackPolicy(policy, plan)).toEqual({ violations: [], violationUrns: [] });
    });

    it("exempts the allow-listed system namespaces and only those", async () => {
        const plan = [
            { type: types.namespace, name: "kube-system", props: { metadata: { name: "kube-system" } } },
            { type: types.namespace, name: "istio-system", props: { metadata: { name: "istio-system" } } },
        ];
        expect((await runStackPolicy(policy, plan)).violations).toEqual([
            'namespace "istio-system" (kubernetes:core/v1:Namespace "istio-system"): no default-deny ingress NetworkPolicy; add a NetworkPolicy in "istio-system" with podSelector {}, "Ingress" in policyTypes and no ingress rules. [NET-7]',
            'namespace "istio-system" (kubernetes:core/v1:Namespace "istio-system"): no default-deny egress NetworkPolicy; add a NetworkPolicy in "istio-system" with podSelector {}, "Egress" in policyTypes and no egress rules. [NET-7]',
        ]);
        expect((await runStackPolicy(policy, plan, { systemNamespaces: ["kube-system", "istio-system"] })).violations).toEqual([]);
    });
});
