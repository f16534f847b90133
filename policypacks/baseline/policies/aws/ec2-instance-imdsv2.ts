import { isRecord, rawCopy, referenceSet, runChecks, show } from "../../lib/aws-props";
import { ec2InstanceMetadataDefaults, ec2Instance, ec2LaunchConfiguration, ec2SpotInstanceRequest } from "../../lib/aws-types";
import { Props, resourcePolicy } from "../../lib/policy";

/**
 * NET-9: instances (the access host, anything launched outside a launch template) require IMDSv2.
 * Unset `metadataOptions.httpTokens` is "optional" (IMDSv1 allowed) unless the AMI says otherwise.
 * The hop limit is not required here: these hosts run no pods (node launch templates are
 * launch-template-imdsv2). The account-wide aws.ec2.InstanceMetadataDefaults may not weaken it
 * ("optional", or a hop limit above 1); its "no-preference" default leaves the choice per instance.
 */
export const ec2InstanceImdsv2 = resourcePolicy({
    name: "ec2-instance-imdsv2",
    description:
        'EC2 instances, spot requests and launch configurations require IMDSv2 (metadataOptions.httpTokens "required") or disable IMDS; account IMDS defaults never set "optional". AWS Foundational Security Best Practices EC2.8 (IMDSv2); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.',
    severity: "high",
    controls: ["NET-9"],
    remediationSteps:
        'Set metadataOptions: { httpTokens: "required" } (or httpEndpoint "disabled"). Remediation can apply this (enforcement level "remediate").',
    example: 'new aws.ec2.Instance("bastion", { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }, ... });',
    resourceTypes: [ec2Instance, ec2SpotInstanceRequest, ec2LaunchConfiguration, ec2InstanceMetadataDefaults],
    validate: ({ type, props }, report) => {
        if (type === ec2InstanceMetadataDefaults) {
            runChecks(
                () => {
                    if (props.httpTokens === "optional") {
                        report('httpTokens is "optional" (account default allows IMDSv1); set it to "required".');
                    }
                },
                () => {
                    const hops = props.httpPutResponseHopLimit;
                    if (typeof hops === "number" && hops > 1) {
                        report(
                            `httpPutResponseHopLimit is ${show(hops)}; set it to 1 (or leave it unset) so pods cannot reach the instance metadata service.`,
                        );
                    }
                },
            );
            return;
        }
        const options = props.metadataOptions;
        if (!isRecord(options) && referenceSet(props, "launchTemplate")) {
            // Options come from the launch template, which launch-template-imdsv2 judges.
            return;
        }
        if (!isRecord(options)) {
            report(
                'metadataOptions is unset (httpTokens defaults to "optional": IMDSv1 allowed); set metadataOptions.httpTokens to "required".',
            );
            return;
        }
        if (options.httpEndpoint === "disabled") {
            return;
        }
        if (options.httpTokens !== "required") {
            const value = options.httpTokens === undefined ? 'unset (default "optional")' : show(options.httpTokens);
            report(`metadataOptions.httpTokens is ${value}; set it to "required" (IMDSv2 only).`);
        }
    },
    remediate: ({ type, props }) => {
        if (type === ec2InstanceMetadataDefaults) {
            return undefined;
        }
        const fixed = rawCopy(props);
        if (!isRecord(fixed.metadataOptions) && "launchTemplate" in fixed) {
            return undefined;
        }
        const options: Props = isRecord(fixed.metadataOptions) ? fixed.metadataOptions : {};
        if (options.httpEndpoint === "disabled" || options.httpTokens === "required") {
            return undefined;
        }
        fixed.metadataOptions = { ...options, httpTokens: "required" };
        return fixed;
    },
});
