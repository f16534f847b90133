import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { isDnsLabel } from "../shared/naming";
import { DEFAULT_BREAK_GLASS_GROUP, RESERVED_GROUP_PREFIXES, isSystemNamespace } from "../shared/kubernetes";

/** An identity-provider group that develops in some namespaces. */
export interface DeveloperGroup {
    /** Group name as the identity provider sends it in the groups claim, without the prefix. */
    group: string;
    /** Team namespaces the group develops in; never a system namespace. */
    namespaces: string[];
}

export interface OidcRbacArgs {
    /** Provider of the target cluster (ClusterAccess `provider`). */
    provider: k8s.Provider;
    /**
     * Prefix the API server adds to OIDC groups (the identity provider config's `groupsPrefix`,
     * IAM-3). Default: `"oidc:"`, so no IdP group can collide with `system:` or IAM-mapped groups.
     */
    oidcGroupPrefix?: string;
    /** IdP groups with read-only access cluster-wide (no Secrets, no logs). Default: none. */
    viewers?: string[];
    /** IdP groups that develop in listed namespaces (RoleBindings only). Default: none. */
    developers?: DeveloperGroup[];
    /**
     * The team namespaces (NamespaceBaseline `namespaces`). Default: none. When given, every
     * developer namespace must be one of them and its RoleBinding waits for the namespace.
     */
    namespaces?: Record<string, pulumi.Resource>;
    /** IdP groups with day-2 operations rights cluster-wide, without escalate/bind/impersonate. Default: none. */
    platformOperators?: string[];
    /**
     * The one group bound to `cluster-admin` (IAM-5, IAM-6). Default: `"baseline:break-glass"`.
     * It must be IAM-backed, not an IdP group: the EKS access entry of the MFA-protected
     * break-glass role lists it in `kubernetesGroups`, so every use is an alarmed AssumeRole.
     */
    breakGlassGroup?: string;
}

export const DEFAULT_OIDC_GROUP_PREFIX = "oidc:";
export { DEFAULT_BREAK_GLASS_GROUP };
/** Subjects that mean "anyone"; the baseline never binds a role to them (IAM-9). */
export const ANONYMOUS_SUBJECTS = ["system:anonymous", "system:unauthenticated", "system:authenticated"];

const groupPattern = /^[^\s*]+$/;

/** Every problem with the Args; empty when valid. */
export function validateOidcRbacArgs(args: Omit<OidcRbacArgs, "provider">): string[] {
    const problems: string[] = [];
    const at = "OidcRbacArgs";
    const prefix = args.oidcGroupPrefix ?? DEFAULT_OIDC_GROUP_PREFIX;
    if (!/^[a-z0-9-]+:$/.test(prefix)) {
        problems.push(
            `${at}.oidcGroupPrefix "${prefix}" must be lower-case letters, digits or '-' ending in ':' (e.g. "oidc:") and match the identity provider config's groupsPrefix. [IAM-3]`,
        );
    } else if (RESERVED_GROUP_PREFIXES.includes(prefix)) {
        problems.push(`${at}.oidcGroupPrefix "${prefix}" is reserved by Kubernetes or EKS; use "oidc:". [IAM-3]`);
    }
    const checkGroup = (path: string, group: string) => {
        if (!groupPattern.test(group)) {
            problems.push(`${path} "${group}" is not a group name; use the exact group from the identity provider, without spaces or '*'.`);
        } else if (group.startsWith(prefix)) {
            problems.push(
                `${path} "${group}" already starts with "${prefix}"; list the group as the identity provider sends it, the prefix is added.`,
            );
        } else if (ANONYMOUS_SUBJECTS.includes(group) || group.startsWith("system:")) {
            problems.push(`${path} "${group}" is a Kubernetes system group; bind identity-provider groups only. [IAM-9]`);
        }
    };
    const checkList = (path: string, groups: string[]) => {
        groups.forEach((group, index) => checkGroup(`${path}[${index}]`, group));
        if (new Set(groups).size !== groups.length) {
            problems.push(`${path} lists a group twice; list each group once.`);
        }
    };
    checkList(`${at}.viewers`, args.viewers ?? []);
    checkList(`${at}.platformOperators`, args.platformOperators ?? []);
    (args.developers ?? []).forEach((developer, index) => {
        const path = `${at}.developers[${index}]`;
        checkGroup(`${path}.group`, developer.group);
        if (developer.namespaces.length === 0) {
            problems.push(`${path}.namespaces is empty; list the team namespaces the group develops in.`);
        }
        developer.namespaces.forEach((namespace, namespaceIndex) => {
            const nsPath = `${path}.namespaces[${namespaceIndex}]`;
            if (!isDnsLabel(namespace)) {
                problems.push(`${nsPath} "${namespace}" is not a DNS label; use the namespace's exact name.`);
            } else if (isSystemNamespace(namespace)) {
                problems.push(
                    `${nsPath} "${namespace}" is a system namespace; developers get team namespaces only, operators and break-glass handle system ones.`,
                );
            } else if (args.namespaces !== undefined && !(namespace in args.namespaces)) {
                problems.push(
                    `${nsPath} "${namespace}" is not a declared team namespace; declare it in NamespaceBaselineArgs.namespaces first.`,
                );
            }
        });
    });
    const breakGlass = args.breakGlassGroup ?? DEFAULT_BREAK_GLASS_GROUP;
    if (!groupPattern.test(breakGlass)) {
        problems.push(
            `${at}.breakGlassGroup "${breakGlass}" is not a group name; use the group the break-glass access entry lists in kubernetesGroups.`,
        );
    } else if (breakGlass.startsWith(prefix)) {
        problems.push(
            `${at}.breakGlassGroup "${breakGlass}" is an identity-provider group; break-glass must be the MFA-protected IAM role's access-entry group, not "${prefix}...". [IAM-6]`,
        );
    } else if (RESERVED_GROUP_PREFIXES.some((reserved) => breakGlass.startsWith(reserved))) {
        problems.push(
            `${at}.breakGlassGroup "${breakGlass}" uses a prefix EKS access entries refuse (system:, eks:, amazon:, aws:, iam:); use "${DEFAULT_BREAK_GLASS_GROUP}". [IAM-5]`,
        );
    }
    return problems;
}
