import { isRecord, listOf } from "../../lib/aws-props";
import { iamGroupPolicy, iamPolicy, iamRole, iamRolePolicy, iamUserPolicy } from "../../lib/aws-types";
import { adminGrants, parsePolicyDocument } from "../../lib/iam-document";
import { resourcePolicy } from "../../lib/policy";

/** Token of AWS IAM Identity Center inline policies on permission sets (also IAM documents). */
export const ssoPermissionSetInlinePolicy = "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";

function checkDocument(document: unknown, field: string, report: (message: string) => void): void {
    const parsed = parsePolicyDocument(document);
    if (!parsed.ok) {
        report(`${field} ${parsed.reason}; write it as a JSON IAM policy document.`);
        return;
    }
    for (const problem of adminGrants(parsed.statements)) {
        report(`${field} ${problem}; grant the specific actions on the specific resources the role needs.`);
    }
}

/**
 * IAM-10: IAM permission documents grant no administrator access: no Allow of "*" (or "*:*")
 * on Resource "*", no Allow with NotAction on "*", no Allow of "*" with NotResource. Documents
 * are read as JSON strings or objects, with one statement or a list; action wildcards are
 * matched case-insensitively. "iam:*" and other service-wide wildcards are not "*" and pass this
 * check (they are least-privilege findings, not the admin grant this control forbids).
 */
export const iamPolicyNoAdmin = resourcePolicy({
    name: "iam-policy-no-admin",
    description:
        'IAM policies (managed, inline on roles, users and groups, role inlinePolicies, permission-set inline policies) never Allow Action "*" on Resource "*", NotAction on "*", or "*" with NotResource. CIS AWS Foundations Benchmark (no full "*:*" administrative privileges); CIS Amazon EKS Benchmark 5.1.2 (minimize access).',
    severity: "critical",
    controls: ["IAM-10"],
    remediationSteps:
        "List the actions and resource ARNs the principal needs; keep full admin for the MFA-protected break-glass role only.",
    resourceTypes: [iamPolicy, iamRolePolicy, iamUserPolicy, iamGroupPolicy, iamRole, ssoPermissionSetInlinePolicy],
    validate: ({ type, props }, report) => {
        if (type === iamRole) {
            listOf(props.inlinePolicies).forEach((inline, index) => {
                if (isRecord(inline) && inline.policy !== undefined) {
                    checkDocument(inline.policy, `inlinePolicies[${index}].policy`, report);
                }
            });
            return;
        }
        if (type === ssoPermissionSetInlinePolicy) {
            checkDocument(props.inlinePolicy, "inlinePolicy", report);
            return;
        }
        checkDocument(props.policy, "policy", report);
    },
});
