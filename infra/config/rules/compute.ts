import { Rule } from "./context";

/**
 * The compute mode and what it implies (NODE-5): Auto Mode has no managed node groups, and the
 * Karpenter pins belong to the Karpenter mode only. Every mode is allowed in prod.
 */
export const computeRule: Rule = ({ parsed }) => {
    const cluster = parsed.cluster;
    if (!cluster) {
        return [];
    }
    const problems: string[] = [];
    if (cluster.compute === "autoMode" && cluster.nodeGroups.length > 0) {
        problems.push(
            `baseline:cluster.nodeGroups lists ${cluster.nodeGroups.map((group) => group.name).join(", ")} but baseline:cluster.compute is "autoMode"; remove nodeGroups, Auto Mode launches every node from the baseline's NodePools.`,
        );
    }
    if (cluster.karpenter !== undefined && cluster.compute !== "karpenter") {
        problems.push(
            `baseline:cluster.karpenter is set but baseline:cluster.compute is "${cluster.compute}"; remove cluster.karpenter or set compute to "karpenter".`,
        );
    }
    return problems;
};
