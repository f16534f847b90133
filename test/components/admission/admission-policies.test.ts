import * as k8s from "@pulumi/kubernetes";
import { ValidatingAdmissionPolicy } from "kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy";
import { ValidatingAdmissionPolicyBinding } from "kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding";
import { describe, expect, it } from "vitest";
import {
    AdmissionPolicies,
    AdmissionPoliciesArgs,
    DEFAULT_ALLOWED_REGISTRIES,
    DEFAULT_RULE_SETTINGS,
    POD_BEARING_RESOURCE_RULES,
    admissionRules,
    validateAdmissionPoliciesArgs,
} from "../../../components/admission";
import { SYSTEM_NAMESPACES } from "../../../components/shared/kubernetes";
import { InvalidArgsError } from "../../../components/shared/errors";
import { capture } from "../../helpers/capture";
import { app, compliantPodSpec, extraContainer, podSpecWith, workload } from "../../fixtures/parity/objects";
import { compile, evaluateRule } from "./evaluate";

const VAP = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
const BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

function run(extra: Partial<Omit<AdmissionPoliciesArgs, "provider">> = {}) {
    return capture(() => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        new AdmissionPolicies("adm", { provider, ...extra });
    });
}

const rule = (name: string) => admissionRules().find((candidate) => candidate.name === name)!;

describe("AdmissionPolicies", () => {
    it("binds every policy with Warn and Audit by default (OPS-2 rollout)", async () => {
        const c = await run();
        const bindings = c.ofType(BINDING);
        expect(bindings).toHaveLength(20);
        for (const binding of bindings) {
            const spec = binding.inputs.spec as { policyName: string; validationActions: string[] };
            expect(spec.validationActions).toEqual(["Warn", "Audit"]);
        }
        expect(
            c
                .ofType(VAP)
                .map((policy) => (policy.inputs.metadata as { name: string }).name)
                .sort(),
        ).toEqual(bindings.map((binding) => (binding.inputs.spec as { policyName: string }).policyName).sort());
    });

    it("denies when validationActions is Deny (prod)", async () => {
        const c = await run({ validationActions: ["Deny", "Audit"] });
        expect(c.ofType(BINDING)).toHaveLength(20);
        for (const binding of c.ofType(BINDING)) {
            expect((binding.inputs.spec as { validationActions: string[] }).validationActions).toEqual(["Deny", "Audit"]);
        }
    });

    it("matches every pod-bearing resource and skips only the allow-listed system namespaces (WL-13)", async () => {
        const c = await run();
        const policy = c.inputsOf(VAP, "adm-baseline-wl-1-no-privileged") as { spec: Record<string, unknown> };
        expect(policy.spec.failurePolicy).toBe("Fail");
        expect(policy.spec.matchConstraints).toEqual({
            resourceRules: [
                {
                    apiGroups: [""],
                    apiVersions: ["v1"],
                    operations: ["CREATE", "UPDATE"],
                    resources: ["pods", "pods/ephemeralcontainers", "podtemplates", "replicationcontrollers"],
                },
                {
                    apiGroups: ["apps"],
                    apiVersions: ["v1"],
                    operations: ["CREATE", "UPDATE"],
                    resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
                },
                { apiGroups: ["batch"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["jobs", "cronjobs"] },
            ],
            namespaceSelector: {
                matchExpressions: [
                    {
                        key: "kubernetes.io/metadata.name",
                        operator: "NotIn",
                        values: ["kube-system", "istio-system", "falco", "secrets-store-csi"],
                    },
                ],
            },
        });
        expect(SYSTEM_NAMESPACES.map((entry) => entry.name)).toEqual(["kube-system", "istio-system", "falco", "secrets-store-csi"]);
        const resources = POD_BEARING_RESOURCE_RULES.flatMap((entry) => entry.resources);
        for (const resource of [
            "pods",
            "deployments",
            "statefulsets",
            "daemonsets",
            "replicasets",
            "jobs",
            "cronjobs",
            "replicationcontrollers",
        ]) {
            expect(resources).toContain(resource);
        }
    });

    it("does not exempt system namespaces from the Service and RBAC rules (NET-8, IAM-5)", async () => {
        const c = await run();
        const net8 = c.inputsOf(VAP, "adm-baseline-net-8-service-exposure") as { spec: { matchConstraints: Record<string, unknown> } };
        expect(net8.spec.matchConstraints).toEqual({
            resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["services"] }],
        });
        const iam5 = c.inputsOf(VAP, "adm-baseline-iam-5-no-cluster-admin-binding") as { spec: Record<string, unknown> };
        expect(iam5.spec.matchConditions).toEqual([
            { name: "not-the-api-server", expression: "request.userInfo.username != 'system:apiserver'" },
        ]);
    });

    it("produces manifests that validate against the Kubernetes schemas", async () => {
        const c = await run({ validationActions: ["Deny"] });
        expect([c.ofType(VAP).length, c.ofType(BINDING).length]).toEqual([20, 20]);
        for (const policy of c.ofType(VAP)) {
            expect(() => new ValidatingAdmissionPolicy(policy.inputs as never).validate()).not.toThrow();
        }
        for (const binding of c.ofType(BINDING)) {
            expect(() => new ValidatingAdmissionPolicyBinding(binding.inputs as never).validate()).not.toThrow();
        }
    });

    it("compiles every CEL expression", () => {
        const rules = admissionRules({
            allowedRegistries: ["public.ecr.aws"],
            requireDigest: true,
            allowedExposedNamespaces: ["gw"],
            breakGlassSubjects: ["Group:bg"],
        });
        const expressions = rules.flatMap((entry) => [
            ...entry.variables.map((v) => v.expression),
            ...entry.validations.map((v) => v.expression),
            ...entry.matchConditions.map((m) => m.expression),
        ]);
        expect(expressions.length).toBeGreaterThan(30);
        for (const expression of expressions) {
            expect(() => compile(expression), expression).not.toThrow();
        }
    });

    it("refuses validationActions that Kubernetes refuses, with the exact message", () => {
        expect(validateAdmissionPoliciesArgs({ validationActions: [] })).toEqual([
            'AdmissionPoliciesArgs.validationActions is empty; use ["Warn", "Audit"] to roll out, or ["Deny"] to enforce.',
        ]);
        expect(validateAdmissionPoliciesArgs({ validationActions: ["Deny", "Warn"] })).toEqual([
            'AdmissionPoliciesArgs.validationActions contains both Deny and Warn, which Kubernetes refuses; use ["Deny"] or ["Deny", "Audit"].',
        ]);
        expect(validateAdmissionPoliciesArgs({ validationActions: ["Audit", "Audit"] })).toEqual([
            "AdmissionPoliciesArgs.validationActions lists an action twice; list each action once.",
        ]);
        expect(validateAdmissionPoliciesArgs({ validationActions: ["Block" as never] })).toEqual([
            'AdmissionPoliciesArgs.validationActions contains "Block"; use Deny, Warn or Audit.',
        ]);
        expect(validateAdmissionPoliciesArgs({ validationActions: ["Deny", "Audit"] })).toEqual([]);
    });

    it("refuses registries, namespaces and break-glass subjects it cannot match, with the exact message", () => {
        expect(validateAdmissionPoliciesArgs({ allowedRegistries: [] })).toEqual([
            "AdmissionPoliciesArgs.allowedRegistries is empty, so no image could run; list your registries, such as the account's ECR. [WL-10]",
        ]);
        expect(validateAdmissionPoliciesArgs({ allowedRegistries: ["istio", "https://quay.io"] })).toEqual([
            'AdmissionPoliciesArgs.allowedRegistries contains "istio", whose first segment is not a registry host; name the host, such as "docker.io/istio". [WL-10]',
            'AdmissionPoliciesArgs.allowedRegistries contains "https://quay.io"; use host[/path] without a scheme, such as "public.ecr.aws". [WL-10]',
        ]);
        expect(validateAdmissionPoliciesArgs({ allowedExposedNamespaces: ["Ingress"] })).toEqual([
            'AdmissionPoliciesArgs.allowedExposedNamespaces[0] "Ingress" is not a namespace name. [NET-8]',
        ]);
        expect(validateAdmissionPoliciesArgs({ breakGlassSubjects: ["Group:system:masters", "admins"] })).toEqual([
            "AdmissionPoliciesArgs.breakGlassSubjects contains Group:system:masters, which bypasses RBAC; name the break-glass group or user. [IAM-5]",
            'AdmissionPoliciesArgs.breakGlassSubjects contains "admins"; use Group:<name>, User:<name> or ServiceAccount:<namespace>/<name>. [IAM-5]',
        ]);
    });

    it("throws before creating any child when the Args are invalid", async () => {
        const invalid = run({ validationActions: [] });
        await expect(invalid).rejects.toThrow(InvalidArgsError);
        await expect(invalid).rejects.toThrow(
            new InvalidArgsError("AdmissionPolicies", [
                'AdmissionPoliciesArgs.validationActions is empty; use ["Warn", "Audit"] to roll out, or ["Deny"] to enforce.',
            ]),
        );
    });
});

describe("admission CEL behaviour", () => {
    it("rejects a privileged container in a CronJob's job template and admits the compliant CronJob (WL-1)", () => {
        const wl1 = rule("baseline-wl-1-no-privileged");
        expect(evaluateRule(wl1, { object: workload("CronJob", compliantPodSpec()) })).toEqual({ matched: true, failures: [] });
        expect(
            evaluateRule(wl1, {
                object: workload(
                    "CronJob",
                    podSpecWith((spec) => (app(spec).securityContext.privileged = true)),
                ),
            }).failures,
        ).toEqual([
            "WL-1: a container (containers, initContainers or ephemeralContainers) sets securityContext.privileged to true; set it to false.",
        ]);
    });

    it("does not match pods in allow-listed system namespaces", () => {
        const object = workload(
            "DaemonSet",
            podSpecWith((spec) => (spec.hostNetwork = true)),
            "kube-system",
        );
        expect(evaluateRule(rule("baseline-wl-2-no-host-access"), { object })).toEqual({ matched: false, failures: [] });
    });

    it("reports each host-access field with its own message (WL-2)", () => {
        const object = workload(
            "Pod",
            podSpecWith((spec) => Object.assign(spec, { hostNetwork: true, hostPID: true })),
        );
        expect(evaluateRule(rule("baseline-wl-2-no-host-access"), { object }).failures).toEqual([
            "WL-2: the pod sets hostNetwork to true; remove it or set it to false.",
            "WL-2: the pod sets hostPID to true; remove it or set it to false.",
        ]);
    });

    it("rejects root in an init container and admits a container-level runAsNonRoot (WL-4)", () => {
        const wl4 = rule("baseline-wl-4-run-as-non-root");
        const root = workload(
            "Job",
            podSpecWith((spec) => (spec.initContainers = [extraContainer((c) => (c.securityContext.runAsUser = 0))])),
        );
        expect(evaluateRule(wl4, { object: root }).failures).toEqual([
            "WL-4: the pod or a container sets securityContext.runAsUser to 0 (root); set a non-zero UID.",
        ]);
        const containerLevel = workload(
            "Deployment",
            podSpecWith((spec) => {
                delete spec.securityContext.runAsNonRoot;
                app(spec).securityContext.runAsNonRoot = true;
            }),
        );
        expect(evaluateRule(wl4, { object: containerLevel }).failures).toEqual([]);
    });

    it("requires allowPrivilegeEscalation false on ephemeral containers too (WL-5)", () => {
        const object = workload(
            "Pod",
            podSpecWith((spec) => (spec.ephemeralContainers = [extraContainer((c) => delete c.securityContext.allowPrivilegeEscalation)])),
        );
        expect(evaluateRule(rule("baseline-wl-5-no-privilege-escalation"), { object }).failures).toEqual([
            "WL-5: a container does not set securityContext.allowPrivilegeEscalation to false (unset means true); set it to false.",
        ]);
    });

    it("rejects added capabilities other than NET_BIND_SERVICE (WL-6)", () => {
        const object = workload(
            "StatefulSet",
            podSpecWith((spec) => (app(spec).securityContext.capabilities.add = ["SYS_ADMIN"])),
        );
        expect(evaluateRule(rule("baseline-wl-6-drop-all-capabilities"), { object }).failures).toEqual([
            "WL-6: a container adds a capability other than NET_BIND_SERVICE; remove it from securityContext.capabilities.add.",
        ]);
    });

    it("requires a RuntimeDefault or Localhost seccomp profile on the pod or every container and never Unconfined (WL-7)", () => {
        const wl7 = rule("baseline-wl-7-security-profiles");
        const unset = podSpecWith((spec) => delete spec.securityContext.seccompProfile);
        expect(evaluateRule(wl7, { object: workload("Deployment", compliantPodSpec()) })).toEqual({ matched: true, failures: [] });
        expect(evaluateRule(wl7, { object: workload("Job", unset) }).failures).toEqual([
            "WL-7: a container has no securityContext.seccompProfile.type on itself or the pod, so it runs Unconfined; set it to RuntimeDefault on the pod.",
        ]);
        const containerLevel = structuredClone(unset);
        app(containerLevel).securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/api.json" };
        expect(evaluateRule(wl7, { object: workload("Pod", containerLevel) }).failures).toEqual([]);
        containerLevel.initContainers = [extraContainer()];
        expect(evaluateRule(wl7, { object: workload("CronJob", containerLevel) }).failures).toEqual([
            "WL-7: a container has no securityContext.seccompProfile.type on itself or the pod, so it runs Unconfined; set it to RuntimeDefault on the pod.",
        ]);
        const unconfined = podSpecWith(
            (spec) => (spec.ephemeralContainers = [extraContainer((c) => (c.securityContext.seccompProfile = { type: "Unconfined" }))]),
        );
        expect(evaluateRule(wl7, { object: workload("Pod", unconfined) }).failures).toEqual([
            "WL-7: the pod or a container sets securityContext.seccompProfile.type to a value other than RuntimeDefault or Localhost (such as Unconfined); set it to RuntimeDefault.",
        ]);
    });

    it("exempts Windows pods from the seccomp requirement but not from Unconfined (WL-7)", () => {
        const wl7 = rule("baseline-wl-7-security-profiles");
        const windows = podSpecWith((spec) => {
            delete spec.securityContext.seccompProfile;
            spec.os = { name: "windows" };
        });
        expect(evaluateRule(wl7, { object: workload("StatefulSet", windows) }).failures).toEqual([]);
        app(windows).securityContext.seccompProfile = { type: "Unconfined" };
        expect(evaluateRule(wl7, { object: workload("StatefulSet", windows) }).failures).toEqual([
            "WL-7: the pod or a container sets securityContext.seccompProfile.type to a value other than RuntimeDefault or Localhost (such as Unconfined); set it to RuntimeDefault.",
        ]);
    });

    it("reads the legacy seccomp and AppArmor annotations from the pod template, not the workload (WL-7)", () => {
        const wl7 = rule("baseline-wl-7-security-profiles");
        const annotations = {
            "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
            "container.apparmor.security.beta.kubernetes.io/app": "unconfined",
        };
        const onTemplate = workload("CronJob", compliantPodSpec());
        onTemplate.spec.jobTemplate.spec.template.metadata.annotations = annotations;
        expect(evaluateRule(wl7, { object: onTemplate }).failures).toEqual([
            "WL-7: a seccomp annotation (seccomp.security.alpha.kubernetes.io/pod or container.seccomp.security.alpha.kubernetes.io/*) is not runtime/default, docker/default or localhost/<profile>; remove it and set securityContext.seccompProfile.type to RuntimeDefault.",
            "WL-7: an AppArmor annotation (container.apparmor.security.beta.kubernetes.io/*) is not runtime/default or localhost/<profile>; set it to one of those or remove it.",
        ]);
        const onPod = workload("Pod", compliantPodSpec());
        onPod.metadata.annotations = {
            "seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
            "container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-api",
        };
        expect(evaluateRule(wl7, { object: onPod }).failures).toEqual([]);
        const onWorkload = workload("Deployment", compliantPodSpec());
        onWorkload.metadata.annotations = annotations;
        expect(evaluateRule(wl7, { object: onWorkload }).failures).toEqual([]);
    });

    it("rejects Unconfined AppArmor, SELinux outside the container types or with a user or role, unsafe sysctls and Unmasked /proc (WL-7)", () => {
        const wl7 = rule("baseline-wl-7-security-profiles");
        const object = workload(
            "DaemonSet",
            podSpecWith((spec) => {
                spec.securityContext.appArmorProfile = { type: "Unconfined" };
                spec.securityContext.seLinuxOptions = { type: "spc_t", role: "system_r" };
                spec.securityContext.sysctls = [
                    { name: "net.ipv4.tcp_syncookies", value: "1" },
                    { name: "kernel.msgmax", value: "65536" },
                ];
                spec.initContainers = [extraContainer((c) => (c.securityContext.procMount = "Unmasked"))];
            }),
        );
        expect(evaluateRule(wl7, { object }).failures).toEqual([
            "WL-7: the pod or a container sets securityContext.appArmorProfile.type to a value other than RuntimeDefault or Localhost (such as Unconfined); set it to RuntimeDefault or remove it.",
            "WL-7: the pod or a container sets securityContext.seLinuxOptions.type outside container_t, container_init_t, container_kvm_t, container_engine_t; use one of those or leave it unset.",
            "WL-7: the pod or a container sets securityContext.seLinuxOptions.user or .role; remove them.",
            "WL-7: the pod sets a sysctl outside the safe set in securityContext.sysctls; remove it, or tune the node if it is really needed.",
            "WL-7: a container sets securityContext.procMount to a value other than Default (such as Unmasked); remove it or set it to Default.",
        ]);
        const allowed = workload(
            "DaemonSet",
            podSpecWith((spec) => {
                spec.securityContext.appArmorProfile = { type: "RuntimeDefault" };
                spec.securityContext.seLinuxOptions = { type: "container_t", level: "s0:c123,c456" };
                spec.securityContext.sysctls = [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }];
                app(spec).securityContext.seLinuxOptions = { type: "container_kvm_t" };
                app(spec).securityContext.procMount = "Default";
            }),
        );
        expect(evaluateRule(wl7, { object: allowed }).failures).toEqual([]);
    });

    it("rejects a missing memory limit (WL-9)", () => {
        const object = workload(
            "ReplicationController",
            podSpecWith((spec) => delete app(spec).resources.limits),
        );
        expect(evaluateRule(rule("baseline-wl-9-resources-set"), { object }).failures).toEqual([
            "WL-9: a container or init container has no resources.limits.memory; set CPU and memory requests and a memory limit.",
        ]);
    });

    it("rejects latest, untagged and unlisted images and requires digests when configured (WL-10)", () => {
        const wl10 = rule("baseline-wl-10-image-allowed");
        const image = (value: string) =>
            workload(
                "Deployment",
                podSpecWith((spec) => (app(spec).image = value)),
            );
        expect(evaluateRule(wl10, { object: image("docker.io/istio/proxyv2:latest") }).failures).toEqual([
            "WL-10: an image has no tag or uses the latest tag; pin a version tag or a digest.",
        ]);
        expect(evaluateRule(wl10, { object: image("nginx") }).failures).toEqual([
            `WL-10: an image is not from an allow-listed registry (${DEFAULT_ALLOWED_REGISTRIES.join(", ")}); mirror it to one of them.`,
            "WL-10: an image has no tag or uses the latest tag; pin a version tag or a digest.",
        ]);
        const strict = admissionRules({
            allowedRegistries: ["public.ecr.aws"],
            requireDigest: true,
            allowedExposedNamespaces: [],
            breakGlassSubjects: [],
        }).find((candidate) => candidate.name === "baseline-wl-10-image-allowed")!;
        expect(evaluateRule(strict, { object: image("public.ecr.aws/acme/api:1.0.0") }).failures).toEqual([
            "WL-10: an image is not pinned by digest; reference it as <repository>@sha256:<digest>.",
        ]);
        expect(evaluateRule(strict, { object: image(`public.ecr.aws/acme/api:1.0.0@sha256:${"b".repeat(64)}`) }).failures).toEqual([]);
    });

    it("rejects workloads in default (WL-11)", () => {
        expect(
            evaluateRule(rule("baseline-wl-11-not-default-namespace"), { object: workload("Pod", compliantPodSpec(), "default") }).failures,
        ).toEqual(["WL-11: workloads do not run in the default namespace; deploy to the workload's own namespace."]);
    });

    it("rejects a LoadBalancer outside the allow-listed namespaces (NET-8)", () => {
        const service = {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "web", namespace: "payments" },
            spec: { type: "LoadBalancer", ports: [{ port: 443 }] },
        };
        expect(evaluateRule(rule("baseline-net-8-service-exposure"), { object: service }).failures).toEqual([
            "NET-8: Services of type LoadBalancer or NodePort are allowed only in no namespace (none is allow-listed); use a ClusterIP Service behind the gateway.",
        ]);
    });

    it("rejects internet-facing Ingresses, Services and Gateways outside the allow-list with their own messages (NET-11)", () => {
        const rules = admissionRules({ ...DEFAULT_RULE_SETTINGS, allowedExposedNamespaces: ["edge"] });
        const named = (name: string) => rules.find((candidate) => candidate.name === name)!;
        const ingress = (namespace: string) => ({
            apiVersion: "networking.k8s.io/v1",
            kind: "Ingress",
            metadata: { name: "web", namespace, annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } },
            spec: {},
        });
        expect(evaluateRule(named("baseline-net-11-ingress-exposure"), { object: ingress("payments") }).failures).toEqual([
            "NET-11: internet-facing Ingresses (alb.ingress.kubernetes.io/scheme) are allowed only in namespaces edge; drop the annotation (the controller defaults to internal).",
        ]);
        expect(evaluateRule(named("baseline-net-11-ingress-exposure"), { object: ingress("edge") }).failures).toEqual([]);
        const service = {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "web", namespace: "payments" },
            spec: { type: "LoadBalancer", ports: [{ port: 443 }] },
        };
        expect(evaluateRule(named("baseline-net-11-load-balancer-scheme"), { object: service }).failures).toEqual([
            "NET-11: internet-facing load balancer Services are allowed only in namespaces edge; use aws-load-balancer-type: external without an internet-facing scheme (the controller's default is internal).",
        ]);
        const gateway = {
            apiVersion: "networking.istio.io/v1",
            kind: "Gateway",
            metadata: { name: "gw", namespace: "payments" },
            spec: {},
        };
        expect(evaluateRule(named("baseline-net-11-gateway-exposure"), { object: gateway }).failures).toEqual([
            "NET-11, NET-8: Gateways (Gateway API and Istio) are allowed only in namespaces edge; attach routes to the shared gateway there.",
        ]);
        expect(
            evaluateRule(rule("baseline-net-11-gateway-exposure"), { object: { ...gateway, metadata: { name: "gw", namespace: "edge" } } })
                .failures,
        ).toEqual([
            "NET-11, NET-8: Gateways (Gateway API and Istio) are allowed only in no namespace (none is allow-listed); attach routes to the shared gateway there.",
        ]);
    });

    it("rejects cluster-admin for non-break-glass subjects and lets the API server reconcile bootstrap RBAC (IAM-5)", () => {
        const iam5 = rule("baseline-iam-5-no-cluster-admin-binding");
        const binding = {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRoleBinding",
            metadata: { name: "cluster-admin" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
            subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:masters" }],
        };
        expect(evaluateRule(iam5, { object: binding }).failures).toEqual([
            "IAM-5: the binding names Group system:masters, which bypasses RBAC; bind a least-privilege role.",
            "IAM-5: the binding grants cluster-admin (the ClusterRole, or a Role of that name) to a subject that is not break-glass; bind a least-privilege role.",
        ]);
        expect(evaluateRule(iam5, { object: binding, username: "system:apiserver" })).toEqual({ matched: false, failures: [] });
    });

    it("rejects admin and edit bindings and cluster-admin under a Role roleRef for non-break-glass subjects (IAM-5, IAM-9)", () => {
        const iam5 = rule("baseline-iam-5-no-cluster-admin-binding");
        const binding = (roleRef: Record<string, string>) => ({
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "RoleBinding",
            metadata: { name: "grant", namespace: "payments" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
            subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "oidc:developers" }],
        });
        expect(evaluateRule(iam5, { object: binding({ kind: "ClusterRole", name: "edit" }) }).failures).toEqual([
            "IAM-5: the binding grants the built-in admin or edit ClusterRole (impersonate on serviceaccounts, Secrets, pods/exec) or a control-plane role (system:controller:*, system:kube-controller-manager, system:node) to a subject that is not break-glass; bind a least-privilege role.",
        ]);
        expect(evaluateRule(iam5, { object: binding({ kind: "Role", name: "cluster-admin" }) }).failures).toEqual([
            "IAM-5: the binding grants cluster-admin (the ClusterRole, or a Role of that name) to a subject that is not break-glass; bind a least-privilege role.",
        ]);
        expect(evaluateRule(iam5, { object: binding({ kind: "Role", name: "edit" }) }).failures).toEqual([]);
    });

    it("rejects ClusterRole aggregation of cluster-admin, admin or edit, but lets the aggregation controller fill admin/edit/view (IAM-5)", () => {
        const aggregation = rule("baseline-iam-5-cluster-role-aggregation");
        const role = (selectors: unknown[], name = "payments-aggregate") => ({
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRole",
            metadata: { name },
            aggregationRule: { clusterRoleSelectors: selectors },
            rules: [],
        });
        const message =
            "IAM-5: the ClusterRole's aggregationRule selects the built-in cluster-admin, admin or edit (through the rbac-defaults, aggregate-to-admin or aggregate-to-edit labels, or an empty or negative selector); select only labels your own roles carry.";
        for (const selector of [
            {},
            { matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } },
            { matchExpressions: [{ key: "kubernetes.io/bootstrapping", operator: "Exists" }] },
            { matchExpressions: [{ key: "acme.io/team", operator: "DoesNotExist" }] },
        ]) {
            expect({ selector, failures: evaluateRule(aggregation, { object: role([selector]) }).failures }).toEqual({
                selector,
                failures: [message],
            });
        }
        const own = [
            { matchLabels: { "acme.io/aggregate-to-payments": "true" } },
            { matchExpressions: [{ key: "tier", operator: "In", values: ["api"] }] },
        ];
        expect(evaluateRule(aggregation, { object: role(own) }).failures).toEqual([]);
        expect(
            evaluateRule(aggregation, {
                object: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "r" }, rules: [] },
            }).failures,
        ).toEqual([]);
        const builtinAdmin = role([{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } }], "admin");
        expect(
            evaluateRule(aggregation, {
                object: builtinAdmin,
                username: "system:serviceaccount:kube-system:clusterrole-aggregation-controller",
            }),
        ).toEqual({ matched: false, failures: [] });
    });

    it("rejects a hostPath PersistentVolume and admits a CSI one (WL-3)", () => {
        const wl3 = rule("baseline-wl-3-persistent-volume-no-host-path");
        const volume = (source: Record<string, unknown>) => ({
            apiVersion: "v1",
            kind: "PersistentVolume",
            metadata: { name: "data" },
            spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], ...source },
        });
        expect(evaluateRule(wl3, { object: volume({ hostPath: { path: "/" } }) }).failures).toEqual([
            "WL-3: the PersistentVolume uses hostPath, which mounts the node's filesystem into every pod that claims it; use a CSI StorageClass (EBS, EFS).",
        ]);
        expect(evaluateRule(wl3, { object: volume({ csi: { driver: "efs.csi.aws.com", volumeHandle: "fs-0123" } }) }).failures).toEqual([]);
    });
});
