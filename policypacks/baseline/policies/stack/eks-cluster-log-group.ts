import { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { PlanIndex, dependencyUrns, describe, knownString } from "./plan";

const clusterType = "aws:eks/cluster:Cluster";
export const logGroupType = "aws:cloudwatch/logGroup:LogGroup";

/** The log group name EKS writes control-plane logs to. */
export function controlPlaneLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

/**
 * LOG-2: if EKS creates the control-plane log group itself, it is unencrypted and never expires;
 * declaring it first (and making the cluster depend on it) keeps it under the baseline's control.
 * The group's own encryption and retention are judged, like every log group's, by the resource
 * policy cloudwatch-log-group-encrypted-retention; this policy checks what only the plan shows.
 */
export const eksClusterLogGroup = stackPolicy({
    name: "eks-cluster-log-group",
    description:
        "Every EKS cluster has its control-plane log group /aws/eks/<cluster>/cluster declared in the plan (encryption and retention: cloudwatch-log-group-encrypted-retention), and the cluster depends on it so the group exists first. CIS Amazon EKS Benchmark 2.1.1 (control plane logging); NSA/CISA Kubernetes Hardening Guide: Audit logging.",
    severity: "high",
    controls: ["LOG-2"],
    remediationSteps:
        'Declare aws.cloudwatch.LogGroup "/aws/eks/<cluster name>/cluster" with retentionInDays and kmsKeyId, and pass it in the cluster\'s dependsOn.',
    example: [
        'const logs = new aws.cloudwatch.LogGroup("cluster-logs", {',
        "    name: `/aws/eks/${clusterName}/cluster`,",
        "    retentionInDays: 365,",
        "    kmsKeyId: key.arn,",
        "});",
        'new aws.eks.Cluster("cluster", { name: clusterName, /* ... */ }, { dependsOn: [logs] });',
    ].join("\n"),
    validate: (resources, report) => {
        const plan = new PlanIndex(resources);
        const clusters = plan.ofType(clusterType);
        if (clusters.length === 0) {
            return;
        }
        const logGroupsByName = new Map<string, PolicyResource>();
        const logGroupsByUrn = new Map<string, PolicyResource>();
        for (const logGroup of plan.ofType(logGroupType)) {
            logGroupsByUrn.set(logGroup.urn, logGroup);
            const name = knownString(() => logGroup.props?.name);
            if (name !== undefined) {
                logGroupsByName.set(name, logGroup);
            }
        }
        for (const cluster of clusters) {
            const clusterName = cluster.props?.name;
            const dependencies = dependencyUrns(cluster);
            const expected = typeof clusterName === "string" ? controlPlaneLogGroupName(clusterName) : undefined;
            let logGroup = expected !== undefined ? logGroupsByName.get(expected) : undefined;
            if (logGroup === undefined) {
                // A log group whose name is not known yet can still be the one, if the cluster depends on it.
                logGroup = [...dependencies]
                    .map((urn) => logGroupsByUrn.get(urn))
                    .find((candidate) => candidate !== undefined && knownString(() => candidate.props?.name) === undefined);
            }
            if (logGroup === undefined) {
                report(
                    `EKS cluster ${describe(cluster)}: no ${logGroupType} named "${expected ?? "/aws/eks/<cluster name>/cluster"}" in the plan, so EKS creates it unencrypted and without retention; declare it with retentionInDays and kmsKeyId and add it to the cluster's dependsOn.`,
                    cluster.urn,
                );
                continue;
            }
            if (!dependencies.has(logGroup.urn)) {
                report(
                    `EKS cluster ${describe(cluster)}: does not depend on its log group ${describe(logGroup)}, so EKS may create the group first; add the log group to the cluster's dependsOn.`,
                    cluster.urn,
                );
            }
        }
    },
});
