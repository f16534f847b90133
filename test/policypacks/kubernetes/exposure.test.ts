/**
 * NET-11 (and NET-8 via Istio and Gateway API): internet-facing Ingresses, Services, AWS Load
 * Balancer Controller scheme resources and Gateways only in allowedExposedNamespaces. Objects
 * are shaped as @pulumi/kubernetes (typed classes) or apiextensions.CustomResource send them.
 */
import { describe, expect, it } from "vitest";
import { gatewayApiGatewayTypes, ingressTypes, istioGatewayTypes } from "../../../policypacks/baseline/lib/k8s-types";
import { k8sGatewayExposureRestricted } from "../../../policypacks/baseline/policies/kubernetes/k8s-gateway-exposure-restricted";
import { k8sIngressInternetFacingRestricted } from "../../../policypacks/baseline/policies/kubernetes/k8s-ingress-internet-facing-restricted";
import { k8sServiceInternetFacingRestricted } from "../../../policypacks/baseline/policies/kubernetes/k8s-service-internet-facing-restricted";
import { UNKNOWN, runResourcePolicy } from "../../helpers/run-policy";
import { Json, changed } from "./fixtures";

const allowed = { allowedExposedNamespaces: ["edge"] };
const scheme = "alb.ingress.kubernetes.io/scheme";
const group = "alb.ingress.kubernetes.io/group.name";
const ingressFix = "keep the load balancer internal, or expose it from a namespace in allowedExposedNamespaces. [NET-11]";

const ingress = (type: string, annotations: Json = {}, namespace = "shop"): Json => ({
    apiVersion: type.split(":")[1],
    kind: "Ingress",
    metadata: { name: "web", namespace, annotations },
    spec: {
        ingressClassName: "alb",
        rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }],
    },
});

async function violations(policy: Parameters<typeof runResourcePolicy>[0], type: string, props: Json, config: object = {}) {
    const outcome = await runResourcePolicy(policy, { type, name: "fixture", props }, config);
    expect(outcome.cannotRunDuringPreview).toBeUndefined();
    return outcome.violations;
}

describe("k8s-ingress-internet-facing-restricted (NET-11)", () => {
    const policy = k8sIngressInternetFacingRestricted;
    const plain = ingressTypes.filter((type) => !type.endsWith("List"));

    it.each(plain)("passes %s with the controller's default scheme (internal) or an explicit internal one", async (type) => {
        expect(await violations(policy, type, ingress(type))).toEqual([]);
        expect(await violations(policy, type, ingress(type, { [scheme]: "internal", [group]: "shared" }))).toEqual([]);
    });

    it.each(plain)("blocks an internet-facing %s outside the allow-list and allows it inside", async (type) => {
        const open = ingress(type, { [scheme]: "internet-facing" });
        expect(await violations(policy, type, open)).toEqual([
            `ingress "web" (metadata) in namespace "shop": alb.ingress.kubernetes.io/scheme is "internet-facing"; ${ingressFix}`,
        ]);
        expect(
            await violations(
                policy,
                type,
                changed(open, (p) => (p.metadata.namespace = "edge")),
                allowed,
            ),
        ).toEqual([]);
        expect(
            await violations(
                policy,
                type,
                changed(open, (p) => delete p.metadata.namespace),
                allowed,
            ),
        ).toEqual([
            `ingress "web" (metadata) in namespace "default": alb.ingress.kubernetes.io/scheme is "internet-facing"; ${ingressFix}`,
        ]);
    });

    it("blocks an IngressGroup member that does not say internal (the group's scheme may be internet-facing)", async () => {
        const type = "kubernetes:networking.k8s.io/v1:Ingress";
        expect(await violations(policy, type, ingress(type, { [group]: "shared" }))).toEqual([
            'ingress "web" (metadata) in namespace "shop": alb.ingress.kubernetes.io/group.name "shared" without alb.ingress.kubernetes.io/scheme: ' +
                "internal (the group's scheme is set by whichever member sets it, so this Ingress can end up on an internet-facing ALB); " +
                `set the scheme to internal; ${ingressFix}`,
        ]);
    });

    it("judges an IngressPatch on what it sets", async () => {
        const type = "kubernetes:networking.k8s.io/v1:IngressPatch";
        const patch = { metadata: { name: "web", namespace: "shop", annotations: { [group]: "shared" } as Record<string, string> } };
        expect(await violations(policy, type, patch)).toEqual([]);
        expect(
            await violations(
                policy,
                type,
                changed(patch, (p) => (p.metadata.annotations[scheme] = "internet-facing")),
            ),
        ).toEqual([`ingress "web" (metadata) in namespace "shop": alb.ingress.kubernetes.io/scheme is "internet-facing"; ${ingressFix}`]);
    });

    it("judges every item of an IngressList", async () => {
        const type = "kubernetes:networking.k8s.io/v1:IngressList";
        const props = {
            items: [ingress(type), changed(ingress(type, { [scheme]: "internet-facing" }), (p) => (p.metadata.name = "public"))],
        };
        expect(await violations(policy, type, props)).toEqual([
            `ingress "public" (items[1].metadata) in namespace "shop": alb.ingress.kubernetes.io/scheme is "internet-facing"; ${ingressFix}`,
        ]);
    });

    const params = (spec: Json): Json => ({
        apiVersion: "elbv2.k8s.aws/v1beta1",
        kind: "IngressClassParams",
        metadata: { name: "public-alb" },
        spec,
    });
    const paramsType = "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams";
    const paramsMessage =
        'ingress class params "public-alb" (spec): scheme is "internet-facing" for every namespace its namespaceSelector admits; ' +
        `restrict spec.namespaceSelector to kubernetes.io/metadata.name in allowedExposedNamespaces, or ${ingressFix}`;

    it("passes IngressClassParams that are internal or restricted to allow-listed namespaces", async () => {
        expect(await violations(policy, paramsType, params({ scheme: "internal" }))).toEqual([]);
        const byLabel = params({
            scheme: "internet-facing",
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "edge" } },
        });
        expect(await violations(policy, paramsType, byLabel, allowed)).toEqual([]);
        const byExpression = params({
            scheme: "internet-facing",
            namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["edge"] }] },
        });
        expect(await violations(policy, paramsType, byExpression, allowed)).toEqual([]);
    });

    it("blocks internet-facing IngressClassParams open to other namespaces", async () => {
        expect(await violations(policy, paramsType, params({ scheme: "internet-facing" }), allowed)).toEqual([paramsMessage]);
        const team = params({ scheme: "internet-facing", namespaceSelector: { matchLabels: { team: "shop" } } });
        expect(await violations(policy, paramsType, team, allowed)).toEqual([paramsMessage]);
        const wider = params({
            scheme: "internet-facing",
            namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["edge", "shop"] }] },
        });
        expect(await violations(policy, paramsType, wider, allowed)).toEqual([paramsMessage]);
        const notIn = params({
            scheme: "internet-facing",
            namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["shop"] }] },
        });
        expect(await violations(policy, paramsType, notIn, allowed)).toEqual([paramsMessage]);
    });

    it("keeps an internet-facing Gateway API LoadBalancerConfiguration to allow-listed namespaces", async () => {
        const type = "kubernetes:gateway.k8s.aws/v1beta1:LoadBalancerConfiguration";
        const config = (namespace: string, value: string) => ({
            apiVersion: "gateway.k8s.aws/v1beta1",
            kind: "LoadBalancerConfiguration",
            metadata: { name: "lb", namespace },
            spec: { scheme: value },
        });
        expect(await violations(policy, type, config("shop", "internal"))).toEqual([]);
        expect(await violations(policy, type, config("edge", "internet-facing"), allowed)).toEqual([]);
        expect(await violations(policy, type, config("shop", "internet-facing"), allowed)).toEqual([
            `load balancer configuration "lb" (metadata) in namespace "shop": spec.scheme is "internet-facing"; ${ingressFix}`,
        ]);
    });

    it("reads the namespace only when the Ingress is internet-facing", async () => {
        const type = "kubernetes:networking.k8s.io/v1:Ingress";
        expect(await violations(policy, type, ingress(type, {}, UNKNOWN))).toEqual([]);
        const outcome = await runResourcePolicy(policy, { type, props: ingress(type, { [scheme]: "internet-facing" }, UNKNOWN) });
        expect(outcome).toEqual({
            violations: [],
            cannotRunDuringPreview: "string value at .metadata.namespace can't be known during preview",
        });
    });
});

describe("k8s-service-internet-facing-restricted (NET-11, NET-8)", () => {
    const policy = k8sServiceInternetFacingRestricted;
    const type = "kubernetes:core/v1:Service";
    const fix =
        "keep it internal (aws-load-balancer-type: external, no internet-facing scheme), or add the namespace to allowedExposedNamespaces. [NET-11, NET-8]";
    const service = (spec: Json, annotations: Json = {}, namespace = "shop"): Json => ({
        metadata: { name: "api", namespace, annotations },
        spec: { selector: { app: "api" }, ports: [{ port: 443, targetPort: 8443 }], ...spec },
    });
    const lbc = { "service.beta.kubernetes.io/aws-load-balancer-type": "external" };
    const inTree =
        'spec.type is LoadBalancer without the AWS Load Balancer Controller (no aws-load-balancer-type "external" or loadBalancerClass ' +
        '"service.k8s.aws/nlb"), so the in-tree controller makes an internet-facing load balancer';

    it("passes ClusterIP Services, LBC-managed internal NLBs and in-tree internal load balancers", async () => {
        expect(
            await violations(
                policy,
                type,
                service({ type: "ClusterIP" }, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" }),
            ),
        ).toEqual([]);
        expect(await violations(policy, type, service({ type: "LoadBalancer" }, lbc))).toEqual([]);
        expect(
            await violations(
                policy,
                type,
                service({ type: "LoadBalancer" }, { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb-ip" }),
            ),
        ).toEqual([]);
        expect(await violations(policy, type, service({ type: "LoadBalancer", loadBalancerClass: "service.k8s.aws/nlb" }))).toEqual([]);
        expect(
            await violations(
                policy,
                type,
                service({ type: "LoadBalancer" }, { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" }),
            ),
        ).toEqual([]);
        expect(
            await violations(
                policy,
                type,
                service(
                    { type: "LoadBalancer" },
                    { ...lbc, "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" },
                    "edge",
                ),
                allowed,
            ),
        ).toEqual([]);
    });

    it("blocks an LBC internet-facing NLB and the in-tree default outside the allow-list", async () => {
        expect(
            await violations(
                policy,
                type,
                service({ type: "LoadBalancer" }, { ...lbc, "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" }),
            ),
        ).toEqual([
            `service "api" (metadata.annotations) in namespace "shop": service.beta.kubernetes.io/aws-load-balancer-scheme is "internet-facing" (the AWS Load Balancer Controller's internet-facing NLB); ${fix}`,
        ]);
        expect(await violations(policy, type, service({ type: "LoadBalancer" }))).toEqual([
            `service "api" (metadata.annotations) in namespace "shop": ${inTree}; ${fix}`,
        ]);
        expect(
            await violations(
                policy,
                type,
                service({ type: "LoadBalancer" }, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }),
            ),
        ).toEqual([
            `service "api" (metadata.annotations) in namespace "shop": ${inTree} (it ignores service.beta.kubernetes.io/aws-load-balancer-scheme); ${fix}`,
        ]);
        expect(
            await violations(
                policy,
                type,
                service({ type: "LoadBalancer" }, { "service.beta.kubernetes.io/aws-load-balancer-internal": "false" }),
            ),
        ).toEqual([`service "api" (metadata.annotations) in namespace "shop": ${inTree}; ${fix}`]);
    });

    it("blocks a ServicePatch that turns an existing Service internet-facing", async () => {
        const patch: Json = {
            metadata: {
                name: "api",
                namespace: "shop",
                annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" },
            },
        };
        expect(await violations(policy, "kubernetes:core/v1:ServicePatch", patch)).toEqual([
            `service "api" (metadata.annotations) in namespace "shop": service.beta.kubernetes.io/aws-load-balancer-scheme is "internet-facing"; ${fix}`,
        ]);
        const legacy = changed(
            patch,
            (p) => (p.metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-internal": "false" }),
        );
        expect(await violations(policy, "kubernetes:core/v1:ServicePatch", legacy)).toEqual([
            `service "api" (metadata.annotations) in namespace "shop": service.beta.kubernetes.io/aws-load-balancer-internal is "false" (internet-facing); ${fix}`,
        ]);
        expect(
            await violations(policy, "kubernetes:core/v1:ServicePatch", {
                metadata: { name: "api", namespace: "shop", labels: { a: "b" } },
            }),
        ).toEqual([]);
    });
});

describe("k8s-gateway-exposure-restricted (NET-11, NET-8)", () => {
    const policy = k8sGatewayExposureRestricted;
    const fix = "declare it in a namespace in allowedExposedNamespaces and attach routes from this namespace. [NET-11, NET-8]";
    const gateway = (type: string, namespace: string): Json => ({
        apiVersion: type.split(":")[1],
        kind: "Gateway",
        metadata: { name: "public", namespace },
        spec: type.includes("istio")
            ? {
                  selector: { istio: "ingressgateway" },
                  servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["shop.example.com"] }],
              }
            : { gatewayClassName: "istio", listeners: [{ name: "https", port: 443, protocol: "HTTPS" }] },
    });
    const plain = (types: readonly string[]) => types.filter((type) => !type.endsWith("List") && !type.endsWith("Patch"));

    it.each(plain(gatewayApiGatewayTypes))("keeps a Gateway API %s to allow-listed namespaces", async (type) => {
        expect(await violations(policy, type, gateway(type, "edge"), allowed)).toEqual([]);
        expect(await violations(policy, type, gateway(type, "shop"), allowed)).toEqual([
            `gateway "public" (metadata) in namespace "shop": a Gateway API Gateway provisions a load balancer (Istio deploys a LoadBalancer Service for it); ${fix}`,
        ]);
    });

    it.each(plain(istioGatewayTypes))("keeps an Istio %s to allow-listed namespaces (no sidestep of NET-8)", async (type) => {
        expect(await violations(policy, type, gateway(type, "edge"), allowed)).toEqual([]);
        expect(await violations(policy, type, gateway(type, "shop"), allowed)).toEqual([
            `istio gateway "public" (metadata) in namespace "shop": an Istio Gateway opens listeners on the ingress gateway it selects, which a LoadBalancer Service exposes; ${fix}`,
        ]);
    });
});
