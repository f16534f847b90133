import { isRecord, rawCopy, runChecks, show } from "../../lib/aws-props";
import { ec2LaunchTemplate } from "../../lib/aws-types";
import { Props, resourcePolicy } from "../../lib/policy";

/**
 * NET-9: node launch templates block pod access to the instance metadata service: IMDSv2 only
 * (`httpTokens` "required"; the default "optional" allows IMDSv1) and a PUT response hop limit of
 * 1, so a token cannot cross the extra hop into a pod's network namespace. Unset hop limit is not
 * safe: AMIs marked ImdsSupport v2.0 (AL2023, Bottlerocket EKS AMIs) launch with a limit of 2.
 * IMDS turned off (`httpEndpoint` "disabled") passes.
 */
export const launchTemplateImdsv2 = resourcePolicy({
    name: "launch-template-imdsv2",
    description:
        'Launch templates require IMDSv2 (metadataOptions.httpTokens "required") with httpPutResponseHopLimit 1, or disable IMDS. Amazon EKS Best Practices Guide, Security (restrict access to the instance metadata service); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.',
    severity: "high",
    controls: ["NET-9"],
    remediationSteps:
        'Set metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }. Remediation can apply this (enforcement level "remediate").',
    example: 'metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }',
    resourceTypes: [ec2LaunchTemplate],
    validate: ({ props }, report) => {
        const options = props.metadataOptions;
        if (!isRecord(options)) {
            report(
                'metadataOptions is unset (httpTokens defaults to "optional": IMDSv1 allowed); set httpTokens "required" and httpPutResponseHopLimit 1.',
            );
            return;
        }
        if (options.httpEndpoint === "disabled") {
            return;
        }
        runChecks(
            () => {
                if (options.httpTokens !== "required") {
                    const value = options.httpTokens === undefined ? 'unset (default "optional")' : show(options.httpTokens);
                    report(`metadataOptions.httpTokens is ${value}; set it to "required" (IMDSv2 only).`);
                }
            },
            () => {
                const hops = options.httpPutResponseHopLimit;
                if (hops === undefined) {
                    report(
                        "metadataOptions.httpPutResponseHopLimit is unset (IMDSv2-only AMIs default to 2, reachable from pods); set it to 1.",
                    );
                } else if (hops !== 1) {
                    report(
                        `metadataOptions.httpPutResponseHopLimit is ${show(hops)}; set it to 1 so pods cannot reach the instance metadata service.`,
                    );
                }
            },
        );
    },
    remediate: ({ props }) => {
        const fixed = rawCopy(props);
        const options: Props = isRecord(fixed.metadataOptions) ? fixed.metadataOptions : {};
        if (options.httpEndpoint === "disabled" || (options.httpTokens === "required" && options.httpPutResponseHopLimit === 1)) {
            return undefined;
        }
        fixed.metadataOptions = { ...options, httpTokens: "required", httpPutResponseHopLimit: 1 };
        return fixed;
    },
});
