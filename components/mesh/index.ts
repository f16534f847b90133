import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { childName } from "../shared/naming";
import { MESH_NAMESPACE, POD_SECURITY_VERSION, podSecurityLabels, systemNamespace } from "../shared/kubernetes";
import {
    DEFAULT_ISTIO_VERSION,
    DEFAULT_TRUST_DOMAIN,
    ISTIO_CHART_REPOSITORY,
    MeshMode,
    ServiceMeshArgs,
    validateServiceMeshArgs,
} from "./args";
import {
    IstioManifest,
    accessLoggingTelemetry,
    authorizationPolicies,
    defaultDenyAuthorizationPolicy,
    strictPeerAuthentication,
} from "./policies";
import { IstioRelease, istioReleases } from "./releases";

export * from "./args";
export * from "./policies";
export * from "./releases";

/**
 * Istio from pinned charts of the official repository (MESH-1) with the CNI node agent, so
 * restricted pods join without privileged init containers (MESH-4); mesh-wide STRICT mTLS
 * (MESH-2); deny-by-default authorization with explicit allows from the service map (MESH-3);
 * Envoy access logs on (LOG-6).
 *
 * istio-system enforces the `privileged` Pod Security level because the CNI agent (and
 * ztunnel) run there; it is listed with the reason in SYSTEM_NAMESPACES, and audit/warn stay
 * `restricted` so every exception is visible.
 */
export class ServiceMesh extends pulumi.ComponentResource {
    public readonly namespace: k8s.core.v1.Namespace;
    /** Helm releases by key (base, cni, istiod, ztunnel). */
    public readonly releases: Record<string, k8s.helm.v3.Release>;
    public readonly istioVersion: string;
    public readonly mode: MeshMode;
    /** `<namespace>/<name>` of every AuthorizationPolicy, the default deny first. */
    public readonly authorizationPolicyNames: string[];

    constructor(name: string, args: ServiceMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("ServiceMesh", validateServiceMeshArgs(args));
        super("baseline:mesh:ServiceMesh", name, {}, opts);
        this.istioVersion = args.istioVersion ?? DEFAULT_ISTIO_VERSION;
        this.mode = args.mode ?? "sidecar";
        const repository = args.chartRepository ?? ISTIO_CHART_REPOSITORY;
        const childOpts = { parent: this, provider: args.provider };

        this.namespace = new k8s.core.v1.Namespace(
            childName(name, MESH_NAMESPACE),
            {
                metadata: {
                    name: MESH_NAMESPACE,
                    labels: podSecurityLabels(systemNamespace(MESH_NAMESPACE)!.enforce, args.podSecurityVersion ?? POD_SECURITY_VERSION),
                },
            },
            childOpts,
        );

        this.releases = {};
        for (const release of istioReleases(this.mode)) {
            this.releases[release.key] = this.release(name, release, repository, childOpts);
        }

        // Istio resources wait for istiod: its validating webhook must be serving, and base's CRDs present.
        const crOpts = { ...childOpts, dependsOn: [this.releases.base!, this.releases.istiod!] };
        const custom = (manifest: IstioManifest) =>
            new k8s.apiextensions.CustomResource(
                childName(name, `${manifest.metadata.namespace}-${manifest.metadata.name}`),
                manifest,
                crOpts,
            );
        custom(strictPeerAuthentication());
        custom(accessLoggingTelemetry());
        const policies = [
            defaultDenyAuthorizationPolicy(),
            ...authorizationPolicies(args.authorizations ?? [], args.trustDomain ?? DEFAULT_TRUST_DOMAIN),
        ];
        policies.forEach(custom);
        this.authorizationPolicyNames = policies.map((policy) => `${policy.metadata.namespace}/${policy.metadata.name}`);

        this.registerOutputs({
            namespace: MESH_NAMESPACE,
            istioVersion: this.istioVersion,
            mode: this.mode,
            authorizationPolicyNames: this.authorizationPolicyNames,
        });
    }

    private release(
        name: string,
        release: IstioRelease,
        repository: string,
        childOpts: { parent: pulumi.Resource; provider: k8s.Provider },
    ): k8s.helm.v3.Release {
        return new k8s.helm.v3.Release(
            childName(name, release.name),
            {
                name: release.name,
                chart: release.chart,
                version: this.istioVersion,
                repositoryOpts: { repo: repository },
                namespace: this.namespace.metadata.name,
                createNamespace: false,
                values: release.values,
                // Wait for readiness, so the next release and the Istio resources find a serving control plane.
                skipAwait: false,
            },
            { ...childOpts, dependsOn: release.after.map((key) => this.releases[key]!) },
        );
    }
}
