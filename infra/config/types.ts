/**
 * The validated stack configuration with every default applied. infra/program.ts turns it into
 * component Args; nothing else reads stack config.
 */
import type { AddonVersions } from "./versions";

export type Environment = "dev" | "staging" | "prod";

/** A control-weakening option in force, listed in the plan and the stack outputs. */
export interface OptOut {
    /** The config key that weakens the control, e.g. `baseline:cluster.publicEndpoint`. */
    key: string;
    /** Control IDs from CONTROLS.md it weakens. */
    weakens: string[];
    /** What is weaker, for humans. */
    detail: string;
}

export interface NetworkConfig {
    cidr: string;
    availabilityZones: string[];
    egress: "none" | "nat";
    /** Set only with egress "nat". */
    natGateways?: "single" | "perAz";
    flowLogRetentionDays: number;
    /** The subnets the network component lays out from `cidr` (zone order). */
    subnets: { private: string[]; public: string[] };
}

export type NodeSensitivity = "system" | "internal" | "internet-facing";

export interface NodeGroupConfig {
    name: string;
    sensitivity: NodeSensitivity;
    instanceTypes: string[];
    minSize: number;
    desiredSize: number;
    maxSize: number;
    diskSizeGiB: number;
}

export interface ClusterConfig {
    name: string;
    kubernetesVersion: string;
    minimumKubernetesVersion: string;
    upgradeSupportType: "STANDARD" | "EXTENDED";
    logRetentionDays: number;
    deletionProtection: boolean;
    /** Present only as the non-prod opt-out (NET-1). */
    publicEndpoint?: { cidrs: string[]; reason: string };
    nodeControlContainer: boolean;
    addons: AddonVersions;
    nodeGroups: NodeGroupConfig[];
    /** Where nodes come from (NODE-5). */
    compute: ComputeMode;
    /** Karpenter pins, only with compute "karpenter". */
    karpenter?: { version?: string; bottlerocketVersion?: string };
}

/** Compute modes of the cluster (NODE-5). */
export type ComputeMode = "managedNodeGroups" | "autoMode" | "karpenter";

export interface StorageConfig {
    /** Account-level EBS encryption by default with the EBS key (SEC-8); false is the opt-out. */
    accountEncryptionDefaults: boolean;
}

export interface IdentityConfig {
    oidc: { issuerUrl: string; clientId: string; usernameClaim: string; groupsClaim: string };
    platformAdminRoleArn: string;
    deployRoleArn?: string;
    breakGlassRoleTrustedPrincipals: string[];
    irsa: boolean;
}

export interface AccessHostConfig {
    enabled: boolean;
    instanceType: string;
    nightlyStop: string | null;
    sessionLogRetentionDays: number;
    sessionLogsToS3: boolean;
}

export interface AuditConfig {
    alarmEmail?: string;
    archive: { enabled: boolean; objectLock: boolean };
    /** Service accounts expected to read Secrets; absent: the AuditTrail's default. */
    serviceAccountSecretReaders?: string[];
}

/** Pulumi resource options for the resources that hold evidence and keys (SEC-7). */
export interface ProtectionConfig {
    protect: boolean;
    retainOnDelete: boolean;
}

export interface ClusterAccessConfig {
    mode: "in-vpc" | "ssm-tunnel";
    /** Set only with mode "ssm-tunnel". */
    localPort?: number;
}

export interface NamespaceConfig {
    name: string;
    team: string;
    quota: { cpu: string; memory: string; pods: number };
}

export interface RbacConfig {
    viewers: string[];
    operators: string[];
    developers: Record<string, string[]>;
    breakGlassGroup: string;
}

export interface WorkloadRef {
    namespace: string;
    serviceAccount: string;
}

export interface MeshConfig {
    enabled: boolean;
    mode: "sidecar" | "ambient";
    istioVersion: string;
    authorizations: { from: WorkloadRef; to: WorkloadRef; ports: number[] }[];
}

export interface AdmissionConfig {
    mode: "Warn" | "Audit" | "Deny";
    allowedRegistries: string[];
    exposedNamespaces: string[];
}

/** An exemption from one policy, as the pack config carries it. */
export interface PolicyExemption {
    resource?: string;
    namespace?: string;
    reason: string;
    expires: string;
}

/** The pack's settings for this stack (the generated pack config's own part). */
export interface PolicyPackConfig {
    rollout: "crawl" | "walk" | "run";
    unknowns: "preview" | "fail";
    promote: string[];
    exemptions: Record<string, PolicyExemption[]>;
}

export type RuntimeDetection = "falco" | "guardduty" | "none";

export interface BaselineConfig {
    stack: string;
    environment: Environment;
    region: string;
    accountId: string;
    /** "aws" deploys only the AWS layer (first run of a two-phase deploy); "full" adds the in-cluster layer. */
    deployPhase: "aws" | "full";
    network: NetworkConfig;
    cluster: ClusterConfig;
    identity: IdentityConfig;
    accessHost: AccessHostConfig;
    audit: AuditConfig;
    protection: ProtectionConfig;
    clusterAccess: ClusterAccessConfig;
    namespaces: NamespaceConfig[];
    rbac: RbacConfig;
    mesh: MeshConfig;
    secretsDelivery: { enabled: boolean; teams: { namespace: string; serviceAccount: string; secretArns: string[] }[] };
    admission: AdmissionConfig;
    runtimeDetection: RuntimeDetection;
    policyPack: PolicyPackConfig;
    storage: StorageConfig;
    /** Every control-weakening option in force. Empty for a fully hardened stack. */
    optOuts: OptOut[];
}
