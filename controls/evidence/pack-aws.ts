import { ControlEvidence } from "../evidence";

const dir = "policypacks/baseline/policies/aws";
const tests = "test/policypacks/aws";

/** P-layer evidence of the AWS resource policies (policypacks/baseline/policies/aws). */
export const evidence: ControlEvidence[] = [
    { control: "NET-1", layer: "P", implementation: `${dir}/eks-cluster-endpoint-private.ts`, symbol: "eks-cluster-endpoint-private", test: `${tests}/eks.test.ts`, testName: "blocks a public endpoint (NET-1)" },
    { control: "NET-2", layer: "P", implementation: `${dir}/ec2-instance-no-public-ip.ts`, symbol: "ec2-instance-no-public-ip", test: `${tests}/network.test.ts`, testName: "blocks public IPs on instances, launch templates and launch configurations (NET-2)" },
    { control: "NET-2", layer: "P", implementation: `${dir}/subnet-no-public-ip-on-launch.ts`, symbol: "subnet-no-public-ip-on-launch", test: `${tests}/network.test.ts`, testName: "blocks subnets that assign public IPs (NET-2)" },
    { control: "NET-4", layer: "P", implementation: `${dir}/security-group-no-ingress-from-anywhere.ts`, symbol: "security-group-no-ingress-from-anywhere", test: `${tests}/network.test.ts`, testName: "blocks security group ingress from 0.0.0.0/0 or ::/0 wherever it is declared (NET-4)" },
    { control: "NET-4", layer: "P", implementation: `${dir}/default-security-group-no-rules.ts`, symbol: "default-security-group-no-rules", test: `${tests}/network.test.ts`, testName: "blocks rules on the default security group (NET-4)" },
    { control: "NET-5", layer: "P", implementation: `${dir}/flow-log-all-traffic.ts`, symbol: "flow-log-all-traffic", test: `${tests}/network.test.ts`, testName: "blocks flow logs that record only part of the traffic (NET-5)" },
    { control: "NET-6", layer: "P", implementation: `${dir}/eks-addon-vpc-cni-network-policy.ts`, symbol: "eks-addon-vpc-cni-network-policy", test: `${tests}/eks.test.ts`, testName: "blocks vpc-cni without NetworkPolicy enforcement (NET-6)" },
    { control: "NET-9", layer: "P", implementation: `${dir}/launch-template-imdsv2.ts`, symbol: "launch-template-imdsv2", test: `${tests}/instances.test.ts`, testName: "requires IMDSv2 and hop limit 1 on node launch templates (NET-9)" },
    { control: "NET-9", layer: "P", implementation: `${dir}/ec2-instance-imdsv2.ts`, symbol: "ec2-instance-imdsv2", test: `${tests}/instances.test.ts`, testName: "requires IMDSv2 on instances (NET-9)" },
    { control: "IAM-1", layer: "P", implementation: `${dir}/ec2-instance-no-key-pair.ts`, symbol: "ec2-instance-no-key-pair", test: `${tests}/instances.test.ts`, testName: "blocks SSH key pairs on instances and launch templates (IAM-1)" },
    { control: "IAM-2", layer: "P", implementation: `${dir}/ssm-session-logging-encrypted.ts`, symbol: "ssm-session-logging-encrypted", test: `${tests}/identity-data.test.ts`, testName: "requires encrypted session logging in Session Manager preferences (IAM-2)" },
    { control: "IAM-4", layer: "P", implementation: `${dir}/eks-cluster-access-entries.ts`, symbol: "eks-cluster-access-entries", test: `${tests}/eks.test.ts`, testName: "blocks the aws-auth ConfigMap modes and creator admin (IAM-4)" },
    { control: "IAM-5", layer: "P", implementation: `${dir}/eks-access-entry-no-cluster-admin.ts`, symbol: "eks-access-entry-no-cluster-admin", test: `${tests}/eks.test.ts`, testName: "blocks cluster-admin access entries outside break-glass (IAM-5)" },
    { control: "IAM-10", layer: "P", implementation: `${dir}/iam-policy-no-admin.ts`, symbol: "iam-policy-no-admin", test: `${tests}/identity-data.test.ts`, testName: "blocks Action * on Resource * and NotAction grants (IAM-10)" },
    { control: "IAM-10", layer: "P", implementation: `${dir}/iam-admin-attachment-break-glass.ts`, symbol: "iam-admin-attachment-break-glass", test: `${tests}/identity-data.test.ts`, testName: "blocks AdministratorAccess outside the break-glass role (IAM-10)" },
    { control: "SEC-1", layer: "P", implementation: `${dir}/eks-cluster-secrets-encryption.ts`, symbol: "eks-cluster-secrets-encryption", test: `${tests}/eks.test.ts`, testName: "blocks a cluster without Secrets envelope encryption (SEC-1)" },
    { control: "SEC-2", layer: "P", implementation: `${dir}/kms-key-rotation.ts`, symbol: "kms-key-rotation", test: `${tests}/identity-data.test.ts`, testName: "requires KMS key rotation (SEC-2)" },
    { control: "SEC-2", layer: "P", implementation: `${dir}/kms-key-deletion-window.ts`, symbol: "kms-key-deletion-window", test: `${tests}/identity-data.test.ts`, testName: "requires a 30-day KMS deletion window (SEC-2)" },
    { control: "SEC-2", layer: "P", implementation: `${dir}/kms-key-policy-no-public-principal.ts`, symbol: "kms-key-policy-no-public-principal", test: `${tests}/identity-data.test.ts`, testName: "blocks key policies open to any principal (SEC-2)" },
    { control: "SEC-3", layer: "P", implementation: `${dir}/launch-template-ebs-encrypted.ts`, symbol: "launch-template-ebs-encrypted", test: `${tests}/instances.test.ts`, testName: "requires encrypted EBS with a KMS key in node launch templates (SEC-3)" },
    { control: "SEC-3", layer: "P", implementation: `${dir}/ec2-instance-ebs-encrypted.ts`, symbol: "ec2-instance-ebs-encrypted", test: `${tests}/instances.test.ts`, testName: "requires encrypted root and EBS block devices on instances (SEC-3)" },
    { control: "SEC-3", layer: "P", implementation: `${dir}/ebs-volume-encrypted.ts`, symbol: "ebs-volume-encrypted", test: `${tests}/instances.test.ts`, testName: "blocks unencrypted EBS volumes (SEC-3)" },
    { control: "SEC-3", layer: "P", implementation: `${dir}/eks-node-group-launch-template.ts`, symbol: "eks-node-group-launch-template", test: `${tests}/eks.test.ts`, testName: "blocks a node group on the EKS-generated launch template (SEC-3)" },
    { control: "SEC-7", layer: "P", implementation: `${dir}/s3-bucket-no-force-destroy.ts`, symbol: "s3-bucket-no-force-destroy", test: `${tests}/identity-data.test.ts`, testName: "blocks forceDestroy on buckets, including the deprecated BucketV2 (SEC-7)" },
    { control: "LOG-1", layer: "P", implementation: `${dir}/eks-cluster-logs-all-types.ts`, symbol: "eks-cluster-logs-all-types", test: `${tests}/eks.test.ts`, testName: "blocks a cluster missing control-plane log types (LOG-1)" },
    { control: "LOG-2", layer: "P", implementation: `${dir}/cloudwatch-log-group-encrypted-retention.ts`, symbol: "cloudwatch-log-group-encrypted-retention", test: `${tests}/identity-data.test.ts`, testName: "requires KMS encryption and retention on log groups (LOG-2)" },
    { control: "NODE-2", layer: "P", implementation: `${dir}/eks-node-group-no-remote-access.ts`, symbol: "eks-node-group-no-remote-access", test: `${tests}/eks.test.ts`, testName: "blocks SSH remote access on node groups (NODE-2)" },
    { control: "NODE-3", layer: "P", implementation: `${dir}/eks-cluster-version-minimum.ts`, symbol: "eks-cluster-version-minimum", test: `${tests}/eks.test.ts`, testName: "blocks an unpinned or outdated Kubernetes version (NODE-3)" },
    { control: "NODE-3", layer: "P", implementation: `${dir}/eks-addon-version-pinned.ts`, symbol: "eks-addon-version-pinned", test: `${tests}/eks.test.ts`, testName: "blocks an add-on without addonVersion (NODE-3)" },
    { control: "NODE-4", layer: "P", implementation: `${dir}/ecr-repository-scan-immutable.ts`, symbol: "ecr-repository-scan-immutable", test: `${tests}/identity-data.test.ts`, testName: "requires scan on push and immutable tags on ECR repositories (NODE-4)" },
];
