/**
 * Pure builders for managed node groups: Bottlerocket AMI type per architecture, labels and
 * taints per sensitivity, and the launch-template pieces that harden every node.
 */
import * as pulumi from "@pulumi/pulumi";
import type { NodeSensitivity } from "./args";

/** Label every node carries; workloads select their pool with it (NET-10). */
export const sensitivityLabel = "baseline.io/sensitivity";

/**
 * Graviton instance families carry a `g` right after the generation digit
 * (`m7g`, `c7gn`, `r6gd`, `t4g`, `im4gn`, `g5g`); everything else is x86_64.
 */
const gravitonFamily = /^[a-z]+\d+g[a-z-]*\./;

/** CPU architecture of an EC2 instance type. */
export function architectureOf(instanceType: string): "x86_64" | "arm64" {
    return gravitonFamily.test(instanceType) ? "arm64" : "x86_64";
}

/** Bottlerocket AMI type for the instance types of one group (NODE-1). */
export function bottlerocketAmiType(instanceTypes: string[]): "BOTTLEROCKET_x86_64" | "BOTTLEROCKET_ARM_64" {
    return instanceTypes.length > 0 && architectureOf(instanceTypes[0]!) === "arm64" ? "BOTTLEROCKET_ARM_64" : "BOTTLEROCKET_x86_64";
}

/** Kubernetes labels of a node group. */
export function nodeLabels(sensitivity: NodeSensitivity): Record<string, string> {
    return { [sensitivityLabel]: sensitivity };
}

/** A node-group taint in the EKS API's form. */
export interface NodeTaint {
    key: string;
    value: string;
    effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
}

/**
 * Taints by sensitivity (NET-10): `system` nodes take only pods tolerating
 * `CriticalAddonsOnly` (the EKS add-ons do); `internet-facing` nodes only pods tolerating
 * `dedicated=internet-facing`; `internal` nodes are the untainted default pool.
 */
export function nodeTaints(sensitivity: NodeSensitivity): NodeTaint[] {
    switch (sensitivity) {
        case "system":
            return [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }];
        case "internet-facing":
            return [{ key: "dedicated", value: "internet-facing", effect: "NO_SCHEDULE" }];
        case "internal":
            return [];
    }
}

/**
 * Instance metadata: IMDSv2 only, and a hop limit of 1 so that a pod's network namespace (one
 * hop further) cannot reach the node's credentials (NET-9). Workloads get AWS credentials from
 * EKS Pod Identity instead (IAM-7).
 */
export const nodeMetadataOptions = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: "disabled",
} as const;

/** Bottlerocket's OS volume; the AMI's own root device. */
export const bottlerocketOsDevice = "/dev/xvda";
/** Bottlerocket's data volume: container images, writable layers, logs. */
export const bottlerocketDataDevice = "/dev/xvdb";
/** OS volume size in GiB; at least the Bottlerocket snapshot size. */
export const bottlerocketOsVolumeGiB = 4;
/** Data volume size in GiB when the group sets none. */
export const defaultDataVolumeGiB = 50;

/**
 * Both Bottlerocket volumes as encrypted gp3 with the customer-managed EBS key (SEC-3).
 * Launch-template EBS flags are strings in the provider's schema.
 */
export function bottlerocketBlockDevices(ebsKeyArn: pulumi.Input<string>, dataVolumeGiB: number) {
    const volume = (size: number) => ({
        volumeType: "gp3",
        volumeSize: size,
        encrypted: "true",
        kmsKeyId: ebsKeyArn,
        deleteOnTermination: "true",
    });
    return [
        { deviceName: bottlerocketOsDevice, ebs: volume(bottlerocketOsVolumeGiB) },
        { deviceName: bottlerocketDataDevice, ebs: volume(dataVolumeGiB) },
    ];
}
