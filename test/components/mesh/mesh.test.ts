import * as k8s from "@pulumi/kubernetes";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { Telemetry } from "@kubernetes-models/istio/telemetry.istio.io/v1alpha1/Telemetry";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import {
    ALLOWED_CHART_REPOSITORIES,
    ServiceMesh,
    ServiceMeshArgs,
    authorizationPolicies,
    exactVersionPattern,
    validateServiceMeshArgs,
} from "../../../components/mesh";
import { capture } from "../../helpers/capture";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const PA = "kubernetes:security.istio.io/v1:PeerAuthentication";
const AP = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const TELEMETRY = "kubernetes:telemetry.istio.io/v1:Telemetry";

const base: Omit<ServiceMeshArgs, "provider"> = {
    meshNamespaces: ["payments", "ledger"],
    authorizations: [
        {
            from: { namespace: "payments", serviceAccount: "payments-app" },
            to: { namespace: "ledger", selector: { app: "ledger-api" } },
            ports: [8080],
        },
        { from: { namespace: "ledger", serviceAccount: "ledger-app" }, to: { namespace: "payments" } },
    ],
};

function run(extra: Partial<Omit<ServiceMeshArgs, "provider">> = {}) {
    return capture(() => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        new ServiceMesh("mesh", { provider, ...base, ...extra });
    });
}

type Captured = Awaited<ReturnType<typeof run>>;
const byName = (c: Captured, type: string) =>
    Object.fromEntries(c.ofType(type).map((resource) => [(resource.inputs.metadata as { name: string }).name, resource.inputs]));

/**
 * The models package (2.3.0) ships PeerAuthentication only as v1beta1 and Telemetry only as
 * v1alpha1; Istio 1.22 promoted both to v1 with the same fields used here, so the manifest is
 * validated against the older schema with only apiVersion swapped.
 */
function validateAs(apiVersion: string, inputs: Record<string, unknown>): Record<string, unknown> {
    return { ...inputs, apiVersion };
}

describe("ServiceMesh", () => {
    it("installs base, cni and istiod at one exact version from the allow-listed Istio repository", async () => {
        const c = await run();
        const releases = c.ofType(RELEASE);
        expect(releases.map((release) => release.inputs.chart).sort()).toEqual(["base", "cni", "istiod"]);
        for (const release of releases) {
            expect(release.inputs.version).toBe("1.27.2");
            expect(release.inputs.version).toMatch(exactVersionPattern);
            expect(ALLOWED_CHART_REPOSITORIES).toContain((release.inputs.repositoryOpts as { repo: string }).repo);
            expect(release.inputs.repositoryOpts).toEqual({ repo: "https://istio-release.storage.googleapis.com/charts" });
            expect(release.inputs.namespace).toBe("istio-system");
            expect(release.inputs.createNamespace).toBe(false);
            expect(release.inputs.skipAwait).toBe(false);
        }
    });

    it("enables the CNI node agent in sidecar mode so meshed pods need no privileged istio-init", async () => {
        const c = await run({ istioVersion: "1.26.4" });
        expect(c.inputsOf(RELEASE, "mesh-istiod")).toMatchObject({
            name: "istiod",
            chart: "istiod",
            version: "1.26.4",
            values: { pilot: { cni: { enabled: true } } },
        });
        expect(c.inputsOf(RELEASE, "mesh-istiod").values).toEqual({ pilot: { cni: { enabled: true } } });
        expect(c.inputsOf(RELEASE, "mesh-istio-cni")).toMatchObject({ name: "istio-cni", chart: "cni", version: "1.26.4" });
        expect(c.ofType(RELEASE).find((release) => release.inputs.chart === "ztunnel")).toBeUndefined();
    });

    it("adds ztunnel and the ambient profile in ambient mode", async () => {
        const c = await run({ mode: "ambient" });
        expect(
            c
                .ofType(RELEASE)
                .map((release) => release.inputs.chart)
                .sort(),
        ).toEqual(["base", "cni", "istiod", "ztunnel"]);
        expect(c.inputsOf(RELEASE, "mesh-istiod").values).toEqual({ profile: "ambient", pilot: { cni: { enabled: true } } });
        expect(c.inputsOf(RELEASE, "mesh-istio-cni").values).toEqual({ profile: "ambient" });
        expect(c.inputsOf(RELEASE, "mesh-ztunnel")).toMatchObject({
            name: "ztunnel",
            chart: "ztunnel",
            version: "1.27.2",
            values: { profile: "ambient" },
        });
        const ztunnel = c.one(RELEASE, "mesh-ztunnel");
        expect(ztunnel.dependencies).toContain(c.one(RELEASE, "mesh-istiod").urn);
        expect(ztunnel.dependencies).toContain(c.one(RELEASE, "mesh-istio-cni").urn);
    });

    it("orders the releases and makes every Istio resource wait for istiod", async () => {
        const c = await run();
        const urn = (name: string) => c.one(RELEASE, name).urn;
        expect(c.one(RELEASE, "mesh-istio-cni").dependencies).toContain(urn("mesh-istio-base"));
        expect(c.one(RELEASE, "mesh-istiod").dependencies).toEqual(expect.arrayContaining([urn("mesh-istio-base"), urn("mesh-istio-cni")]));
        const istioResources = [...c.ofType(PA), ...c.ofType(AP), ...c.ofType(TELEMETRY)];
        expect(istioResources).toHaveLength(1 + 3 + 1);
        for (const resource of istioResources) {
            expect(resource.dependencies).toContain(urn("mesh-istiod"));
            expect(resource.provider).toMatch(/::pulumi:providers:kubernetes::k8s::/);
        }
    });

    it("creates istio-system enforcing privileged only for the node agents, auditing and warning at restricted", async () => {
        const c = await run();
        const namespace = c.inputsOf("kubernetes:core/v1:Namespace");
        expect(namespace.metadata).toEqual({
            name: "istio-system",
            labels: {
                "pod-security.kubernetes.io/enforce": "privileged",
                "pod-security.kubernetes.io/enforce-version": "v1.33",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/audit-version": "v1.33",
                "pod-security.kubernetes.io/warn": "restricted",
                "pod-security.kubernetes.io/warn-version": "v1.33",
            },
        });
        new Namespace(namespace as never).validate();
    });

    it("sets mesh-wide mTLS to STRICT with a PeerAuthentication named default in istio-system", async () => {
        const c = await run();
        const peer = c.inputsOf(PA);
        expect(peer).toEqual({
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "istio-system" },
            spec: { mtls: { mode: "STRICT" } },
        });
        new PeerAuthentication(validateAs(PeerAuthentication.apiVersion, peer) as never).validate();
    });

    it("denies by default with an empty AuthorizationPolicy in istio-system", async () => {
        const c = await run({ authorizations: [] });
        expect(c.inputsOf(AP)).toEqual({
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "default-deny", namespace: "istio-system" },
            spec: {},
        });
        new AuthorizationPolicy(c.inputsOf(AP) as never).validate();
    });

    it("generates ALLOW policies exactly from the service map", async () => {
        const c = await run();
        const policies = byName(c, AP);
        expect(Object.keys(policies).sort()).toEqual(["allow-ledger.ledger-app", "allow-payments.payments-app", "default-deny"]);
        expect(policies["allow-payments.payments-app"]).toEqual({
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-payments.payments-app", namespace: "ledger" },
            spec: {
                selector: { matchLabels: { app: "ledger-api" } },
                action: "ALLOW",
                rules: [
                    {
                        from: [{ source: { principals: ["cluster.local/ns/payments/sa/payments-app"] } }],
                        to: [{ operation: { ports: ["8080"] } }],
                    },
                ],
            },
        });
        expect(policies["allow-ledger.ledger-app"]).toEqual({
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-ledger.ledger-app", namespace: "payments" },
            spec: { action: "ALLOW", rules: [{ from: [{ source: { principals: ["cluster.local/ns/ledger/sa/ledger-app"] } }] }] },
        });
        for (const policy of Object.values(policies)) {
            new AuthorizationPolicy(policy as never).validate();
        }
    });

    it("turns on Envoy access logs mesh-wide through Telemetry", async () => {
        const c = await run();
        const telemetry = c.inputsOf(TELEMETRY);
        expect(telemetry).toEqual({
            apiVersion: "telemetry.istio.io/v1",
            kind: "Telemetry",
            metadata: { name: "mesh-default", namespace: "istio-system" },
            spec: { accessLogging: [{ providers: [{ name: "envoy" }] }] },
        });
        new Telemetry(validateAs(Telemetry.apiVersion, telemetry) as never).validate();
    });

    it("fails before creating anything when an authorization references an undeclared namespace", async () => {
        await expect(
            run({ authorizations: [{ from: { namespace: "payments", serviceAccount: "payments-app" }, to: { namespace: "ghost" } }] }),
        ).rejects.toThrow(
            'ServiceMesh: ServiceMeshArgs.authorizations[0].to.namespace "ghost" is not in meshNamespaces; declare the namespace with mesh: true and list it in ServiceMeshArgs.meshNamespaces.',
        );
    });
});

describe("Istio schema validation", () => {
    it("is live: it rejects an unknown mTLS mode and an unknown action", () => {
        const peer = {
            apiVersion: PeerAuthentication.apiVersion,
            kind: "PeerAuthentication",
            metadata: { name: "default" },
            spec: { mtls: { mode: "LOOSE" } },
        };
        expect(() => new PeerAuthentication(peer as never).validate()).toThrow();
        const policy = {
            apiVersion: AuthorizationPolicy.apiVersion,
            kind: "AuthorizationPolicy",
            metadata: { name: "x" },
            spec: { action: "MAYBE" },
        };
        expect(() => new AuthorizationPolicy(policy as never).validate()).toThrow();
    });
});

describe("authorizationPolicies", () => {
    it("numbers further calls of one caller into the same namespace and uses the trust domain", () => {
        const policies = authorizationPolicies(
            [
                { from: { namespace: "a", serviceAccount: "web" }, to: { namespace: "b", selector: { app: "x" } } },
                { from: { namespace: "a", serviceAccount: "web" }, to: { namespace: "b", selector: { app: "y" } } },
            ],
            "prod.example",
        );
        expect(policies.map((policy) => policy.metadata)).toEqual([
            { name: "allow-a.web", namespace: "b" },
            { name: "allow-a.web-2", namespace: "b" },
        ]);
        expect(policies[1]!.spec.rules).toEqual([{ from: [{ source: { principals: ["prod.example/ns/a/sa/web"] } }] }]);
    });
});

describe("validateServiceMeshArgs", () => {
    it("accepts the example args", () => {
        expect(validateServiceMeshArgs(base)).toEqual([]);
    });

    it.each([
        [
            "1.2x",
            'ServiceMeshArgs.istioVersion "1.2x" is not an exact version; pin a release such as "1.27.2", never a range or tag. [MESH-1]',
        ],
        [
            "^1.24.0",
            'ServiceMeshArgs.istioVersion "^1.24.0" is not an exact version; pin a release such as "1.27.2", never a range or tag. [MESH-1]',
        ],
        [
            "1.24",
            'ServiceMeshArgs.istioVersion "1.24" is not an exact version; pin a release such as "1.27.2", never a range or tag. [MESH-1]',
        ],
        [
            "latest",
            'ServiceMeshArgs.istioVersion "latest" is not an exact version; pin a release such as "1.27.2", never a range or tag. [MESH-1]',
        ],
        [
            "1.21.6",
            'ServiceMeshArgs.istioVersion "1.21.6" is older than 1.22.0; the v1 security and telemetry APIs need Istio 1.22.0 or later.',
        ],
    ])("rejects istioVersion %s", (istioVersion, message) => {
        expect(validateServiceMeshArgs({ ...base, istioVersion })).toEqual([message]);
    });

    it("rejects a repository that is not allow-listed", () => {
        expect(validateServiceMeshArgs({ ...base, chartRepository: "https://charts.example.com/istio" })).toEqual([
            'ServiceMeshArgs.chartRepository "https://charts.example.com/istio" is not allow-listed; use https://istio-release.storage.googleapis.com/charts, or add a vetted mirror to ALLOWED_CHART_REPOSITORIES. [MESH-1]',
        ]);
    });

    it("rejects system and duplicate mesh namespaces and bad map entries", () => {
        expect(
            validateServiceMeshArgs({
                meshNamespaces: ["payments", "kube-system", "payments"],
                authorizations: [
                    {
                        from: { namespace: "ledger", serviceAccount: "Ledger_App" },
                        to: { namespace: "payments", selector: {} },
                        ports: [0, 8080],
                    },
                    {
                        from: { namespace: "payments", serviceAccount: "web" },
                        to: { namespace: "payments", selector: { "bad key!": "x" } },
                        ports: [],
                    },
                    {
                        from: { namespace: "payments", serviceAccount: "web" },
                        to: { namespace: "payments", selector: { "bad key!": "x" } },
                        ports: [],
                    },
                ],
            }),
        ).toEqual([
            'ServiceMeshArgs.meshNamespaces[1] "kube-system" is a system namespace; only team namespaces join the mesh.',
            'ServiceMeshArgs.authorizations[0].from.namespace "ledger" is not in meshNamespaces; declare the namespace with mesh: true and list it in ServiceMeshArgs.meshNamespaces.',
            'ServiceMeshArgs.authorizations[0].from.serviceAccount "Ledger_App" is not a DNS label; use the caller\'s service account name.',
            "ServiceMeshArgs.authorizations[0].to.selector is empty; omit it to target the whole namespace, or list the target pods' labels.",
            "ServiceMeshArgs.authorizations[0].ports contains 0; use ports from 1 to 65535.",
            'ServiceMeshArgs.authorizations[1].to.selector "bad key!=x" is not a valid label; use the target pods\' exact labels.',
            "ServiceMeshArgs.authorizations[1].ports is empty; omit it to allow every port, or list the ports.",
            'ServiceMeshArgs.authorizations[2].to.selector "bad key!=x" is not a valid label; use the target pods\' exact labels.',
            "ServiceMeshArgs.authorizations[2].ports is empty; omit it to allow every port, or list the ports.",
            "ServiceMeshArgs.authorizations[2] repeats an earlier authorization; list each allowed call once.",
            "ServiceMeshArgs.meshNamespaces lists a namespace twice; list each namespace once.",
        ]);
    });

    it("rejects an unknown mode, a bad trust domain and an unpinned Pod Security version", () => {
        expect(
            validateServiceMeshArgs({ ...base, mode: "proxyless" as never, trustDomain: "Prod Domain", podSecurityVersion: "latest" }),
        ).toEqual([
            'ServiceMeshArgs.mode "proxyless" is not supported; use "sidecar" or "ambient".',
            'ServiceMeshArgs.trustDomain "Prod Domain" is not a DNS name; use the mesh\'s trust domain, default "cluster.local".',
            'ServiceMeshArgs.podSecurityVersion "latest" is not a pinned version; use "v1.<minor>" such as "v1.33", never "latest".',
        ]);
    });
});
