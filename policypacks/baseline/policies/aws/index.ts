import { Policy } from "@pulumi/policy";
import { awsNativeResourcesBlocked } from "./aws-native-resources-blocked";
import { cloudwatchLogGroupEncryptedRetention } from "./cloudwatch-log-group-encrypted-retention";
import { defaultSecurityGroupNoRules } from "./default-security-group-no-rules";
import { ebsVolumeEncrypted } from "./ebs-volume-encrypted";
import { ec2InstanceEbsEncrypted } from "./ec2-instance-ebs-encrypted";
import { ec2InstanceImdsv2 } from "./ec2-instance-imdsv2";
import { ec2InstanceNoKeyPair } from "./ec2-instance-no-key-pair";
import { ec2InstanceNoPublicIp } from "./ec2-instance-no-public-ip";
import { ecrRepositoryScanImmutable } from "./ecr-repository-scan-immutable";
import { eksAccessEntryNoClusterAdmin } from "./eks-access-entry-no-cluster-admin";
import { eksAddonVersionPinned } from "./eks-addon-version-pinned";
import { eksAddonVpcCniNetworkPolicy } from "./eks-addon-vpc-cni-network-policy";
import { eksClusterAccessEntries } from "./eks-cluster-access-entries";
import { eksClusterEndpointPrivate } from "./eks-cluster-endpoint-private";
import { eksClusterLogsAllTypes } from "./eks-cluster-logs-all-types";
import { eksClusterSecretsEncryption } from "./eks-cluster-secrets-encryption";
import { eksClusterVersionMinimum } from "./eks-cluster-version-minimum";
import { eksNodeGroupLaunchTemplate } from "./eks-node-group-launch-template";
import { eksNodeGroupNoRemoteAccess } from "./eks-node-group-no-remote-access";
import { flowLogAllTraffic } from "./flow-log-all-traffic";
import { iamAdminAttachmentBreakGlass } from "./iam-admin-attachment-break-glass";
import { iamPolicyNoAdmin } from "./iam-policy-no-admin";
import { iamRoleTrustPolicyPinned } from "./iam-role-trust-policy-pinned";
import { kmsKeyDeletionWindow } from "./kms-key-deletion-window";
import { kmsKeyPolicyNoPublicPrincipal } from "./kms-key-policy-no-public-principal";
import { kmsKeyRotation } from "./kms-key-rotation";
import { launchTemplateEbsEncrypted } from "./launch-template-ebs-encrypted";
import { launchTemplateImdsv2 } from "./launch-template-imdsv2";
import { lbInternalUnlessAllowListed } from "./lb-internal-unless-allow-listed";
import { s3BucketNoForceDestroy } from "./s3-bucket-no-force-destroy";
import { securityGroupNoIngressFromAnywhere } from "./security-group-no-ingress-from-anywhere";
import { ssmSessionLoggingEncrypted } from "./ssm-session-logging-encrypted";
import { subnetNoPublicIpOnLaunch } from "./subnet-no-public-ip-on-launch";
import { autoscalingGroupNoLaunchConfiguration } from "./autoscaling-group-no-launch-configuration";
import { eksClusterAutoModeNoBuiltInNodePools } from "./eks-cluster-auto-mode-no-built-in-node-pools";

/** Every policy under policies/aws, in documentation order (control plane, network, nodes, identity, data, logs). */
export const awsPolicies: Policy[] = [
    eksClusterEndpointPrivate,
    eksClusterAccessEntries,
    eksClusterSecretsEncryption,
    eksClusterLogsAllTypes,
    eksClusterVersionMinimum,
    eksAddonVersionPinned,
    eksAddonVpcCniNetworkPolicy,
    eksAccessEntryNoClusterAdmin,
    eksNodeGroupNoRemoteAccess,
    eksNodeGroupLaunchTemplate,
    subnetNoPublicIpOnLaunch,
    securityGroupNoIngressFromAnywhere,
    defaultSecurityGroupNoRules,
    lbInternalUnlessAllowListed,
    flowLogAllTraffic,
    ec2InstanceNoPublicIp,
    ec2InstanceNoKeyPair,
    launchTemplateImdsv2,
    ec2InstanceImdsv2,
    launchTemplateEbsEncrypted,
    ec2InstanceEbsEncrypted,
    autoscalingGroupNoLaunchConfiguration,
    eksClusterAutoModeNoBuiltInNodePools,
    ebsVolumeEncrypted,
    ssmSessionLoggingEncrypted,
    iamPolicyNoAdmin,
    iamAdminAttachmentBreakGlass,
    iamRoleTrustPolicyPinned,
    kmsKeyRotation,
    kmsKeyDeletionWindow,
    kmsKeyPolicyNoPublicPrincipal,
    cloudwatchLogGroupEncryptedRetention,
    ecrRepositoryScanImmutable,
    s3BucketNoForceDestroy,
    awsNativeResourcesBlocked,
];
