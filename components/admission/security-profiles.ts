/**
 * Pure builders of the WL-7 CEL: the kernel-facing parts of the Pod Security Standards that keep a
 * container inside its sandbox (seccomp, AppArmor, SELinux, sysctls, /proc mount). Each builder
 * reaches the verdict the matching policy-pack rule reaches (k8s-pod-seccomp-profile,
 * k8s-pod-apparmor-profile, k8s-pod-selinux-options, k8s-pod-safe-sysctls,
 * k8s-pod-default-proc-mount); the parity test holds them to it.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
import { CelValidation, CelVariable, celString, celStringList, hasPath } from "./cel";
import { safeSysctls } from "../../policypacks/baseline/policies/kubernetes/k8s-pod-safe-sysctls";

/** seccomp and AppArmor profile types other than Unconfined (PSS Restricted "Seccomp", Baseline "AppArmor"). */
export const ALLOWED_PROFILE_TYPES: readonly string[] = ["RuntimeDefault", "Localhost"];

/** SELinux types the Pod Security Standards allow (container_engine_t since v1.31); the pack's `allowedSelinuxTypes`. */
export const ALLOWED_SELINUX_TYPES: readonly string[] = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

/**
 * The namespaced, isolated sysctls a pod may set: the pack's own list, so preview and admission
 * keep one verdict (WL-7).
 */
export const SAFE_SYSCTLS: readonly string[] = safeSysctls;

const SECCOMP_POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

/**
 * The pod (template) annotations, where the Pod Security Standards read the legacy seccomp and
 * AppArmor annotations: CronJob `spec.jobTemplate.spec.template`, the other workloads
 * `spec.template`, PodTemplate `template`, Pod the object itself. A workload's own
 * `metadata.annotations` never reach its pods, so they are not read.
 */
export function podAnnotationVariables(): CelVariable[] {
    return [
        {
            name: "podTemplate",
            expression:
                "has(object.spec) && has(object.spec.jobTemplate) ? object.spec.jobTemplate.spec.template" +
                " : has(object.spec) && has(object.spec.template) ? object.spec.template" +
                " : has(object.template) ? object.template" +
                " : object",
        },
        {
            name: "podAnnotations",
            expression:
                "has(variables.podTemplate.metadata) && has(variables.podTemplate.metadata.annotations) ? variables.podTemplate.metadata.annotations : {}",
        },
    ];
}

/** The field at `path` is unset, or `ok` holds for it, on the pod's securityContext and on every container's. */
function podAndContainers(path: string[], ok: (field: string) => string): string {
    const at = (root: string) => `(!(${hasPath(root, path)}) || ${ok([root, ...path].join("."))})`;
    return `${at("variables.podSpec")} && variables.containers.all(c, ${at("c")})`;
}

/** Every pod annotation whose key `selects` has a value that `ok` accepts. */
function annotationsAllowed(selects: (key: string) => string, ok: (value: string) => string): string {
    return `variables.podAnnotations.all(k, !(${selects("k")}) || ${ok("variables.podAnnotations[k]")})`;
}

const isProfileType = (field: string) => `${field} in ${celStringList(ALLOWED_PROFILE_TYPES)}`;

/**
 * WL-7 seccomp: no Unconfined (or unknown) type on the pod or any container, Windows pods
 * included; every container of a Linux pod has a type, its own or the pod's (unset runs
 * Unconfined); the legacy annotations, ignored since Kubernetes 1.27 and so never a substitute
 * for the field, hold only runtime/default, docker/default or localhost/<profile>.
 */
export function seccompProfileValidations(): CelValidation[] {
    const type = ["securityContext", "seccompProfile", "type"];
    return [
        {
            expression: podAndContainers(type, isProfileType),
            message:
                "WL-7: the pod or a container sets securityContext.seccompProfile.type to a value other than RuntimeDefault or Localhost (such as Unconfined); set it to RuntimeDefault.",
        },
        {
            expression: `variables.windows || (${hasPath("variables.podSpec", type)}) || variables.containers.all(c, ${hasPath("c", type)})`,
            message:
                "WL-7: a container has no securityContext.seccompProfile.type on itself or the pod, so it runs Unconfined; set it to RuntimeDefault on the pod.",
        },
        {
            expression: annotationsAllowed(
                (key) =>
                    `${key} == ${celString(SECCOMP_POD_ANNOTATION)} || ${key}.startsWith(${celString(SECCOMP_CONTAINER_ANNOTATION_PREFIX)})`,
                (value) => `${value} in ['runtime/default', 'docker/default'] || ${value}.startsWith('localhost/')`,
            ),
            message: `WL-7: a seccomp annotation (${SECCOMP_POD_ANNOTATION} or ${SECCOMP_CONTAINER_ANNOTATION_PREFIX}*) is not runtime/default, docker/default or localhost/<profile>; remove it and set securityContext.seccompProfile.type to RuntimeDefault.`,
        },
    ];
}

/** WL-7 AppArmor: no Unconfined (or unknown) profile in the fields or the beta annotations; unset keeps the runtime default. */
export function appArmorProfileValidations(): CelValidation[] {
    return [
        {
            expression: podAndContainers(["securityContext", "appArmorProfile", "type"], isProfileType),
            message:
                "WL-7: the pod or a container sets securityContext.appArmorProfile.type to a value other than RuntimeDefault or Localhost (such as Unconfined); set it to RuntimeDefault or remove it.",
        },
        {
            expression: annotationsAllowed(
                (key) => `${key}.startsWith(${celString(APPARMOR_ANNOTATION_PREFIX)})`,
                (value) => `${value} == 'runtime/default' || ${value}.startsWith('localhost/')`,
            ),
            message: `WL-7: an AppArmor annotation (${APPARMOR_ANNOTATION_PREFIX}*) is not runtime/default or localhost/<profile>; set it to one of those or remove it.`,
        },
    ];
}

/** WL-7 SELinux: a type only from the container types, and no custom user or role, on the pod or any container. */
export function seLinuxOptionsValidations(): CelValidation[] {
    const options = ["securityContext", "seLinuxOptions"];
    const unsetOrEmpty = (field: string) => `${field} == ''`;
    return [
        {
            expression: podAndContainers(
                [...options, "type"],
                (field) => `${field} == '' || ${field} in ${celStringList(ALLOWED_SELINUX_TYPES)}`,
            ),
            message: `WL-7: the pod or a container sets securityContext.seLinuxOptions.type outside ${ALLOWED_SELINUX_TYPES.join(", ")}; use one of those or leave it unset.`,
        },
        {
            expression: `${podAndContainers([...options, "user"], unsetOrEmpty)} && ${podAndContainers([...options, "role"], unsetOrEmpty)}`,
            message: "WL-7: the pod or a container sets securityContext.seLinuxOptions.user or .role; remove them.",
        },
    ];
}

/** WL-7 sysctls: only the safe, namespaced set. */
export function safeSysctlsValidations(): CelValidation[] {
    return [
        {
            expression:
                `!(${hasPath("variables.podSpec", ["securityContext", "sysctls"])}) || ` +
                `variables.podSpec.securityContext.sysctls.all(s, has(s.name) && s.name in ${celStringList(SAFE_SYSCTLS)})`,
            message:
                "WL-7: the pod sets a sysctl outside the safe set in securityContext.sysctls; remove it, or tune the node if it is really needed.",
        },
    ];
}

/** WL-7 /proc: every container keeps the default, masked /proc mount. */
export function defaultProcMountValidations(): CelValidation[] {
    return [
        {
            expression: `variables.containers.all(c, !(${hasPath("c", ["securityContext", "procMount"])}) || c.securityContext.procMount == 'Default')`,
            message:
                "WL-7: a container sets securityContext.procMount to a value other than Default (such as Unmasked); remove it or set it to Default.",
        },
    ];
}

/** Every WL-7 validation, in the order of the control's text: seccomp, AppArmor, SELinux, sysctls, /proc. */
export function securityProfileValidations(): CelValidation[] {
    return [
        ...seccompProfileValidations(),
        ...appArmorProfileValidations(),
        ...seLinuxOptionsValidations(),
        ...safeSysctlsValidations(),
        ...defaultProcMountValidations(),
    ];
}
