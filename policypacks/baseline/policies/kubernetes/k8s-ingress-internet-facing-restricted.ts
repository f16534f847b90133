import {
    ExposureConfig,
    allowedExposedNamespacesProperty,
    annotationsOf,
    exposureAllowed,
    ingressGroupAnnotation,
    ingressSchemeAnnotation,
    internetFacing,
} from "../../lib/k8s-exposure";
import { K8sObject, arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { ingressClassParamsTypes, ingressTypes, loadBalancerConfigurationTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

const namespaceNameLabel = "kubernetes.io/metadata.name";
const fix = "keep the load balancer internal, or expose it from a namespace in allowedExposedNamespaces.";

/**
 * An Ingress: internet-facing scheme, or an IngressGroup membership that does not say `internal`
 * (an IngressPatch is judged on what it sets: joining a group without setting a scheme keeps the
 * live Ingress's scheme).
 */
function ingressProblems(object: K8sObject): string[] {
    const annotations = annotationsOf(object.object);
    const scheme = annotations[ingressSchemeAnnotation];
    const group = annotations[ingressGroupAnnotation];
    const problems: string[] = [];
    if (scheme === internetFacing) {
        problems.push(`${ingressSchemeAnnotation} is "internet-facing"`);
    } else if (group !== undefined && scheme !== "internal" && !(object.partial && scheme === undefined)) {
        // A Patch that leaves the scheme alone keeps the live one, which it does not show.
        problems.push(
            `${ingressGroupAnnotation} "${String(group)}" without ${ingressSchemeAnnotation}: internal (the group's scheme is set by ` +
                "whichever member sets it, so this Ingress can end up on an internet-facing ALB); set the scheme to internal",
        );
    }
    return problems;
}

/** True when a label selector requires `kubernetes.io/metadata.name` to be one of the allowed namespaces. */
function selectorPinsAllowed(selector: unknown, allowed: readonly unknown[]): boolean {
    const value = objectOf(selector);
    const label = objectOf(value?.matchLabels)?.[namespaceNameLabel];
    if (typeof label === "string" && allowed.includes(label)) {
        return true;
    }
    return arrayOf(value?.matchExpressions).some((entry) => {
        const requirement = objectOf(entry);
        const values = arrayOf(requirement?.values);
        return (
            requirement?.key === namespaceNameLabel &&
            requirement?.operator === "In" &&
            values.length > 0 &&
            values.every((name) => allowed.includes(name))
        );
    });
}

/**
 * NET-11: the AWS Load Balancer Controller's own scheme settings. An Ingress is internal unless
 * `alb.ingress.kubernetes.io/scheme: internet-facing` (controller default `internal`); an
 * IngressGroup member outside the allow-list must say `internal` itself, because the scheme is
 * exclusive to the group. IngressClassParams (cluster-scoped) with `scheme: internet-facing`
 * overrides every Ingress of its class, so its `namespaceSelector` must restrict the class to
 * allow-listed namespaces; a Gateway API LoadBalancerConfiguration with an internet-facing
 * scheme lives in an allow-listed namespace. Defaults: lib/k8s-exposure.ts.
 */
export const k8sIngressInternetFacingRestricted = resourcePolicy<ExposureConfig>({
    name: "k8s-ingress-internet-facing-restricted",
    description:
        "Internet-facing AWS load balancers made from Ingresses (alb.ingress.kubernetes.io/scheme, IngressGroups), IngressClassParams " +
        "and Gateway API LoadBalancerConfigurations only in allowedExposedNamespaces; the AWS Load Balancer Controller's default " +
        "scheme is internal. References: AWS Load Balancer Controller docs (Ingress annotations, IngressClass, " +
        "LoadBalancerConfiguration); CIS Amazon EKS Benchmark 5.4 (limit exposure).",
    severity: "high",
    controls: ["NET-11"],
    remediationSteps:
        "Drop the internet-facing scheme (the controller defaults to internal), set alb.ingress.kubernetes.io/scheme: internal on IngressGroup members, restrict an internet-facing IngressClassParams with a namespaceSelector on kubernetes.io/metadata.name, or expose from a namespace in allowedExposedNamespaces.",
    config: { allowedExposedNamespaces: allowedExposedNamespacesProperty },
    resourceTypes: [...ingressTypes, ...ingressClassParamsTypes, ...loadBalancerConfigurationTypes],
    validate: ({ type, name, props }, report, config) => {
        const allowed = arrayOf(config.allowedExposedNamespaces);
        for (const object of k8sObjects(type, props)) {
            const label = displayName(() => object.object.metadata?.name, name);
            const spec = objectOf(object.object.spec);
            if (ingressClassParamsTypes.includes(type)) {
                if (spec?.scheme === internetFacing && !selectorPinsAllowed(spec?.namespaceSelector, allowed)) {
                    report(
                        `ingress class params "${label}" (${object.path}spec): scheme is "internet-facing" for every namespace its ` +
                            `namespaceSelector admits; restrict spec.namespaceSelector to ${namespaceNameLabel} in allowedExposedNamespaces, or ${fix}`,
                    );
                }
                continue;
            }
            const problems = loadBalancerConfigurationTypes.includes(type)
                ? spec?.scheme === internetFacing
                    ? ['spec.scheme is "internet-facing"']
                    : []
                : ingressProblems(object);
            if (problems.length === 0) {
                continue;
            }
            const namespace = object.namespace();
            if (exposureAllowed(config, namespace)) {
                continue;
            }
            const kind = loadBalancerConfigurationTypes.includes(type) ? "load balancer configuration" : "ingress";
            for (const problem of problems) {
                report(`${kind} "${label}" (${object.path}metadata) in namespace "${namespace}": ${problem}; ${fix}`);
            }
        }
    },
});
