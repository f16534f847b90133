/**
 * ClusterIdentity: who may reach the cluster and as whom.
 * - Humans sign in through the organisation's OIDC provider; users and groups are prefixed
 *   `oidc:` so no token can claim a `system:` identity (IAM-3).
 * - The platform-admin IAM role and a break-glass role get EKS access entries with scoped
 *   access policies (IAM-4); only break-glass is cluster-admin, and assuming it needs MFA (IAM-6).
 * - Workloads get AWS credentials through `PodIdentityRole` (IAM-7); an IAM OIDC provider for
 *   IRSA only when `irsa` is set.
 *
 * ```ts
 * const identity = new ClusterIdentity("prod", {
 *     cluster,                                  // a PrivateCluster
 *     oidc: { issuerUrl: "https://login.example.com", clientId: "eks-prod" },
 *     platformAdmin: { roleArn: "arn:aws:iam::111122223333:role/platform-admin" },
 *     breakGlass: { trustedPrincipalArns: ["arn:aws:iam::111122223333:role/security-oncall"] },
 * });
 * ```
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eksClusterArn } from "../shared/arns";
import { DEFAULT_BREAK_GLASS_GROUP } from "../shared/kubernetes";
import { assertNoProblems } from "../shared/errors";
import { toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { ClusterIdentityArgs, validateClusterIdentityArgs } from "./args";
import { breakGlassTrustPolicy, describeClusterPolicy, eksAccessPolicyArn, iamRoleArn } from "./policies";

export * from "./args";
export * from "./pod-identity";
export * from "./policies";

/** Prefix of every OIDC user name and group (IAM-3). */
export const oidcPrefix = "oidc:";

/** Longest break-glass session, in seconds; also the IAM minimum for `maxSessionDuration`. */
export const breakGlassMaxSessionSeconds = 3600;

/** Human and administrative identity of a cluster. Type token `baseline:identity:ClusterIdentity`. */
export class ClusterIdentity extends pulumi.ComponentResource {
    /** ARN of the break-glass role (AuditTrail alarms on its use). */
    public readonly breakGlassRoleArn: pulumi.Output<string>;
    /** Name of the break-glass role. */
    public readonly breakGlassRoleName: pulumi.Output<string>;
    /** Kubernetes group the break-glass access entry maps the role into (bind it to cluster-admin with OidcRbac). */
    public readonly breakGlassGroup: string;
    /** ARN of the platform admin's access entry. */
    public readonly platformAdminAccessEntry: pulumi.Output<string>;
    /** ARN of the IAM OIDC provider for IRSA; undefined unless `irsa` is set. */
    public readonly oidcProviderArn: pulumi.Output<string> | undefined;
    /** Name of the EKS identity provider config for humans. */
    public readonly identityProviderConfigName: pulumi.Output<string>;

    constructor(name: string, args: ClusterIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("ClusterIdentity", validateClusterIdentityArgs(name, args));
        super("baseline:identity:ClusterIdentity", name, {}, opts);

        const partition = args.partition ?? "aws";
        const tags = (resourceName: string) => ({
            ...(args.tags ?? {}),
            ...baselineTags(resourceName),
        });
        const child = (part: string) => childName(name, part);
        const clusterName = args.cluster.clusterName;

        const providerName = child("oidc");
        const provider = new aws.eks.IdentityProviderConfig(
            providerName,
            {
                clusterName,
                oidc: {
                    identityProviderConfigName: args.oidc.configName ?? providerName,
                    issuerUrl: args.oidc.issuerUrl,
                    clientId: args.oidc.clientId,
                    usernameClaim: args.oidc.usernameClaim ?? "sub",
                    usernamePrefix: oidcPrefix,
                    groupsClaim: args.oidc.groupsClaim ?? "groups",
                    groupsPrefix: oidcPrefix,
                    requiredClaims: args.oidc.requiredClaims,
                },
                tags: tags(providerName),
            },
            { parent: this },
        );

        // Platform admin: namespace-level admin rights everywhere (or in the listed namespaces),
        // not cluster-admin; that is break-glass only (IAM-4, IAM-5).
        const platformEntryName = child("platform-admin");
        const platformEntry = new aws.eks.AccessEntry(
            platformEntryName,
            {
                clusterName,
                principalArn: args.platformAdmin.roleArn,
                type: "STANDARD",
                tags: tags(platformEntryName),
            },
            { parent: this },
        );
        const namespaces = args.platformAdmin.namespaces;
        new aws.eks.AccessPolicyAssociation(
            child("platform-admin-policy"),
            {
                clusterName,
                principalArn: platformEntry.principalArn,
                policyArn: eksAccessPolicyArn("AmazonEKSAdminPolicy", partition),
                accessScope: namespaces ? { type: "namespace", namespaces: [...namespaces] } : { type: "cluster" },
            },
            { parent: this },
        );

        // The deploy role creates the in-cluster layer (ClusterRoles, a binding to cluster-admin,
        // admission policies), which Kubernetes only lets a cluster admin do. No human holds it.
        if (args.deployer) {
            const deployerEntryName = child("deployer");
            const deployerEntry = new aws.eks.AccessEntry(
                deployerEntryName,
                { clusterName, principalArn: args.deployer.roleArn, type: "STANDARD", tags: tags(deployerEntryName) },
                { parent: this },
            );
            new aws.eks.AccessPolicyAssociation(
                child("deployer-policy"),
                {
                    clusterName,
                    principalArn: deployerEntry.principalArn,
                    policyArn: eksAccessPolicyArn("AmazonEKSClusterAdminPolicy", partition),
                    accessScope: { type: "cluster" },
                },
                { parent: this },
            );
        }

        // IAM-6: break-glass is a role nobody holds standing; assuming it needs recent MFA.
        const breakGlassName = child("break-glass");
        const breakGlass = new aws.iam.Role(
            breakGlassName,
            {
                name: breakGlassName,
                description: "Break-glass cluster admin; MFA required, every use alarmed.",
                assumeRolePolicy: toJson(
                    breakGlassTrustPolicy({
                        trustedPrincipalArns: args.breakGlass.trustedPrincipalArns,
                        mfaMaxAgeSeconds: args.breakGlass.mfaMaxAgeSeconds ?? 3600,
                    }),
                ),
                maxSessionDuration: breakGlassMaxSessionSeconds,
                tags: tags(breakGlassName),
            },
            { parent: this },
        );
        // ARNs written from names (applied over the outputs, which keeps the dependencies) are
        // known at preview, so the pack judges these documents before anything exists (IAM-5, IAM-10).
        const accountId = args.accountId;
        const region = args.region;
        const breakGlassArn =
            accountId !== undefined ? breakGlass.name.apply((roleName) => iamRoleArn(partition, accountId, roleName)) : breakGlass.arn;
        const clusterArn =
            typeof args.cluster.clusterArn !== "string" && accountId !== undefined && region !== undefined
                ? pulumi.output(clusterName).apply((nameOfCluster) => eksClusterArn({ partition, region, accountId }, nameOfCluster))
                : pulumi.output(args.cluster.clusterArn);
        new aws.iam.RolePolicy(
            child("break-glass-describe-cluster"),
            {
                role: breakGlass.name,
                policy: clusterArn.apply((arn) => toJson(describeClusterPolicy(arn))),
            },
            { parent: this },
        );
        const breakGlassEntryName = child("break-glass-entry");
        const breakGlassEntry = new aws.eks.AccessEntry(
            breakGlassEntryName,
            {
                clusterName,
                principalArn: breakGlassArn,
                type: "STANDARD",
                // The group OidcRbac binds to cluster-admin: without it that binding names nobody.
                kubernetesGroups: [args.breakGlass.group ?? DEFAULT_BREAK_GLASS_GROUP],
                tags: tags(breakGlassEntryName),
            },
            { parent: this },
        );
        new aws.eks.AccessPolicyAssociation(
            child("break-glass-policy"),
            {
                clusterName,
                principalArn: breakGlassEntry.principalArn,
                policyArn: eksAccessPolicyArn("AmazonEKSClusterAdminPolicy", partition),
                accessScope: { type: "cluster" },
            },
            { parent: this },
        );

        if (args.irsa === true) {
            const irsaName = child("irsa");
            // No thumbprint: IAM validates EKS issuers against its own trusted CAs.
            const irsa = new aws.iam.OpenIdConnectProvider(
                irsaName,
                {
                    url: args.cluster.oidcIssuerUrl,
                    clientIdLists: ["sts.amazonaws.com"],
                    tags: tags(irsaName),
                },
                { parent: this },
            );
            this.oidcProviderArn = irsa.arn;
        }

        this.breakGlassRoleArn = breakGlassArn;
        this.breakGlassRoleName = breakGlass.name;
        this.breakGlassGroup = args.breakGlass.group ?? DEFAULT_BREAK_GLASS_GROUP;
        this.platformAdminAccessEntry = platformEntry.accessEntryArn;
        this.identityProviderConfigName = provider.oidc.identityProviderConfigName;
        this.registerOutputs({
            breakGlassRoleArn: this.breakGlassRoleArn,
            breakGlassRoleName: this.breakGlassRoleName,
            breakGlassGroup: this.breakGlassGroup,
            platformAdminAccessEntry: this.platformAdminAccessEntry,
            oidcProviderArn: this.oidcProviderArn,
            identityProviderConfigName: this.identityProviderConfigName,
        });
    }
}
