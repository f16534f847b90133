import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { childName } from "../shared/naming";
import { DEFAULT_BREAK_GLASS_GROUP, DEFAULT_OIDC_GROUP_PREFIX, OidcRbacArgs, validateOidcRbacArgs } from "./args";
import { PolicyRule, developerRules, platformOperatorRules, ruleProblems, viewerRules } from "./rules";

export * from "./args";
export * from "./rules";

/** Names of the ClusterRoles and bindings the component owns. */
export const RBAC_NAMES = {
    viewerRole: "baseline:viewer",
    developerRole: "baseline:developer",
    operatorRole: "baseline:platform-operator",
    viewerBinding: "baseline:viewers",
    developerBinding: "baseline:developers",
    operatorBinding: "baseline:platform-operators",
    breakGlassBinding: "baseline:break-glass",
} as const;

const labels = { "app.kubernetes.io/part-of": "eks-baseline" };
const rbacGroup = "rbac.authorization.k8s.io";

/**
 * Least-privilege RBAC for identity-provider groups (IAM-3, IAM-5, IAM-9): viewers read
 * cluster-wide, developers work only in their namespaces, platform operators run day 2 without
 * escalate/bind/impersonate; the break-glass group is the only subject of `cluster-admin`.
 *
 * Anonymous access: the component binds nothing to `system:anonymous`, `system:unauthenticated`
 * or `system:authenticated`. EKS keeps its default `system:public-info-viewer` binding (GET
 * /healthz, /livez, /readyz, /version), which the API server reconciles and which exposes no
 * object; a second health-only role would add nothing, so none is created.
 */
export class OidcRbac extends pulumi.ComponentResource {
    /** Names of the ClusterRoles created. */
    public readonly clusterRoleNames: string[];
    /** Every (Cluster)RoleBinding created, as `<namespace>/<name>` or `<name>` for cluster bindings. */
    public readonly bindingNames: string[];

    constructor(name: string, args: OidcRbacArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("OidcRbac", validateOidcRbacArgs(args));
        const roles: [string, PolicyRule[]][] = [
            [RBAC_NAMES.viewerRole, viewerRules()],
            [RBAC_NAMES.developerRole, developerRules()],
            [RBAC_NAMES.operatorRole, platformOperatorRules()],
        ];
        // The builders are code, not input, but a wildcard slipping in must never deploy.
        assertNoProblems(
            "OidcRbac",
            roles.flatMap(([role, rules]) => ruleProblems(role, rules)),
        );
        super("baseline:rbac:OidcRbac", name, {}, opts);
        const childOpts = { parent: this, provider: args.provider };
        const prefix = args.oidcGroupPrefix ?? DEFAULT_OIDC_GROUP_PREFIX;
        const group = (idpGroup: string) => ({ kind: "Group", apiGroup: rbacGroup, name: `${prefix}${idpGroup}` });

        const clusterRoles = Object.fromEntries(
            roles.map(([role, rules]) => [
                role,
                new k8s.rbac.v1.ClusterRole(
                    childName(name, role.replace("baseline:", "")),
                    { metadata: { name: role, labels }, rules },
                    childOpts,
                ),
            ]),
        );
        this.clusterRoleNames = roles.map(([role]) => role);
        this.bindingNames = [];

        const clusterBinding = (
            bindingName: string,
            roleName: string,
            subjects: k8s.types.input.rbac.v1.Subject[],
            dependsOn: pulumi.Resource[],
        ) => {
            new k8s.rbac.v1.ClusterRoleBinding(
                childName(name, bindingName.replace("baseline:", "")),
                {
                    metadata: { name: bindingName, labels },
                    roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: roleName },
                    subjects,
                },
                { ...childOpts, dependsOn },
            );
            this.bindingNames.push(bindingName);
        };

        if ((args.viewers ?? []).length > 0) {
            clusterBinding(RBAC_NAMES.viewerBinding, RBAC_NAMES.viewerRole, args.viewers!.map(group), [
                clusterRoles[RBAC_NAMES.viewerRole]!,
            ]);
        }
        if ((args.platformOperators ?? []).length > 0) {
            clusterBinding(RBAC_NAMES.operatorBinding, RBAC_NAMES.operatorRole, args.platformOperators!.map(group), [
                clusterRoles[RBAC_NAMES.operatorRole]!,
            ]);
        }

        // One RoleBinding per namespace, listing every group that develops there.
        const groupsByNamespace = new Map<string, string[]>();
        for (const developer of args.developers ?? []) {
            for (const namespace of developer.namespaces) {
                const groups = groupsByNamespace.get(namespace) ?? [];
                if (!groups.includes(developer.group)) {
                    groups.push(developer.group);
                }
                groupsByNamespace.set(namespace, groups);
            }
        }
        for (const [namespace, groups] of [...groupsByNamespace.entries()].sort(([a], [b]) => a.localeCompare(b))) {
            new k8s.rbac.v1.RoleBinding(
                childName(name, `${namespace}-developers`),
                {
                    metadata: { name: RBAC_NAMES.developerBinding, namespace, labels },
                    roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: RBAC_NAMES.developerRole },
                    subjects: groups.map(group),
                },
                {
                    ...childOpts,
                    dependsOn: [
                        clusterRoles[RBAC_NAMES.developerRole]!,
                        ...(args.namespaces?.[namespace] ? [args.namespaces[namespace]] : []),
                    ],
                },
            );
            this.bindingNames.push(`${namespace}/${RBAC_NAMES.developerBinding}`);
        }

        // The only binding to cluster-admin (IAM-5): the IAM-backed break-glass group.
        clusterBinding(
            RBAC_NAMES.breakGlassBinding,
            "cluster-admin",
            [{ kind: "Group", apiGroup: rbacGroup, name: args.breakGlassGroup ?? DEFAULT_BREAK_GLASS_GROUP }],
            [],
        );

        this.registerOutputs({ clusterRoleNames: this.clusterRoleNames, bindingNames: this.bindingNames });
    }
}
