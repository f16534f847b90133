import { knownString, stringsOf } from "../../lib/aws-props";
import { eksAccessEntry, eksAccessPolicyAssociation } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Config of eks-access-entry-no-cluster-admin. */
export interface AccessEntryAdminConfig {
    /** IAM role ARNs or role names allowed cluster-admin (the break-glass role). Default none. */
    breakGlassPrincipals: string[];
}

/** EKS access policies that amount to cluster-admin. */
const adminAccessPolicies = /^arn:aws[a-z-]*:eks::aws:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/;

/** True when the principal ARN is allow-listed by full ARN or by its role name. */
export function isBreakGlassPrincipal(principalArn: unknown, allowed: readonly unknown[]): boolean {
    if (typeof principalArn !== "string") {
        return false;
    }
    const roleName = /:role\/(?:.*\/)?([^/]+)$/.exec(principalArn)?.[1];
    return allowed.some((entry) => typeof entry === "string" && entry !== "" && (entry === principalArn || entry === roleName));
}

/**
 * IAM-5 (its AWS side): EKS access entries do not grant cluster-admin outside break-glass. An
 * access entry may not map a principal into "system:masters", and AmazonEKSClusterAdminPolicy is
 * associated only with an allow-listed principal. The policy ARN is judged only when known (an
 * AWS managed access policy ARN is a literal); the principal is read when it is cluster-admin.
 */
export const eksAccessEntryNoClusterAdmin = resourcePolicy<AccessEntryAdminConfig>({
    name: "eks-access-entry-no-cluster-admin",
    description:
        'EKS access entries grant no cluster-admin outside break-glass: no "system:masters" group, AmazonEKSClusterAdminPolicy only for breakGlassPrincipals. CIS Amazon EKS Benchmark 4.1.1 (cluster-admin only where required); NSA/CISA Kubernetes Hardening Guide, Authentication and authorization.',
    severity: "critical",
    controls: ["IAM-5", "IAM-4"],
    remediationSteps:
        "Associate a namespaced or view/edit access policy (or map a least-privilege Kubernetes group); list the break-glass role in breakGlassPrincipals.",
    config: {
        breakGlassPrincipals: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "IAM role ARNs or role names allowed cluster-admin through EKS access entries (the break-glass role).",
        },
    },
    resourceTypes: [eksAccessEntry, eksAccessPolicyAssociation],
    validate: ({ type, props }, report, config) => {
        if (type === eksAccessEntry) {
            if (stringsOf(props.kubernetesGroups).includes("system:masters")) {
                report(
                    'kubernetesGroups contains "system:masters" (cluster-admin that no RBAC can revoke); map a least-privilege group or associate an access policy.',
                );
            }
            return;
        }
        if (
            adminAccessPolicies.test(knownString(props, "policyArn") ?? "") &&
            !isBreakGlassPrincipal(props.principalArn, config.breakGlassPrincipals ?? [])
        ) {
            report(
                `policyArn is AmazonEKSClusterAdminPolicy for principal ${JSON.stringify(props.principalArn)}, which is not in breakGlassPrincipals; associate a least-privilege access policy.`,
            );
        }
    },
});
