/**
 * Pure IAM document builders for cluster identity: the break-glass trust policy, EKS Pod
 * Identity trust policies and the access policies EKS access entries use.
 */
import { IamPolicyDocument, IamStatement, policyDocument } from "../shared/iam";

/** Service principal EKS Pod Identity assumes roles as. */
export const podIdentityServicePrincipal = "pods.eks.amazonaws.com";

/**
 * Trust policy for an EKS Pod Identity role, scoped to one cluster, namespace and service
 * account through the session tags EKS Pod Identity sets (IAM-7). Without these conditions any
 * Pod Identity association in the account could hand this role to any pod.
 * See https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export function podIdentityTrustPolicy(clusterName: string, namespace: string, serviceAccount: string): IamPolicyDocument {
    return policyDocument({
        Sid: "AllowEksPodIdentityForOneServiceAccount",
        Effect: "Allow",
        Principal: { Service: podIdentityServicePrincipal },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
            StringEquals: {
                "aws:RequestTag/eks-cluster-name": clusterName,
                "aws:RequestTag/kubernetes-namespace": namespace,
                "aws:RequestTag/kubernetes-service-account": serviceAccount,
            },
        },
    });
}

/**
 * Trust policy for an IRSA role (the `irsa` option): the cluster's IAM OIDC provider may assume
 * it only for one service account (IAM-11). `StringEquals` on `<issuer>:sub`, never `StringLike`,
 * and `<issuer>:aud` = `sts.amazonaws.com`, as the EKS user guide writes it; without them every
 * pod of the cluster could assume the role.
 * See https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 * `issuer` is the OIDC issuer without `https://` (`oidc.eks.<region>.amazonaws.com/id/<id>`).
 */
export function irsaTrustPolicy(providerArn: string, issuer: string, namespace: string, serviceAccount: string): IamPolicyDocument {
    return policyDocument({
        Sid: "AllowIrsaForOneServiceAccount",
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: {
                [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                [`${issuer}:aud`]: "sts.amazonaws.com",
            },
        },
    });
}

/** Inputs of the break-glass trust policy. */
export interface BreakGlassTrust {
    /** IAM principals (roles, users or account roots) allowed to assume the role. */
    trustedPrincipalArns: string[];
    /** Oldest MFA authentication accepted, in seconds. */
    mfaMaxAgeSeconds: number;
}

/**
 * Break-glass trust: only the listed principals, only with MFA, and only with an MFA login no
 * older than `mfaMaxAgeSeconds` (IAM-6). `BoolIfExists` would let a request without the key
 * through, so the condition is plain `Bool`.
 */
export function breakGlassTrustPolicy(trust: BreakGlassTrust): IamPolicyDocument {
    return policyDocument({
        Sid: "AssumeOnlyWithRecentMfa",
        Effect: "Allow",
        Principal: { AWS: [...trust.trustedPrincipalArns] },
        Action: "sts:AssumeRole",
        Condition: {
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThan: {
                "aws:MultiFactorAuthAge": String(trust.mfaMaxAgeSeconds),
            },
        },
    });
}

/**
 * The only IAM permission a cluster administrator role needs: `eks:DescribeCluster` on the one
 * cluster, so `aws eks update-kubeconfig` works. Kubernetes rights come from the access entry.
 */
export function describeClusterPolicy(clusterArn: string): IamPolicyDocument {
    const statement: IamStatement = {
        Sid: "DescribeThisClusterOnly",
        Effect: "Allow",
        Action: "eks:DescribeCluster",
        Resource: clusterArn,
    };
    return policyDocument(statement);
}

/** ARN of the IAM role `roleName` (path `/`), known before the role exists. */
export function iamRoleArn(partition: string, accountId: string, roleName: string): string {
    return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** Names of the EKS access policies the baseline uses. */
export type EksAccessPolicyName = "AmazonEKSClusterAdminPolicy" | "AmazonEKSAdminPolicy" | "AmazonEKSViewPolicy";

/**
 * ARN of an EKS access policy. These are EKS (not IAM) policies and live in the `aws` account
 * of the partition: `arn:aws:eks::aws:cluster-access-policy/<name>`.
 */
export function eksAccessPolicyArn(name: EksAccessPolicyName, partition = "aws"): string {
    return `arn:${partition}:eks::aws:cluster-access-policy/${name}`;
}
