/**
 * PrivateCluster: an EKS cluster that is private, encrypted, fully logged and API-authenticated
 * by default, with pinned add-ons and hardened Bottlerocket managed node groups.
 *
 * ```ts
 * const cluster = new PrivateCluster("prod", {
 *     environment: "prod", version: "1.33", minimumVersion: "1.32",
 *     subnetIds: network.privateSubnetIds,
 *     secretsKeyArn: keys.secretsKeyArn, logsKeyArn: keys.logsKeyArn, ebsKeyArn: keys.ebsKeyArn,
 *     nodeGroups: [
 *         { name: "system", sensitivity: "system", instanceTypes: ["m7g.large"], scaling: { min: 2, max: 3, desired: 2 } },
 *         { name: "workloads", sensitivity: "internal", instanceTypes: ["m7g.xlarge"], scaling: { min: 3, max: 9, desired: 3 } },
 *     ],
 * });
 * ```
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrustPolicy } from "../identity/policies";
import { assertNoProblems } from "../shared/errors";
import { toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { addonSpecs } from "./addons";
import { NodeGroupSpec, PrivateClusterArgs, resolveAddonVersions, validatePrivateClusterArgs } from "./args";
import {
    bottlerocketAmiType,
    bottlerocketBlockDevices,
    defaultDataVolumeGiB,
    nodeLabels,
    nodeMetadataOptions,
    nodeTaints,
} from "./node-groups";
import {
    clusterManagedPolicies,
    clusterTrustPolicy,
    nodeManagedPolicies,
    nodeTrustPolicy,
    vpcCniManagedPolicy,
    vpcCniServiceAccount,
} from "./policies";
import { bottlerocketUserData, encodeUserData } from "./user-data";
import { managedPolicyArn } from "../shared/arns";

export * from "./addons";
export * from "./args";
export * from "./node-groups";
export * from "./policies";
export * from "./user-data";

/** All five control-plane log types (LOG-1). */
export const controlPlaneLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** The log group EKS writes control-plane logs to; it must exist before the cluster (LOG-2). */
export function controlPlaneLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

/** Builds the cluster's `vpcConfig`: private endpoint always, public only through the named opt-out (NET-1). */
export function clusterVpcConfig(
    args: Pick<PrivateClusterArgs, "subnetIds" | "securityGroupIds" | "publicEndpoint">,
): aws.types.input.eks.ClusterVpcConfig {
    const base = {
        subnetIds: args.subnetIds,
        securityGroupIds: args.securityGroupIds,
        endpointPrivateAccess: true,
    };
    return args.publicEndpoint
        ? {
              ...base,
              endpointPublicAccess: true,
              publicAccessCidrs: [...args.publicEndpoint.cidrs],
          }
        : { ...base, endpointPublicAccess: false };
}

/** A private EKS cluster with hardened managed node groups. Type token `baseline:cluster:PrivateCluster`. */
export class PrivateCluster extends pulumi.ComponentResource {
    /** EKS cluster name. */
    public readonly clusterName: pulumi.Output<string>;
    /** EKS cluster ARN (for IAM resources scoped to this cluster). */
    public readonly clusterArn: pulumi.Output<string>;
    /** Private API endpoint URL. */
    public readonly endpoint: pulumi.Output<string>;
    /** Base64 cluster CA bundle. */
    public readonly certificateAuthorityData: pulumi.Output<string>;
    /** OIDC issuer URL of the cluster (IRSA). */
    public readonly oidcIssuerUrl: pulumi.Output<string>;
    /** Security group EKS created for the control plane and nodes. */
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** Node IAM role ARN. */
    public readonly nodeRoleArn: pulumi.Output<string>;
    /** `/aws/eks/<clusterName>/cluster`. */
    public readonly controlPlaneLogGroupName: pulumi.Output<string>;
    /** EKS names of the managed node groups, in Args order. */
    public readonly nodeGroupNames: pulumi.Output<string[]>;
    /** The EKS cluster resource, for `dependsOn` in other components. */
    public readonly eksCluster: aws.eks.Cluster;

    constructor(name: string, args: PrivateClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("PrivateCluster", validatePrivateClusterArgs(name, args));
        super("baseline:cluster:PrivateCluster", name, {}, opts);

        const isProd = args.environment === "prod";
        const protect = args.protect ?? isProd;
        const partition = args.partition ?? "aws";
        const clusterName = args.clusterName ?? name;
        const controlContainer = args.nodeControlContainer ?? false;
        const tags = (resourceName: string) => ({
            ...(args.tags ?? {}),
            ...baselineTags(resourceName),
        });
        const child = (part: string) => childName(name, part);

        // LOG-2: the log group exists, encrypted and with retention, before EKS would create an
        // unencrypted, never-expiring one on first write.
        const logGroupResourceName = child("control-plane-logs");
        const logGroup = new aws.cloudwatch.LogGroup(
            logGroupResourceName,
            {
                name: controlPlaneLogGroupName(clusterName),
                kmsKeyId: args.logsKeyArn,
                retentionInDays: args.logRetentionDays ?? 365,
                deletionProtectionEnabled: protect,
                tags: tags(logGroupResourceName),
            },
            { parent: this, protect, retainOnDelete: protect },
        );

        const clusterRoleName = child("cluster-role");
        const clusterRole = new aws.iam.Role(
            clusterRoleName,
            {
                assumeRolePolicy: toJson(clusterTrustPolicy()),
                description: `EKS control plane of ${clusterName}`,
                tags: tags(clusterRoleName),
            },
            { parent: this },
        );
        const clusterRoleAttachments = clusterManagedPolicies.map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    child(`cluster-role-${policy}`),
                    {
                        role: clusterRole.name,
                        policyArn: managedPolicyArn(policy, partition),
                    },
                    { parent: this },
                ),
        );

        const clusterResourceName = child("cluster");
        const cluster = new aws.eks.Cluster(
            clusterResourceName,
            {
                name: clusterName,
                version: args.version,
                roleArn: clusterRole.arn,
                vpcConfig: clusterVpcConfig(args),
                // SEC-1: Secrets envelope-encrypted with the customer-managed key.
                encryptionConfig: {
                    resources: ["secrets"],
                    provider: { keyArn: args.secretsKeyArn },
                },
                enabledClusterLogTypes: [...controlPlaneLogTypes],
                // IAM-4: access entries only (no aws-auth ConfigMap); the creator gets no implicit admin.
                accessConfig: {
                    authenticationMode: "API",
                    bootstrapClusterCreatorAdminPermissions: false,
                },
                upgradePolicy: { supportType: args.supportType ?? "STANDARD" },
                deletionProtection: args.deletionProtection ?? isProd,
                // The baseline installs vpc-cni, kube-proxy and CoreDNS as pinned managed add-ons.
                bootstrapSelfManagedAddons: false,
                tags: tags(clusterResourceName),
            },
            {
                parent: this,
                dependsOn: [logGroup, ...clusterRoleAttachments],
                protect,
                retainOnDelete: protect,
            },
        );

        const nodeRoleName = child("node-role");
        const nodeRole = new aws.iam.Role(
            nodeRoleName,
            {
                assumeRolePolicy: toJson(nodeTrustPolicy()),
                description: `Managed nodes of ${clusterName}`,
                tags: tags(nodeRoleName),
            },
            { parent: this },
        );
        const nodeRoleAttachments = nodeManagedPolicies(controlContainer).map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    child(`node-role-${policy}`),
                    {
                        role: nodeRole.name,
                        policyArn: managedPolicyArn(policy, partition),
                    },
                    { parent: this },
                ),
        );

        // IAM-7: the CNI's ENI rights go to the aws-node service account, not to every pod on the node.
        const cniRoleName = child("vpc-cni-role");
        const cniRole = new aws.iam.Role(
            cniRoleName,
            {
                assumeRolePolicy: toJson(podIdentityTrustPolicy(clusterName, vpcCniServiceAccount.namespace, vpcCniServiceAccount.name)),
                description: `VPC CNI (aws-node) of ${clusterName} through EKS Pod Identity`,
                tags: tags(cniRoleName),
            },
            { parent: this },
        );
        const cniRoleAttachment = new aws.iam.RolePolicyAttachment(
            child(`vpc-cni-role-${vpcCniManagedPolicy}`),
            {
                role: cniRole.name,
                policyArn: managedPolicyArn(vpcCniManagedPolicy, partition),
            },
            { parent: this },
        );

        const addons: Record<string, aws.eks.Addon> = {};
        const createAddon = (spec: ReturnType<typeof addonSpecs>[number], dependsOn: pulumi.Resource[]) => {
            const addonName = child(spec.key);
            addons[spec.key] = new aws.eks.Addon(
                addonName,
                {
                    clusterName: cluster.name,
                    addonName: spec.addonName,
                    addonVersion: spec.addonVersion,
                    configurationValues: spec.configurationValues,
                    // The add-on's configuration is owned by this code: drift is overwritten.
                    resolveConflictsOnCreate: "OVERWRITE",
                    resolveConflictsOnUpdate: "OVERWRITE",
                    podIdentityAssociations:
                        spec.key === "vpc-cni"
                            ? [
                                  {
                                      roleArn: cniRole.arn,
                                      serviceAccount: vpcCniServiceAccount.name,
                                  },
                              ]
                            : undefined,
                    tags: tags(addonName),
                },
                { parent: this, dependsOn },
            );
            return addons[spec.key]!;
        };
        const specs = addonSpecs(resolveAddonVersions(args));
        const beforeNodes: aws.eks.Addon[] = [];
        for (const spec of specs.filter((candidate) => candidate.phase === "before-nodes")) {
            const dependsOn: pulumi.Resource[] = spec.key === "vpc-cni" ? [addons["pod-identity-agent"]!, cniRoleAttachment] : [];
            beforeNodes.push(createAddon(spec, dependsOn));
        }

        const userData = encodeUserData(bottlerocketUserData({ controlContainer }));
        const nodeGroups = args.nodeGroups.map((group) =>
            this.nodeGroup(name, clusterName, group, {
                cluster,
                nodeRoleArn: nodeRole.arn,
                subnetIds: args.subnetIds,
                ebsKeyArn: args.ebsKeyArn,
                userData,
                tags,
                dependsOn: [...beforeNodes, ...nodeRoleAttachments],
            }),
        );

        for (const spec of specs.filter((candidate) => candidate.phase === "after-nodes")) {
            createAddon(spec, nodeGroups);
        }

        this.eksCluster = cluster;
        this.clusterName = cluster.name;
        this.clusterArn = cluster.arn;
        this.endpoint = cluster.endpoint;
        this.certificateAuthorityData = cluster.certificateAuthority.data;
        this.oidcIssuerUrl = cluster.identities.apply((identities) => identities?.[0]?.oidcs?.[0]?.issuer ?? "");
        this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
        this.nodeRoleArn = nodeRole.arn;
        this.controlPlaneLogGroupName = logGroup.name;
        this.nodeGroupNames = pulumi.all(nodeGroups.map((nodeGroup) => nodeGroup.nodeGroupName));

        this.registerOutputs({
            clusterName: this.clusterName,
            clusterArn: this.clusterArn,
            endpoint: this.endpoint,
            certificateAuthorityData: this.certificateAuthorityData,
            oidcIssuerUrl: this.oidcIssuerUrl,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            nodeRoleArn: this.nodeRoleArn,
            controlPlaneLogGroupName: this.controlPlaneLogGroupName,
            nodeGroupNames: this.nodeGroupNames,
        });
    }

    /** One hardened managed node group with its own launch template. */
    private nodeGroup(
        name: string,
        clusterName: string,
        group: NodeGroupSpec,
        context: {
            cluster: aws.eks.Cluster;
            nodeRoleArn: pulumi.Output<string>;
            subnetIds: PrivateClusterArgs["subnetIds"];
            ebsKeyArn: pulumi.Input<string>;
            userData: string;
            tags: (resourceName: string) => Record<string, string>;
            dependsOn: pulumi.Resource[];
        },
    ): aws.eks.NodeGroup {
        const groupName = childName(name, `${group.name}-nodes`);
        const templateName = childName(name, `${group.name}-launch-template`);
        const launchTemplate = new aws.ec2.LaunchTemplate(
            templateName,
            {
                description: `Bottlerocket nodes of ${clusterName}/${group.name}`,
                // NET-9: IMDSv2 only, hop limit 1.
                metadataOptions: { ...nodeMetadataOptions },
                // SEC-3: OS and data volumes encrypted with the customer-managed EBS key.
                blockDeviceMappings: bottlerocketBlockDevices(context.ebsKeyArn, group.diskSizeGiB ?? defaultDataVolumeGiB),
                userData: context.userData,
                updateDefaultVersion: true,
                tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
                    resourceType,
                    tags: context.tags(groupName),
                })),
                tags: context.tags(templateName),
            },
            { parent: this },
        );
        return new aws.eks.NodeGroup(
            groupName,
            {
                clusterName: context.cluster.name,
                nodeGroupName: `${clusterName}-${group.name}`,
                version: context.cluster.version,
                nodeRoleArn: context.nodeRoleArn,
                // NET-2: private subnets only; NODE-2: no remoteAccess block, no key pair.
                subnetIds: context.subnetIds,
                amiType: bottlerocketAmiType(group.instanceTypes),
                instanceTypes: [...group.instanceTypes],
                scalingConfig: {
                    minSize: group.scaling.min,
                    maxSize: group.scaling.max,
                    desiredSize: group.scaling.desired,
                },
                updateConfig: { maxUnavailable: 1 },
                labels: nodeLabels(group.sensitivity),
                taints: nodeTaints(group.sensitivity),
                launchTemplate: {
                    id: launchTemplate.id,
                    version: launchTemplate.latestVersion.apply(String),
                },
                tags: context.tags(groupName),
            },
            { parent: this, dependsOn: context.dependsOn },
        );
    }
}
