import * as pulumi from "@pulumi/pulumi";
import { isDnsLabel } from "../shared/naming";
import { architectureOf } from "./node-groups";
import { isLogRetention } from "../shared/aws";
import { ComputeArgs, validateCompute } from "./compute";

/** Deployment environment; prod refuses every opt-out that weakens a control. */
export type Environment = "dev" | "staging" | "prod";

/**
 * What a node group runs, which decides its label and taint (NET-10):
 * `system` only cluster add-ons, `internal` ordinary workloads, `internet-facing` workloads
 * that terminate traffic from the internet and must not share nodes with internal ones.
 */
export type NodeSensitivity = "system" | "internal" | "internet-facing";

/** One managed node group. */
export interface NodeGroupSpec {
    /** Short name, a DNS label (`system`, `workloads`, `edge`); the node group is `<clusterName>-<name>`. */
    name: string;
    /** Label `baseline.io/sensitivity` and taint by sensitivity (NET-10). */
    sensitivity: NodeSensitivity;
    /**
     * EC2 instance types, all of one architecture; Graviton types (`m7g.large`) get
     * `BOTTLEROCKET_ARM_64`, the others `BOTTLEROCKET_x86_64` (NODE-1).
     */
    instanceTypes: string[];
    /** Auto Scaling bounds; `min <= desired <= max`, `max >= 1`. */
    scaling: { min: number; max: number; desired: number };
    /**
     * Size of the Bottlerocket data volume (`/dev/xvdb`: images, containers, logs) in GiB.
     * Default: 50. Encrypted gp3 with the EBS key either way (SEC-3).
     */
    diskSizeGiB?: number;
}

/** Exact versions of the managed add-ons (NODE-3). */
export interface AddonVersions {
    vpcCni: string;
    coredns: string;
    kubeProxy: string;
    podIdentityAgent: string;
    /** The EBS CSI driver (SEC-8); not installed in Auto Mode, which runs its own. */
    ebsCsiDriver: string;
}

/** Kubernetes version the add-on defaults below were chosen for. */
export const defaultKubernetesVersion = "1.33";

/**
 * Add-on versions for Kubernetes 1.33. Pinned, never "latest": an add-on changes only when this
 * table (or `addonVersions`) changes in a reviewed commit (NODE-3). Refresh with
 * `aws eks describe-addon-versions --kubernetes-version 1.33 --addon-name <name>`.
 */
export const defaultAddonVersions: AddonVersions = {
    vpcCni: "v1.20.0-eksbuild.1",
    coredns: "v1.12.2-eksbuild.4",
    kubeProxy: "v1.33.0-eksbuild.2",
    podIdentityAgent: "v1.3.8-eksbuild.2",
    ebsCsiDriver: "v1.45.0-eksbuild.2",
};

/**
 * A private EKS cluster with encrypted secrets, full control-plane logging, API-only
 * authentication, pinned add-ons and hardened Bottlerocket node groups.
 */
export interface PrivateClusterArgs {
    /** Environment. `prod` refuses `publicEndpoint`, `nodeControlContainer` and turning protection off. */
    environment: Environment;
    /**
     * EKS cluster name. Default: the component's name. Set explicitly on the cluster (never
     * auto-named) so the `/aws/eks/<clusterName>/cluster` log group can exist before it (LOG-2).
     */
    clusterName?: string;
    /** Kubernetes version `"1.NN"`, pinned (NODE-3); must be at least `minimumVersion`. */
    version: string;
    /** Lowest Kubernetes version the baseline accepts, `"1.NN"` (NODE-3). */
    minimumVersion: string;
    /**
     * EKS upgrade policy. Default: `"STANDARD"`: a version leaving standard support is upgraded
     * by EKS rather than running on, at extra cost, in extended support. Set explicitly either way.
     */
    supportType?: "STANDARD" | "EXTENDED";
    /**
     * Private subnet ids for the control-plane ENIs and every node group (NET-2), as a list or as
     * one output of a list: `network.privateSubnetIds` fits directly. No default.
     */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Extra security groups for the control-plane ENIs. Default: none (EKS creates the cluster security group). */
    securityGroupIds?: pulumi.Input<string>[];
    /** Customer-managed KMS key for Kubernetes Secrets envelope encryption (SEC-1). */
    secretsKeyArn: pulumi.Input<string>;
    /** Customer-managed KMS key for the control-plane log group (LOG-2). */
    logsKeyArn: pulumi.Input<string>;
    /** Customer-managed KMS key for node EBS volumes (SEC-3). */
    ebsKeyArn: pulumi.Input<string>;
    /** Control-plane log retention in days, one of the CloudWatch values. Default: 365 (LOG-2). */
    logRetentionDays?: number;
    /**
     * Public API endpoint. Default: none; the API is reachable only inside the VPC (NET-1).
     * Only for non-prod; `cidrs` must not contain 0.0.0.0/0 or ::/0.
     */
    publicEndpoint?: { cidrs: string[] };
    /**
     * EKS deletion protection. Default: on in prod, off elsewhere so dev clusters can be torn
     * down. Turning it off in prod is refused.
     */
    deletionProtection?: boolean;
    /**
     * Pulumi `protect` and `retainOnDelete` on the cluster and its log group (SEC-7). Default: on
     * in prod, off elsewhere. Turning it off in prod is refused.
     */
    protect?: boolean;
    /**
     * Managed node groups. With the default compute mode at least `system` (sensitivity `system`)
     * and `workloads`; with `karpenter` at least `system` (it runs the controller); with `autoMode`
     * none.
     */
    nodeGroups: NodeGroupSpec[];
    /**
     * Where nodes come from (NODE-5). Default: `{ mode: "managedNodeGroups" }`. `autoMode` and
     * `karpenter` keep every node rule of the managed groups (Bottlerocket or the Auto Mode AMI,
     * IMDSv2 with hop limit 1, volumes encrypted with `ebsKeyArn`, private subnets, no public IP).
     */
    compute?: ComputeArgs;
    /** Alias of the EBS key; IAM statements name the key by alias so they are known at preview. Default: the key ARN. */
    ebsKeyAlias?: pulumi.Input<string>;
    /** 12-digit account id; required with `compute.mode` `karpenter` (its policy names ARNs). */
    accountId?: string;
    /** Region of the cluster; required with `compute.mode` `karpenter`. */
    region?: string;
    /**
     * Exact add-on versions. Default: `defaultAddonVersions` (for Kubernetes 1.33); any other
     * `version` needs at least `kubeProxy`, whose minor must match the cluster's.
     */
    addonVersions?: Partial<AddonVersions>;
    /**
     * Bottlerocket's control host container (SSM agent on every node). Default: false; nodes
     * accept no remote sessions at all (NODE-2) and the node role needs no SSM policy. Opt-out
     * for non-prod debugging only.
     */
    nodeControlContainer?: boolean;
    /** AWS partition for managed policy ARNs. Default: `"aws"`. */
    partition?: string;
    /** Extra tags on every child. Default: none; `Name` and the baseline tag are always set. */
    tags?: Record<string, string>;
}

const versionPattern = /^1\.(\d{1,2})$/;
const addonVersionPattern = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;
const clusterNamePattern = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const environments: readonly string[] = ["dev", "staging", "prod"];

/** Minor number of a `"1.NN"` version, or undefined when malformed. */
export function kubernetesMinor(version: string): number | undefined {
    const match = versionPattern.exec(version);
    return match ? Number(match[1]) : undefined;
}

/** The add-on versions the component uses once defaults are applied. */
export function resolveAddonVersions(args: Pick<PrivateClusterArgs, "addonVersions">): AddonVersions {
    return { ...defaultAddonVersions, ...(args.addonVersions ?? {}) };
}

function validatePublicEndpoint(args: PrivateClusterArgs): string[] {
    const endpoint = args.publicEndpoint;
    if (endpoint === undefined) {
        return [];
    }
    if (args.environment === "prod") {
        return [
            "PrivateClusterArgs.publicEndpoint is set for environment prod; the prod API endpoint stays private (NET-1): drop publicEndpoint and reach the API through the access host.",
        ];
    }
    if (endpoint.cidrs.length === 0) {
        return ["PrivateClusterArgs.publicEndpoint.cidrs is empty; list your VPN CIDRs, or drop publicEndpoint to keep the API private."];
    }
    const problems: string[] = [];
    for (const cidr of endpoint.cidrs) {
        const [address, prefix] = cidr.split("/");
        if (!address || prefix === undefined || !/^\d{1,3}$/.test(prefix) || !(address.includes(".") || address.includes(":"))) {
            problems.push(`PrivateClusterArgs.publicEndpoint.cidrs contains "${cidr}", which is not a CIDR; write it as 203.0.113.0/24.`);
        } else if (Number(prefix) === 0) {
            problems.push(
                `PrivateClusterArgs.publicEndpoint.cidrs contains ${cidr}; list your VPN CIDRs, or drop publicEndpoint to keep the API private.`,
            );
        }
    }
    return problems;
}

function validateNodeGroups(groups: NodeGroupSpec[]): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const group of groups) {
        const where = `PrivateClusterArgs.nodeGroups["${group.name}"]`;
        if (!isDnsLabel(group.name)) {
            problems.push(`${where}: name "${group.name}" is not a DNS label; use lower-case letters, digits and '-'.`);
        }
        if (seen.has(group.name)) {
            problems.push(`${where}: the name is used twice; give every node group its own name.`);
        }
        seen.add(group.name);
        if (group.name === "system" && group.sensitivity !== "system") {
            problems.push(`${where}: sensitivity is "${group.sensitivity}"; the system group must have sensitivity "system" (NET-10).`);
        }
        if (group.instanceTypes.length === 0) {
            problems.push(`${where}: instanceTypes is empty; list at least one instance type.`);
        } else {
            const architectures = new Set(group.instanceTypes.map(architectureOf));
            if (architectures.size > 1) {
                problems.push(
                    `${where}: instanceTypes ${group.instanceTypes.join(", ")} mix x86_64 and arm64; split them into one node group per architecture.`,
                );
            }
        }
        const { min, max, desired } = group.scaling;
        if (![min, max, desired].every((value) => Number.isInteger(value) && value >= 0) || max < 1 || min > desired || desired > max) {
            problems.push(
                `${where}: scaling {min: ${min}, desired: ${desired}, max: ${max}} is invalid; use integers with 0 <= min <= desired <= max and max >= 1.`,
            );
        }
        if (group.diskSizeGiB !== undefined && (!Number.isInteger(group.diskSizeGiB) || group.diskSizeGiB < 20)) {
            problems.push(`${where}: diskSizeGiB ${group.diskSizeGiB} is too small; use a whole number of at least 20.`);
        }
    }
    return problems;
}

function validateAddonVersions(args: PrivateClusterArgs): string[] {
    const problems: string[] = [];
    const versions = resolveAddonVersions(args);
    for (const [key, value] of Object.entries(versions)) {
        if (!addonVersionPattern.test(value)) {
            problems.push(
                `PrivateClusterArgs.addonVersions.${key} is "${value}"; pin an exact EKS build such as v1.20.0-eksbuild.1 (NODE-3).`,
            );
        }
    }
    if (versionPattern.test(args.version) && !versions.kubeProxy.startsWith(`v${args.version}.`)) {
        problems.push(
            `PrivateClusterArgs.addonVersions.kubeProxy is ${versions.kubeProxy} but version is ${args.version}; set addonVersions.kubeProxy to a v${args.version}.x-eksbuild.N build.`,
        );
    }
    return problems;
}

/**
 * Every problem with `args`, each naming the argument, the value and the fix; empty when valid.
 * Pure, so infra/ and tests can call it without a Pulumi runtime.
 */
export function validatePrivateClusterArgs(name: string, args: PrivateClusterArgs): string[] {
    const problems: string[] = [];
    if (!environments.includes(args.environment)) {
        problems.push(`PrivateClusterArgs.environment is "${args.environment}"; use dev, staging or prod.`);
    }
    const clusterName = args.clusterName ?? name;
    if (!clusterNamePattern.test(clusterName)) {
        problems.push(
            `PrivateClusterArgs.clusterName "${clusterName}" is not a valid EKS name; use 1-100 letters, digits, '-' or '_', starting with a letter or digit.`,
        );
    }
    const minor = kubernetesMinor(args.version);
    const minimum = kubernetesMinor(args.minimumVersion);
    if (minor === undefined) {
        problems.push(`PrivateClusterArgs.version is "${args.version}"; use "1.NN", for example "${defaultKubernetesVersion}" (NODE-3).`);
    }
    if (minimum === undefined) {
        problems.push(`PrivateClusterArgs.minimumVersion is "${args.minimumVersion}"; use "1.NN", for example "1.31".`);
    }
    if (minor !== undefined && minimum !== undefined && minor < minimum) {
        problems.push(
            `PrivateClusterArgs.version ${args.version} is below minimumVersion ${args.minimumVersion}; upgrade version (NODE-3).`,
        );
    }
    // An output (network.privateSubnetIds) is only known at deploy time; a literal list is checked here.
    if (Array.isArray(args.subnetIds) && args.subnetIds.length === 0) {
        problems.push("PrivateClusterArgs.subnetIds is empty; pass the private subnet ids of the network (NET-2).");
    }
    const retention = args.logRetentionDays ?? 365;
    if (!isLogRetention(retention)) {
        problems.push(
            `PrivateClusterArgs.logRetentionDays is ${retention}; use a CloudWatch retention value such as 90, 365 or 731 (LOG-2).`,
        );
    }
    problems.push(...validatePublicEndpoint(args));
    if (args.environment === "prod") {
        if (args.deletionProtection === false) {
            problems.push(
                "PrivateClusterArgs.deletionProtection is false for environment prod; drop it so the prod cluster keeps deletion protection.",
            );
        }
        if (args.protect === false) {
            problems.push(
                "PrivateClusterArgs.protect is false for environment prod; drop it so the prod cluster and its logs stay protected (SEC-7).",
            );
        }
        if (args.nodeControlContainer === true) {
            problems.push(
                "PrivateClusterArgs.nodeControlContainer is true for environment prod; drop it, prod nodes accept no remote sessions (NODE-2).",
            );
        }
    }
    problems.push(...validateCompute(args.compute, args.nodeGroups, args));
    problems.push(...validateNodeGroups(args.nodeGroups));
    problems.push(...validateAddonVersions(args));
    return problems;
}
