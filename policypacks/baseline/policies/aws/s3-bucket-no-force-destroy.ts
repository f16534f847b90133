import { booleanOf, show } from "../../lib/aws-props";
import { s3Bucket, s3BucketV2 } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Config of s3-bucket-no-force-destroy. */
export interface ForceDestroyConfig {
    /** Allow forceDestroy (disposable non-prod stacks only). Default false. */
    allowForceDestroy: boolean;
}

/**
 * SEC-7: log archives are protected from deletion. `forceDestroy` true lets a destroy (or a
 * replacement) delete a bucket with every object in it, including archived audit logs. Checked
 * on both bucket types of @pulumi/aws 7 (aws.s3.Bucket and the deprecated aws.s3.BucketV2).
 * Whether production buckets are also `protect`ed is judged by the stack policy.
 */
export const s3BucketNoForceDestroy = resourcePolicy<ForceDestroyConfig>({
    name: "s3-bucket-no-force-destroy",
    description:
        "S3 buckets do not set forceDestroy, so a destroy cannot delete archived logs with the bucket (allowForceDestroy for disposable non-prod stacks). NSA/CISA Kubernetes Hardening Guide, Audit logging and threat detection (protect log archives).",
    severity: "medium",
    controls: ["SEC-7"],
    remediationSteps:
        "Remove forceDestroy (or set it to false); in a disposable non-prod stack set this policy's allowForceDestroy to true.",
    config: {
        allowForceDestroy: {
            type: "boolean",
            default: false,
            description: "Allow forceDestroy on buckets (disposable non-prod stacks only).",
        },
    },
    resourceTypes: [s3Bucket, s3BucketV2],
    validate: ({ props }, report, config) => {
        if (config.allowForceDestroy !== true && booleanOf(props.forceDestroy) === true) {
            report(
                `forceDestroy is ${show(props.forceDestroy)}; remove it so the bucket and its archived objects cannot be deleted by a destroy.`,
            );
        }
    },
});
