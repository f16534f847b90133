import * as k8s from "@pulumi/kubernetes";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { describe, expect, it } from "vitest";
import { NamespaceBaseline, NamespaceBaselineArgs, TeamNamespace, validateNamespaceBaselineArgs } from "../../../components/namespaces";
import { capture } from "../../helpers/capture";

const NS = "kubernetes:core/v1:Namespace";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const QUOTA = "kubernetes:core/v1:ResourceQuota";
const LIMITS = "kubernetes:core/v1:LimitRange";
const SA = "kubernetes:core/v1:ServiceAccount";

const payments: TeamNamespace = { name: "payments", team: "pay", quota: { cpu: "4", memory: "8Gi", pods: 40 }, mesh: true };
const reports: TeamNamespace = {
    name: "reports",
    team: "data",
    quota: { cpu: "500m", memory: "1Gi", pods: 10 },
    serviceAccounts: ["api", "worker"],
};

function run(args: Omit<NamespaceBaselineArgs, "provider">) {
    return capture(() => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        new NamespaceBaseline("teams", { provider, ...args });
    });
}

const policiesIn = (resources: { inputs: Record<string, unknown> }[], namespace: string) =>
    resources.filter((policy) => (policy.inputs.metadata as { namespace: string }).namespace === namespace);
/** Registration order is not deterministic under mocks; compare names sorted. */
const namesOf = (resources: { inputs: Record<string, unknown> }[]) =>
    resources.map((resource) => (resource.inputs.metadata as { name: string }).name).sort();
const specOf = (resources: { inputs: Record<string, unknown> }[], name: string) =>
    resources.find((resource) => (resource.inputs.metadata as { name: string }).name === name)?.inputs.spec;

describe("NamespaceBaseline", () => {
    it("labels every namespace with restricted Pod Security enforce, audit and warn at a pinned version", async () => {
        const c = await run({ namespaces: [payments, reports] });
        for (const name of ["payments", "reports"]) {
            const labels = c.inputsOf(NS, `teams-${name}`).metadata.labels;
            expect(labels).toMatchObject({
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "v1.33",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/audit-version": "v1.33",
                "pod-security.kubernetes.io/warn": "restricted",
                "pod-security.kubernetes.io/warn-version": "v1.33",
            });
        }
        expect(c.inputsOf(NS, "teams-payments").metadata).toEqual({
            name: "payments",
            labels: {
                team: "pay",
                "pod-security.kubernetes.io/enforce": "restricted",
                "pod-security.kubernetes.io/enforce-version": "v1.33",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/audit-version": "v1.33",
                "pod-security.kubernetes.io/warn": "restricted",
                "pod-security.kubernetes.io/warn-version": "v1.33",
                "istio-injection": "enabled",
            },
        });
    });

    it("gives every namespace default-deny ingress and egress NetworkPolicies with no rules", async () => {
        const c = await run({ namespaces: [payments, reports] });
        for (const name of ["payments", "reports"]) {
            const policies = policiesIn(c.ofType(NETPOL), name);
            expect(specOf(policies, "default-deny-ingress")).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
            expect(specOf(policies, "default-deny-egress")).toEqual({ podSelector: {}, policyTypes: ["Egress"] });
        }
    });

    it("allows DNS egress only to the kube-dns pods in kube-system on port 53", async () => {
        const c = await run({ namespaces: [reports] });
        expect(specOf(c.ofType(NETPOL), "allow-dns-egress")).toEqual({
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [
                        {
                            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
                            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                        },
                    ],
                    ports: [
                        { protocol: "UDP", port: 53 },
                        { protocol: "TCP", port: 53 },
                    ],
                },
            ],
        });
    });

    it("allows sidecar namespaces egress to istiod's xDS port and nothing for unmeshed ones", async () => {
        const c = await run({ namespaces: [payments, reports] });
        expect(namesOf(policiesIn(c.ofType(NETPOL), "payments"))).toEqual([
            "allow-dns-egress",
            "allow-mesh-control-plane-egress",
            "default-deny-egress",
            "default-deny-ingress",
        ]);
        expect(specOf(c.ofType(NETPOL), "allow-mesh-control-plane-egress")).toEqual({
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [
                        {
                            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-system" } },
                            podSelector: { matchLabels: { app: "istiod" } },
                        },
                    ],
                    ports: [{ protocol: "TCP", port: 15012 }],
                },
            ],
        });
        expect(policiesIn(c.ofType(NETPOL), "reports")).toHaveLength(3);
        expect(c.inputsOf(NS, "teams-reports").metadata.labels).not.toHaveProperty("istio-injection");
    });

    it("labels ambient namespaces for the ambient data plane and allows HBONE between ambient pods", async () => {
        const c = await run({ namespaces: [payments], meshMode: "ambient" });
        const labels = c.inputsOf(NS).metadata.labels;
        expect(labels["istio.io/dataplane-mode"]).toBe("ambient");
        expect(labels).not.toHaveProperty("istio-injection");
        expect(namesOf(c.ofType(NETPOL))).toEqual(["allow-dns-egress", "allow-mesh-hbone", "default-deny-egress", "default-deny-ingress"]);
        expect(specOf(c.ofType(NETPOL), "allow-mesh-hbone")).toEqual({
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
            ingress: [
                {
                    from: [{ namespaceSelector: { matchLabels: { "istio.io/dataplane-mode": "ambient" } } }],
                    ports: [{ protocol: "TCP", port: 15008 }],
                },
                { from: [{ ipBlock: { cidr: "169.254.7.127/32" } }] },
            ],
            egress: [
                {
                    to: [{ namespaceSelector: { matchLabels: { "istio.io/dataplane-mode": "ambient" } } }],
                    ports: [{ protocol: "TCP", port: 15008 }],
                },
            ],
        });
    });

    it("sets a quota that caps requests, memory limits and pods and forbids LoadBalancer and NodePort Services", async () => {
        const c = await run({ namespaces: [payments] });
        expect(c.inputsOf(QUOTA).metadata).toEqual({ name: "team-quota", namespace: "payments" });
        expect(c.inputsOf(QUOTA).spec).toEqual({
            hard: {
                "requests.cpu": "4",
                "requests.memory": "8Gi",
                "limits.memory": "8Gi",
                pods: "40",
                "services.loadbalancers": "0",
                "services.nodeports": "0",
            },
        });
    });

    it("sets container default requests and a memory limit through a LimitRange", async () => {
        const c = await run({ namespaces: [payments, { ...reports, limits: { default: { memory: "1Gi", cpu: "1" } } }] });
        expect(c.inputsOf(LIMITS, "teams-payments-limits").spec).toEqual({
            limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { memory: "256Mi" } }],
        });
        expect(c.inputsOf(LIMITS, "teams-reports-limits").spec).toEqual({
            limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { memory: "1Gi", cpu: "1" } }],
        });
    });

    it("creates one service account per workload with token automount off", async () => {
        const c = await run({ namespaces: [payments, reports] });
        const accounts = c.ofType(SA).map((account) => [account.inputs.metadata, account.inputs.automountServiceAccountToken]);
        accounts.sort((a, b) => (a[0] as { name: string }).name.localeCompare((b[0] as { name: string }).name));
        expect(accounts).toEqual([
            [{ name: "api", namespace: "reports", labels: { team: "data" } }, false],
            [{ name: "payments-app", namespace: "payments", labels: { team: "pay" } }, false],
            [{ name: "worker", namespace: "reports", labels: { team: "data" } }, false],
        ]);
    });

    it("deploys every object through the given provider, parented to the component and waiting for its namespace", async () => {
        const c = await run({ namespaces: [payments] });
        const component = c.one("baseline:namespaces:NamespaceBaseline");
        const namespace = c.one(NS);
        const children = c.resources.filter((resource) => resource.type.startsWith("kubernetes:"));
        expect(children).toHaveLength(1 + 4 + 1 + 1 + 1);
        for (const child of children) {
            expect(child.parent).toBe(component.urn);
            expect(child.provider).toMatch(/^urn:pulumi:test::eks-baseline::pulumi:providers:kubernetes::k8s::/);
            if (child !== namespace) {
                expect(child.dependencies).toContain(namespace.urn);
            }
        }
    });

    it("produces manifests that validate against the Kubernetes schemas", async () => {
        const c = await run({ namespaces: [payments, reports] });
        const c2 = await run({ namespaces: [payments], meshMode: "ambient" });
        expect([NS, NETPOL, QUOTA, LIMITS, SA].map((type) => [c.ofType(type).length, c2.ofType(type).length])).toEqual([
            [2, 1],
            [7, 4],
            [2, 1],
            [2, 1],
            [3, 1],
        ]);
        for (const captured of [c, c2]) {
            for (const resource of captured.ofType(NS)) new Namespace(resource.inputs as never).validate();
            for (const resource of captured.ofType(NETPOL)) new NetworkPolicy(resource.inputs as never).validate();
            for (const resource of captured.ofType(QUOTA)) new ResourceQuota(resource.inputs as never).validate();
            for (const resource of captured.ofType(LIMITS)) new LimitRange(resource.inputs as never).validate();
            for (const resource of captured.ofType(SA)) new ServiceAccount(resource.inputs as never).validate();
        }
        expect(() =>
            new NetworkPolicy({ metadata: { name: "x" }, spec: { podSelector: {}, policyTypes: ["Sideways" as never] } }).validate(),
        ).toThrow();
    });

    it("fails before creating anything when a system namespace is declared as a team namespace", async () => {
        await expect(run({ namespaces: [{ ...payments, name: "istio-system" }] })).rejects.toThrow(
            'NamespaceBaseline: NamespaceBaselineArgs.namespaces[0].name "istio-system" is a system namespace (The istio-cni-node DaemonSet (and ztunnel in ambient mode) writes the chained CNI config through hostPath and needs NET_ADMIN; Istio documents that its namespace must enforce privileged. In exchange no workload namespace needs the privileged istio-init container (MESH-4).); team workloads need their own namespace.',
        );
    });
});

describe("validateNamespaceBaselineArgs", () => {
    const ok: TeamNamespace = { name: "web", team: "web", quota: { cpu: "1", memory: "1Gi", pods: 5 } };

    it("accepts a minimal namespace", () => {
        expect(validateNamespaceBaselineArgs({ namespaces: [ok] })).toEqual([]);
    });

    it("rejects names that are not DNS labels, reserved names and the kube- prefix", () => {
        expect(
            validateNamespaceBaselineArgs({
                namespaces: [
                    { ...ok, name: "Web_App" },
                    { ...ok, name: "default" },
                    { ...ok, name: "kube-tools" },
                    { ...ok, name: "kube-system" },
                ],
            }),
        ).toEqual([
            `NamespaceBaselineArgs.namespaces[0].name "Web_App" is not a DNS label; use 1-63 lower-case letters, digits and '-'.`,
            'NamespaceBaselineArgs.namespaces[1].name "default" is reserved by Kubernetes; team workloads need their own namespace.',
            'NamespaceBaselineArgs.namespaces[2].name "kube-tools" is in the kube- prefix Kubernetes reserves; team workloads need their own namespace.',
            'NamespaceBaselineArgs.namespaces[3].name "kube-system" is a system namespace (EKS add-ons run node agents here: aws-node (VPC CNI and its network-policy agent) and kube-proxy need hostNetwork, hostPath and NET_ADMIN; the EBS CSI node plugin is privileged.); team workloads need their own namespace.',
        ]);
    });

    it("rejects duplicates, bad teams, quantities, pod counts and service accounts", () => {
        expect(
            validateNamespaceBaselineArgs({
                namespaces: [
                    ok,
                    {
                        ...ok,
                        team: "Web Team",
                        quota: { cpu: "two", memory: "1GB", pods: 0 },
                        limits: { defaultRequest: { memory: "lots" } },
                        serviceAccounts: ["default", "api", "api"],
                    },
                ],
            }),
        ).toEqual([
            'NamespaceBaselineArgs.namespaces[1].name "web" is declared twice; declare each namespace once.',
            `NamespaceBaselineArgs.namespaces[1].team "Web Team" is not a DNS label; use 1-63 lower-case letters, digits and '-'.`,
            'NamespaceBaselineArgs.namespaces[1].quota.cpu "two" is not a Kubernetes quantity; use a form such as "500m", "2", "512Mi" or "4Gi".',
            'NamespaceBaselineArgs.namespaces[1].quota.memory "1GB" is not a Kubernetes quantity; use a form such as "500m", "2", "512Mi" or "4Gi".',
            'NamespaceBaselineArgs.namespaces[1].limits.defaultRequest.memory "lots" is not a Kubernetes quantity; use a form such as "500m", "2", "512Mi" or "4Gi".',
            "NamespaceBaselineArgs.namespaces[1].quota.pods 0 is not a positive integer; set the most pods the namespace may run.",
            'NamespaceBaselineArgs.namespaces[1].serviceAccounts[0] is "default"; give each workload its own service account (IAM-8).',
            "NamespaceBaselineArgs.namespaces[1].serviceAccounts lists a name twice; list each service account once.",
        ]);
    });

    it("rejects an unpinned Pod Security version, an unknown mesh mode and an empty list", () => {
        expect(validateNamespaceBaselineArgs({ namespaces: [], podSecurityVersion: "latest", meshMode: "proxyless" as never })).toEqual([
            'NamespaceBaselineArgs.meshMode "proxyless" is not supported; use "sidecar" or "ambient".',
            'NamespaceBaselineArgs.podSecurityVersion "latest" is not a pinned version; use "v1.<minor>" such as "v1.33", never "latest".',
            "NamespaceBaselineArgs.namespaces is empty; declare at least one team namespace.",
        ]);
    });
});
