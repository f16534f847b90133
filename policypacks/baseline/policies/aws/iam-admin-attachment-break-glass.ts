import { knownString, knownStrings, listOf } from "../../lib/aws-props";
import {
    iamGroupPolicyAttachment,
    iamGroupPolicyAttachmentsExclusive,
    iamPolicyAttachment,
    iamRole,
    iamRolePolicyAttachment,
    iamRolePolicyAttachmentsExclusive,
    iamUserPolicyAttachment,
    iamUserPolicyAttachmentsExclusive,
    ssoManagedPolicyAttachment,
    ssoManagedPolicyAttachmentsExclusive,
} from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Config of iam-admin-attachment-break-glass. */
export interface BreakGlassConfig {
    /** Role names that may hold AdministratorAccess (the break-glass role). Default none. */
    breakGlassRoles: string[];
}

/** True for the AWS managed AdministratorAccess policy in any partition. */
export function isAdministratorAccess(arn: unknown): boolean {
    return typeof arn === "string" && /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/.test(arn.trim());
}

/**
 * True when the role name is allow-listed: exactly, or as Pulumi auto-names it from the
 * allow-listed name (name plus "-" and seven hex digits).
 */
export function isBreakGlassRole(roleName: unknown, allowed: readonly unknown[]): boolean {
    if (typeof roleName !== "string") {
        return false;
    }
    return allowed.some(
        (entry) =>
            typeof entry === "string" &&
            entry !== "" &&
            (roleName === entry || (roleName.startsWith(`${entry}-`) && /^[0-9a-f]{7}$/.test(roleName.slice(entry.length + 1)))),
    );
}

/**
 * IAM-10: AdministratorAccess is attached only to an allow-listed break-glass role, never to a
 * user or group, wherever the attachment is declared (the attachment resources, their
 * "exclusive" forms, and a role's managedPolicyArns), and never to an IAM Identity Center
 * permission set (aws.ssoadmin.ManagedPolicyAttachment and its exclusive form): a permission set
 * hands the policy to every user and group assigned to it in every account, so it is never the
 * single MFA-protected break-glass role this control allows. Policy ARNs are references: an unknown ARN
 * (a policy created in the same program) is never the AWS managed AdministratorAccess, so only a
 * known ARN is judged; the holder's name is read only when the ARN is AdministratorAccess.
 */
export const iamAdminAttachmentBreakGlass = resourcePolicy<BreakGlassConfig>({
    name: "iam-admin-attachment-break-glass",
    description:
        "AdministratorAccess is attached only to a break-glass role named in breakGlassRoles, never to users, groups, other roles or IAM Identity Center permission sets. CIS AWS Foundations Benchmark (no full administrative privileges attached); NSA/CISA Kubernetes Hardening Guide, Authentication and authorization.",
    severity: "critical",
    controls: ["IAM-10"],
    remediationSteps:
        "Attach a least-privilege policy instead; if this is the break-glass role, list its name in this policy's breakGlassRoles.",
    config: {
        breakGlassRoles: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Role names allowed to hold AdministratorAccess (the MFA-protected break-glass role).",
        },
    },
    resourceTypes: [
        iamRolePolicyAttachment,
        iamUserPolicyAttachment,
        iamGroupPolicyAttachment,
        iamPolicyAttachment,
        iamRolePolicyAttachmentsExclusive,
        iamUserPolicyAttachmentsExclusive,
        iamGroupPolicyAttachmentsExclusive,
        iamRole,
        ssoManagedPolicyAttachment,
        ssoManagedPolicyAttachmentsExclusive,
    ],
    validate: ({ type, name, props }, report, config) => {
        const allowed = listOf(config.breakGlassRoles);
        const fix = "attach least-privilege policies, or list the break-glass role in breakGlassRoles.";
        const checkRole = (roleName: unknown, field: string) => {
            if (!isBreakGlassRole(roleName, allowed)) {
                report(
                    `${field} attaches AdministratorAccess to role ${JSON.stringify(roleName)}, which is not in breakGlassRoles; ${fix}`,
                );
            }
        };
        const never = (holder: string, holderName: unknown, field: string) =>
            report(
                `${field} attaches AdministratorAccess to ${holder} ${JSON.stringify(holderName)}; admin goes only to the break-glass role, never to a ${holder}; ${fix}`,
            );

        const permissionSet = (permissionSetArn: unknown, field: string) =>
            report(
                `${field} attaches AdministratorAccess to IAM Identity Center permission set ${JSON.stringify(permissionSetArn)}, which grants it to everyone assigned; admin goes only to the break-glass role; attach least-privilege policies to the permission set.`,
            );

        switch (type) {
            case ssoManagedPolicyAttachment:
                if (isAdministratorAccess(knownString(props, "managedPolicyArn"))) {
                    permissionSet(knownString(props, "permissionSetArn") ?? name, "managedPolicyArn");
                }
                return;
            case ssoManagedPolicyAttachmentsExclusive:
                if (knownStrings(props, "managedPolicyArns").some(isAdministratorAccess)) {
                    permissionSet(knownString(props, "permissionSetArn") ?? name, "managedPolicyArns");
                }
                return;
            case iamRole: {
                const arns = knownStrings(props, "managedPolicyArns");
                if (arns.some(isAdministratorAccess)) {
                    checkRole(knownString(props, "name") ?? name, "managedPolicyArns");
                }
                return;
            }
            case iamRolePolicyAttachment:
                if (isAdministratorAccess(knownString(props, "policyArn"))) {
                    checkRole(props.role, "policyArn");
                }
                return;
            case iamUserPolicyAttachment:
                if (isAdministratorAccess(knownString(props, "policyArn"))) {
                    never("user", props.user, "policyArn");
                }
                return;
            case iamGroupPolicyAttachment:
                if (isAdministratorAccess(knownString(props, "policyArn"))) {
                    never("group", props.group, "policyArn");
                }
                return;
            case iamPolicyAttachment:
                if (isAdministratorAccess(knownString(props, "policyArn"))) {
                    listOf(props.roles).forEach((role) => checkRole(role, "policyArn"));
                    listOf(props.users).forEach((user) => never("user", user, "policyArn"));
                    listOf(props.groups).forEach((group) => never("group", group, "policyArn"));
                }
                return;
            default: {
                const arns = knownStrings(props, "policyArns");
                if (!arns.some(isAdministratorAccess)) {
                    return;
                }
                if (type === iamRolePolicyAttachmentsExclusive) {
                    checkRole(props.roleName, "policyArns");
                } else if (type === iamUserPolicyAttachmentsExclusive) {
                    never("user", props.userName, "policyArns");
                } else {
                    never("group", props.groupName, "policyArns");
                }
            }
        }
    },
});
