/**
 * The AWS layer of the baseline: keys, network, private cluster, identities, the SSM access
 * host and the audit trail, composed from the validated stack config. Stacks differ only by
 * config; every hardened default lives in the components.
 */
import * as pulumi from "@pulumi/pulumi";
import { SsmAccessHost } from "../components/access-host";
import { AuditTrail } from "../components/audit";
import { PrivateCluster } from "../components/cluster";
import { ClusterIdentity } from "../components/identity";
import { EncryptionKeys } from "../components/kms";
import { Network } from "../components/network";
import { EbsEncryptionDefaults } from "../components/storage";
import { BaselineConfig } from "./config";

export interface AwsLayer {
    keys: EncryptionKeys;
    network: Network;
    cluster: PrivateCluster;
    identity: ClusterIdentity;
    accessHost: SsmAccessHost;
    audit: AuditTrail;
    /** Account-level EBS encryption defaults (SEC-8); absent with the shared-account opt-out. */
    ebsDefaults?: EbsEncryptionDefaults;
}

/** One element of an output array, as an input of its own (the length is known from config). */
function elementOf(list: pulumi.Output<string[]>, index: number): pulumi.Output<string> {
    return list.apply((items) => items[index]!);
}

export function composeAwsLayer(config: BaselineConfig): AwsLayer {
    const name = config.cluster.name;
    const { protect } = config.protection;
    const account = { accountId: config.accountId, region: config.region };

    const keys = new EncryptionKeys(name, { ...account, protect });
    const network = new Network(name, {
        ...account,
        cidrBlock: config.network.cidr,
        availabilityZones: config.network.availabilityZones,
        clusterName: name,
        egress: config.network.egress,
        natGateways: config.network.natGateways,
        flowLogRetentionDays: config.network.flowLogRetentionDays,
        logKeyArn: keys.logsKeyArn,
        protect,
    });
    const privateSubnetIds = config.network.availabilityZones.map((_, index) => elementOf(network.privateSubnetIds, index));

    const cluster = new PrivateCluster(name, {
        environment: config.environment,
        clusterName: name,
        version: config.cluster.kubernetesVersion,
        minimumVersion: config.cluster.minimumKubernetesVersion,
        supportType: config.cluster.upgradeSupportType,
        subnetIds: privateSubnetIds,
        secretsKeyArn: keys.secretsKeyArn,
        logsKeyArn: keys.logsKeyArn,
        ebsKeyArn: keys.ebsKeyArn,
        ebsKeyAlias: keys.ebsKeyAlias,
        ...account,
        compute: {
            mode: config.cluster.compute,
            karpenterVersion: config.cluster.karpenter?.version,
            bottlerocketVersion: config.cluster.karpenter?.bottlerocketVersion,
        },
        logRetentionDays: config.cluster.logRetentionDays,
        publicEndpoint: config.cluster.publicEndpoint ? { cidrs: config.cluster.publicEndpoint.cidrs } : undefined,
        deletionProtection: config.cluster.deletionProtection,
        protect,
        addonVersions: config.cluster.addons,
        nodeControlContainer: config.cluster.nodeControlContainer,
        nodeGroups: config.cluster.nodeGroups.map((group) => ({
            name: group.name,
            sensitivity: group.sensitivity,
            instanceTypes: group.instanceTypes,
            scaling: { min: group.minSize, desired: group.desiredSize, max: group.maxSize },
            diskSizeGiB: group.diskSizeGiB,
        })),
    });

    const identity = new ClusterIdentity(name, {
        cluster,
        oidc: config.identity.oidc,
        platformAdmin: { roleArn: config.identity.platformAdminRoleArn },
        deployer: config.identity.deployRoleArn ? { roleArn: config.identity.deployRoleArn } : undefined,
        // The access entry maps the role into the group OidcRbac binds to cluster-admin (IAM-5, IAM-6).
        breakGlass: { trustedPrincipalArns: config.identity.breakGlassRoleTrustedPrincipals, group: config.rbac.breakGlassGroup },
        irsa: config.identity.irsa,
        ...account,
    });

    const accessHost = new SsmAccessHost(name, {
        enabled: config.accessHost.enabled,
        cluster,
        vpcId: network.vpcId,
        vpcCidr: network.vpcCidr,
        subnetId: privateSubnetIds[0]!,
        instanceType: config.accessHost.instanceType,
        ebsKeyArn: keys.ebsKeyArn,
        logsKeyArn: keys.logsKeyArn,
        logsKeyAlias: keys.logsKeyAlias,
        accountId: config.accountId,
        sessionLogRetentionDays: config.accessHost.sessionLogRetentionDays,
        nightlyStop: config.accessHost.nightlyStop ?? undefined,
        region: config.region,
        localPort: config.clusterAccess.localPort,
        protect,
    });

    const audit = new AuditTrail(name, {
        ...account,
        clusterName: name,
        controlPlaneLogGroupName: cluster.controlPlaneLogGroupName,
        // Session logs go to the archive bucket only with baseline:accessHost.sessionLogsToS3.
        sessionLogGroupName: config.accessHost.sessionLogsToS3 ? accessHost.sessionLogGroupName : undefined,
        logsKeyArn: keys.logsKeyArn,
        logsKeyAlias: keys.logsKeyAlias,
        alarmTopicKeyArn: keys.alarmsKeyArn,
        breakGlass: { roleArn: identity.breakGlassRoleArn, group: identity.breakGlassGroup },
        alarmEmail: config.audit.alarmEmail,
        serviceAccountSecretReaders: config.audit.serviceAccountSecretReaders,
        archive: config.audit.archive.enabled
            ? { enabled: true, objectLock: config.audit.archive.objectLock ? undefined : false }
            : { enabled: false },
        protect,
    });

    // SEC-8: every new volume in the account and region is encrypted with the EBS key.
    const ebsDefaults = config.storage.accountEncryptionDefaults
        ? new EbsEncryptionDefaults(name, { ebsKeyArn: keys.ebsKeyArn })
        : undefined;

    return { keys, network, cluster, identity, accessHost, audit, ebsDefaults };
}
