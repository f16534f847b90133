import { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { k8sPodApparmorProfile } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-apparmor-profile";
import { k8sPodDefaultProcMount } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-default-proc-mount";
import { k8sPodDropAllCapabilities } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-drop-all-capabilities";
import { k8sPodImageAllowed } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-image-allowed";
import { k8sPodNoHostAccess } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-no-host-access";
import { k8sPodNoPrivilegeEscalation } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-no-privilege-escalation";
import { k8sPodNoPrivileged } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-no-privileged";
import { k8sPodNoSecretEnv } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-no-secret-env";
import { k8sPodReadOnlyRootFilesystem } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-read-only-root-filesystem";
import { k8sPodResourcesSet } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-resources-set";
import { k8sPodRestrictedVolumes } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-restricted-volumes";
import { k8sPodRunAsNonRoot } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-run-as-non-root";
import { k8sPodSafeSysctls } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-safe-sysctls";
import { k8sPodSeccompProfile } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-seccomp-profile";
import { k8sPodSelinuxOptions } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-selinux-options";
import { k8sPodServiceAccountToken } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-service-account-token";
import { k8sWorkloadNotInDefaultNamespace } from "../../../policypacks/baseline/policies/kubernetes/k8s-workload-not-in-default-namespace";
import { runResourcePolicy } from "../../helpers/run-policy";
import { ContainerList, Json, WorkloadKind, changed, compliantPodSpec, containerNames, lists, workloadKinds } from "./fixtures";

/** Every policy that reads pod specs; each must accept the compliant pod spec on every kind. */
const podPolicies: ResourceValidationPolicy[] = [
    k8sPodNoPrivileged,
    k8sPodNoHostAccess,
    k8sPodRestrictedVolumes,
    k8sPodRunAsNonRoot,
    k8sPodNoPrivilegeEscalation,
    k8sPodDropAllCapabilities,
    k8sPodSeccompProfile,
    k8sPodApparmorProfile,
    k8sPodSelinuxOptions,
    k8sPodSafeSysctls,
    k8sPodDefaultProcMount,
    k8sPodReadOnlyRootFilesystem,
    k8sPodResourcesSet,
    k8sPodImageAllowed,
    k8sWorkloadNotInDefaultNamespace,
    k8sPodServiceAccountToken,
    k8sPodNoSecretEnv,
];

async function violations(policy: ResourceValidationPolicy, kind: WorkloadKind, spec: Json, podMetadata?: Json, namespace?: string) {
    // WL-10 allows the stack's own ECR registry, which the fixtures' images come from, only when told the stack's account and region.
    const config = policy === k8sPodImageAllowed ? { accountId: "123456789012", region: "eu-west-1" } : {};
    const outcome = await runResourcePolicy(
        policy,
        { type: kind.type, name: "web", props: kind.wrap(spec, podMetadata, namespace) },
        config,
    );
    expect(outcome.cannotRunDuringPreview).toBeUndefined();
    return outcome.violations;
}

/** A change to one container and the exact message it must produce. */
interface ContainerCase {
    policy: ResourceValidationPolicy;
    title: string;
    change(container: Json): void;
    message(at: string, path: string): string;
    lists?: ContainerList[];
}

const containerCases: ContainerCase[] = [
    {
        policy: k8sPodNoPrivileged,
        title: "privileged: true",
        change: (c) => (c.securityContext.privileged = true),
        message: (at) => `${at}: securityContext.privileged is true; set it to false. [WL-1]`,
    },
    {
        policy: k8sPodNoHostAccess,
        title: "a hostPort",
        change: (c) => (c.ports = [{ containerPort: 8080, hostPort: 8080 }]),
        message: (at) => `${at}: ports[0].hostPort is 8080; remove hostPort and expose the pod through a Service. [WL-2]`,
    },
    {
        policy: k8sPodNoHostAccess,
        title: "a Windows HostProcess container",
        change: (c) => (c.securityContext.windowsOptions = { hostProcess: true }),
        message: (at) => `${at}: securityContext.windowsOptions.hostProcess is true; remove it or set it to false. [WL-2]`,
    },
    {
        policy: k8sPodRunAsNonRoot,
        title: "runAsNonRoot: false on the container overriding the pod's true",
        change: (c) => (c.securityContext.runAsNonRoot = false),
        message: (at, path) => `${at}: ${path}.securityContext.runAsNonRoot is false; set it to true. [WL-4]`,
    },
    {
        policy: k8sPodRunAsNonRoot,
        title: "runAsUser: 0 on the container",
        change: (c) => (c.securityContext.runAsUser = 0),
        message: (at) => `${at}: securityContext.runAsUser is 0 (root); set a non-zero UID. [WL-4]`,
    },
    {
        policy: k8sPodNoPrivilegeEscalation,
        title: "allowPrivilegeEscalation: true",
        change: (c) => (c.securityContext.allowPrivilegeEscalation = true),
        message: (at) => `${at}: securityContext.allowPrivilegeEscalation is true; set it to false. [WL-5]`,
    },
    {
        policy: k8sPodNoPrivilegeEscalation,
        title: "allowPrivilegeEscalation missing",
        change: (c) => delete c.securityContext.allowPrivilegeEscalation,
        message: (at) => `${at}: securityContext.allowPrivilegeEscalation is not set (defaults to true); set it to false. [WL-5]`,
    },
    {
        policy: k8sPodDropAllCapabilities,
        title: "capabilities missing",
        change: (c) => delete c.securityContext.capabilities,
        message: (at) => `${at}: securityContext.capabilities.drop does not include "ALL"; add "ALL" to it. [WL-6]`,
    },
    {
        policy: k8sPodDropAllCapabilities,
        title: "drop without ALL",
        change: (c) => (c.securityContext.capabilities.drop = ["NET_RAW"]),
        message: (at) => `${at}: securityContext.capabilities.drop does not include "ALL"; add "ALL" to it. [WL-6]`,
    },
    {
        policy: k8sPodDropAllCapabilities,
        title: "add SYS_ADMIN",
        change: (c) => (c.securityContext.capabilities.add = ["NET_BIND_SERVICE", "SYS_ADMIN"]),
        message: (at) =>
            `${at}: securityContext.capabilities.add contains "SYS_ADMIN"; remove it (only NET_BIND_SERVICE may be added). [WL-6]`,
    },
    {
        policy: k8sPodSeccompProfile,
        title: "seccomp Unconfined on the container overriding the pod's RuntimeDefault",
        change: (c) => (c.securityContext.seccompProfile = { type: "Unconfined" }),
        message: (at) => `${at}: securityContext.seccompProfile.type is "Unconfined"; set it to RuntimeDefault or Localhost. [WL-7]`,
    },
    {
        policy: k8sPodApparmorProfile,
        title: "AppArmor Unconfined",
        change: (c) => (c.securityContext.appArmorProfile = { type: "Unconfined" }),
        message: (at) => `${at}: securityContext.appArmorProfile.type is "Unconfined"; set it to RuntimeDefault or Localhost. [WL-7]`,
    },
    {
        policy: k8sPodSelinuxOptions,
        title: "SELinux type spc_t",
        change: (c) => (c.securityContext.seLinuxOptions = { type: "spc_t" }),
        message: (at) =>
            `${at}: securityContext.seLinuxOptions.type is "spc_t"; use one of container_t, container_init_t, container_kvm_t, container_engine_t or leave it unset. [WL-7]`,
    },
    {
        policy: k8sPodSelinuxOptions,
        title: "SELinux user",
        change: (c) => (c.securityContext.seLinuxOptions = { user: "system_u", type: "container_t" }),
        message: (at) => `${at}: securityContext.seLinuxOptions.user is "system_u"; remove it. [WL-7]`,
    },
    {
        policy: k8sPodSelinuxOptions,
        title: "SELinux role",
        change: (c) => (c.securityContext.seLinuxOptions = { role: "sysadm_r" }),
        message: (at) => `${at}: securityContext.seLinuxOptions.role is "sysadm_r"; remove it. [WL-7]`,
    },
    {
        policy: k8sPodDefaultProcMount,
        title: "procMount Unmasked",
        change: (c) => (c.securityContext.procMount = "Unmasked"),
        message: (at) => `${at}: securityContext.procMount is "Unmasked"; remove it or set it to Default. [WL-7]`,
    },
    {
        policy: k8sPodReadOnlyRootFilesystem,
        title: "readOnlyRootFilesystem: false",
        change: (c) => (c.securityContext.readOnlyRootFilesystem = false),
        message: (at) => `${at}: securityContext.readOnlyRootFilesystem is false; set it to true. [WL-8]`,
    },
    {
        policy: k8sPodReadOnlyRootFilesystem,
        title: "readOnlyRootFilesystem missing",
        change: (c) => delete c.securityContext.readOnlyRootFilesystem,
        message: (at) => `${at}: securityContext.readOnlyRootFilesystem is not set (defaults to false); set it to true. [WL-8]`,
    },
    {
        policy: k8sPodResourcesSet,
        title: "no CPU request",
        change: (c) => delete c.resources.requests.cpu,
        message: (at) => `${at}: resources.requests.cpu is not set; set CPU and memory requests and a memory limit. [WL-9]`,
        lists: ["containers", "initContainers"],
    },
    {
        policy: k8sPodResourcesSet,
        title: "no memory limit",
        change: (c) => delete c.resources.limits.memory,
        message: (at) => `${at}: resources.limits.memory is not set; set CPU and memory requests and a memory limit. [WL-9]`,
        lists: ["containers", "initContainers"],
    },
    {
        policy: k8sPodImageAllowed,
        title: "an image from Docker Hub's library",
        change: (c) => (c.image = "nginx:1.27.0"),
        message: (at) =>
            `${at}: image "nginx:1.27.0" is from docker.io/library/nginx, which is not an allow-listed registry; mirror it to ` +
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com (the stack's own ECR) or list its repository in allowedRegistries. [WL-10]",
    },
    {
        policy: k8sPodImageAllowed,
        title: "the latest tag",
        change: (c) => (c.image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web:latest"),
        message: (at) =>
            `${at}: image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web:latest" uses the latest tag; pin a version tag or a digest. [WL-10]`,
    },
    {
        policy: k8sPodImageAllowed,
        title: "no tag",
        change: (c) => (c.image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web"),
        message: (at) =>
            `${at}: image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web" has no tag (pulls latest); pin a version tag or a digest. [WL-10]`,
    },
    {
        policy: k8sPodImageAllowed,
        title: "no image",
        change: (c) => delete c.image,
        message: (at) => `${at}: image is not set; set an image from an allow-listed registry, pinned by tag or digest. [WL-10]`,
    },
    {
        policy: k8sPodNoSecretEnv,
        title: "a literal API token in env",
        change: (c) => (c.env = [{ name: "API_TOKEN", value: "s3cr3t-value" }]),
        message: (at) =>
            `${at}: env[0] "API_TOKEN" has a literal value; read it from a Secret (valueFrom.secretKeyRef) or a mounted file. [SEC-5]`,
    },
    {
        policy: k8sPodNoSecretEnv,
        title: "an AWS access key id in env",
        change: (c) => (c.env = [{ name: "AWS_KEY", value: "AKIAIOSFODNN7EXAMPLE" }]),
        message: (at) =>
            `${at}: env[0] "AWS_KEY" value contains an AWS access key id; read it from a Secret (valueFrom.secretKeyRef) or a mounted file. [SEC-5]`,
    },
];

/** A change to the pod spec (or pod metadata) and the exact messages it must produce. */
interface PodCase {
    policy: ResourceValidationPolicy;
    title: string;
    change(spec: Json, podMetadata: Json): void;
    messages(kind: WorkloadKind): string[];
}

const everyContainer = (kind: WorkloadKind, text: string, only: ContainerList[] = lists) =>
    only.map((list) => `container "${containerNames[list]}" (${kind.specPath}.${list}[0]): ${text}`);

const podCases: PodCase[] = [
    ...(["hostNetwork", "hostPID", "hostIPC"] as const).map((field): PodCase => ({
        policy: k8sPodNoHostAccess,
        title: `${field}: true`,
        change: (spec) => (spec[field] = true),
        messages: (kind) => [`pod (${kind.specPath}): ${field} is true; remove it or set it to false. [WL-2]`],
    })),
    {
        policy: k8sPodNoHostAccess,
        title: "a pod-level HostProcess",
        change: (spec) => (spec.securityContext.windowsOptions = { hostProcess: true }),
        messages: (kind) => [
            `pod (${kind.specPath}): securityContext.windowsOptions.hostProcess is true; remove it or set it to false. [WL-2]`,
        ],
    },
    {
        policy: k8sPodRestrictedVolumes,
        title: "a hostPath volume",
        change: (spec) => spec.volumes.push({ name: "docker-sock", hostPath: { path: "/var/run/docker.sock" } }),
        messages: (kind) => [
            `pod (${kind.specPath}): volumes[3] "docker-sock" uses hostPath; hostPath exposes the node's filesystem; use a persistentVolumeClaim, emptyDir or csi volume instead. [WL-3]`,
        ],
    },
    {
        policy: k8sPodRestrictedVolumes,
        title: "an nfs volume",
        change: (spec) => spec.volumes.push({ name: "shared", nfs: { server: "10.0.0.5", path: "/exports" } }),
        messages: (kind) => [
            `pod (${kind.specPath}): volumes[3] "shared" uses nfs; use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret. [WL-3]`,
        ],
    },
    {
        policy: k8sPodRunAsNonRoot,
        title: "runAsUser: 0 on the pod",
        change: (spec) => (spec.securityContext.runAsUser = 0),
        messages: (kind) => [`pod (${kind.specPath}): securityContext.runAsUser is 0 (root); set a non-zero UID. [WL-4]`],
    },
    {
        policy: k8sPodRunAsNonRoot,
        title: "runAsNonRoot missing on the pod and every container",
        change: (spec) => delete spec.securityContext.runAsNonRoot,
        messages: (kind) =>
            everyContainer(
                kind,
                "runAsNonRoot is not set on the container or the pod (the image may run as root); set securityContext.runAsNonRoot to true. [WL-4]",
            ),
    },
    {
        policy: k8sPodRunAsNonRoot,
        title: "runAsNonRoot: false on the pod",
        change: (spec) => (spec.securityContext.runAsNonRoot = false),
        messages: (kind) => everyContainer(kind, `${kind.specPath}.securityContext.runAsNonRoot is false; set it to true. [WL-4]`),
    },
    {
        policy: k8sPodSeccompProfile,
        title: "no seccomp profile on the pod or any container",
        change: (spec) => delete spec.securityContext.seccompProfile,
        messages: (kind) =>
            everyContainer(
                kind,
                "seccompProfile is not set on the container or the pod (runs Unconfined); set securityContext.seccompProfile.type to RuntimeDefault. [WL-7]",
            ),
    },
    {
        policy: k8sPodSeccompProfile,
        title: "seccomp Unconfined on the pod",
        change: (spec) => (spec.securityContext.seccompProfile = { type: "Unconfined" }),
        messages: (kind) => [
            `pod (${kind.specPath}): securityContext.seccompProfile.type is "Unconfined"; set it to RuntimeDefault or Localhost. [WL-7]`,
        ],
    },
    {
        policy: k8sPodSeccompProfile,
        title: "an unconfined seccomp annotation",
        change: (_spec, podMetadata) => (podMetadata.annotations = { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" }),
        messages: (kind) => [
            `pod (${kind.metadataPath}): annotation seccomp.security.alpha.kubernetes.io/pod is "unconfined"; remove it and set securityContext.seccompProfile.type to RuntimeDefault. [WL-7]`,
        ],
    },
    {
        policy: k8sPodApparmorProfile,
        title: "an unconfined AppArmor annotation",
        change: (_spec, podMetadata) => (podMetadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" }),
        messages: (kind) => [
            `pod (${kind.metadataPath}): annotation container.apparmor.security.beta.kubernetes.io/app is "unconfined"; set it to runtime/default or localhost/<profile>, or remove it. [WL-7]`,
        ],
    },
    {
        policy: k8sPodApparmorProfile,
        title: "AppArmor Unconfined on the pod",
        change: (spec) => (spec.securityContext.appArmorProfile = { type: "Unconfined" }),
        messages: (kind) => [
            `pod (${kind.specPath}): securityContext.appArmorProfile.type is "Unconfined"; set it to RuntimeDefault or Localhost. [WL-7]`,
        ],
    },
    {
        policy: k8sPodSelinuxOptions,
        title: "SELinux type spc_t on the pod",
        change: (spec) => (spec.securityContext.seLinuxOptions = { type: "spc_t" }),
        messages: (kind) => [
            `pod (${kind.specPath}): securityContext.seLinuxOptions.type is "spc_t"; use one of container_t, container_init_t, container_kvm_t, container_engine_t or leave it unset. [WL-7]`,
        ],
    },
    {
        policy: k8sPodSafeSysctls,
        title: "an unsafe sysctl",
        change: (spec) =>
            (spec.securityContext.sysctls = [
                { name: "net.ipv4.tcp_syncookies", value: "1" },
                { name: "kernel.msgmax", value: "65536" },
            ]),
        messages: (kind) => [
            `pod (${kind.specPath}): securityContext.sysctls[1].name is "kernel.msgmax", not a safe sysctl; remove it. [WL-7]`,
        ],
    },
    {
        policy: k8sPodServiceAccountToken,
        title: "the default service account",
        change: (spec) => (spec.serviceAccountName = "default"),
        messages: (kind) => [`pod (${kind.specPath}): serviceAccountName is "default"; give the workload its own service account. [IAM-8]`],
    },
    {
        policy: k8sPodServiceAccountToken,
        title: "no service account",
        change: (spec) => delete spec.serviceAccountName,
        messages: (kind) => [
            `pod (${kind.specPath}): serviceAccountName is not set (uses the namespace's default service account); give the workload its own service account. [IAM-8]`,
        ],
    },
    {
        policy: k8sPodServiceAccountToken,
        title: "automountServiceAccountToken: true",
        change: (spec) => (spec.automountServiceAccountToken = true),
        messages: (kind) => [
            `pod (${kind.specPath}): automountServiceAccountToken is true; set it to false, or add the namespace to allowedTokenNamespaces. [IAM-8]`,
        ],
    },
    {
        policy: k8sPodServiceAccountToken,
        title: "automountServiceAccountToken missing",
        change: (spec) => delete spec.automountServiceAccountToken,
        messages: (kind) => [
            `pod (${kind.specPath}): automountServiceAccountToken is not set (the token is mounted unless the service account disables it); set it to false, or add the namespace to allowedTokenNamespaces. [IAM-8]`,
        ],
    },
];

describe.each(workloadKinds.map((kind) => [kind.type, kind] as const))("pod-spec policies on %s", (_type, kind) => {
    it.each(podPolicies.map((policy) => [policy.name, policy] as const))("%s accepts the compliant pod spec", async (_name, policy) => {
        expect(await violations(policy, kind, compliantPodSpec())).toEqual([]);
    });

    const containerRows = containerCases.flatMap((testCase) =>
        (testCase.lists ?? lists).map((list) => [testCase.policy.name, testCase.title, list, testCase] as const),
    );
    it.each(containerRows)("%s flags %s in %s", async (_name, _title, list, testCase) => {
        const spec = changed(compliantPodSpec(), (copy) => testCase.change(copy[list][0]));
        const path = `${kind.specPath}.${list}[0]`;
        expect(await violations(testCase.policy, kind, spec)).toEqual([
            testCase.message(`container "${containerNames[list]}" (${path})`, path),
        ]);
    });

    it.each(podCases.map((testCase) => [testCase.policy.name, testCase.title, testCase] as const))(
        "%s flags %s",
        async (_name, _title, testCase) => {
            const podMetadata: Json = {};
            const spec = changed(compliantPodSpec(), (copy) => testCase.change(copy, podMetadata));
            expect(await violations(testCase.policy, kind, spec, podMetadata)).toEqual(testCase.messages(kind));
        },
    );

    it("k8s-workload-not-in-default-namespace flags the default namespace and a missing one", async () => {
        expect(await violations(k8sWorkloadNotInDefaultNamespace, kind, compliantPodSpec(), undefined, "default")).toEqual([
            'metadata.namespace is "default"; deploy the workload to its own namespace. [WL-11]',
        ]);
        const props = kind.wrap(compliantPodSpec());
        delete props.metadata.namespace;
        const outcome = await runResourcePolicy(k8sWorkloadNotInDefaultNamespace, { type: kind.type, props });
        expect(outcome.violations).toEqual([
            'metadata.namespace is not set (the provider deploys to "default"); set it to the workload\'s own namespace. [WL-11]',
        ]);
    });
});
