import { show } from "../../lib/aws-props";
import { eksCluster } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Config of eks-cluster-version-minimum. */
export interface VersionMinimumConfig {
    /** Lowest Kubernetes minor version allowed, "1.NN". */
    minimumVersion: string;
}

/** The minor number of a "1.NN" version (a patch part is tolerated); undefined otherwise. */
export function kubernetesMinorOf(version: unknown): number | undefined {
    if (typeof version !== "string") {
        return undefined;
    }
    const match = /^1\.(\d{1,3})(\.\d+)?$/.exec(version.trim());
    return match ? Number(match[1]) : undefined;
}

/**
 * NODE-3: the Kubernetes version is pinned and current. Unset `version` means "whatever EKS
 * defaults to at creation", which drifts between environments and is never upgraded by code.
 */
export const eksClusterVersionMinimum = resourcePolicy<VersionMinimumConfig>({
    name: "eks-cluster-version-minimum",
    description:
        "EKS cluster pins its Kubernetes version, at or above minimumVersion. NSA/CISA Kubernetes Hardening Guide, Upgrading and application security practices.",
    severity: "medium",
    controls: ["NODE-3"],
    remediationSteps: 'Set version to a supported "1.NN" at or above this policy\'s minimumVersion, and upgrade through code.',
    config: {
        minimumVersion: {
            type: "string",
            pattern: "^1\\.\\d{1,3}$",
            default: "1.31",
            description: 'Lowest Kubernetes minor version allowed ("1.NN").',
        },
    },
    example: 'new aws.eks.Cluster("c", { version: "1.33", ... });',
    resourceTypes: [eksCluster],
    validate: ({ props }, report, config) => {
        const version = props.version;
        const minimum = kubernetesMinorOf(config.minimumVersion) ?? 0;
        if (version === undefined) {
            report(`version is unset (EKS picks its default at creation); pin it to "${config.minimumVersion}" or later.`);
            return;
        }
        const minor = kubernetesMinorOf(version);
        if (minor === undefined) {
            report(`version is ${show(version)}, not a "1.NN" Kubernetes version; pin it to "${config.minimumVersion}" or later.`);
        } else if (minor < minimum) {
            report(
                `version is ${show(version)}, below minimumVersion "${config.minimumVersion}"; upgrade to "${config.minimumVersion}" or later.`,
            );
        }
    },
});
