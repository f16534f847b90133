import { stackPolicy } from "../../lib/policy";
import { istioResources, meshIndicator, namespaceOfObject, rootNamespaceProperty, selectsAllWorkloads } from "./mesh";
import { PlanIndex, describe, isObject } from "./plan";

interface PeerAuthenticationConfig {
    rootNamespace: string;
}

/**
 * MESH-2: without a mesh-wide STRICT PeerAuthentication, Istio accepts plaintext (PERMISSIVE is
 * its default), so mTLS is optional wherever a sidecar or ztunnel is missing.
 */
export const meshPeerAuthenticationStrict = stackPolicy<PeerAuthenticationConfig>({
    name: "mesh-peer-authentication-strict",
    description:
        "Where an Istio mesh is installed, a mesh-wide PeerAuthentication (root namespace, no selector) sets mtls.mode STRICT. Istio security best practices: mutual TLS; NSA/CISA Kubernetes Hardening Guide: Network separation (encrypt traffic).",
    severity: "high",
    controls: ["MESH-2"],
    remediationSteps:
        'Declare a PeerAuthentication named "default" in the root namespace (istio-system) with no selector and spec.mtls.mode "STRICT" (the baseline\'s mesh component does).',
    config: { rootNamespace: rootNamespaceProperty },
    example: [
        'new k8s.apiextensions.CustomResource("mesh-mtls", {',
        '    apiVersion: "security.istio.io/v1",',
        '    kind: "PeerAuthentication",',
        '    metadata: { name: "default", namespace: "istio-system" },',
        '    spec: { mtls: { mode: "STRICT" } },',
        "});",
    ].join("\n"),
    validate: (resources, report, config) => {
        const plan = new PlanIndex(resources);
        const root = typeof config.rootNamespace === "string" ? config.rootNamespace : "istio-system";
        const mesh = meshIndicator(plan, root);
        if (mesh === undefined) {
            return;
        }
        let strict = false;
        for (const peerAuthentication of istioResources(plan, "security.istio.io", "PeerAuthentication")) {
            const spec = peerAuthentication.props?.spec;
            const specObject = isObject(spec) ? spec : {};
            if (namespaceOfObject(peerAuthentication) !== root || !selectsAllWorkloads(specObject)) {
                continue;
            }
            const mtls = specObject.mtls;
            const mode = isObject(mtls) ? mtls.mode : undefined;
            // A mesh-wide policy that is not STRICT is reported by the resource policy
            // k8s-istio-peer-authentication-strict; here: does a STRICT one exist at all?
            if (mode === "STRICT") {
                strict = true;
            }
        }
        if (!strict) {
            report(
                `mesh installed (${describe(mesh)}) but no PeerAuthentication in "${root}" without a selector sets mtls.mode "STRICT", so plaintext traffic is accepted; add one.`,
                mesh.urn,
            );
        }
    },
});
