import { isRecord, runChecks, show } from "../../lib/aws-props";
import { eksCluster } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * IAM-4: cluster access only through EKS access entries. Unset `accessConfig.authenticationMode`
 * is CONFIG_MAP (the aws-auth ConfigMap) for a new cluster, and unset
 * `bootstrapClusterCreatorAdminPermissions` is true (the creator gets implicit cluster-admin).
 */
export const eksClusterAccessEntries = resourcePolicy({
    name: "eks-cluster-access-entries",
    description:
        'EKS cluster authenticates through access entries only (accessConfig.authenticationMode "API") and grants its creator no implicit admin (bootstrapClusterCreatorAdminPermissions false). CIS Amazon EKS Benchmark 5.5.1 (manage Kubernetes RBAC users with AWS IAM Authenticator / access entries); NSA/CISA Kubernetes Hardening Guide, Authentication and authorization.',
    severity: "high",
    controls: ["IAM-4"],
    remediationSteps:
        'Set accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false } and grant admins through aws.eks.AccessEntry and AccessPolicyAssociation.',
    example: 'accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false }',
    resourceTypes: [eksCluster],
    validate: ({ props }, report) => {
        const access = isRecord(props.accessConfig) ? props.accessConfig : {};
        runChecks(
            () => {
                const mode = access.authenticationMode;
                if (mode !== "API") {
                    const value = mode === undefined ? 'unset (AWS default: "CONFIG_MAP")' : show(mode);
                    report(
                        `accessConfig.authenticationMode is ${value}; set it to "API" so access is granted only through EKS access entries, not the aws-auth ConfigMap.`,
                    );
                }
            },
            () => {
                const bootstrap = access.bootstrapClusterCreatorAdminPermissions;
                if (bootstrap !== false) {
                    const value = bootstrap === undefined ? "unset (AWS default: true)" : show(bootstrap);
                    report(
                        `accessConfig.bootstrapClusterCreatorAdminPermissions is ${value}; set it to false and grant admin through an explicit access entry for the break-glass role.`,
                    );
                }
            },
        );
    },
});
