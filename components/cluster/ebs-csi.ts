/**
 * The EBS CSI driver's identity and the EBS key permissions shared by every principal that
 * creates encrypted volumes (SEC-3, SEC-8).
 */
import { KmsKeyRef, kmsKeyResource } from "../shared/arns";
import { IamPolicyDocument, IamStatement, policyDocument } from "../shared/iam";

/** Namespace and service account of the EBS CSI controller (the add-on's default). */
export const ebsCsiServiceAccount = { namespace: "kube-system", name: "ebs-csi-controller-sa" } as const;

/** The AWS managed policy of the EBS CSI driver (volume and snapshot lifecycle, tag-scoped). */
export const ebsCsiManagedPolicy = "AmazonEBSCSIDriverPolicy";

/**
 * Use of the EBS key for volumes and nothing else: a grant only for AWS resources
 * (`kms:GrantIsForAWSResource`, so EC2 can attach the volume), and the data-key operations.
 * See https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html (custom KMS key).
 */
export function ebsKeyUseStatements(key: KmsKeyRef, sidPrefix: string): IamStatement[] {
    const { Resource, Condition } = kmsKeyResource(key);
    const grant: IamStatement = {
        Sid: `${sidPrefix}GrantsEbsKeyToAwsResources`,
        Effect: "Allow",
        Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
        Resource,
        Condition: { ...(Condition ?? {}), Bool: { "kms:GrantIsForAWSResource": true } },
    };
    const use: IamStatement = {
        Sid: `${sidPrefix}UsesEbsKey`,
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource,
        ...(Condition ? { Condition } : {}),
    };
    return [grant, use];
}

/** Inline policy of a role that only needs the EBS key for volumes. */
export function ebsKeyUsePolicy(key: KmsKeyRef, sidPrefix: string): IamPolicyDocument {
    return policyDocument(...ebsKeyUseStatements(key, sidPrefix));
}
