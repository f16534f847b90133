import { referenceSet } from "../../lib/aws-props";
import { eksNodeGroup } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-3 and NET-9: a managed node group gets its hardening from its launch template. Without
 * one, EKS generates a template with IMDSv1 allowed, a hop limit of 2 and an unencrypted root
 * volume (unless account-wide EBS encryption is on), which no policy can see. The template id is
 * a reference: only its presence is tested.
 */
export const eksNodeGroupLaunchTemplate = resourcePolicy({
    name: "eks-node-group-launch-template",
    description:
        "EKS managed node group uses a launch template (where IMDSv2, hop limit 1 and encrypted volumes are set and checked) instead of the EKS-generated one. NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "high",
    controls: ["SEC-3", "NET-9"],
    remediationSteps:
        'Set launchTemplate: { id: template.id, version: template.latestVersion.apply(String) } pointing at a template with metadataOptions httpTokens "required", hop limit 1 and encrypted EBS volumes.',
    resourceTypes: [eksNodeGroup],
    validate: ({ props }, report) => {
        if (!referenceSet(props, "launchTemplate")) {
            report(
                "launchTemplate is unset (the EKS-generated template allows IMDSv1, hop limit 2 and unencrypted volumes); set a launch template that requires IMDSv2 and encrypts EBS.",
            );
        }
    },
});
