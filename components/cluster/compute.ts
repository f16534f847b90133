/**
 * Compute modes of PrivateCluster: where the nodes come from (NODE-5). Pure types, pins and
 * validation; the builders for each mode live in auto-mode.ts and karpenter.ts.
 */
import type { NodeGroupSpec } from "./args";

/**
 * - `managedNodeGroups` (default): EKS managed node groups from hardened launch templates.
 * - `autoMode`: EKS Auto Mode runs the nodes, the VPC CNI, CoreDNS, kube-proxy, EBS CSI and load
 *   balancing; the baseline adds its own NodeClass and NodePools (no managed node groups at all).
 * - `karpenter`: the `system` managed node group runs Karpenter, which launches every other node
 *   from the baseline's EC2NodeClass and NodePools.
 */
export type ComputeMode = "managedNodeGroups" | "autoMode" | "karpenter";

/** The modes, in the order the docs list them. */
export const COMPUTE_MODES: readonly ComputeMode[] = ["managedNodeGroups", "autoMode", "karpenter"];

/**
 * Karpenter release installed with `compute: "karpenter"`: an exact 1.x release of the official
 * OCI chart `oci://public.ecr.aws/karpenter/karpenter` (v1 APIs `karpenter.sh/v1`,
 * `karpenter.k8s.aws/v1`). Pinned, never a range (NODE-3); refresh in a reviewed commit.
 */
export const DEFAULT_KARPENTER_VERSION = "1.8.3";

/** The official Karpenter chart (an OCI artifact; no Helm repository to trust). */
export const KARPENTER_CHART = "oci://public.ecr.aws/karpenter/karpenter";

/**
 * Bottlerocket release the EC2NodeClass pins with `amiSelectorTerms: [{ alias: "bottlerocket@v…" }]`
 * (NODE-1). `bottlerocket@latest` would let a new AMI roll onto nodes without a reviewed change;
 * an alias with a version resolves to that release for the cluster's Kubernetes version.
 * See https://karpenter.sh/docs/concepts/nodeclasses/#specamiselectorterms
 */
export const DEFAULT_BOTTLEROCKET_VERSION = "v1.46.0";

/** Compute options of PrivateClusterArgs. */
export interface ComputeArgs {
    /** Where nodes come from. Default: `"managedNodeGroups"`. Every mode is allowed in prod. */
    mode: ComputeMode;
    /** Karpenter chart version, `karpenter` mode only. Default: {@link DEFAULT_KARPENTER_VERSION}. */
    karpenterVersion?: string;
    /** Bottlerocket release `vX.Y.Z` for Karpenter nodes. Default: {@link DEFAULT_BOTTLEROCKET_VERSION}. */
    bottlerocketVersion?: string;
}

const exactVersion = /^\d+\.\d+\.\d+$/;
const bottlerocketVersion = /^v\d+\.\d+\.\d+$/;

/**
 * Problems with the compute mode and the node groups it implies, each naming the argument and
 * the fix. Auto Mode has no managed node groups; Karpenter keeps only the `system` group that
 * runs the controller (the `workloads` group is optional there).
 */
export function validateCompute(
    compute: ComputeArgs | undefined,
    groups: NodeGroupSpec[],
    account: { accountId?: string; region?: string },
): string[] {
    const mode = compute?.mode ?? "managedNodeGroups";
    const problems: string[] = [];
    if (!COMPUTE_MODES.includes(mode)) {
        return [`PrivateClusterArgs.compute.mode is "${String(mode)}"; use ${COMPUTE_MODES.join(", ")}.`];
    }
    const names = groups.map((group) => group.name);
    if (mode === "autoMode" && groups.length > 0) {
        problems.push(
            `PrivateClusterArgs.nodeGroups lists ${names.join(", ")} but compute.mode is autoMode; drop nodeGroups, Auto Mode launches every node from the baseline's NodePools (NODE-5).`,
        );
    }
    const required = mode === "managedNodeGroups" ? ["system", "workloads"] : mode === "karpenter" ? ["system"] : [];
    for (const name of required) {
        if (!names.includes(name)) {
            problems.push(
                mode === "karpenter"
                    ? `PrivateClusterArgs.nodeGroups has no "system" group; add one, it runs Karpenter itself (NODE-5).`
                    : `PrivateClusterArgs.nodeGroups has no "${name}" group; add one (cluster add-ons and workloads run on separate node groups, NET-10).`,
            );
        }
    }
    if (mode !== "karpenter" && (compute?.karpenterVersion !== undefined || compute?.bottlerocketVersion !== undefined)) {
        problems.push(
            `PrivateClusterArgs.compute sets Karpenter versions but mode is ${mode}; drop karpenterVersion and bottlerocketVersion.`,
        );
    }
    if (compute?.karpenterVersion !== undefined && !exactVersion.test(compute.karpenterVersion)) {
        problems.push(
            `PrivateClusterArgs.compute.karpenterVersion is "${compute.karpenterVersion}"; pin an exact chart release such as ${DEFAULT_KARPENTER_VERSION} (NODE-3).`,
        );
    }
    if (compute?.bottlerocketVersion !== undefined && !bottlerocketVersion.test(compute.bottlerocketVersion)) {
        problems.push(
            `PrivateClusterArgs.compute.bottlerocketVersion is "${compute.bottlerocketVersion}"; pin a release such as ${DEFAULT_BOTTLEROCKET_VERSION}, never "latest" (NODE-1).`,
        );
    }
    if (mode === "karpenter" && (account.accountId === undefined || account.region === undefined)) {
        problems.push(
            "PrivateClusterArgs.accountId and region are required with compute.mode karpenter; the controller policy names the queue, node role and instance profiles by ARN.",
        );
    }
    return problems;
}
