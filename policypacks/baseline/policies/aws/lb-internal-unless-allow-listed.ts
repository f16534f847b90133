import { albLoadBalancer, elbLoadBalancer, lbLoadBalancer } from "../../lib/aws-types";
import { arrayOf } from "../../lib/k8s-objects";
import { resourcePolicy } from "../../lib/policy";

export interface LoadBalancerExposureConfig {
    /** Load balancers (Pulumi resource name or `name` input) that may be internet-facing. */
    allowedInternetFacingLoadBalancers: string[];
}

/**
 * NET-11: load balancers the program declares itself are internal unless listed. `internal`
 * defaults to false in @pulumi/aws (aws.lb.LoadBalancer: "If true, the LB will be internal.
 * Defaults to `false`"; aws.elb.LoadBalancer likewise), so an unset `internal` is internet-facing.
 * A Gateway Load Balancer (`loadBalancerType: "gateway"`) has no scheme and is skipped.
 */
export const lbInternalUnlessAllowListed = resourcePolicy<LoadBalancerExposureConfig>({
    name: "lb-internal-unless-allow-listed",
    description:
        "Application, Network and Classic Load Balancers (aws.lb, aws.alb, aws.elb) are internal (internal: true) unless named in allowedInternetFacingLoadBalancers; the provider's default is internet-facing. References: AWS Well-Architected Security Pillar (protect networks: control traffic at all layers); NSA/CISA Kubernetes Hardening Guide 'Network separation and hardening'.",
    severity: "high",
    controls: ["NET-11"],
    remediationSteps:
        "Set internal: true; or, for the one public entry point, add its resource name to allowedInternetFacingLoadBalancers in the pack config.",
    config: {
        allowedInternetFacingLoadBalancers: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Resource names (or `name` inputs) of load balancers that may be internet-facing.",
        },
    },
    resourceTypes: [lbLoadBalancer, albLoadBalancer, elbLoadBalancer],
    validate: ({ type, name, props }, report, config) => {
        if (type !== elbLoadBalancer && props.loadBalancerType === "gateway") {
            return;
        }
        if (props.internal === true) {
            return;
        }
        const allowed = arrayOf(config.allowedInternetFacingLoadBalancers);
        if (allowed.includes(name) || (typeof props.name === "string" && allowed.includes(props.name))) {
            return;
        }
        const value = props.internal === undefined ? "is unset (default: false, internet-facing)" : `is ${JSON.stringify(props.internal)}`;
        report(
            `internal ${value}; set internal to true, or add "${name}" to allowedInternetFacingLoadBalancers if it is a reviewed public entry point.`,
        );
    },
});
