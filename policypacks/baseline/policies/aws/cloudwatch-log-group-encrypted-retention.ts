import { referenceSet, runChecks, show } from "../../lib/aws-props";
import { logGroup } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Config of cloudwatch-log-group-encrypted-retention. */
export interface LogGroupRetentionConfig {
    /** Fewest days a log group may keep events. */
    minimumRetentionDays: number;
}

/**
 * LOG-2, NET-5, IAM-2: every CloudWatch log group (control plane, flow logs, session logs) is
 * encrypted with a customer-managed KMS key and has an explicit retention. Without `kmsKeyId`
 * CloudWatch uses its service-owned key. Unset `retentionInDays` means "never expire" by default,
 * which is no decision: a value is required, at least `minimumRetentionDays`; an explicit 0 (keep
 * forever) is accepted as a deliberate choice.
 */
export const cloudwatchLogGroupEncryptedRetention = resourcePolicy<LogGroupRetentionConfig>({
    name: "cloudwatch-log-group-encrypted-retention",
    description:
        "CloudWatch log groups are encrypted with a customer-managed KMS key (kmsKeyId) and set retentionInDays to at least minimumRetentionDays (0 = keep forever is accepted). CIS Amazon EKS Benchmark 2.1.1 (audit logs kept); NSA/CISA Kubernetes Hardening Guide, Audit logging and threat detection.",
    severity: "medium",
    controls: ["LOG-2", "NET-5", "IAM-2"],
    remediationSteps:
        "Set kmsKeyId to a customer-managed KMS key ARN (its key policy must allow logs.<region>.amazonaws.com) and retentionInDays to at least minimumRetentionDays.",
    config: {
        minimumRetentionDays: {
            type: "integer",
            minimum: 1,
            default: 365,
            description: "Fewest days a log group may keep events (0 = keep forever always passes).",
        },
    },
    example: 'new aws.cloudwatch.LogGroup("audit", { kmsKeyId: logsKey.arn, retentionInDays: 365 });',
    resourceTypes: [logGroup],
    validate: ({ props }, report, config) => {
        runChecks(
            () => {
                if (!referenceSet(props, "kmsKeyId")) {
                    report("kmsKeyId is unset (service-owned key); set it to a customer-managed KMS key ARN.");
                }
            },
            () => {
                const days = props.retentionInDays;
                if (days === undefined) {
                    report(
                        `retentionInDays is unset (never expires by default, no decision); set it to at least ${config.minimumRetentionDays}.`,
                    );
                } else if (typeof days !== "number" || (days !== 0 && days < config.minimumRetentionDays)) {
                    report(
                        `retentionInDays is ${show(days)}, below ${config.minimumRetentionDays}; set it to at least ${config.minimumRetentionDays}.`,
                    );
                }
            },
        );
    },
});
