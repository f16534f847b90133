/**
 * How another team uses the baseline: import the components from the package (here through the
 * repository's barrel; a team outside the repository writes `from "@eks-baseline/hardened-cluster"`)
 * and compose its own cluster. This one differs from infra/: two zones, no NAT, small node groups
 * on Graviton, no service mesh, no access host, the team's own namespaces.
 */
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess, EncryptionKeys, NamespaceBaseline, Network, PrivateCluster, TeamNamespace } from "../../index";

/** Config namespace of the example project (Pulumi.yaml `name`). */
export const consumerProject = "analytics-platform";

/** The team's namespaces: one per pipeline stage, no mesh, one service account per workload. */
export const analyticsNamespaces: TeamNamespace[] = [
    { name: "ingest", team: "analytics", quota: { cpu: "4", memory: "8Gi", pods: 40 }, serviceAccounts: ["collector", "loader"] },
    { name: "warehouse", team: "analytics", quota: { cpu: "8", memory: "32Gi", pods: 20 }, serviceAccounts: ["query-engine"] },
];

/** The program: the stack outputs are what it returns. */
export function consumerProgram(): Record<string, unknown> {
    const region = new pulumi.Config("aws").require("region");
    const accountId = new pulumi.Config(consumerProject).require("accountId");
    const clusterName = `analytics-${pulumi.getStack()}`;

    const keys = new EncryptionKeys("analytics", { accountId, region, aliasPrefix: clusterName });
    const network = new Network("analytics", {
        cidrBlock: "10.64.0.0/18",
        availabilityZones: [`${region}a`, `${region}b`],
        region,
        accountId,
        clusterName,
        // No internet path: images come from ECR through the VPC endpoints (NET-3).
        egress: "none",
        flowLogRetentionDays: 365,
        logKeyArn: keys.logsKeyArn,
    });
    const cluster = new PrivateCluster("analytics", {
        environment: "staging",
        clusterName,
        version: "1.33",
        minimumVersion: "1.32",
        subnetIds: network.privateSubnetIds,
        secretsKeyArn: keys.secretsKeyArn,
        logsKeyArn: keys.logsKeyArn,
        ebsKeyArn: keys.ebsKeyArn,
        logRetentionDays: 365,
        // PrivateCluster always separates cluster add-ons (system) from workloads (NET-10).
        nodeGroups: [
            { name: "system", sensitivity: "system", instanceTypes: ["m7g.large"], scaling: { min: 2, max: 3, desired: 2 } },
            {
                name: "workloads",
                sensitivity: "internal",
                instanceTypes: ["r7g.xlarge"],
                scaling: { min: 1, max: 4, desired: 2 },
                diskSizeGiB: 100,
            },
        ],
        tags: { team: "analytics" },
    });
    const access = new ClusterAccess("analytics", {
        clusterName: cluster.clusterName,
        endpoint: cluster.endpoint,
        certificateAuthorityData: cluster.certificateAuthorityData,
        region,
    });
    new NamespaceBaseline("analytics", { provider: access.provider, namespaces: analyticsNamespaces }, { dependsOn: [cluster] });

    return {
        clusterName: cluster.clusterName,
        endpoint: cluster.endpoint,
        namespaces: analyticsNamespaces.map((namespace) => namespace.name),
    };
}
