/**
 * Exposure outside the cluster (NET-8, NET-11): the one allow-list knob every exposure policy
 * reads, and what the load-balancer controllers make of an object's annotations.
 *
 * Defaults, from the AWS Load Balancer Controller (LBC) docs:
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/ (scheme, group.name),
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/ (scheme, internal),
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/nlb/ ("secure by default", in-tree),
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/loadbalancerconfig (scheme):
 * - Ingress: `alb.ingress.kubernetes.io/scheme` defaults to `internal`; it is "Exclusive" within
 *   an IngressGroup (`alb.ingress.kubernetes.io/group.name`), so one member's scheme applies to
 *   the whole group's ALB.
 * - Service: the LBC manages a LoadBalancer Service only when told to
 *   (`service.beta.kubernetes.io/aws-load-balancer-type: external`, the legacy `nlb-ip`, or
 *   `spec.loadBalancerClass: service.k8s.aws/nlb`); it then defaults to an internal NLB
 *   (since v2.2.0), and `aws-load-balancer-scheme: internet-facing` makes it public. Otherwise
 *   the in-tree cloud provider reconciles it: an internet-facing load balancer unless the legacy
 *   `service.beta.kubernetes.io/aws-load-balancer-internal` is set (to anything but "false"); the
 *   in-tree controller does not read `aws-load-balancer-scheme`.
 * - IngressClassParams / LoadBalancerConfiguration: `spec.scheme`, default `internal`.
 */
import { arrayOf, objectOf } from "./k8s-objects";
import { ConfigProperty, Props } from "./policy";

/** Config of every exposure policy: the same key, so one list (the stack's exposed namespaces) feeds them all. */
export interface ExposureConfig {
    /** Namespaces that may expose workloads outside the cluster network (ingress gateways). */
    allowedExposedNamespaces: string[];
}

/** The shared knob, declared identically by NET-8 and NET-11 policies. */
export const allowedExposedNamespacesProperty: ConfigProperty = {
    type: "array",
    items: { type: "string" },
    default: [],
    description:
        "Namespaces that may expose workloads outside the cluster (LoadBalancer/NodePort Services, externalIPs, internet-facing Ingresses, Gateways); the stack's baseline:admission.exposedNamespaces.",
};

/** True when the namespace is allow-listed. */
export function exposureAllowed(config: ExposureConfig, namespace: string): boolean {
    return arrayOf(config.allowedExposedNamespaces).includes(namespace);
}

export const ingressSchemeAnnotation = "alb.ingress.kubernetes.io/scheme";
export const ingressGroupAnnotation = "alb.ingress.kubernetes.io/group.name";
export const serviceSchemeAnnotation = "service.beta.kubernetes.io/aws-load-balancer-scheme";
export const serviceInternalAnnotation = "service.beta.kubernetes.io/aws-load-balancer-internal";
export const serviceTypeAnnotation = "service.beta.kubernetes.io/aws-load-balancer-type";
/** `aws-load-balancer-type` values that hand a Service to the LBC. */
export const lbcServiceTypes: readonly string[] = ["external", "nlb-ip"];
export const lbcLoadBalancerClass = "service.k8s.aws/nlb";
export const internetFacing = "internet-facing";

/** `metadata.annotations` as a plain object (empty when absent). */
export function annotationsOf(object: Props): Props {
    return objectOf(objectOf(object.metadata)?.annotations) ?? {};
}

/**
 * Why a Service is (or, for a Patch, is made) internet-facing, or undefined when it is not.
 * A Patch without `spec.type` is judged only on the annotations it sets.
 */
export function serviceInternetFacing(object: Props, partial: boolean): string | undefined {
    const spec = objectOf(object.spec) ?? {};
    const annotations = annotationsOf(object);
    const scheme = annotations[serviceSchemeAnnotation];
    const legacyInternal = annotations[serviceInternalAnnotation];
    if (spec.type !== "LoadBalancer") {
        if (partial && spec.type === undefined && (scheme === internetFacing || legacyInternal === "false")) {
            return scheme === internetFacing
                ? `${serviceSchemeAnnotation} is "internet-facing"`
                : `${serviceInternalAnnotation} is "false" (internet-facing)`;
        }
        return undefined;
    }
    const byLbc = spec.loadBalancerClass === lbcLoadBalancerClass || lbcServiceTypes.includes(annotations[serviceTypeAnnotation]);
    if (byLbc) {
        if (legacyInternal === "true" || scheme !== internetFacing) {
            return undefined;
        }
        return `${serviceSchemeAnnotation} is "internet-facing" (the AWS Load Balancer Controller's internet-facing NLB)`;
    }
    if (typeof legacyInternal === "string" && legacyInternal !== "" && legacyInternal !== "false") {
        return undefined;
    }
    return (
        'spec.type is LoadBalancer without the AWS Load Balancer Controller (no aws-load-balancer-type "external" or loadBalancerClass ' +
        `"${lbcLoadBalancerClass}"), so the in-tree controller makes an internet-facing load balancer` +
        (scheme === undefined ? "" : ` (it ignores ${serviceSchemeAnnotation})`)
    );
}
