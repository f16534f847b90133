import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { childName } from "../shared/naming";
import { ClusterAccessArgs, ClusterAccessMode, resolveClusterAccessArgs, validateClusterAccessArgs } from "./args";
import { renderKubeconfig } from "./kubeconfig";

export * from "./args";
export * from "./kubeconfig";

/**
 * The Kubernetes provider every in-cluster component deploys through, built from the private
 * cluster's outputs. The kubeconfig carries no static credential (tokens come from
 * `aws eks get-token`) and is marked secret anyway, since it names the private endpoint.
 */
export class ClusterAccess extends pulumi.ComponentResource {
    /** Pass to in-cluster components as their `provider`. */
    public readonly provider: k8s.Provider;
    /** The rendered kubeconfig (secret). */
    public readonly kubeconfig: pulumi.Output<string>;
    /** The API server URL the provider connects to (the endpoint, or the local tunnel). */
    public readonly server: pulumi.Output<string>;
    public readonly mode: ClusterAccessMode;

    constructor(name: string, args: ClusterAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("ClusterAccess", validateClusterAccessArgs(args));
        super("baseline:cluster-access:ClusterAccess", name, {}, opts);
        const resolved = resolveClusterAccessArgs(args);
        this.mode = resolved.mode;

        const rendered = pulumi
            .all([resolved.clusterName, resolved.endpoint, resolved.certificateAuthorityData, resolved.roleArn])
            .apply(([clusterName, endpoint, certificateAuthorityData, roleArn]) =>
                renderKubeconfig({
                    clusterName,
                    endpoint,
                    certificateAuthorityData,
                    region: resolved.region,
                    mode: resolved.mode,
                    localPort: resolved.localPort,
                    roleArn,
                    awsProfile: resolved.awsProfile,
                }),
            );
        this.kubeconfig = pulumi.secret(rendered);
        this.server = rendered.apply(
            (text) => (JSON.parse(text) as { clusters: { cluster: { server: string } }[] }).clusters[0]!.cluster.server,
        );

        this.provider = new k8s.Provider(
            childName(name, "provider"),
            {
                kubeconfig: this.kubeconfig,
                // Explicit so that PULUMI_K8S_* variables on a runner cannot change behaviour:
                // server-side apply makes field conflicts with in-cluster edits visible.
                enableServerSideApply: true,
                // An unreachable private endpoint (tunnel down, runner outside the VPC) must fail
                // the update, never silently drop the cluster's objects from state.
                deleteUnreachable: false,
                skipUpdateUnreachable: false,
            },
            { parent: this },
        );

        this.registerOutputs({ provider: this.provider, kubeconfig: this.kubeconfig, server: this.server, mode: this.mode });
    }
}
