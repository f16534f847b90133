import { eksAddon } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NODE-3: EKS add-ons are pinned. Without `addonVersion` EKS installs its default version for
 * the cluster's Kubernetes version at creation time, so environments drift. The version string is
 * read (an unknown version cannot be judged).
 */
export const eksAddonVersionPinned = resourcePolicy({
    name: "eks-addon-version-pinned",
    description:
        "EKS add-on pins addonVersion instead of taking the default version EKS picks at creation. NSA/CISA Kubernetes Hardening Guide, Upgrading and application security practices.",
    severity: "low",
    controls: ["NODE-3"],
    remediationSteps: 'Set addonVersion to an exact version (for example from aws.eks.getAddonVersion), e.g. "v1.19.2-eksbuild.1".',
    example: 'new aws.eks.Addon("cni", { clusterName, addonName: "vpc-cni", addonVersion: "v1.19.2-eksbuild.1" });',
    resourceTypes: [eksAddon],
    validate: ({ props }, report) => {
        const version = props.addonVersion;
        if (typeof version !== "string" || version.trim() === "") {
            report("addonVersion is unset (EKS installs its default version); pin an exact add-on version.");
        }
    },
});
