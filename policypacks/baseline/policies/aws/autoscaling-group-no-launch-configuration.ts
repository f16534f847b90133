import { isRecord, referenceSet } from "../../lib/aws-props";
import { autoscalingGroup } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NODE-5: self-managed Auto Scaling groups launch from a launch template, which the
 * launch-template policies judge and autoscaling-group-hardened-launch-template follows; never
 * from a launch configuration (AWS no longer adds EC2 features to them, and the baseline's node
 * rules are written against launch templates). A group without either is reported too.
 */
export const autoscalingGroupNoLaunchConfiguration = resourcePolicy({
    name: "autoscaling-group-no-launch-configuration",
    description:
        "Auto Scaling groups launch from a launch template (launchTemplate or mixedInstancesPolicy.launchTemplate), never from a launch configuration. AWS Foundational Security Best Practices AutoScaling.9 (groups use launch templates).",
    severity: "high",
    controls: ["NODE-5"],
    remediationSteps:
        'Replace launchConfiguration with launchTemplate: { id: template.id, version: "$Latest" } on a launch template that requires IMDSv2 and encrypts its volumes.',
    example: "launchTemplate: { id: nodes.id, version: nodes.latestVersion.apply(String) }",
    resourceTypes: [autoscalingGroup],
    validate: ({ props }, report) => {
        if (referenceSet(props, "launchConfiguration")) {
            report("launchConfiguration is set; launch the group from a launch template (launchTemplate) instead.");
            return;
        }
        const mixed = isRecord(props.mixedInstancesPolicy) ? props.mixedInstancesPolicy : undefined;
        if (!isRecord(props.launchTemplate) && !isRecord(mixed?.launchTemplate)) {
            report(
                "neither launchTemplate nor mixedInstancesPolicy.launchTemplate is set; launch the group from a hardened launch template.",
            );
        }
    },
});
