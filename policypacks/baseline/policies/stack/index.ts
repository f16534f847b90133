import { Policy } from "@pulumi/policy";
import { ec2VpcFlowLogs } from "./ec2-vpc-flow-logs";
import { eksClusterLogGroup } from "./eks-cluster-log-group";
import { eksVpcCniNetworkPolicy } from "./eks-vpc-cni-network-policy";
import { k8sNamespaceDefaultDeny } from "./k8s-namespace-default-deny";
import { k8sRbacAggregationLeastPrivilege } from "./k8s-rbac-aggregation-least-privilege";
import { meshAuthorizationDefaultDeny } from "./mesh-authorization-default-deny";
import { meshPeerAuthenticationStrict } from "./mesh-peer-authentication-strict";
import { productionResourcesProtected } from "./production-resources-protected";
import { securityGroupUnionNoIngressFromAnywhere } from "./security-group-union-no-ingress-from-anywhere";
import { autoscalingGroupHardenedLaunchTemplate } from "./autoscaling-group-hardened-launch-template";
import { k8sNodePoolHardenedNodeClass } from "./k8s-node-pool-hardened-node-class";

export {
    autoscalingGroupHardenedLaunchTemplate,
    k8sNodePoolHardenedNodeClass,
    ec2VpcFlowLogs,
    eksClusterLogGroup,
    eksVpcCniNetworkPolicy,
    k8sNamespaceDefaultDeny,
    k8sRbacAggregationLeastPrivilege,
    meshAuthorizationDefaultDeny,
    meshPeerAuthenticationStrict,
    productionResourcesProtected,
    securityGroupUnionNoIngressFromAnywhere,
};

/** Every stack (whole-plan) policy under policies/stack, in documentation order. */
export const stackPolicies: Policy[] = [
    k8sNamespaceDefaultDeny,
    k8sRbacAggregationLeastPrivilege,
    eksVpcCniNetworkPolicy,
    ec2VpcFlowLogs,
    securityGroupUnionNoIngressFromAnywhere,
    eksClusterLogGroup,
    meshPeerAuthenticationStrict,
    meshAuthorizationDefaultDeny,
    k8sNodePoolHardenedNodeClass,
    autoscalingGroupHardenedLaunchTemplate,
    productionResourcesProtected,
];
