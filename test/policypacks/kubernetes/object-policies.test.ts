import { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { k8sConfigmapNoAwsAuth } from "../../../policypacks/baseline/policies/kubernetes/k8s-configmap-no-aws-auth";
import { k8sConfigmapNoSecrets } from "../../../policypacks/baseline/policies/kubernetes/k8s-configmap-no-secrets";
import { k8sHelmChartPinned } from "../../../policypacks/baseline/policies/kubernetes/k8s-helm-chart-pinned";
import { k8sIstioAuthorizationNoAllowAll } from "../../../policypacks/baseline/policies/kubernetes/k8s-istio-authorization-no-allow-all";
import { k8sIstioPeerAuthenticationStrict } from "../../../policypacks/baseline/policies/kubernetes/k8s-istio-peer-authentication-strict";
import { k8sNamespacePodSecurityRestricted } from "../../../policypacks/baseline/policies/kubernetes/k8s-namespace-pod-security-restricted";
import { k8sRbacBindingNoAnonymous } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-binding-no-anonymous";
import { k8sRbacBindingNoClusterAdmin } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-binding-no-cluster-admin";
import { k8sRbacRoleLeastPrivilege } from "../../../policypacks/baseline/policies/kubernetes/k8s-rbac-role-least-privilege";
import { k8sServiceAccountNoTokenAutomount } from "../../../policypacks/baseline/policies/kubernetes/k8s-service-account-no-token-automount";
import { k8sServiceExposureRestricted } from "../../../policypacks/baseline/policies/kubernetes/k8s-service-exposure-restricted";
import { UNKNOWN, runResourcePolicy } from "../../helpers/run-policy";
import { Json, changed } from "./fixtures";

interface Case {
    title: string;
    change(props: Json): void;
    message: string;
    config?: object;
}

interface Suite {
    policy: ResourceValidationPolicy;
    types: string[];
    compliant: Json;
    violating: Case[];
    alsoCompliant?: { title: string; change(props: Json): void; config?: object }[];
}

const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n";

const suites: Suite[] = [
    {
        policy: k8sNamespacePodSecurityRestricted,
        types: ["kubernetes:core/v1:Namespace"],
        compliant: { metadata: { name: "apps", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
        violating: [
            {
                title: "no enforce label",
                change: (p) => (p.metadata.labels = { team: "web" }),
                message:
                    'namespace "apps" (metadata.labels): pod-security.kubernetes.io/enforce is not set; label the namespace pod-security.kubernetes.io/enforce=restricted. [WL-12]',
            },
            {
                title: "enforce baseline",
                change: (p) => (p.metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline"),
                message:
                    'namespace "apps" (metadata.labels): pod-security.kubernetes.io/enforce is "baseline"; set it to "restricted" (only allowedPrivilegedNamespaces may enforce baseline or privileged). [WL-12]',
            },
            {
                title: "enforce privileged in an allow-listed namespace with a typo'd level",
                change: (p) => {
                    p.metadata.name = "kube-system";
                    p.metadata.labels["pod-security.kubernetes.io/enforce"] = "Privileged";
                },
                message:
                    'namespace "kube-system" (metadata.labels): pod-security.kubernetes.io/enforce is "Privileged"; set it to "restricted" (only allowedPrivilegedNamespaces may enforce baseline or privileged). [WL-12]',
            },
        ],
        alsoCompliant: [
            {
                title: "privileged in kube-system (allowedPrivilegedNamespaces default)",
                change: (p) => {
                    p.metadata.name = "kube-system";
                    p.metadata.labels["pod-security.kubernetes.io/enforce"] = "privileged";
                },
            },
        ],
    },
    {
        policy: k8sServiceAccountNoTokenAutomount,
        types: ["kubernetes:core/v1:ServiceAccount"],
        compliant: { metadata: { name: "web", namespace: "apps" }, automountServiceAccountToken: false },
        violating: [
            {
                title: "automount missing",
                change: (p) => delete p.automountServiceAccountToken,
                message:
                    'service account "web" (automountServiceAccountToken): automountServiceAccountToken is not set (defaults to true); set it to false, or add the namespace to allowedTokenNamespaces. [IAM-8]',
            },
            {
                title: "automount true",
                change: (p) => (p.automountServiceAccountToken = true),
                message:
                    'service account "web" (automountServiceAccountToken): automountServiceAccountToken is true; set it to false, or add the namespace to allowedTokenNamespaces. [IAM-8]',
            },
        ],
        alsoCompliant: [
            {
                title: "automount true in an allowedTokenNamespaces namespace",
                change: (p) => (p.automountServiceAccountToken = true),
                config: { allowedTokenNamespaces: ["apps"] },
            },
        ],
    },
    {
        policy: k8sConfigmapNoSecrets,
        types: ["kubernetes:core/v1:ConfigMap"],
        compliant: {
            metadata: { name: "web", namespace: "apps" },
            data: {
                LOG_LEVEL: "info",
                DB_PASSWORD_FILE: "/mnt/secrets/db-password",
                JWT_SECRET_NAME: "web-jwt",
                TOKEN_TTL: "3600",
                "application.properties": "server.port=8080\nspring.datasource.password=${DB_PASSWORD}\n",
                max_tokens: "100",
            },
        },
        violating: [
            {
                title: "a password literal",
                change: (p) => (p.data.DB_PASSWORD = "hunter2"),
                message:
                    'data["DB_PASSWORD"]: the key name suggests a secret and the value is a literal; move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it. [SEC-5]',
            },
            {
                title: "an API key literal",
                change: (p) => (p.data.apiKey = "9f8e7d6c5b4a"),
                message:
                    'data["apiKey"]: the key name suggests a secret and the value is a literal; move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it. [SEC-5]',
            },
            {
                title: "a PEM private key",
                change: (p) => (p.data["tls.key"] = pem),
                message:
                    'data["tls.key"]: the value contains a PEM private key; move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it. [SEC-5]',
            },
            {
                title: "an AWS access key id",
                change: (p) => (p.data.config = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
                message:
                    'data["config"]: the value contains an AWS access key id; move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it. [SEC-5]',
            },
            {
                title: "an embedded password setting",
                change: (p) => (p.data["application.properties"] = "server.port=8080\nspring.datasource.password=hunter2\n"),
                message:
                    'data["application.properties"]: the embedded setting "spring.datasource.password" holds a literal secret; move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it. [SEC-5]',
            },
            {
                title: "a PEM private key in binaryData",
                change: (p) => (p.binaryData = { "key.pem": Buffer.from(pem).toString("base64") }),
                message:
                    'binaryData["key.pem"]: the decoded value contains a PEM private key; move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it. [SEC-5]',
            },
        ],
    },
    {
        policy: k8sConfigmapNoAwsAuth,
        types: ["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:ConfigMapPatch"],
        compliant: { metadata: { name: "aws-auth", namespace: "apps" }, data: { mapRoles: "[]" } },
        violating: [
            {
                title: "the kube-system aws-auth ConfigMap",
                change: (p) => (p.metadata.namespace = "kube-system"),
                message:
                    "metadata: ConfigMap kube-system/aws-auth grants cluster access outside EKS access entries; remove it and use aws.eks.AccessEntry (authentication mode API). [IAM-4]",
            },
        ],
    },
    {
        policy: k8sRbacRoleLeastPrivilege,
        types: [
            "kubernetes:rbac.authorization.k8s.io/v1:Role",
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
            "kubernetes:rbac.authorization.k8s.io/v1beta1:ClusterRole",
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch",
        ],
        compliant: {
            metadata: { name: "reader", namespace: "apps" },
            rules: [{ apiGroups: [""], resources: ["pods", "services"], verbs: ["get", "list", "watch"] }],
        },
        violating: [
            {
                title: "wildcard verbs",
                change: (p) => (p.rules[0].verbs = ["*"]),
                message: "rules[0]: verbs contains a wildcard; list the exact verbs the subject needs. [IAM-5, IAM-9]",
            },
            {
                title: "wildcard resources",
                change: (p) => (p.rules[0].resources = ["pods/*"]),
                message: "rules[0]: resources contains a wildcard; list the exact resources the subject needs. [IAM-5, IAM-9]",
            },
            {
                title: "wildcard apiGroups",
                change: (p) => (p.rules[0].apiGroups = ["*"]),
                message: "rules[0]: apiGroups contains a wildcard; list the exact apiGroups the subject needs. [IAM-5, IAM-9]",
            },
            ...["escalate", "bind", "impersonate"].map((verb) => ({
                title: `the ${verb} verb`,
                change: (p: Json) => p.rules.push({ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: [verb] }),
                message: `rules[1]: verbs grants "${verb}"; remove it (escalate, bind and impersonate are break-glass only). [IAM-5, IAM-9]`,
            })),
        ],
    },
    {
        policy: k8sRbacBindingNoClusterAdmin,
        types: [
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
            "kubernetes:rbac.authorization.k8s.io/v1alpha1:ClusterRoleBinding",
        ],
        compliant: {
            metadata: { name: "readers", namespace: "apps" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
            subjects: [{ kind: "Group", name: "oidc:developers", apiGroup: "rbac.authorization.k8s.io" }],
        },
        violating: [
            {
                title: "a developer group bound to cluster-admin",
                change: (p) => (p.roleRef.name = "cluster-admin"),
                message:
                    'subjects[0]: Group "oidc:developers" is bound to ClusterRole cluster-admin; bind a least-privilege role (only breakGlassSubjects may hold cluster-admin). [IAM-5]',
            },
            {
                title: "system:masters",
                change: (p) => (p.subjects = [{ kind: "Group", name: "system:masters" }]),
                message: 'subjects[0]: Group "system:masters" bypasses RBAC entirely; remove it and bind a least-privilege role. [IAM-5]',
            },
        ],
        alsoCompliant: [
            {
                title: "the break-glass group bound to cluster-admin",
                change: (p) => {
                    p.roleRef.name = "cluster-admin";
                    p.subjects = [{ kind: "Group", name: "eks-break-glass" }];
                },
                config: { breakGlassSubjects: ["Group:eks-break-glass"] },
            },
        ],
    },
    {
        policy: k8sRbacBindingNoAnonymous,
        types: ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"],
        compliant: {
            metadata: { name: "public-info" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:public-info-viewer" },
            subjects: [
                { kind: "Group", name: "system:unauthenticated" },
                { kind: "User", name: "system:anonymous" },
            ],
        },
        violating: [
            {
                title: "system:unauthenticated bound to view",
                change: (p) => {
                    p.roleRef.name = "view";
                    p.subjects = [{ kind: "Group", name: "system:unauthenticated" }];
                },
                message:
                    'subjects[0]: Group "system:unauthenticated" is bound to ClusterRole "view"; remove the anonymous subject (anonymous requests may only reach the health and version endpoints). [IAM-9]',
            },
            {
                title: "system:anonymous bound to a Role",
                change: (p) => {
                    p.roleRef = { kind: "Role", name: "reader" };
                    p.subjects = [{ kind: "User", name: "system:anonymous" }];
                },
                message:
                    'subjects[0]: User "system:anonymous" is bound to Role "reader"; remove the anonymous subject (anonymous requests may only reach the health and version endpoints). [IAM-9]',
            },
        ],
    },
    {
        policy: k8sServiceExposureRestricted,
        types: ["kubernetes:core/v1:Service"],
        compliant: { metadata: { name: "web", namespace: "apps" }, spec: { type: "ClusterIP", ports: [{ port: 80, targetPort: 8080 }] } },
        violating: [
            {
                title: "type LoadBalancer",
                change: (p) => (p.spec.type = "LoadBalancer"),
                message:
                    'in namespace "apps": spec.type is LoadBalancer; use a ClusterIP Service behind the gateway, or add the namespace to allowedExposedNamespaces. [NET-8]',
            },
            {
                title: "type NodePort",
                change: (p) => (p.spec.type = "NodePort"),
                message:
                    'in namespace "apps": spec.type is NodePort; use a ClusterIP Service behind the gateway, or add the namespace to allowedExposedNamespaces. [NET-8]',
            },
            {
                title: "externalIPs",
                change: (p) => (p.spec.externalIPs = ["203.0.113.10"]),
                message:
                    'in namespace "apps": spec.externalIPs is set (1 address); use a ClusterIP Service behind the gateway, or add the namespace to allowedExposedNamespaces. [NET-8]',
            },
            {
                title: "a LoadBalancer without a namespace (the default namespace)",
                change: (p) => {
                    delete p.metadata.namespace;
                    p.spec.type = "LoadBalancer";
                },
                message:
                    'in namespace "default": spec.type is LoadBalancer; use a ClusterIP Service behind the gateway, or add the namespace to allowedExposedNamespaces. [NET-8]',
            },
        ],
        alsoCompliant: [
            {
                title: "a LoadBalancer in an allowedExposedNamespaces namespace",
                change: (p) => (p.spec.type = "LoadBalancer"),
                config: { allowedExposedNamespaces: ["apps"] },
            },
        ],
    },
    {
        policy: k8sIstioPeerAuthenticationStrict,
        types: ["kubernetes:security.istio.io/v1:PeerAuthentication", "kubernetes:security.istio.io/v1beta1:PeerAuthentication"],
        compliant: {
            metadata: { name: "default", namespace: "apps" },
            spec: { mtls: { mode: "STRICT" }, portLevelMtls: { "8080": { mode: "UNSET" } } },
        },
        violating: [
            {
                title: "PERMISSIVE",
                change: (p) => (p.spec.mtls.mode = "PERMISSIVE"),
                message:
                    ": spec.mtls.mode is PERMISSIVE; set it to STRICT (or UNSET to inherit the mesh-wide STRICT policy), or add the namespace to allowedPermissiveNamespaces. [MESH-2]",
            },
            {
                title: "DISABLE",
                change: (p) => (p.spec.mtls.mode = "DISABLE"),
                message:
                    ": spec.mtls.mode is DISABLE; set it to STRICT (or UNSET to inherit the mesh-wide STRICT policy), or add the namespace to allowedPermissiveNamespaces. [MESH-2]",
            },
            {
                title: "a PERMISSIVE port",
                change: (p) => (p.spec.portLevelMtls["8080"].mode = "PERMISSIVE"),
                message:
                    ': spec.portLevelMtls["8080"].mode is PERMISSIVE; set it to STRICT (or UNSET to inherit the mesh-wide STRICT policy), or add the namespace to allowedPermissiveNamespaces. [MESH-2]',
            },
        ],
        alsoCompliant: [
            { title: "no mtls block (UNSET inherits)", change: (p) => delete p.spec.mtls },
            {
                title: "PERMISSIVE in an allowedPermissiveNamespaces namespace",
                change: (p) => (p.spec.mtls.mode = "PERMISSIVE"),
                config: { allowedPermissiveNamespaces: ["apps"] },
            },
        ],
    },
    {
        policy: k8sIstioAuthorizationNoAllowAll,
        types: ["kubernetes:security.istio.io/v1:AuthorizationPolicy", "kubernetes:security.istio.io/v1beta1:AuthorizationPolicy"],
        compliant: {
            metadata: { name: "web", namespace: "apps" },
            spec: {
                selector: { matchLabels: { app: "web" } },
                action: "ALLOW",
                rules: [
                    {
                        from: [{ source: { principals: ["cluster.local/ns/apps/sa/frontend"] } }],
                        to: [{ operation: { methods: ["GET"] } }],
                    },
                ],
            },
        },
        violating: [
            {
                title: "an empty rule",
                change: (p) => p.spec.rules.push({}),
                message:
                    " (spec.rules[1]): an ALLOW rule that no from, to or when narrows matches every request; name the allowed sources and operations, or add the namespace to allowedAllowAllNamespaces. [MESH-3]",
            },
            {
                title: "an empty rule with the action left unset",
                change: (p) => {
                    delete p.spec.action;
                    p.spec.rules = [{ from: [{ source: {} }] }];
                },
                message:
                    " (spec.rules[0]): an ALLOW rule that no from, to or when narrows matches every request; name the allowed sources and operations, or add the namespace to allowedAllowAllNamespaces. [MESH-3]",
            },
        ],
        alsoCompliant: [
            { title: "spec: {} (default deny)", change: (p) => (p.spec = {}) },
            { title: "an empty DENY rule (deny all)", change: (p) => (p.spec = { action: "DENY", rules: [{}] }) },
        ],
    },
    {
        policy: k8sHelmChartPinned,
        types: ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"],
        compliant: {
            chart: "istiod",
            version: "1.24.2",
            namespace: "istio-system",
            repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
        },
        violating: [
            {
                title: "no version",
                change: (p) => delete p.version,
                message:
                    'chart "istiod": version is not set (Helm installs the latest chart); pin an exact version such as "1.24.2". [MESH-1]',
            },
            {
                title: "a version range",
                change: (p) => (p.version = "~1.24.0"),
                message: 'chart "istiod": version "~1.24.0" is not an exact version; pin an exact version such as "1.24.2". [MESH-1]',
            },
            {
                title: "a repository that is not allow-listed",
                change: (p) => (p.repositoryOpts.repo = "https://charts.example.com/istio"),
                message:
                    'chart "istiod": repositoryOpts.repo "https://charts.example.com/istio" is not an allow-listed repository; use one of allowedRepositories. [MESH-1]',
            },
            {
                title: "a local repository alias",
                change: (p) => {
                    delete p.repositoryOpts;
                    p.chart = "istio/istiod";
                },
                message:
                    'chart "istio/istiod": repositoryOpts.repo is not set (a local Helm repository alias cannot be verified); set it to a repository in allowedRepositories. [MESH-1]',
            },
            {
                title: "an OCI chart from another registry",
                change: (p) => {
                    delete p.repositoryOpts;
                    p.chart = "oci://registry-1.docker.io/someone/istiod";
                },
                message:
                    'chart "oci://registry-1.docker.io/someone/istiod": chart "oci://registry-1.docker.io/someone/istiod" is not an allow-listed repository; use one of allowedRepositories. [MESH-1]',
            },
            {
                title: "a local chart path",
                change: (p) => {
                    delete p.repositoryOpts;
                    p.chart = "./charts/istiod";
                },
                message:
                    'chart "./charts/istiod": a local chart is not from an allow-listed repository; publish it to one of allowedRepositories, or set allowLocalCharts. [MESH-1]',
            },
        ],
        alsoCompliant: [
            {
                title: "an OCI chart from ECR Public",
                change: (p) => {
                    delete p.repositoryOpts;
                    p.chart = "oci://public.ecr.aws/acme/charts/web";
                },
            },
        ],
    },
];

/** Messages of these policies name the object; the case messages above hold the part after it. */
function prefixOf(policy: ResourceValidationPolicy, props: Json): string {
    const name = props.metadata?.name;
    switch (policy.name) {
        case "k8s-rbac-role-least-privilege":
            return "";
        case "k8s-service-exposure-restricted":
            return `service "${name}" (spec) `;
        case "k8s-istio-peer-authentication-strict":
            return `peer authentication "${name}"`;
        case "k8s-istio-authorization-no-allow-all":
            return `authorization policy "${name}"`;
        default:
            return "";
    }
}

function expected(suite: Suite, type: string, props: Json, message: string): string {
    if (suite.policy.name === "k8s-rbac-role-least-privilege") {
        const kind = type.includes(":ClusterRole") ? "cluster role" : "role";
        return message.replace(/^rules\[(\d+)\]: /, `${kind} "${props.metadata.name}" (rules[$1]): `);
    }
    if (suite.policy.name.startsWith("k8s-rbac-binding")) {
        const kind = type.includes(":ClusterRoleBinding") ? "cluster role binding" : "role binding";
        return message.replace(/^subjects\[(\d+)\]: /, `${kind} "${props.metadata.name}" (subjects[$1]): `);
    }
    return prefixOf(suite.policy, props) + message;
}

describe.each(suites.map((suite) => [suite.policy.name, suite] as const))("%s", (_name, suite) => {
    describe.each(suite.types)("on %s", (type) => {
        it("accepts the compliant fixture", async () => {
            expect(await runResourcePolicy(suite.policy, { type, name: "fixture", props: suite.compliant })).toEqual({ violations: [] });
        });

        it.each(suite.violating.map((testCase) => [testCase.title, testCase] as const))("flags %s", async (_title, testCase) => {
            const props = changed(suite.compliant, testCase.change);
            const outcome = await runResourcePolicy(suite.policy, { type, name: "fixture", props }, testCase.config ?? {});
            expect(outcome.violations).toEqual([expected(suite, type, props, testCase.message)]);
        });

        it.each((suite.alsoCompliant ?? []).map((testCase) => [testCase.title, testCase] as const))(
            "accepts %s",
            async (_title, testCase) => {
                const props = changed(suite.compliant, testCase.change);
                expect((await runResourcePolicy(suite.policy, { type, name: "fixture", props }, testCase.config ?? {})).violations).toEqual(
                    [],
                );
            },
        );
    });
});

describe("non-pod policies: Lists, Patches and unknowns", () => {
    it("judges every Role of a RoleList", async () => {
        const props = {
            items: [
                { metadata: { name: "ok" }, rules: [] },
                { metadata: { name: "wild" }, rules: [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }] },
            ],
        };
        const outcome = await runResourcePolicy(k8sRbacRoleLeastPrivilege, {
            type: "kubernetes:rbac.authorization.k8s.io/v1:RoleList",
            props,
        });
        expect(outcome.violations).toEqual([
            'role "wild" (items[1].rules[0]): resources contains a wildcard; list the exact resources the subject needs. [IAM-5, IAM-9]',
        ]);
    });

    it("does not ask a NamespacePatch for a label it leaves alone", async () => {
        const props = { metadata: { name: "apps", annotations: { owner: "web" } } };
        const outcome = await runResourcePolicy(k8sNamespacePodSecurityRestricted, { type: "kubernetes:core/v1:NamespacePatch", props });
        expect(outcome).toEqual({ violations: [] });
    });

    it("reads a Service's namespace only when the Service is exposed", async () => {
        const props = { metadata: { name: "web", namespace: UNKNOWN }, spec: { type: "ClusterIP" } };
        expect(await runResourcePolicy(k8sServiceExposureRestricted, { type: "kubernetes:core/v1:Service", props })).toEqual({
            violations: [],
        });
        const exposed = changed(props, (copy) => (copy.spec.type = "LoadBalancer"));
        const outcome = await runResourcePolicy(
            k8sServiceExposureRestricted,
            { type: "kubernetes:core/v1:Service", props: exposed },
            { unknowns: "fail" },
        );
        expect(outcome.violations).toEqual([
            'string value at .metadata.namespace can\'t be known during preview; the control cannot be verified during preview (unknowns: "fail") [NET-8]',
        ]);
    });

    it("exempts an aws-auth ConfigMap only through the pack config, with a reason and expiry", async () => {
        const props = { metadata: { name: "aws-auth", namespace: "kube-system" }, data: {} };
        const config = { exemptions: [{ resource: "legacy-aws-auth", reason: "migration to access entries", expires: "2999-01-01" }] };
        const outcome = await runResourcePolicy(
            k8sConfigmapNoAwsAuth,
            { type: "kubernetes:core/v1:ConfigMap", name: "legacy-aws-auth", props },
            config,
        );
        expect(outcome).toEqual({ violations: [] });
    });

    // Issue 7: a helm.v3.Release is opaque, so it is held to the allow-list whatever it installs; a
    // Chart's rendered objects are judged one by one, so only a mesh chart is held to MESH-1.
    it("holds every v3 Release to the allow-list, but a v4 Chart only when it installs the mesh", async () => {
        const bitnami = { chart: "oci://registry-1.docker.io/bitnamicharts/postgresql", version: "16.2.1", namespace: "data" };
        expect(
            await runResourcePolicy(k8sHelmChartPinned, { type: "kubernetes:helm.sh/v4:Chart", name: "postgresql", props: bitnami }),
        ).toEqual({
            violations: [],
        });
        expect(
            (await runResourcePolicy(k8sHelmChartPinned, { type: "kubernetes:helm.sh/v3:Release", name: "postgresql", props: bitnami }))
                .violations,
        ).toEqual([
            'chart "oci://registry-1.docker.io/bitnamicharts/postgresql": chart "oci://registry-1.docker.io/bitnamicharts/postgresql" is not an allow-listed repository; use one of allowedRepositories. [MESH-1]',
        ]);
        const ztunnel = { chart: "ztunnel", repositoryOpts: { repo: "https://charts.example.com" } };
        expect(
            (await runResourcePolicy(k8sHelmChartPinned, { type: "kubernetes:helm.sh/v4:Chart", name: "ztunnel", props: ztunnel }))
                .violations,
        ).toEqual([
            'chart "ztunnel": repositoryOpts.repo "https://charts.example.com" is not an allow-listed repository; use one of allowedRepositories. [MESH-1]',
            'chart "ztunnel": version is not set (Helm installs the latest chart); pin an exact version such as "1.24.2". [MESH-1]',
        ]);
    });

    it("ignores a resource type it does not judge", async () => {
        const outcome = await runResourcePolicy(k8sHelmChartPinned, { type: "kubernetes:core/v1:ConfigMap", props: { chart: "x" } });
        expect(outcome).toEqual({ violations: [] });
    });
});
