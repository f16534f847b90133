import { PolicyResource } from "@pulumi/policy";
import { autoscalingGroup, ec2LaunchTemplate } from "../../lib/aws-types";
import { stackPolicy } from "../../lib/policy";
import { ruleFindings } from "../../lib/rule-findings";
import { launchTemplateEbsEncrypted } from "../aws/launch-template-ebs-encrypted";
import { launchTemplateImdsv2 } from "../aws/launch-template-imdsv2";
import { PlanIndex, dependencyUrns, describe, isObject, knownString, peek } from "./plan";

/** A launch template reference of a group: where it sits, and its id and name when known. */
interface TemplateReference {
    path: string;
    id?: string;
    name?: string;
}

/** Every launch template an Auto Scaling group names (top level, mixed instances, overrides). */
function templateReferences(group: PolicyResource): TemplateReference[] {
    const references: TemplateReference[] = [];
    const top = peek(() => group.props?.launchTemplate);
    if (isObject(top)) {
        references.push({ path: "launchTemplate", id: knownString(() => top.id), name: knownString(() => top.name) });
    }
    const mixed = peek(() => group.props?.mixedInstancesPolicy?.launchTemplate);
    if (isObject(mixed)) {
        const specification = peek(() => mixed.launchTemplateSpecification);
        if (isObject(specification)) {
            references.push({
                path: "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification",
                id: knownString(() => specification.launchTemplateId),
                name: knownString(() => specification.launchTemplateName),
            });
        }
        const overrides = peek(() => mixed.overrides);
        (Array.isArray(overrides) ? overrides : []).forEach((override, index) => {
            const spec = isObject(override) ? peek(() => override.launchTemplateSpecification) : undefined;
            if (isObject(spec)) {
                references.push({
                    path: `mixedInstancesPolicy.launchTemplate.overrides[${index}].launchTemplateSpecification`,
                    id: knownString(() => spec.launchTemplateId),
                    name: knownString(() => spec.launchTemplateName),
                });
            }
        });
    }
    return references;
}

/**
 * NODE-5: a self-managed Auto Scaling group only launches from launch templates of the program
 * that pass launch-template-imdsv2 (NET-9) and launch-template-ebs-encrypted (SEC-3), run here
 * with the same rules. The template is found by known id or name, else (ids are unknown during
 * preview) through the group's dependency on it. A template outside the program cannot be
 * verified and is reported. Launch configurations: autoscaling-group-no-launch-configuration.
 */
export const autoscalingGroupHardenedLaunchTemplate = stackPolicy({
    name: "autoscaling-group-hardened-launch-template",
    description:
        "Every launch template an Auto Scaling group uses (launchTemplate, mixedInstancesPolicy specification and overrides) is declared in the program and passes launch-template-imdsv2 and launch-template-ebs-encrypted. Amazon EKS Best Practices Guide, Security (restrict IMDS); AWS Foundational Security Best Practices EC2.3 and AutoScaling.3.",
    severity: "high",
    controls: ["NODE-5"],
    remediationSteps:
        'Declare the launch template in the program with metadataOptions { httpTokens: "required", httpPutResponseHopLimit: 1 } and encrypted blockDeviceMappings, and reference it by template.id.',
    example: 'new aws.autoscaling.Group("nodes", { launchTemplate: { id: template.id, version: "$Latest" }, /* ... */ });',
    validate: (resources, report) => {
        const plan = new PlanIndex(resources);
        const groups = plan.ofType(autoscalingGroup);
        if (groups.length === 0) {
            return;
        }
        const templates = plan.ofType(ec2LaunchTemplate);
        for (const group of groups) {
            const dependencies = dependencyUrns(group);
            for (const reference of templateReferences(group)) {
                const template =
                    templates.find(
                        (candidate) =>
                            (reference.id !== undefined && knownString(() => candidate.props?.id) === reference.id) ||
                            (reference.name !== undefined && knownString(() => candidate.props?.name) === reference.name),
                    ) ??
                    (reference.id === undefined && reference.name === undefined
                        ? templates.find((candidate) => dependencies.has(candidate.urn))
                        : undefined);
                if (template === undefined) {
                    const named = reference.id ?? reference.name ?? "<unknown>";
                    report(
                        `Auto Scaling group ${describe(group)}: ${reference.path} names launch template "${named}", which the program does not declare, so it cannot be verified; declare a hardened ${ec2LaunchTemplate} in the program.`,
                        group.urn,
                    );
                    continue;
                }
                const target = { type: template.type, name: template.name, urn: template.urn, props: template.props };
                for (const policy of [launchTemplateImdsv2, launchTemplateEbsEncrypted]) {
                    const findings = ruleFindings(policy, target);
                    if (findings.length > 0) {
                        report(
                            `Auto Scaling group ${describe(group)}: ${reference.path} uses ${describe(template)}, which fails ${policy.name} (${findings.join(" ")}); harden the launch template.`,
                            group.urn,
                        );
                    }
                }
            }
        }
    },
});
