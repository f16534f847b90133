import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { peerAuthenticationTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

export interface PeerAuthenticationConfig {
    /** Namespaces where PERMISSIVE or DISABLE peer authentication is accepted (migration, legacy clients). */
    allowedPermissiveNamespaces: string[];
}

const weakModes = ["PERMISSIVE", "DISABLE"];

/**
 * MESH-2: no PeerAuthentication weakens mTLS (PERMISSIVE or DISABLE, workload-wide or per port)
 * outside allow-listed namespaces. UNSET inherits from the parent policy (mesh-wide STRICT), so it
 * is fine; a missing mtls block means UNSET.
 * https://istio.io/latest/docs/reference/config/security/peer_authentication/
 */
export const k8sIstioPeerAuthenticationStrict = resourcePolicy<PeerAuthenticationConfig>({
    name: "k8s-istio-peer-authentication-strict",
    description:
        "Istio PeerAuthentication never sets mtls.mode or a portLevelMtls mode to PERMISSIVE or DISABLE outside " +
        "allowedPermissiveNamespaces; STRICT or UNSET (inherit the mesh-wide STRICT policy) only. References: Istio " +
        "security best practices 'Mutual TLS'; NSA/CISA Kubernetes Hardening Guide 'Network separation: encrypt traffic'.",
    severity: "high",
    controls: ["MESH-2"],
    remediationSteps:
        "Set spec.mtls.mode to STRICT (or remove it to inherit the mesh-wide STRICT policy) and drop PERMISSIVE/DISABLE port overrides.",
    config: {
        allowedPermissiveNamespaces: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Namespaces where PERMISSIVE or DISABLE peer authentication is accepted.",
        },
    },
    resourceTypes: peerAuthenticationTypes,
    validate: ({ type, name, props }, report, config) => {
        const allowed = arrayOf(config.allowedPermissiveNamespaces);
        for (const object of k8sObjects(type, props)) {
            const spec = objectOf(object.object.spec);
            const findings: string[] = [];
            const mode = objectOf(spec?.mtls)?.mode;
            if (weakModes.includes(mode)) {
                findings.push(`${object.path}spec.mtls.mode is ${mode}`);
            }
            const ports = objectOf(spec?.portLevelMtls) ?? {};
            for (const port of Object.keys(ports)) {
                const portMode = objectOf(ports[port])?.mode;
                if (weakModes.includes(portMode)) {
                    findings.push(`${object.path}spec.portLevelMtls[${JSON.stringify(port)}].mode is ${portMode}`);
                }
            }
            if (findings.length === 0 || allowed.includes(object.namespace())) {
                continue;
            }
            const policy = displayName(() => object.object.metadata?.name, name);
            for (const finding of findings) {
                report(
                    `peer authentication "${policy}": ${finding}; set it to STRICT (or UNSET to inherit the mesh-wide STRICT ` +
                        "policy), or add the namespace to allowedPermissiveNamespaces.",
                );
            }
        }
    },
});
