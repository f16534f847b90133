import { arrayOf, objectOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, atPod, podSecurityContextOf, podSpecsOf, securityContextOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

const hostNamespaces = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** WL-2: no host namespaces, host ports or Windows HostProcess containers. */
export const k8sPodNoHostAccess = resourcePolicy({
    name: "k8s-pod-no-host-access",
    description:
        "Pods share no host namespace (hostNetwork, hostPID, hostIPC), bind no hostPort and run no Windows " +
        "HostProcess container. References: Pod Security Standards Baseline 'Host Namespaces', 'Host Ports', " +
        "'HostProcess'; CIS Amazon EKS Benchmark 4.2.2, 4.2.3, 4.2.4; NSA/CISA Kubernetes Hardening Guide " +
        "'Pod security'.",
    severity: "critical",
    controls: ["WL-2"],
    scopeControls: ["WL-13"],
    remediationSteps:
        "Remove hostNetwork/hostPID/hostIPC (or set them to false), remove hostPort from container ports and " +
        "expose the pod through a Service, and remove securityContext.windowsOptions.hostProcess.",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            for (const field of hostNamespaces) {
                if (pod.spec[field] === true) {
                    report(`${atPod(pod)}: ${field} is true; remove it or set it to false.`);
                }
            }
            if (objectOf(podSecurityContextOf(pod).windowsOptions)?.hostProcess === true) {
                report(`${atPod(pod)}: securityContext.windowsOptions.hostProcess is true; remove it or set it to false.`);
            }
            for (const container of pod.containers) {
                if (objectOf(securityContextOf(container).windowsOptions)?.hostProcess === true) {
                    report(`${atContainer(container)}: securityContext.windowsOptions.hostProcess is true; remove it or set it to false.`);
                }
                arrayOf(container.container.ports).forEach((port, index) => {
                    const hostPort = objectOf(port)?.hostPort;
                    if (hostPort !== undefined && hostPort !== null && hostPort !== 0) {
                        report(
                            `${atContainer(container)}: ports[${index}].hostPort is ${JSON.stringify(hostPort)}; ` +
                                "remove hostPort and expose the pod through a Service.",
                        );
                    }
                });
            }
        }
    },
});
