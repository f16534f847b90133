import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { childName } from "../shared/naming";
import { POD_SECURITY_VERSION } from "../shared/kubernetes";
import { NamespaceBaselineArgs, validateNamespaceBaselineArgs } from "./args";
import { limitRangeManifest, namespaceManifest, networkPolicyManifests, resourceQuotaManifest, serviceAccountManifests } from "./manifests";

export * from "./args";
export * from "./manifests";

/**
 * Team namespaces with the baseline around them (NET-7, WL-12, IAM-8): restricted Pod
 * Security labels at a pinned version, default-deny ingress and egress with DNS (and mesh)
 * allowed, a quota, container defaults and one token-less service account per workload.
 */
export class NamespaceBaseline extends pulumi.ComponentResource {
    /** The namespaces by declared name; depend on these before deploying into them. */
    public readonly namespaces: Record<string, k8s.core.v1.Namespace>;
    /** ServiceAccount names by namespace. */
    public readonly serviceAccountNames: Record<string, string[]>;
    /** Every namespaced child, by namespace (policies, quota, limits, service accounts). */
    public readonly children: Record<string, pulumi.Resource[]>;

    constructor(name: string, args: NamespaceBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("NamespaceBaseline", validateNamespaceBaselineArgs(args));
        super("baseline:namespaces:NamespaceBaseline", name, {}, opts);
        const meshMode = args.meshMode ?? "sidecar";
        const version = args.podSecurityVersion ?? POD_SECURITY_VERSION;
        const childOpts = { parent: this, provider: args.provider };

        this.namespaces = {};
        this.serviceAccountNames = {};
        this.children = {};
        for (const team of args.namespaces) {
            const namespace = new k8s.core.v1.Namespace(childName(name, team.name), namespaceManifest(team, meshMode, version), childOpts);
            this.namespaces[team.name] = namespace;
            // Referencing the namespace's output makes every object wait for the namespace.
            const inNamespace = <T extends { metadata: { name: string; namespace: string } }>(manifest: T) => ({
                ...manifest,
                metadata: { ...manifest.metadata, namespace: namespace.metadata.name },
            });
            const part = (object: string) => childName(name, `${team.name}-${object}`);
            const children: pulumi.Resource[] = [
                ...networkPolicyManifests(team, meshMode).map(
                    (policy) => new k8s.networking.v1.NetworkPolicy(part(policy.metadata.name), inNamespace(policy), childOpts),
                ),
                new k8s.core.v1.ResourceQuota(part("quota"), inNamespace(resourceQuotaManifest(team)), childOpts),
                new k8s.core.v1.LimitRange(part("limits"), inNamespace(limitRangeManifest(team)), childOpts),
                ...serviceAccountManifests(team).map(
                    (account) => new k8s.core.v1.ServiceAccount(part(`sa-${account.metadata.name}`), inNamespace(account), childOpts),
                ),
            ];
            this.children[team.name] = children;
            this.serviceAccountNames[team.name] = serviceAccountManifests(team).map((account) => account.metadata.name);
        }

        this.registerOutputs({
            namespaces: Object.keys(this.namespaces),
            serviceAccountNames: this.serviceAccountNames,
        });
    }
}
