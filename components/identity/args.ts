import * as pulumi from "@pulumi/pulumi";
import { IamPolicyDocument, IamStatement } from "../shared/iam";
import { DEFAULT_BREAK_GLASS_GROUP, RESERVED_GROUP_PREFIXES } from "../shared/kubernetes";
import { isDnsLabel } from "../shared/naming";

/**
 * What the identity components need of a cluster. `PrivateCluster` satisfies it, so pass the
 * cluster object itself: `cluster: privateCluster`.
 */
export interface IdentityClusterRef {
    clusterName: pulumi.Input<string>;
    clusterArn: pulumi.Input<string>;
    oidcIssuerUrl: pulumi.Input<string>;
}

/** The external OIDC identity provider humans sign in with (IAM-3). */
export interface HumanOidcArgs {
    /** Issuer URL, `https://` only (the API server fetches its discovery document). */
    issuerUrl: string;
    /** Client (audience) id the tokens are issued for. */
    clientId: string;
    /**
     * Claim used as the Kubernetes user name. Default: `"sub"`: stable and never reassigned,
     * unlike an e-mail address. The user name is always prefixed `oidc:`.
     */
    usernameClaim?: string;
    /** Claim holding group names, mapped to RBAC groups prefixed `oidc:`. Default: `"groups"`. */
    groupsClaim?: string;
    /** EKS identity provider config name. Default: `<component name>-oidc`. */
    configName?: string;
    /** Claims every token must carry with these values (for example a tenant). Default: none. */
    requiredClaims?: Record<string, string>;
}

/**
 * Cluster identity: the human OIDC provider, access entries for the platform admin and the
 * break-glass role, and optionally an IAM OIDC provider for IRSA.
 */
export interface ClusterIdentityArgs {
    /** The cluster; pass the `PrivateCluster`. */
    cluster: IdentityClusterRef;
    /** Human sign-in through the organisation's OIDC provider (IAM-3). Usernames and groups are prefixed `oidc:`. */
    oidc: HumanOidcArgs;
    /**
     * The platform team's IAM role. It gets an access entry with `AmazonEKSAdminPolicy`,
     * cluster-scoped, or scoped to `namespaces` when given (IAM-4). Not cluster-admin: that is
     * reserved to break-glass.
     */
    platformAdmin: { roleArn: string; namespaces?: string[] };
    /**
     * The IAM role that runs `pulumi up` for the in-cluster layer (the CI deploy role). Creating
     * ClusterRoles, bindings to cluster-admin and admission policies takes cluster-admin rights,
     * so it gets an access entry with `AmazonEKSClusterAdminPolicy`; list it in the pack config's
     * `eks-access-entry-no-cluster-admin.breakGlassPrincipals` with that reason. Default: none;
     * then nobody but break-glass can deploy the in-cluster layer, and the second phase of a first
     * deploy fails with Forbidden.
     */
    deployer?: { roleArn: string };
    /**
     * The break-glass role created here, with `AmazonEKSClusterAdminPolicy` (IAM-6). Only
     * `trustedPrincipalArns` may assume it, only with MFA no older than `mfaMaxAgeSeconds`
     * (default: 3600), for at most one hour per session. Every use is alarmed by AuditTrail.
     *
     * `group` is the Kubernetes group its access entry maps the role into (`kubernetesGroups`):
     * the group OidcRbac binds to `cluster-admin` and AdmissionPolicies allows as
     * `Group:<group>`, so the RBAC side of break-glass names a real, MFA-protected identity.
     * Default: `DEFAULT_BREAK_GLASS_GROUP` (`"baseline:break-glass"`), OidcRbac's default. Never
     * an identity-provider (`oidc:`) group or a prefix EKS reserves.
     */
    breakGlass: { trustedPrincipalArns: string[]; mfaMaxAgeSeconds?: number; group?: string };
    /**
     * Also create an IAM OIDC provider for IRSA. Default: false; workloads use EKS Pod Identity,
     * which needs no account-wide identity provider (IAM-7).
     */
    irsa?: boolean;
    /** AWS partition for access-policy ARNs. Default: `"aws"`. */
    partition?: string;
    /**
     * 12-digit account id of the cluster. Default: none. With it the break-glass role's ARN is
     * written from its name, and with `region` too the cluster's ARN from the cluster name, so the
     * describe-cluster policy (IAM-10) and the cluster-admin association (IAM-5) are known at
     * preview; without them they are known only after the role and cluster exist.
     */
    accountId?: string;
    /** Region of the cluster (`eu-west-1`); see `accountId`. Default: none. */
    region?: string;
    /** Extra tags on every child. Default: none. */
    tags?: Record<string, string>;
}

/** Pod Identity role for one Kubernetes service account (IAM-7). */
export interface PodIdentityRoleArgs {
    /** Cluster name (for example `privateCluster.clusterName`). */
    clusterName: pulumi.Input<string>;
    /** Namespace of the service account; the trust policy is limited to it. */
    namespace: string;
    /** Service account name; the trust policy is limited to it. */
    serviceAccount: string;
    /** Inline permissions. Default: none. Never `*` on `*` (IAM-10). */
    policy?: pulumi.Input<IamPolicyDocument>;
    /** Managed policies to attach. Default: none. AdministratorAccess is refused (IAM-10). */
    managedPolicyArns?: string[];
    /** Extra tags. Default: none. */
    tags?: Record<string, string>;
}

const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;
const principalArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@\-/]+|user\/[\w+=,.@\-/]+)$/;
const configNamePattern = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;

/** Every problem with `args`, each naming the argument, the value and the fix; empty when valid. */
export function validateClusterIdentityArgs(name: string, args: ClusterIdentityArgs): string[] {
    const problems: string[] = [];
    const oidc = args.oidc;
    if (!/^https:\/\/[^\s/]+/.test(oidc.issuerUrl)) {
        problems.push(
            `ClusterIdentityArgs.oidc.issuerUrl is "${oidc.issuerUrl}"; use the https:// issuer URL of your identity provider (IAM-3).`,
        );
    }
    if (oidc.clientId.trim() === "") {
        problems.push("ClusterIdentityArgs.oidc.clientId is empty; use the client id your identity provider issued for the cluster.");
    }
    for (const key of ["usernameClaim", "groupsClaim"] as const) {
        if (oidc[key] !== undefined && oidc[key]!.trim() === "") {
            problems.push(`ClusterIdentityArgs.oidc.${key} is empty; name a claim or drop it for the default.`);
        }
    }
    const configName = oidc.configName ?? `${name}-oidc`;
    if (!configNamePattern.test(configName)) {
        problems.push(`ClusterIdentityArgs.oidc.configName "${configName}" is not a valid name; use 1-100 letters, digits, '-' or '_'.`);
    }
    if (!roleArnPattern.test(args.platformAdmin.roleArn)) {
        problems.push(
            `ClusterIdentityArgs.platformAdmin.roleArn is "${args.platformAdmin.roleArn}"; use an IAM role ARN, arn:aws:iam::<account>:role/<name>.`,
        );
    }
    if (args.deployer !== undefined && !roleArnPattern.test(args.deployer.roleArn)) {
        problems.push(
            `ClusterIdentityArgs.deployer.roleArn is "${args.deployer.roleArn}"; use an IAM role ARN, arn:aws:iam::<account>:role/<name>.`,
        );
    }
    if (args.deployer !== undefined && args.deployer.roleArn === args.platformAdmin.roleArn) {
        problems.push(
            "ClusterIdentityArgs.deployer.roleArn is the platform admin role; give deployments their own role so humans never hold cluster-admin.",
        );
    }
    const namespaces = args.platformAdmin.namespaces;
    if (namespaces !== undefined) {
        if (namespaces.length === 0) {
            problems.push("ClusterIdentityArgs.platformAdmin.namespaces is empty; list namespaces, or drop it for cluster scope.");
        }
        for (const namespace of namespaces.filter((candidate) => !isDnsLabel(candidate))) {
            problems.push(`ClusterIdentityArgs.platformAdmin.namespaces contains "${namespace}", which is not a namespace name.`);
        }
    }
    const trusted = args.breakGlass.trustedPrincipalArns;
    if (trusted.length === 0) {
        problems.push(
            "ClusterIdentityArgs.breakGlass.trustedPrincipalArns is empty; list the IAM principals allowed to assume break-glass (IAM-6).",
        );
    }
    for (const arn of trusted.filter((candidate) => !principalArnPattern.test(candidate))) {
        problems.push(
            `ClusterIdentityArgs.breakGlass.trustedPrincipalArns contains "${arn}"; list IAM role, user or account-root ARNs, never a wildcard (IAM-6).`,
        );
    }
    if (args.accountId !== undefined && !/^\d{12}$/.test(args.accountId)) {
        problems.push(`ClusterIdentityArgs.accountId "${args.accountId}" is not a 12-digit AWS account id.`);
    }
    if (args.region !== undefined && !/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(args.region)) {
        problems.push(`ClusterIdentityArgs.region "${args.region}" is not an AWS region name; give one such as eu-west-1.`);
    }
    const group = args.breakGlass.group ?? DEFAULT_BREAK_GLASS_GROUP;
    if (!/^[^\s*]+$/.test(group)) {
        problems.push(
            `ClusterIdentityArgs.breakGlass.group "${group}" is not a group name; use the group OidcRbac binds to cluster-admin, such as "${DEFAULT_BREAK_GLASS_GROUP}" (IAM-6).`,
        );
    } else if (group.startsWith("oidc:") || RESERVED_GROUP_PREFIXES.some((prefix) => group.startsWith(prefix))) {
        problems.push(
            `ClusterIdentityArgs.breakGlass.group "${group}" is an identity-provider group or uses a prefix EKS access entries refuse (oidc:, ${RESERVED_GROUP_PREFIXES.join(", ")}); use "${DEFAULT_BREAK_GLASS_GROUP}" (IAM-6).`,
        );
    }
    const mfaAge = args.breakGlass.mfaMaxAgeSeconds ?? 3600;
    if (!Number.isInteger(mfaAge) || mfaAge < 60 || mfaAge > 3600) {
        problems.push(`ClusterIdentityArgs.breakGlass.mfaMaxAgeSeconds is ${mfaAge}; use whole seconds from 60 to 3600 (IAM-6).`);
    }
    return problems;
}

const adminPolicyNames = ["AdministratorAccess"];

function asList(value: string | string[] | undefined): string[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Statements granting every action on every resource (IAM-10). */
export function wildcardStatements(document: IamPolicyDocument): IamStatement[] {
    return document.Statement.filter(
        (statement) =>
            statement.Effect === "Allow" &&
            asList(statement.Action).some((action) => action === "*" || action === "*:*") &&
            asList(statement.Resource).includes("*"),
    );
}

/** True for a document given as a plain value (not an Output or a Promise). */
export function isPlainDocument(policy: pulumi.Input<IamPolicyDocument> | undefined): policy is IamPolicyDocument {
    return (
        policy !== undefined &&
        !pulumi.Output.isInstance(policy) &&
        !(policy instanceof Promise) &&
        Array.isArray((policy as IamPolicyDocument).Statement)
    );
}

/** Every problem with `args`; the inline policy is checked when it is a plain document. */
export function validatePodIdentityRoleArgs(args: PodIdentityRoleArgs): string[] {
    const problems: string[] = [];
    if (!isDnsLabel(args.namespace)) {
        problems.push(`PodIdentityRoleArgs.namespace "${args.namespace}" is not a namespace name.`);
    }
    if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(args.serviceAccount)) {
        problems.push(`PodIdentityRoleArgs.serviceAccount "${args.serviceAccount}" is not a service account name.`);
    }
    for (const arn of args.managedPolicyArns ?? []) {
        if (adminPolicyNames.some((policy) => arn.endsWith(`:policy/${policy}`))) {
            problems.push(`PodIdentityRoleArgs.managedPolicyArns contains ${arn}; grant the actions the workload needs instead (IAM-10).`);
        }
    }
    const policy = args.policy;
    if (isPlainDocument(policy) && wildcardStatements(policy).length > 0) {
        problems.push("PodIdentityRoleArgs.policy allows * on *; list the actions and resources the workload needs (IAM-10).");
    }
    return problems;
}
