import { ExposureConfig, allowedExposedNamespacesProperty, exposureAllowed, serviceInternetFacing } from "../../lib/k8s-exposure";
import { displayName, k8sObjects } from "../../lib/k8s-objects";
import { serviceTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NET-11 (and NET-8): a Service that an AWS controller turns into an internet-facing load
 * balancer exists only in an allow-listed namespace. What "internet-facing" means per controller
 * is in lib/k8s-exposure.ts; a ServicePatch that sets an internet-facing annotation on an existing
 * Service counts too, which the spec.type check of k8s-service-exposure-restricted cannot see.
 */
export const k8sServiceInternetFacingRestricted = resourcePolicy<ExposureConfig>({
    name: "k8s-service-internet-facing-restricted",
    description:
        "Services that become internet-facing load balancers (AWS Load Balancer Controller `aws-load-balancer-scheme: internet-facing`, " +
        'the legacy `aws-load-balancer-internal: "false"`, or a LoadBalancer Service left to the in-tree controller, which is ' +
        "internet-facing by default) exist only in allowedExposedNamespaces. References: AWS Load Balancer Controller docs " +
        "(Service annotations, NLB 'secure by default'); CIS Amazon EKS Benchmark 5.4 (limit exposure).",
    severity: "high",
    controls: ["NET-11", "NET-8"],
    remediationSteps:
        'Keep the load balancer internal (aws-load-balancer-type: "external" without an internet-facing scheme), or expose it from a namespace in allowedExposedNamespaces.',
    config: { allowedExposedNamespaces: allowedExposedNamespacesProperty },
    resourceTypes: serviceTypes,
    validate: ({ type, name, props }, report, config) => {
        for (const object of k8sObjects(type, props)) {
            const reason = serviceInternetFacing(object.object, object.partial);
            if (reason === undefined) {
                continue;
            }
            const namespace = object.namespace();
            if (exposureAllowed(config, namespace)) {
                continue;
            }
            const service = displayName(() => object.object.metadata?.name, name);
            report(
                `service "${service}" (${object.path}metadata.annotations) in namespace "${namespace}": ${reason}; keep it internal ` +
                    "(aws-load-balancer-type: external, no internet-facing scheme), or add the namespace to allowedExposedNamespaces.",
            );
        }
    },
});
