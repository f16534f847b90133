import { arrayOf, objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atPod, podSecurityContextOf, podSpecsOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/**
 * The namespaced, isolated sysctls the Pod Security Standards Baseline allows, as of Kubernetes
 * 1.32 (which added net.ipv4.tcp_rmem and net.ipv4.tcp_wmem); the baseline's minimum version.
 */
export const safeSysctls: readonly string[] = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];

/** WL-7 (sysctls): only the safe sysctl set. */
export const k8sPodSafeSysctls = resourcePolicy({
    name: "k8s-pod-safe-sysctls",
    description:
        "Pods set only safe, namespaced sysctls (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, " +
        "net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, " +
        "net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, " +
        "net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem, net.ipv4.tcp_wmem). References: Pod Security Standards Baseline " +
        "'Sysctls'; NSA/CISA Kubernetes Hardening Guide 'Pod security'.",
    severity: "high",
    controls: ["WL-7"],
    scopeControls: ["WL-13"],
    remediationSteps: "Remove the unsafe sysctl from spec.securityContext.sysctls; tune the node instead if it is really needed.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            arrayOf(podSecurityContextOf(pod).sysctls).forEach((sysctl, index) => {
                const name = objectOf(sysctl)?.name;
                if (!safeSysctls.includes(name)) {
                    report(
                        `${atPod(pod)}: securityContext.sysctls[${index}].name is ${JSON.stringify(name)}, not a safe sysctl; remove it.`,
                    );
                }
            });
        }
    },
});
