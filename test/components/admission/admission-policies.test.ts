import * as k8s from "@pulumi/kubernetes";
import { ValidatingAdmissionPolicy } from "kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy";
import { ValidatingAdmissionPolicyBinding } from "kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding";
import { describe, expect, it } from "vitest";
import {
    AdmissionPolicies,
    AdmissionPoliciesArgs,
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
        expect(bindings).toHaveLength(15);
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
        expect(c.ofType(BINDING)).toHaveLength(15);
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
        expect([c.ofType(VAP).length, c.ofType(BINDING).length]).toEqual([15, 15]);
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
        expect(evaluateRule(wl10, { object: image("public.ecr.aws/acme/api:latest") }).failures).toEqual([
            "WL-10: an image has no tag or uses the latest tag; pin a version tag or a digest.",
        ]);
        expect(evaluateRule(wl10, { object: image("nginx") }).failures).toEqual([
            "WL-10: an image is not from an allow-listed registry (*.dkr.ecr.*.amazonaws.com, public.ecr.aws, registry.k8s.io, docker.io/istio, gcr.io/istio-release); mirror it to one of them.",
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
            "IAM-5: the binding grants ClusterRole cluster-admin to a subject that is not break-glass; bind a least-privilege role.",
        ]);
        expect(evaluateRule(iam5, { object: binding, username: "system:apiserver" })).toEqual({ matched: false, failures: [] });
    });
});
