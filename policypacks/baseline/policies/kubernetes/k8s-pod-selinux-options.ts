import { objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, atPod, podSecurityContextOf, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { Props, resourcePolicy } from "../../lib/policy";

/** SELinux types the Pod Security Standards allow (container_engine_t since v1.31). */
export const allowedSelinuxTypes: readonly string[] = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

function problems(options: Props | undefined): string[] {
    if (options === undefined) {
        return [];
    }
    const found: string[] = [];
    const type = options.type;
    if (type !== undefined && type !== null && type !== "" && !allowedSelinuxTypes.includes(type)) {
        found.push(
            `securityContext.seLinuxOptions.type is ${JSON.stringify(type)}; use one of ${allowedSelinuxTypes.join(", ")} or leave it unset.`,
        );
    }
    for (const field of ["user", "role"]) {
        const value = options[field];
        if (value !== undefined && value !== null && value !== "") {
            found.push(`securityContext.seLinuxOptions.${field} is ${JSON.stringify(value)}; remove it.`);
        }
    }
    return found;
}

/** WL-7 (SELinux): only the container SELinux types, and no custom SELinux user or role. */
export const k8sPodSelinuxOptions = resourcePolicy({
    name: "k8s-pod-selinux-options",
    description:
        "Pods and containers set no custom SELinux user or role, and an SELinux type only from container_t, " +
        "container_init_t, container_kvm_t, container_engine_t. References: Pod Security Standards Baseline 'SELinux'; " +
        "NSA/CISA Kubernetes Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-7"],
    scopeControls: ["WL-13"],
    remediationSteps: "Remove seLinuxOptions.user and .role, and set seLinuxOptions.type to container_t or leave it unset.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            for (const problem of problems(objectOf(podSecurityContextOf(pod).seLinuxOptions))) {
                report(`${atPod(pod)}: ${problem}`);
            }
            for (const container of pod.containers) {
                for (const problem of problems(objectOf(securityContextOf(container).seLinuxOptions))) {
                    report(`${atContainer(container)}: ${problem}`);
                }
            }
        }
    },
});
