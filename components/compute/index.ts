/**
 * ClusterCompute: the in-cluster half of the compute modes and the default StorageClass (NODE-5,
 * SEC-8). Created in the second deploy phase, when a Kubernetes provider can reach the cluster:
 * - every mode: the default StorageClass, encrypted gp3 with the EBS key (`ebs.csi.aws.com`, or
 *   Auto Mode's `ebs.csi.eks.amazonaws.com`);
 * - `autoMode`: the hardened NodeClass and one NodePool per sensitivity;
 * - `karpenter`: Karpenter from its official OCI chart at an exact version on the `system`
 *   nodes, then the hardened EC2NodeClass and one NodePool per sensitivity.
 *
 * ```ts
 * new ClusterCompute("prod", { provider, cluster });
 * ```
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KARPENTER_CHART, PrivateCluster, karpenterServiceAccount, sensitivityLabel } from "../cluster";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { defaultStorageClass } from "../storage/storage-class";
import {
    CustomResourceManifest,
    NODE_POOL_SENSITIVITIES,
    autoModeNetworkPolicyConfigMap,
    autoModeNodeClass,
    ec2NodeClass,
    nodePool,
} from "./node-classes";

export * from "./node-classes";

/** Inputs of {@link ClusterCompute}. */
export interface ClusterComputeArgs {
    /** Provider of the cluster (from ClusterAccess). Required. */
    provider: k8s.Provider;
    /** The cluster; its compute mode decides what is created. Required. */
    cluster: PrivateCluster;
}

/**
 * Helm values of the Karpenter release: the cluster and queue it serves, two replicas on the
 * `system` nodes (which tolerate `CriticalAddonsOnly`), as the chart documents them.
 */
export function karpenterValues(clusterName: pulumi.Input<string>, interruptionQueue: pulumi.Input<string>) {
    return {
        settings: { clusterName, interruptionQueue },
        serviceAccount: { name: karpenterServiceAccount.name },
        replicas: 2,
        nodeSelector: { [sensitivityLabel]: "system" },
        tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
    };
}

/** The in-cluster compute objects. Type token `baseline:compute:ClusterCompute`. */
export class ClusterCompute extends pulumi.ComponentResource {
    /** `kind/name` of every node class and pool created, for the plan and tests. */
    public readonly objects: string[];

    constructor(name: string, args: ClusterComputeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("baseline:compute:ClusterCompute", name, {}, opts);
        const childOpts = { parent: this, provider: args.provider };
        const cluster = args.cluster;
        const mode = cluster.computeMode;
        this.objects = [];

        new k8s.storage.v1.StorageClass(
            childName(name, "default-storage-class"),
            defaultStorageClass(mode === "autoMode" ? "ebs.csi.eks.amazonaws.com" : "ebs.csi.aws.com", cluster.ebsKeyArn),
            childOpts,
        );

        if (mode === "managedNodeGroups" || cluster.computeNodeRoleName === undefined) {
            this.registerOutputs({ objects: this.objects });
            return;
        }
        const inputs = {
            role: cluster.computeNodeRoleName,
            subnetIds: cluster.privateSubnetIds,
            securityGroupId: cluster.clusterSecurityGroupId,
            ebsKeyArn: cluster.ebsKeyArn,
            tags: baselineTags(childName(name, "nodes")),
        };
        let dependsOn: pulumi.Resource[] = [];
        let nodeClass: CustomResourceManifest;
        if (mode === "karpenter") {
            const versions = cluster.karpenterVersions!;
            dependsOn = [
                new k8s.helm.v3.Release(
                    childName(name, "karpenter"),
                    {
                        name: "karpenter",
                        chart: KARPENTER_CHART,
                        version: versions.chart,
                        namespace: karpenterServiceAccount.namespace,
                        createNamespace: false,
                        values: karpenterValues(cluster.clusterName, cluster.interruptionQueueName!),
                        skipAwait: false,
                    },
                    childOpts,
                ),
            ];
            nodeClass = ec2NodeClass(inputs, versions.bottlerocket);
        } else {
            new k8s.core.v1.ConfigMap(childName(name, "network-policy-controller"), autoModeNetworkPolicyConfigMap(), childOpts);
            nodeClass = autoModeNodeClass(inputs);
        }
        const custom = (manifest: CustomResourceManifest, after: pulumi.Resource[]) => {
            this.objects.push(`${manifest.kind}/${manifest.metadata.name}`);
            return new k8s.apiextensions.CustomResource(
                childName(name, `${manifest.kind.toLowerCase()}-${manifest.metadata.name}`),
                manifest,
                { ...childOpts, dependsOn: after },
            );
        };
        const classResource = custom(nodeClass, dependsOn);
        for (const sensitivity of NODE_POOL_SENSITIVITIES) {
            custom(nodePool(mode, sensitivity), [classResource]);
        }
        this.registerOutputs({ objects: this.objects });
    }
}
