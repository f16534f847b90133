import { parseYaml } from "../../lib/yaml";
import { booleanOf, isRecord, show } from "../../lib/aws-props";
import { eksAddon } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Parses add-on configuration values (EKS accepts JSON or YAML); undefined when unreadable. */
function parseConfigurationValues(text: string): unknown {
    try {
        return parseYaml(text);
    } catch {
        return undefined;
    }
}

/**
 * NET-6: the VPC CNI enforces NetworkPolicy. The vpc-cni add-on ships with
 * `enableNetworkPolicy` "false", so without configurationValues NetworkPolicies are accepted by
 * the API server but enforced by nothing. The node agent (default on) must not be turned off.
 */
export const eksAddonVpcCniNetworkPolicy = resourcePolicy({
    name: "eks-addon-vpc-cni-network-policy",
    description:
        'The vpc-cni EKS add-on enforces Kubernetes NetworkPolicy (configurationValues enableNetworkPolicy "true", node agent on). CIS Amazon EKS Benchmark 5.4.4; NSA/CISA Kubernetes Hardening Guide, Network policies.',
    severity: "high",
    controls: ["NET-6"],
    remediationSteps: 'Set configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) on the vpc-cni add-on.',
    example:
        'new aws.eks.Addon("vpc-cni", { addonName: "vpc-cni", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }), ... });',
    resourceTypes: [eksAddon],
    validate: ({ props }, report) => {
        if (props.addonName !== "vpc-cni") {
            return;
        }
        const text = props.configurationValues;
        if (text === undefined || text === null || text === "") {
            report(
                'configurationValues is unset (vpc-cni default: enableNetworkPolicy "false"); set it to {"enableNetworkPolicy": "true"}.',
            );
            return;
        }
        const values = typeof text === "string" ? parseConfigurationValues(text) : undefined;
        if (!isRecord(values)) {
            report('configurationValues is not a JSON or YAML object; set it to {"enableNetworkPolicy": "true"}.');
            return;
        }
        if (booleanOf(values.enableNetworkPolicy) !== true) {
            const value = values.enableNetworkPolicy === undefined ? 'unset (default "false")' : show(values.enableNetworkPolicy);
            report(`configurationValues.enableNetworkPolicy is ${value}; set it to "true".`);
        }
        if (isRecord(values.nodeAgent) && booleanOf(values.nodeAgent.enabled) === false) {
            report(
                `configurationValues.nodeAgent.enabled is ${show(values.nodeAgent.enabled)}; remove it or set it to "true" (the node agent enforces NetworkPolicy).`,
            );
        }
    },
});
