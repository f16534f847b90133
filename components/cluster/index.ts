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
import { autoModeClusterManagedPolicies, autoModeClusterSettings } from "./auto-mode";
import { ComputeMode, DEFAULT_BOTTLEROCKET_VERSION, DEFAULT_KARPENTER_VERSION } from "./compute";
import { autoModeNodeResources, karpenterAwsResources } from "./compute-resources";
import { ebsCsiManagedPolicy, ebsCsiServiceAccount, ebsKeyUsePolicy, ebsKeyUseStatements } from "./ebs-csi";
import { KmsKeyRef } from "../shared/arns";

export * from "./addons";
export * from "./args";
export * from "./auto-mode";
export * from "./compute";
export * from "./ebs-csi";
export * from "./karpenter";
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
    /** Where nodes come from (NODE-5); components/compute creates the in-cluster half from it. */
    public readonly computeMode: ComputeMode;
    /**
     * Name of the role the baseline's NodeClass / EC2NodeClass gives nodes (`autoMode`,
     * `karpenter`); undefined with managed node groups.
     */
    public readonly computeNodeRoleName?: pulumi.Output<string>;
    /** Karpenter's SQS interruption queue (`karpenter` mode). */
    public interruptionQueueName?: pulumi.Output<string>;
    /** Karpenter chart and Bottlerocket release (`karpenter` mode). */
    public karpenterVersions?: { chart: string; bottlerocket: string };
    /** The private subnets nodes may use (NET-2); NodeClasses select exactly these. */
    public readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The EBS key nodes and persistent volumes are encrypted with (SEC-3, SEC-8). */
    public readonly ebsKeyArn: pulumi.Input<string>;

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
        const mode: ComputeMode = args.compute?.mode ?? "managedNodeGroups";
        const autoMode = mode === "autoMode";
        // IAM statements name the EBS key by alias when the account scope is known, so they are known at preview.
        const ebsKeyRef: pulumi.Output<KmsKeyRef> =
            args.ebsKeyAlias !== undefined && args.accountId !== undefined && args.region !== undefined
                ? pulumi.output(args.ebsKeyAlias).apply((alias) => ({
                      alias,
                      scope: { partition, region: args.region!, accountId: args.accountId! },
                  }))
                : pulumi.output(args.ebsKeyArn);

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
        const clusterPolicies: readonly string[] = autoMode ? autoModeClusterManagedPolicies : clusterManagedPolicies;
        const clusterRoleAttachments: pulumi.Resource[] = clusterPolicies.map(
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
        if (autoMode) {
            // Auto Mode creates node volumes as the cluster role, encrypted with the EBS key (SEC-3).
            clusterRoleAttachments.push(
                new aws.iam.RolePolicy(
                    child("cluster-role-ebs-key"),
                    { role: clusterRole.name, policy: ebsKeyRef.apply((key) => toJson(ebsKeyUsePolicy(key, "AutoMode"))) },
                    { parent: this },
                ),
            );
        }

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
                // The baseline installs vpc-cni, kube-proxy and CoreDNS as pinned managed add-ons
                // (or Auto Mode runs them); EKS's unmanaged copies would be unpinned.
                bootstrapSelfManagedAddons: false,
                // NODE-5: compute, block storage and load balancing on together, built-in pools off.
                ...(autoMode ? autoModeClusterSettings() : {}),
                tags: tags(clusterResourceName),
            },
            {
                parent: this,
                dependsOn: [logGroup, ...clusterRoleAttachments],
                protect,
                retainOnDelete: protect,
            },
        );

        const context = { parent: this, child, tags, cluster, clusterName, partition };
        const managedNodes = autoMode ? undefined : this.managedNodeRole(context, controlContainer);

        // IAM-7: the CNI's ENI rights go to the aws-node service account, not to every pod on the node.
        // SEC-8: the EBS CSI controller gets the driver policy and the EBS key, nothing else.
        const podRoles: Record<string, aws.iam.Role> = {};
        const podRoleDependencies: pulumi.Resource[] = [];
        if (!autoMode) {
            const podRole = (key: string, serviceAccount: { namespace: string; name: string }, policy: string, what: string) => {
                const roleName = child(`${key}-role`);
                const role = new aws.iam.Role(
                    roleName,
                    {
                        assumeRolePolicy: toJson(podIdentityTrustPolicy(clusterName, serviceAccount.namespace, serviceAccount.name)),
                        description: `${what} of ${clusterName} through EKS Pod Identity`,
                        tags: tags(roleName),
                    },
                    { parent: this },
                );
                podRoleDependencies.push(
                    new aws.iam.RolePolicyAttachment(
                        child(`${key}-role-${policy}`),
                        { role: role.name, policyArn: managedPolicyArn(policy, partition) },
                        { parent: this },
                    ),
                );
                podRoles[key] = role;
                return role;
            };
            podRole("vpc-cni", vpcCniServiceAccount, vpcCniManagedPolicy, "VPC CNI (aws-node)");
            const ebsCsiRole = podRole("ebs-csi-driver", ebsCsiServiceAccount, ebsCsiManagedPolicy, "EBS CSI driver");
            podRoleDependencies.push(
                new aws.iam.RolePolicy(
                    child("ebs-csi-driver-role-ebs-key"),
                    { role: ebsCsiRole.name, policy: ebsKeyRef.apply((key) => toJson(ebsKeyUsePolicy(key, "EbsCsi"))) },
                    { parent: this },
                ),
            );
        }
        const serviceAccounts: Record<string, string> = {
            "vpc-cni": vpcCniServiceAccount.name,
            "ebs-csi-driver": ebsCsiServiceAccount.name,
        };

        const addons: Record<string, aws.eks.Addon> = {};
        const createAddon = (spec: ReturnType<typeof addonSpecs>[number], dependsOn: pulumi.Resource[]) => {
            const addonName = child(spec.key);
            const role = podRoles[spec.key];
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
                    podIdentityAssociations: role ? [{ roleArn: role.arn, serviceAccount: serviceAccounts[spec.key]! }] : undefined,
                    tags: tags(addonName),
                },
                { parent: this, dependsOn: role ? [...dependsOn, ...podRoleDependencies] : dependsOn },
            );
            return addons[spec.key]!;
        };
        const specs = addonSpecs(resolveAddonVersions(args), mode);
        const beforeNodes: aws.eks.Addon[] = [];
        for (const spec of specs.filter((candidate) => candidate.phase === "before-nodes")) {
            const dependsOn: pulumi.Resource[] = spec.key === "vpc-cni" ? [addons["pod-identity-agent"]!] : [];
            beforeNodes.push(createAddon(spec, dependsOn));
        }

        const userData = encodeUserData(bottlerocketUserData({ controlContainer }));
        const nodeGroups = managedNodes
            ? args.nodeGroups.map((group) =>
                  this.nodeGroup(name, clusterName, group, {
                      cluster,
                      nodeRoleArn: managedNodes.role.arn,
                      subnetIds: args.subnetIds,
                      ebsKeyArn: args.ebsKeyArn,
                      userData,
                      tags,
                      dependsOn: [...beforeNodes, ...managedNodes.attachments],
                  }),
              )
            : [];

        for (const spec of specs.filter((candidate) => candidate.phase === "after-nodes")) {
            createAddon(spec, nodeGroups);
        }

        let computeNodeRole: aws.iam.Role | undefined;
        if (autoMode) {
            computeNodeRole = autoModeNodeResources(context).role;
        } else if (mode === "karpenter") {
            const karpenter = karpenterAwsResources(context, {
                accountId: args.accountId!,
                region: args.region!,
                ebsKeyStatements: ebsKeyRef.apply((key) => ebsKeyUseStatements(key, "KarpenterNodeVolumes")),
            });
            computeNodeRole = karpenter.nodeRole;
            this.interruptionQueueName = pulumi.output(karpenter.queueName);
            this.karpenterVersions = {
                chart: args.compute?.karpenterVersion ?? DEFAULT_KARPENTER_VERSION,
                bottlerocket: args.compute?.bottlerocketVersion ?? DEFAULT_BOTTLEROCKET_VERSION,
            };
        }

        this.eksCluster = cluster;
        this.computeMode = mode;
        this.computeNodeRoleName = computeNodeRole?.name;
        this.privateSubnetIds = args.subnetIds;
        this.ebsKeyArn = args.ebsKeyArn;
        this.clusterName = cluster.name;
        this.clusterArn = cluster.arn;
        this.endpoint = cluster.endpoint;
        this.certificateAuthorityData = cluster.certificateAuthority.data;
        this.oidcIssuerUrl = cluster.identities.apply((identities) => identities?.[0]?.oidcs?.[0]?.issuer ?? "");
        this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
        this.nodeRoleArn = (managedNodes?.role ?? computeNodeRole)!.arn;
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
            computeMode: this.computeMode,
        });
    }

    /** The role of the managed node groups and its managed policies (IAM-10). */
    private managedNodeRole(
        context: {
            child: (part: string) => string;
            tags: (resourceName: string) => Record<string, string>;
            clusterName: string;
            partition: string;
        },
        controlContainer: boolean,
    ) {
        const nodeRoleName = context.child("node-role");
        const role = new aws.iam.Role(
            nodeRoleName,
            {
                assumeRolePolicy: toJson(nodeTrustPolicy()),
                description: `Managed nodes of ${context.clusterName}`,
                tags: context.tags(nodeRoleName),
            },
            { parent: this },
        );
        const attachments = nodeManagedPolicies(controlContainer).map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    context.child(`node-role-${policy}`),
                    { role: role.name, policyArn: managedPolicyArn(policy, context.partition) },
                    { parent: this },
                ),
        );
        return { role, attachments };
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
