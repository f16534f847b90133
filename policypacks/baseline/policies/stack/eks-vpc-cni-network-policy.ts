import { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { networkPolicyType } from "./namespaces";
import { PlanIndex, isObject } from "./plan";

const addonType = "aws:eks/addon:Addon";

/**
 * Whether a vpc-cni add-on's configurationValues turn on the network policy agent. EKS accepts
 * JSON or YAML; the add-on schema types the flag as the string "true".
 */
export function enablesNetworkPolicy(configurationValues: unknown): boolean {
    if (isObject(configurationValues)) {
        return configurationValues.enableNetworkPolicy === "true" || configurationValues.enableNetworkPolicy === true;
    }
    if (typeof configurationValues !== "string") {
        return false;
    }
    try {
        return enablesNetworkPolicy(JSON.parse(configurationValues));
    } catch {
        // YAML: a top-level `enableNetworkPolicy: "true"` line.
        return /^enableNetworkPolicy\s*:\s*(["']?)true\1\s*(#.*)?$/m.test(configurationValues);
    }
}

const clusterType = "aws:eks/cluster:Cluster";
const configMapType = "kubernetes:core/v1:ConfigMap";

/**
 * EKS Auto Mode runs the VPC CNI itself (no add-on); its network policy controller is on when
 * the `kube-system/amazon-vpc-cni` ConfigMap sets `enable-network-policy-controller: "true"`.
 * See https://docs.aws.amazon.com/eks/latest/userguide/auto-net-pol.html
 */
function autoModeEnforces(plan: PlanIndex): boolean {
    const autoMode = plan.ofType(clusterType).some((cluster) => {
        const compute = cluster.props?.computeConfig;
        return isObject(compute) && compute.enabled === true;
    });
    const controllerOn = plan.ofType(configMapType).some((configMap) => {
        const metadata = configMap.props?.metadata;
        const data = configMap.props?.data;
        return (
            isObject(metadata) &&
            metadata.name === "amazon-vpc-cni" &&
            metadata.namespace === "kube-system" &&
            isObject(data) &&
            data["enable-network-policy-controller"] === "true"
        );
    });
    return autoMode && controllerOn;
}

function isVpcCni(addon: PolicyResource): boolean {
    return addon.props?.addonName === "vpc-cni";
}

/**
 * NET-6: a NetworkPolicy is only a control when the CNI enforces it. On EKS that is the VPC CNI
 * add-on with its network policy agent on; without it every NetworkPolicy is silently ignored.
 */
export const eksVpcCniNetworkPolicy = stackPolicy({
    name: "eks-vpc-cni-network-policy",
    description:
        'A plan with NetworkPolicies has a vpc-cni add-on that enforces them (configurationValues enableNetworkPolicy "true"); otherwise they are silently ignored. Amazon EKS user guide: Limit pod traffic with Kubernetes network policies; NSA/CISA Kubernetes Hardening Guide: Network policies.',
    severity: "high",
    controls: ["NET-6"],
    remediationSteps:
        'Declare an aws.eks.Addon with addonName "vpc-cni" and configurationValues JSON.stringify({ enableNetworkPolicy: "true" }) for the cluster (the baseline\'s cluster component does); on an EKS Auto Mode cluster, the kube-system/amazon-vpc-cni ConfigMap with enable-network-policy-controller "true" instead.',
    example: [
        'new aws.eks.Addon("vpc-cni", {',
        "    clusterName: cluster.name,",
        '    addonName: "vpc-cni",',
        '    configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),',
        "});",
    ].join("\n"),
    validate: (resources, report) => {
        const plan = new PlanIndex(resources);
        // Each add-on's own setting is judged by the resource policy eks-addon-vpc-cni-network-policy;
        // here: is any NetworkPolicy of the plan enforced at all?
        const enforcing =
            plan.ofType(addonType).some((addon) => isVpcCni(addon) && enablesNetworkPolicy(addon.props?.configurationValues)) ||
            autoModeEnforces(plan);
        const networkPolicies = plan.ofType(networkPolicyType);
        if (networkPolicies.length > 0 && !enforcing) {
            report(
                `the plan declares ${networkPolicies.length} NetworkPolicy resource(s) but no ${addonType} "vpc-cni" with enableNetworkPolicy "true", so they may not be enforced; add the vpc-cni add-on with configurationValues JSON.stringify({ enableNetworkPolicy: "true" }).`,
            );
        }
    },
});
