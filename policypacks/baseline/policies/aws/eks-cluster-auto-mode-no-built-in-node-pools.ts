import { booleanOf, isRecord, show, stringsOf } from "../../lib/aws-props";
import { eksCluster } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NODE-5: an EKS Auto Mode cluster (`computeConfig.enabled` true) takes its nodes from NodePools
 * on a hardened NodeClass the program declares (judged by k8s-eks-auto-node-class-hardened and
 * k8s-node-pool-hardened-node-class). The built-in pools ("general-purpose", "system") run on
 * AWS's `default` NodeClass, which cannot be changed: its ephemeral storage is encrypted with the
 * AWS managed key, not the customer EBS key NODE-5 asks for, and it uses the cluster's subnets.
 * So built-in pools are a violation here; a non-prod cluster that accepts them can be exempted.
 * https://docs.aws.amazon.com/eks/latest/userguide/set-builtin-node-pools.html
 */
export const eksClusterAutoModeNoBuiltInNodePools = resourcePolicy({
    name: "eks-cluster-auto-mode-no-built-in-node-pools",
    description:
        "EKS Auto Mode clusters (computeConfig.enabled true) leave computeConfig.nodePools empty and run their nodes on NodePools of a hardened NodeClass (ephemeral storage under the customer EBS key, private subnets); the built-in pools use AWS's default NodeClass. Amazon EKS user guide: EKS Auto Mode built-in NodePools.",
    severity: "medium",
    controls: ["NODE-5"],
    remediationSteps:
        "Set computeConfig.nodePools to [] and declare karpenter.sh/v1 NodePools whose nodeClassRef names a hardened eks.amazonaws.com/v1 NodeClass (the baseline's autoMode compute does).",
    example: "computeConfig: { enabled: true, nodePools: [], nodeRoleArn: nodeRole.arn }",
    resourceTypes: [eksCluster],
    validate: ({ props }, report) => {
        const compute = props.computeConfig;
        if (!isRecord(compute) || booleanOf(compute.enabled) !== true) {
            return;
        }
        const pools = stringsOf(compute.nodePools);
        if (pools.length > 0) {
            report(
                `computeConfig.nodePools is ${show(pools)} (built-in pools on AWS's default NodeClass: ephemeral storage under the AWS managed key); set it to [] and declare NodePools on a hardened NodeClass.`,
            );
        }
    },
});
