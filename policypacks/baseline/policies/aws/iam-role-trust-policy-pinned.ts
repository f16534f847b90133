import { iamRole } from "../../lib/aws-types";
import { parsePolicyDocument } from "../../lib/iam-document";
import { trustProblems } from "../../lib/iam-trust";
import { resourcePolicy } from "../../lib/policy";

/**
 * IAM-11: a role's trust policy names who may assume it. No `*` principal unless a Condition
 * pins it to an account or organisation; IRSA trusts pinned with StringEquals on `:sub` (one
 * service account) and `:aud`; Pod Identity roles trust only `pods.eks.amazonaws.com`. The rules
 * live in lib/iam-trust.ts; the same role declared through @pulumi/aws-native or Cloud Control is
 * refused by aws-native-resources-blocked.
 */
export const iamRoleTrustPolicyPinned = resourcePolicy({
    name: "iam-role-trust-policy-pinned",
    description:
        'IAM role trust policies name who may assume the role: no Principal "*" unless a Condition pins aws:PrincipalAccount or aws:PrincipalOrgID to a concrete value; IRSA (EKS OIDC) trusts use StringEquals on <provider>:sub = system:serviceaccount:<namespace>:<name> and <provider>:aud = sts.amazonaws.com; a role trusting pods.eks.amazonaws.com trusts nothing else and allows exactly sts:AssumeRole and sts:TagSession. References: IAM User Guide "Roles terms and concepts" (trust policy) and condition operators; Amazon EKS User Guide (IRSA, Pod Identity); CIS Amazon EKS Benchmark 5.1 (least privilege identities).',
    severity: "critical",
    controls: ["IAM-11"],
    remediationSteps:
        "Name the trusted principals (account root, role ARNs, service principals); for IRSA use StringEquals on <provider>:sub and <provider>:aud; for EKS Pod Identity trust only pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession.",
    resourceTypes: [iamRole],
    validate: ({ props }, report) => {
        const policy = props.assumeRolePolicy;
        if (policy === undefined) {
            return;
        }
        const document = parsePolicyDocument(policy);
        if (!document.ok) {
            report(`assumeRolePolicy ${document.reason}; write the trust policy as a JSON policy document.`);
            return;
        }
        for (const problem of trustProblems(document.statements)) {
            report(`assumeRolePolicy ${problem}.`);
        }
    },
});
