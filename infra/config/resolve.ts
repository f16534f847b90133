/** Applies the defaults that depend on other keys, once every rule has passed. */
import { subnetLayout } from "./cidr";
import { zonesFor } from "./rules/network";
import type { Parsed } from "./schema";
import type { BaselineConfig, OptOut } from "./types";
import { defaultAddonVersions, kubernetesVersionFloor } from "./versions";

interface ResolveContext {
    stack: string;
    region: string;
    optOuts: OptOut[];
}

/** EKS cluster names allow letters, digits, '-' and '_'; stack names may also hold '.'. */
function defaultClusterName(stack: string): string {
    return `baseline-${stack.replace(/[^A-Za-z0-9_-]/g, "-")}`.slice(0, 100);
}

export function resolveConfig(parsed: Parsed, context: ResolveContext): BaselineConfig {
    const { network, cluster, audit, protection, clusterAccess, admission } = parsed;
    const zones = zonesFor(context.region, network.azCount, network.availabilityZones);
    const subnets = subnetLayout(network.cidr, zones.length) ?? { private: [], public: [] };
    return {
        stack: context.stack,
        environment: parsed.environment,
        region: context.region,
        accountId: parsed.accountId,
        deployPhase: parsed.deployPhase,
        network: {
            cidr: network.cidr,
            availabilityZones: zones,
            egress: network.egress,
            ...(network.egress === "nat" ? { natGateways: network.natGateways ?? "perAz" } : {}),
            flowLogRetentionDays: network.flowLogRetentionDays,
            subnets,
        },
        cluster: {
            name: cluster.name ?? defaultClusterName(context.stack),
            kubernetesVersion: cluster.kubernetesVersion,
            minimumKubernetesVersion: cluster.minimumKubernetesVersion ?? kubernetesVersionFloor,
            upgradeSupportType: cluster.upgradeSupportType,
            logRetentionDays: cluster.logRetentionDays,
            deletionProtection: cluster.deletionProtection,
            ...(cluster.publicEndpoint ? { publicEndpoint: cluster.publicEndpoint } : {}),
            nodeControlContainer: cluster.nodeControlContainer,
            addons: { ...defaultAddonVersions, ...cluster.addons },
            nodeGroups: cluster.nodeGroups,
            compute: cluster.compute,
            ...(cluster.karpenter ? { karpenter: cluster.karpenter } : {}),
        },
        identity: parsed.identity,
        accessHost: parsed.accessHost,
        audit: {
            ...(audit.alarmEmail !== undefined ? { alarmEmail: audit.alarmEmail } : {}),
            archive: { enabled: audit.archive.enabled, objectLock: audit.archive.objectLock ?? parsed.environment === "prod" },
            ...(audit.serviceAccountSecretReaders !== undefined ? { serviceAccountSecretReaders: audit.serviceAccountSecretReaders } : {}),
        },
        protection: { protect: protection.enabled, retainOnDelete: protection.enabled },
        clusterAccess:
            clusterAccess.mode === "ssm-tunnel" ? { mode: "ssm-tunnel", localPort: clusterAccess.localPort ?? 8443 } : { mode: "in-vpc" },
        namespaces: parsed.namespaces,
        rbac: parsed.rbac,
        mesh: parsed.mesh,
        secretsDelivery: parsed.secretsDelivery,
        admission: {
            mode: admission.mode,
            allowedRegistries: admission.allowedRegistries ?? [`${parsed.accountId}.dkr.ecr.${context.region}.amazonaws.com`],
            exposedNamespaces: admission.exposedNamespaces,
        },
        runtimeDetection: parsed.runtimeDetection,
        policyPack: {
            rollout: parsed.policyPack.rollout,
            unknowns: parsed.policyPack.unknowns ?? (parsed.environment === "prod" ? "fail" : "preview"),
            promote: parsed.policyPack.promote,
            exemptions: parsed.policyPack.exemptions,
        },
        storage: parsed.storage,
        optOuts: context.optOuts,
    };
}
