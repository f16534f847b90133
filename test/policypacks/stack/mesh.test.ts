import { StackValidationPolicy } from "@pulumi/policy";
import { beforeEach, describe, expect, it } from "vitest";
import { resetPackSettings } from "../../../policypacks/baseline/lib/policy";
import { meshAuthorizationDefaultDeny, meshPeerAuthenticationStrict } from "../../../policypacks/baseline/policies/stack";
import { FixtureResource, runStackPolicy } from "../../helpers/run-policy";
import { changed, compliantPlan, types, urn, without } from "./fixtures";

const mtls = meshPeerAuthenticationStrict as StackValidationPolicy;
const authz = meshAuthorizationDefaultDeny as StackValidationPolicy;
const istiodUrn = urn(types.release, "istiod");
const noStrict =
    'mesh installed (kubernetes:helm.sh/v3:Release "istiod") but no PeerAuthentication in "istio-system" without a selector sets mtls.mode "STRICT", so plaintext traffic is accepted; add one. [MESH-2]';
const noDenyAll =
    'mesh installed (kubernetes:helm.sh/v3:Release "istiod") but no allow-nothing AuthorizationPolicy (no selector, action ALLOW, no rules) in "istio-system", so every request is allowed by default; add one with spec {}. [MESH-3]';

const withPeerAuthentication = (change: (resource: FixtureResource) => FixtureResource) => changed(compliantPlan(), "mesh-mtls", change);
const withAuthorization = (spec: unknown, namespace = "istio-system") =>
    changed(compliantPlan(), "mesh-allow-nothing", (policy) => ({
        ...policy,
        props: { metadata: { name: "allow-nothing", namespace }, spec },
    }));

beforeEach(() => resetPackSettings());

describe("mesh-peer-authentication-strict (MESH-2)", () => {
    it("passes a mesh with a mesh-wide STRICT PeerAuthentication", async () => {
        expect(await runStackPolicy(mtls, compliantPlan())).toEqual({ violations: [], violationUrns: [] });
    });

    it("requires nothing where no mesh is installed", async () => {
        expect((await runStackPolicy(mtls, without(compliantPlan(), "istiod", "mesh-mtls", "mesh-allow-nothing"))).violations).toEqual([]);
    });

    it("reports a mesh without PeerAuthentication, on the istiod release", async () => {
        expect(await runStackPolicy(mtls, without(compliantPlan(), "mesh-mtls"))).toEqual({
            violations: [noStrict],
            violationUrns: [istiodUrn],
        });
    });

    it("reports a mesh whose mesh-wide PeerAuthentication is PERMISSIVE", async () => {
        const plan = withPeerAuthentication((resource) => ({
            ...resource,
            props: { ...resource.props, spec: { mtls: { mode: "PERMISSIVE" } } },
        }));
        expect(await runStackPolicy(mtls, plan)).toEqual({ violations: [noStrict], violationUrns: [istiodUrn] });
    });

    it("does not accept STRICT that selects only some workloads or lives outside the root namespace", async () => {
        const selected = withPeerAuthentication((resource) => ({
            ...resource,
            props: { ...resource.props, spec: { selector: { matchLabels: { app: "web" } }, mtls: { mode: "STRICT" } } },
        }));
        expect((await runStackPolicy(mtls, selected)).violations).toEqual([noStrict]);
        const elsewhere = withPeerAuthentication((resource) => ({
            ...resource,
            props: { ...resource.props, metadata: { name: "default", namespace: "apps" } },
        }));
        expect((await runStackPolicy(mtls, elsewhere)).violations).toEqual([noStrict]);
    });

    it("detects a mesh from Istio resources alone and follows a configured root namespace", async () => {
        const plan = without(compliantPlan(), "istiod", "mesh-mtls");
        expect(await runStackPolicy(mtls, plan)).toEqual({
            violations: [
                'mesh installed (kubernetes:security.istio.io/v1:AuthorizationPolicy "mesh-allow-nothing") but no PeerAuthentication in "istio-system" without a selector sets mtls.mode "STRICT", so plaintext traffic is accepted; add one. [MESH-2]',
            ],
            violationUrns: [urn(types.authorizationPolicy, "mesh-allow-nothing")],
        });
        expect((await runStackPolicy(mtls, compliantPlan(), { rootNamespace: "mesh-root" })).violations).toEqual([
            'mesh installed (kubernetes:helm.sh/v3:Release "istiod") but no PeerAuthentication in "mesh-root" without a selector sets mtls.mode "STRICT", so plaintext traffic is accepted; add one. [MESH-2]',
        ]);
    });

    it("does not take a workload-namespace Istio resource alone for a mesh installation", async () => {
        // A team program that only uses a mesh installed (and configured mesh-wide) by another stack.
        const plan: FixtureResource[] = [
            {
                type: types.peerAuthentication,
                name: "shop-mtls",
                props: { metadata: { name: "default", namespace: "shop" }, spec: { mtls: { mode: "STRICT" } } },
            },
        ];
        expect(await runStackPolicy(mtls, plan)).toEqual({ violations: [], violationUrns: [] });
        expect(await runStackPolicy(authz, plan)).toEqual({ violations: [], violationUrns: [] });
    });

    it("detects a mesh installed through IstioOperator", async () => {
        const plan: FixtureResource[] = [
            {
                type: "kubernetes:install.istio.io/v1alpha1:IstioOperator",
                name: "control-plane",
                props: { metadata: { name: "control-plane", namespace: "istio-system" }, spec: { profile: "minimal" } },
            },
        ];
        expect((await runStackPolicy(mtls, plan)).violations).toEqual([
            'mesh installed (kubernetes:install.istio.io/v1alpha1:IstioOperator "control-plane") but no PeerAuthentication in "istio-system" without a selector sets mtls.mode "STRICT", so plaintext traffic is accepted; add one. [MESH-2]',
        ]);
    });

    it("detects istiod installed by a helm v4 Chart from an OCI reference", async () => {
        const plan: FixtureResource[] = [
            {
                type: "kubernetes:helm.sh/v4:Chart",
                name: "mesh-control-plane",
                props: { chart: "oci://registry.example.com/istio/istiod", version: "1.27.1" },
            },
        ];
        expect((await runStackPolicy(mtls, plan)).violations).toEqual([
            'mesh installed (kubernetes:helm.sh/v4:Chart "mesh-control-plane") but no PeerAuthentication in "istio-system" without a selector sets mtls.mode "STRICT", so plaintext traffic is accepted; add one. [MESH-2]',
        ]);
    });
});

describe("mesh detection by what istiod is (MESH-2, MESH-3)", () => {
    const noStrictOn = (resource: string) =>
        `mesh installed (${resource}) but no PeerAuthentication in "istio-system" without a selector sets mtls.mode "STRICT", so plaintext traffic is accepted; add one. [MESH-2]`;

    it("detects istiod whatever the release is called and wherever the chart comes from", async () => {
        const cases: [FixtureResource, string][] = [
            [
                {
                    type: types.release,
                    name: "control-plane",
                    props: { name: "cp", chart: "istiod", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" } },
                },
                'kubernetes:helm.sh/v3:Release "control-plane"',
            ],
            [
                { type: types.release, name: "mesh", props: { chart: "istio/istiod", version: "1.27.1" } },
                'kubernetes:helm.sh/v3:Release "mesh"',
            ],
            [
                {
                    type: types.release,
                    name: "mesh",
                    props: { chart: "https://istio-release.storage.googleapis.com/charts/istiod-1.27.1.tgz" },
                },
                'kubernetes:helm.sh/v3:Release "mesh"',
            ],
            [
                { type: "kubernetes:helm.sh/v3:Chart", name: "discovery", props: { chart: "./charts/istio-discovery" } },
                'kubernetes:helm.sh/v3:Chart "discovery"',
            ],
            [
                {
                    type: types.release,
                    name: "platform-mesh",
                    props: { chart: "internal-mesh", values: { pilot: { autoscaleEnabled: false } } },
                },
                'kubernetes:helm.sh/v3:Release "platform-mesh"',
            ],
            [
                {
                    type: "kubernetes:apps/v1:Deployment",
                    name: "control",
                    props: {
                        metadata: { name: "control", namespace: "istio-system" },
                        spec: {
                            template: {
                                spec: {
                                    containers: [
                                        { name: "discovery", image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/pilot:1.27.1" },
                                    ],
                                },
                            },
                        },
                    },
                },
                'kubernetes:apps/v1:Deployment "control"',
            ],
        ];
        for (const [resource, label] of cases) {
            expect((await runStackPolicy(mtls, [resource])).violations, label).toEqual([noStrictOn(label)]);
        }
    });

    it("does not take other Istio charts, a release merely named istiod, or a pilot-like image for a control plane", async () => {
        const plan: FixtureResource[] = [
            {
                type: types.release,
                name: "istio-base",
                props: { chart: "base", repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" } },
            },
            { type: types.release, name: "ingress", props: { chart: "istio/gateway", values: { service: { type: "ClusterIP" } } } },
            { type: types.release, name: "istiod", props: { name: "istiod", chart: "podinfo" } },
            {
                type: "kubernetes:apps/v1:Deployment",
                name: "autopilot",
                props: {
                    metadata: { name: "autopilot", namespace: "apps" },
                    spec: { template: { spec: { containers: [{ name: "app", image: "example/autopilot:2" }] } } },
                },
            },
        ];
        expect((await runStackPolicy(mtls, plan)).violations).toEqual([]);
    });
});

describe("mesh-authorization-default-deny (MESH-3)", () => {
    it("passes a mesh with an allow-nothing policy in the root namespace", async () => {
        expect(await runStackPolicy(authz, compliantPlan())).toEqual({ violations: [], violationUrns: [] });
    });

    it("reports a mesh without any AuthorizationPolicy, on the istiod release", async () => {
        expect(await runStackPolicy(authz, without(compliantPlan(), "mesh-allow-nothing"))).toEqual({
            violations: [noDenyAll],
            violationUrns: [istiodUrn],
        });
    });

    it("does not accept a policy with rules, a selector, a DENY action or another namespace", async () => {
        expect((await runStackPolicy(authz, withAuthorization({ rules: [{}] }))).violations).toEqual([
            `${types.authorizationPolicy} "mesh-allow-nothing" in "istio-system" selects every workload and its ALLOW rule spec.rules[0] matches every request, so the mesh allows everything whatever allow-nothing says; name the allowed sources in the rule or remove it. [MESH-3]`,
            noDenyAll,
        ]);
        for (const plan of [
            withAuthorization({ selector: { matchLabels: { app: "web" } } }),
            withAuthorization({ action: "DENY", rules: [{}] }),
            withAuthorization({}, "apps"),
        ]) {
            expect((await runStackPolicy(authz, plan)).violations).toEqual([noDenyAll]);
        }
    });

    it("reports a mesh-wide ALLOW policy whose rule any authenticated workload satisfies, next to allow-nothing", async () => {
        const openPolicy = (spec: object): FixtureResource => ({
            type: types.authorizationPolicy,
            name: "mesh-open",
            props: { metadata: { name: "open", namespace: "istio-system" }, spec },
        });
        const message = (index: number) =>
            `${types.authorizationPolicy} "mesh-open" in "istio-system" selects every workload and its ALLOW rule spec.rules[${index}] matches every request, so the mesh allows everything whatever allow-nothing says; name the allowed sources in the rule or remove it. [MESH-3]`;
        for (const source of [
            { principals: ["*"] },
            { namespaces: ["*"] },
            { notNamespaces: ["kube-system"] },
            { principals: ["cluster.local/ns/*"] },
        ]) {
            const plan = [
                ...compliantPlan(),
                openPolicy({ action: "ALLOW", rules: [{ to: [{ operation: { methods: ["GET"] } }] }, { from: [{ source }] }] }),
            ];
            expect(await runStackPolicy(authz, plan), JSON.stringify(source)).toEqual({
                violations: [message(1)],
                violationUrns: [urn(types.authorizationPolicy, "mesh-open")],
            });
        }
    });

    it("passes mesh-wide ALLOW policies that name their sources, and allow-all policies that select some workloads", async () => {
        const plan = [
            ...compliantPlan(),
            {
                type: types.authorizationPolicy,
                name: "mesh-monitoring",
                props: {
                    metadata: { name: "monitoring", namespace: "istio-system" },
                    spec: { rules: [{ from: [{ source: { namespaces: ["monitoring"] } }] }] },
                },
            },
            {
                type: types.authorizationPolicy,
                name: "gateway-open",
                props: {
                    metadata: { name: "gateway", namespace: "istio-system" },
                    spec: { selector: { matchLabels: { istio: "ingressgateway" } }, rules: [{}] },
                },
            },
        ];
        expect((await runStackPolicy(authz, plan)).violations).toEqual([]);
    });
});
