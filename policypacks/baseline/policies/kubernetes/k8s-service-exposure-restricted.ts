import { ExposureConfig, allowedExposedNamespacesProperty } from "../../lib/k8s-exposure";
import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { serviceTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/** The shared exposure allow-list (lib/k8s-exposure.ts): NET-8 and NET-11 policies read one knob. */
export type ServiceExposureConfig = ExposureConfig;

const exposedTypes = ["LoadBalancer", "NodePort"];

/** NET-8: LoadBalancer/NodePort Services and externalIPs only in allow-listed namespaces. */
export const k8sServiceExposureRestricted = resourcePolicy<ServiceExposureConfig>({
    name: "k8s-service-exposure-restricted",
    description:
        "Services of type LoadBalancer or NodePort, and Services with externalIPs, exist only in allowedExposedNamespaces " +
        "(the ingress gateway's namespace). References: CIS Amazon EKS Benchmark 5.4 (cluster networking: limit " +
        "exposure); Kubernetes security checklist 'Network security' (CVE-2020-8554 for externalIPs); NSA/CISA " +
        "Kubernetes Hardening Guide 'Network separation and hardening'.",
    severity: "high",
    controls: ["NET-8"],
    remediationSteps: "Use a ClusterIP Service behind the mesh or ingress gateway, or add the namespace to allowedExposedNamespaces.",
    config: { allowedExposedNamespaces: allowedExposedNamespacesProperty },
    resourceTypes: serviceTypes,
    validate: ({ type, name, props }, report, config) => {
        const allowed = arrayOf(config.allowedExposedNamespaces);
        for (const object of k8sObjects(type, props)) {
            const spec = objectOf(object.object.spec);
            const serviceType = spec?.type;
            const externalIps = arrayOf(spec?.externalIPs);
            const problems: string[] = [];
            if (exposedTypes.includes(serviceType)) {
                problems.push(`spec.type is ${serviceType}`);
            }
            if (externalIps.length > 0) {
                problems.push(`spec.externalIPs is set (${externalIps.length} address${externalIps.length === 1 ? "" : "es"})`);
            }
            if (problems.length === 0) {
                continue;
            }
            const namespace = object.namespace();
            if (allowed.includes(namespace)) {
                continue;
            }
            const service = displayName(() => object.object.metadata?.name, name);
            for (const problem of problems) {
                report(
                    `service "${service}" (${object.path}spec) in namespace "${namespace}": ${problem}; use a ClusterIP Service behind ` +
                        "the gateway, or add the namespace to allowedExposedNamespaces.",
                );
            }
        }
    },
});
