import { Policy } from "@pulumi/policy";
import { ec2VpcFlowLogs } from "./ec2-vpc-flow-logs";
import { eksClusterLogGroup } from "./eks-cluster-log-group";
import { eksVpcCniNetworkPolicy } from "./eks-vpc-cni-network-policy";
import { k8sNamespaceDefaultDeny } from "./k8s-namespace-default-deny";
import { meshAuthorizationDefaultDeny } from "./mesh-authorization-default-deny";
import { meshPeerAuthenticationStrict } from "./mesh-peer-authentication-strict";
import { productionResourcesProtected } from "./production-resources-protected";
import { autoscalingGroupHardenedLaunchTemplate } from "./autoscaling-group-hardened-launch-template";
import { k8sNodePoolHardenedNodeClass } from "./k8s-node-pool-hardened-node-class";

export {
    autoscalingGroupHardenedLaunchTemplate,
    k8sNodePoolHardenedNodeClass,
    ec2VpcFlowLogs,
    eksClusterLogGroup,
    eksVpcCniNetworkPolicy,
    k8sNamespaceDefaultDeny,
    meshAuthorizationDefaultDeny,
    meshPeerAuthenticationStrict,
    productionResourcesProtected,
};

/** Every stack (whole-plan) policy under policies/stack, in documentation order. */
export const stackPolicies: Policy[] = [
    k8sNamespaceDefaultDeny,
    eksVpcCniNetworkPolicy,
    ec2VpcFlowLogs,
    eksClusterLogGroup,
    meshPeerAuthenticationStrict,
    meshAuthorizationDefaultDeny,
    k8sNodePoolHardenedNodeClass,
    autoscalingGroupHardenedLaunchTemplate,
    productionResourcesProtected,
];
