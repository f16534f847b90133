import { ExposureConfig, allowedExposedNamespacesProperty, exposureAllowed } from "../../lib/k8s-exposure";
import { displayName, k8sObjects } from "../../lib/k8s-objects";
import { gatewayApiGatewayTypes, istioGatewayTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NET-8 and NET-11 through gateways. A Gateway API `Gateway` both configures and deploys a
 * gateway: Istio's automated deployment creates a Deployment and a LoadBalancer Service in the
 * Gateway's namespace, and the AWS Load Balancer Controller provisions an ALB/NLB for its
 * GatewayClass (https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/;
 * LBC guide/gateway). An Istio `networking.istio.io` Gateway opens listeners on the existing
 * ingress gateway its `spec.selector` picks, which is itself behind a LoadBalancer Service. Either
 * way a team namespace would get a way out of the cluster without a LoadBalancer Service of its
 * own, sidestepping k8s-service-exposure-restricted; so Gateways of both APIs live only in the
 * allow-listed namespaces (routes from other namespaces attach through `allowedRoutes` or a
 * VirtualService).
 */
export const k8sGatewayExposureRestricted = resourcePolicy<ExposureConfig>({
    name: "k8s-gateway-exposure-restricted",
    description:
        "Gateway API Gateways (gateway.networking.k8s.io) and Istio Gateways (networking.istio.io) exist only in allowedExposedNamespaces: " +
        "they provision or configure a load balancer outside the cluster. References: Istio docs 'Kubernetes Gateway API' (automated " +
        "deployment); Kubernetes Gateway API 'Security model'; CIS Amazon EKS Benchmark 5.4 (limit exposure).",
    severity: "high",
    controls: ["NET-11", "NET-8"],
    remediationSteps:
        "Declare the Gateway in the ingress gateway's namespace (allowedExposedNamespaces) and attach the team's HTTPRoute or VirtualService to it.",
    config: { allowedExposedNamespaces: allowedExposedNamespacesProperty },
    resourceTypes: [...gatewayApiGatewayTypes, ...istioGatewayTypes],
    validate: ({ type, name, props }, report, config) => {
        const istio = istioGatewayTypes.includes(type);
        for (const object of k8sObjects(type, props)) {
            const namespace = object.namespace();
            if (exposureAllowed(config, namespace)) {
                continue;
            }
            const gateway = displayName(() => object.object.metadata?.name, name);
            const what = istio
                ? "an Istio Gateway opens listeners on the ingress gateway it selects, which a LoadBalancer Service exposes"
                : "a Gateway API Gateway provisions a load balancer (Istio deploys a LoadBalancer Service for it)";
            report(
                `${istio ? "istio gateway" : "gateway"} "${gateway}" (${object.path}metadata) in namespace "${namespace}": ${what}; ` +
                    "declare it in a namespace in allowedExposedNamespaces and attach routes from this namespace.",
            );
        }
    },
});
