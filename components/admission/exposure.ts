/**
 * NET-11 admission rules (and NET-8 through gateways): the in-cluster twin of the pack's
 * k8s-ingress-internet-facing-restricted, k8s-service-internet-facing-restricted and
 * k8s-gateway-exposure-restricted, over the same allow-list (AdmissionPoliciesArgs
 * .allowedExposedNamespaces). What the controllers default to is documented with the pack's
 * reading in policypacks/baseline/lib/k8s-exposure.ts; the parity test runs both over one set of
 * objects.
 */
import { CelValidation, CelVariable, celString, celStringList } from "./cel";
import type { ResourceRule } from "./manifests";

const writes = ["CREATE", "UPDATE"];

export const INGRESS_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: writes, resources: ["ingresses"] },
];

/** Services plus the AWS Load Balancer Controller's scheme-carrying resources. */
export const LOAD_BALANCER_SCHEME_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: [""], apiVersions: ["v1"], operations: writes, resources: ["services"] },
    { apiGroups: ["elbv2.k8s.aws"], apiVersions: ["v1beta1"], operations: writes, resources: ["ingressclassparams"] },
    { apiGroups: ["gateway.k8s.aws"], apiVersions: ["v1beta1"], operations: writes, resources: ["loadbalancerconfigurations"] },
];

export const GATEWAY_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: ["gateway.networking.k8s.io"], apiVersions: ["v1", "v1beta1"], operations: writes, resources: ["gateways"] },
    { apiGroups: ["networking.istio.io"], apiVersions: ["v1", "v1beta1", "v1alpha3"], operations: writes, resources: ["gateways"] },
];

/** `metadata.annotations`, or an empty map. */
export function annotationVariables(): CelVariable[] {
    return [
        {
            name: "annotations",
            expression: "has(object.metadata.annotations) ? object.metadata.annotations : {}",
        },
    ];
}

/** `request.namespace in [...]` (false when nothing is allow-listed). */
function inAllowed(allowedNamespaces: readonly string[], subject = "request.namespace"): string {
    return allowedNamespaces.length > 0 ? `${subject} in ${celStringList(allowedNamespaces)}` : "false";
}

function where(allowedNamespaces: readonly string[]): string {
    return allowedNamespaces.length > 0 ? `namespaces ${allowedNamespaces.join(", ")}` : "no namespace (none is allow-listed)";
}

const annotation = (key: string) => `variables.annotations[${celString(key)}]`;
const hasAnnotation = (key: string) => `${celString(key)} in variables.annotations`;

const ingressScheme = "alb.ingress.kubernetes.io/scheme";
const ingressGroup = "alb.ingress.kubernetes.io/group.name";

/** NET-11: internet-facing Ingresses and IngressGroup members without an explicit scheme. */
export function ingressExposureValidations(allowedNamespaces: readonly string[]): CelValidation[] {
    const exempt = `${inAllowed(allowedNamespaces)} || `;
    return [
        {
            expression: `${exempt}!(${hasAnnotation(ingressScheme)} && ${annotation(ingressScheme)} == 'internet-facing')`,
            message: `NET-11: internet-facing Ingresses (${ingressScheme}) are allowed only in ${where(allowedNamespaces)}; drop the annotation (the controller defaults to internal).`,
        },
        {
            expression:
                `${exempt}!(${hasAnnotation(ingressGroup)}) || ` +
                `(${hasAnnotation(ingressScheme)} && ${annotation(ingressScheme)} in ['internal', 'internet-facing'])`,
            message: `NET-11: an Ingress in an IngressGroup (${ingressGroup}) outside ${where(allowedNamespaces)} sets ${ingressScheme}: internal, so the group's ALB cannot make it internet-facing.`,
        },
    ];
}

const serviceScheme = "service.beta.kubernetes.io/aws-load-balancer-scheme";
const serviceInternal = "service.beta.kubernetes.io/aws-load-balancer-internal";
const serviceType = "service.beta.kubernetes.io/aws-load-balancer-type";
const namespaceLabel = "kubernetes.io/metadata.name";

/**
 * True for an internet-facing Service: the LBC's (type external/nlb-ip or class
 * service.k8s.aws/nlb) with scheme internet-facing and not the legacy internal "true", or one
 * left to the in-tree controller without a legacy internal annotation other than "false".
 */
export const serviceInternetFacingExpression =
    "object.kind == 'Service' && has(object.spec.type) && object.spec.type == 'LoadBalancer' && (" +
    `((has(object.spec.loadBalancerClass) && object.spec.loadBalancerClass == 'service.k8s.aws/nlb') || ` +
    `(${hasAnnotation(serviceType)} && ${annotation(serviceType)} in ['external', 'nlb-ip']))` +
    ` ? (${hasAnnotation(serviceScheme)} && ${annotation(serviceScheme)} == 'internet-facing' && ` +
    `!(${hasAnnotation(serviceInternal)} && ${annotation(serviceInternal)} == 'true'))` +
    ` : !(${hasAnnotation(serviceInternal)} && ${annotation(serviceInternal)} != '' && ${annotation(serviceInternal)} != 'false'))`;

/** NET-11: internet-facing Services, IngressClassParams and LoadBalancerConfigurations. */
export function loadBalancerSchemeValidations(allowedNamespaces: readonly string[]): CelValidation[] {
    const allowed = celStringList(allowedNamespaces);
    const selector = "object.spec.namespaceSelector";
    const pinnedSelector =
        `has(${selector}) && (` +
        `(has(${selector}.matchLabels) && ${celString(namespaceLabel)} in ${selector}.matchLabels && ${selector}.matchLabels[${celString(namespaceLabel)}] in ${allowed}) || ` +
        `(has(${selector}.matchExpressions) && ${selector}.matchExpressions.exists(e, e.key == ${celString(namespaceLabel)} && e.operator == 'In' && has(e.values) && size(e.values) > 0 && e.values.all(v, v in ${allowed}))))`;
    return [
        {
            expression: `${inAllowed(allowedNamespaces)} || !(${serviceInternetFacingExpression})`,
            message: `NET-11: internet-facing load balancer Services are allowed only in ${where(allowedNamespaces)}; use aws-load-balancer-type: external without an internet-facing scheme (the controller's default is internal).`,
        },
        {
            expression:
                `object.kind != 'IngressClassParams' || !(has(object.spec.scheme) && object.spec.scheme == 'internet-facing') || ` +
                `(${pinnedSelector})`,
            message: `NET-11: an internet-facing IngressClassParams restricts spec.namespaceSelector (${namespaceLabel} In ...) to ${where(allowedNamespaces)}.`,
        },
        {
            expression:
                `object.kind != 'LoadBalancerConfiguration' || ${inAllowed(allowedNamespaces)} || ` +
                "!(has(object.spec.scheme) && object.spec.scheme == 'internet-facing')",
            message: `NET-11: an internet-facing LoadBalancerConfiguration is allowed only in ${where(allowedNamespaces)}; use scheme internal.`,
        },
    ];
}

/** NET-11 and NET-8: Gateway API and Istio Gateways only in the allow-listed namespaces. */
export function gatewayExposureValidations(allowedNamespaces: readonly string[]): CelValidation[] {
    return [
        {
            expression: inAllowed(allowedNamespaces),
            message: `NET-11, NET-8: Gateways (Gateway API and Istio) are allowed only in ${where(allowedNamespaces)}; attach routes to the shared gateway there.`,
        },
    ];
}
