/**
 * Session Manager preferences and the port-forwarding command: pure text builders.
 * Schema: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html
 */

/** Name Session Manager reads account-wide preferences from. */
export const sessionPreferencesDocumentName = "SSM-SessionManagerRunShell";

/** Inputs of the preferences document. */
export interface SessionPreferences {
    logGroupName: string;
    kmsKeyId: string;
    bucketName?: string;
    idleSessionTimeoutMinutes: number;
    maxSessionDurationMinutes: number;
}

/**
 * Session preferences: every session streamed to the encrypted log group, refused when the log
 * group (or bucket) is not encrypted, session data encrypted with the KMS key, and no run-as
 * user (sessions run as the unprivileged ssm-user) (IAM-2).
 */
export function sessionPreferencesDocument(preferences: SessionPreferences) {
    return {
        schemaVersion: "1.0",
        description: "Session Manager preferences of the eks-baseline: encrypted, logged sessions only.",
        sessionType: "Standard_Stream",
        inputs: {
            s3BucketName: preferences.bucketName ?? "",
            s3KeyPrefix: preferences.bucketName ? "ssm-sessions/" : "",
            s3EncryptionEnabled: true,
            cloudWatchLogGroupName: preferences.logGroupName,
            cloudWatchEncryptionEnabled: true,
            cloudWatchStreamingEnabled: true,
            kmsKeyId: preferences.kmsKeyId,
            runAsEnabled: false,
            runAsDefaultUser: "",
            idleSessionTimeout: String(preferences.idleSessionTimeoutMinutes),
            maxSessionDuration: String(preferences.maxSessionDurationMinutes),
            shellProfile: { linux: "", windows: "" },
        },
    };
}

/** Session Manager's document for forwarding a local port to a host the instance can reach. */
export const portForwardDocumentName = "AWS-StartPortForwardingSessionToRemoteHost";

/**
 * The exact command that forwards `localPort` to the private API endpoint through the access
 * host. Point kubeconfig at `https://localhost:<localPort>` with `tls-server-name` set to the
 * endpoint host, since the API certificate names the endpoint, not localhost.
 */
export function portForwardCommand(instanceId: string, endpoint: string, localPort: number, region: string): string {
    const host = endpoint.replace(/^https:\/\//, "").replace(/\/+$/, "");
    const parameters = JSON.stringify({
        host: [host],
        portNumber: ["443"],
        localPortNumber: [String(localPort)],
    });
    return `aws ssm start-session --target ${instanceId} --document-name ${portForwardDocumentName} --parameters '${parameters}' --region ${region}`;
}
