import * as types from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * CloudFormation type names (also the aws-native tokens, "aws-native:<service>:<Type>") of the
 * resources this baseline judges, with the @pulumi/aws type that must be used instead.
 */
export const checkedEquivalents: Readonly<Record<string, string>> = {
    "AWS::EKS::Cluster": types.eksCluster,
    "AWS::EKS::Nodegroup": types.eksNodeGroup,
    "AWS::EKS::Addon": types.eksAddon,
    "AWS::EKS::AccessEntry": types.eksAccessEntry,
    "AWS::EC2::Instance": types.ec2Instance,
    "AWS::EC2::LaunchTemplate": types.ec2LaunchTemplate,
    "AWS::EC2::SpotFleet": types.ec2LaunchTemplate,
    "AWS::EC2::Subnet": types.ec2Subnet,
    "AWS::EC2::SecurityGroup": types.ec2SecurityGroup,
    "AWS::EC2::SecurityGroupIngress": types.vpcSecurityGroupIngressRule,
    "AWS::EC2::PrefixList": types.ec2ManagedPrefixList,
    "AWS::EC2::EIP": types.ec2Eip,
    "AWS::EC2::EIPAssociation": types.ec2EipAssociation,
    "AWS::EC2::FlowLog": types.ec2FlowLog,
    "AWS::EC2::Volume": types.ebsVolume,
    "AWS::AutoScaling::LaunchConfiguration": types.ec2LaunchTemplate,
    "AWS::KMS::Key": types.kmsKey,
    "AWS::KMS::ReplicaKey": types.kmsReplicaKey,
    "AWS::IAM::Role": types.iamRole,
    "AWS::IAM::Policy": types.iamRolePolicy,
    "AWS::IAM::ManagedPolicy": types.iamPolicy,
    "AWS::IAM::RolePolicy": types.iamRolePolicy,
    "AWS::IAM::UserPolicy": types.iamUserPolicy,
    "AWS::IAM::GroupPolicy": types.iamGroupPolicy,
    "AWS::IAM::User": "aws:iam/user:User with aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "AWS::IAM::Group": "aws:iam/group:Group with aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "AWS::SSO::PermissionSet":
        "aws:ssoadmin/permissionSet:PermissionSet with aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment and aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
    "AWS::Logs::LogGroup": types.logGroup,
    "AWS::SSM::Document": types.ssmDocument,
    "AWS::ECR::Repository": types.ecrRepository,
    "AWS::ECR::RepositoryCreationTemplate": types.ecrRepositoryCreationTemplate,
    "AWS::S3::Bucket": types.s3Bucket,
    "AWS::ElasticLoadBalancingV2::LoadBalancer": types.lbLoadBalancer,
    "AWS::ElasticLoadBalancing::LoadBalancer": types.elbLoadBalancer,
};

/** "AWS::EKS::Cluster" -> "aws-native:eks:Cluster" (the token @pulumi/aws-native registers). */
export function nativeTokenOf(cloudFormationType: string): string {
    const [, service, resource] = cloudFormationType.split("::");
    return `aws-native:${service.toLowerCase()}:${resource}`;
}

const nativeTokens = new Map(Object.entries(checkedEquivalents).map(([cfn, aws]) => [nativeTokenOf(cfn), aws]));

/**
 * Issue 7, "impossible to sidestep quietly": the same resources declared through
 * @pulumi/aws-native, or through aws.cloudcontrol.Resource (Cloud Control API), would bypass
 * every check above, so they are blocked with a pointer to the checked @pulumi/aws type. A team
 * that needs one anyway exempts it by name in the pack config, with a reason and an expiry.
 */
export const awsNativeResourcesBlocked = resourcePolicy({
    name: "aws-native-resources-blocked",
    description:
        "Resources the baseline checks (EKS clusters and node groups, instances, launch templates, security groups, KMS keys, IAM roles and policies, log groups, SSM documents, ECR repositories, S3 buckets, load balancers) are declared with @pulumi/aws, not @pulumi/aws-native or aws.cloudcontrol.Resource, so no check is sidestepped by switching provider.",
    severity: "high",
    controls: [
        "NET-1",
        "NET-2",
        "NET-4",
        "NET-5",
        "NET-6",
        "NET-9",
        "IAM-1",
        "IAM-2",
        "IAM-4",
        "IAM-10",
        "SEC-1",
        "SEC-2",
        "SEC-3",
        "SEC-7",
        "LOG-1",
        "LOG-2",
        "NODE-2",
        "NODE-3",
        "NODE-4",
    ],
    // IAM-11 (AWS::IAM::Role trust policies) and NET-11 (load balancers) are met by what this
    // policy's scope refuses; their tags join without changing every message's suffix.
    scopeControls: ["IAM-11", "NET-11"],
    remediationSteps:
        "Declare the resource with the named @pulumi/aws type, which this pack checks; or exempt it by name in the pack config with a reason and expiry.",
    resourceTypes: [...nativeTokens.keys(), types.cloudControlResource],
    validate: ({ type, props }, report) => {
        if (type === types.cloudControlResource) {
            const typeName = props.typeName;
            const equivalent = typeof typeName === "string" ? checkedEquivalents[typeName] : undefined;
            if (equivalent !== undefined) {
                report(
                    `typeName is "${typeName}", which the baseline checks only through @pulumi/aws; declare it as ${equivalent} instead of a Cloud Control resource.`,
                );
            }
            return;
        }
        report(
            `${type} is not checked by the baseline; declare it as ${nativeTokens.get(type)} (@pulumi/aws) so its controls are enforced.`,
        );
    },
});
