import { parseYaml } from "../../lib/yaml";
import { booleanOf, isRecord, runChecks, show } from "../../lib/aws-props";
import { ssmDocument } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** The name Session Manager reads its account-wide preferences from. */
export const sessionPreferencesDocument = "SSM-SessionManagerRunShell";

/** Session types whose sessions carry a shell or command stream that Session Manager can log. */
const loggedSessionTypes = ["Standard_Stream", "InteractiveCommands", "NonInteractiveCommands"];

function parseContent(text: unknown): unknown {
    if (typeof text !== "string") {
        return text;
    }
    try {
        return parseYaml(text);
    } catch {
        return undefined;
    }
}

function nonEmpty(value: unknown): boolean {
    return typeof value === "string" && value.trim() !== "";
}

/**
 * IAM-2: every SSM session is logged to an encrypted destination. Applies to Session documents
 * that carry a shell or command stream (Standard_Stream, InteractiveCommands,
 * NonInteractiveCommands) and to the preferences document SSM-SessionManagerRunShell. Content is
 * JSON or YAML. At least one target (cloudWatchLogGroupName or s3BucketName) is required, and each
 * target set needs its encryption flag explicitly true (cloudWatchEncryptionEnabled,
 * s3EncryptionEnabled): an unset flag is not trusted. The log group itself is judged by
 * cloudwatch-log-group-encrypted-retention.
 */
export const ssmSessionLoggingEncrypted = resourcePolicy({
    name: "ssm-session-logging-encrypted",
    description:
        "Session Manager preferences (SSM-SessionManagerRunShell and other shell Session documents) log every session to a CloudWatch log group and/or S3 bucket with encryption enforced. NSA/CISA Kubernetes Hardening Guide, Audit logging and threat detection.",
    severity: "high",
    controls: ["IAM-2"],
    remediationSteps:
        "In the Session document content set inputs.cloudWatchLogGroupName with cloudWatchEncryptionEnabled true (and/or s3BucketName with s3EncryptionEnabled true).",
    example:
        'new aws.ssm.Document("prefs", { name: "SSM-SessionManagerRunShell", documentType: "Session", content: JSON.stringify({ schemaVersion: "1.0", sessionType: "Standard_Stream", inputs: { cloudWatchLogGroupName: group.name, cloudWatchEncryptionEnabled: true, kmsKeyId: key.id } }) });',
    resourceTypes: [ssmDocument],
    validate: ({ props }, report) => {
        if (props.documentType !== "Session") {
            return;
        }
        const content = parseContent(props.content);
        if (!isRecord(content)) {
            report("content is not a JSON or YAML Session document; write it as an object with sessionType and inputs.");
            return;
        }
        const preferences = props.name === sessionPreferencesDocument;
        if (!preferences && !loggedSessionTypes.includes(content.sessionType as string)) {
            return;
        }
        const inputs = isRecord(content.inputs) ? content.inputs : {};
        const cloudWatch = nonEmpty(inputs.cloudWatchLogGroupName);
        const s3 = nonEmpty(inputs.s3BucketName);
        if (!cloudWatch && !s3) {
            report(
                "content.inputs has neither cloudWatchLogGroupName nor s3BucketName (sessions are not logged); set cloudWatchLogGroupName with cloudWatchEncryptionEnabled true.",
            );
            return;
        }
        runChecks(
            () => {
                if (cloudWatch && booleanOf(inputs.cloudWatchEncryptionEnabled) !== true) {
                    report(
                        `content.inputs.cloudWatchEncryptionEnabled is ${show(inputs.cloudWatchEncryptionEnabled)}; set it to true so sessions are logged only to an encrypted log group.`,
                    );
                }
            },
            () => {
                if (s3 && booleanOf(inputs.s3EncryptionEnabled) !== true) {
                    report(
                        `content.inputs.s3EncryptionEnabled is ${show(inputs.s3EncryptionEnabled)}; set it to true so sessions are logged only to an encrypted bucket.`,
                    );
                }
            },
        );
    },
});
