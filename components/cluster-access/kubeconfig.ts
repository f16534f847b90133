/**
 * Pure kubeconfig builder. The kubeconfig is the contract between the program and the API
 * server, so its rendered text is tested against golden files.
 */
import { ClusterAccessMode } from "./args";

/** Everything a kubeconfig needs, as plain values (resolved from the cluster's outputs). */
export interface KubeconfigInput {
    clusterName: string;
    /** The cluster's real private endpoint, `https://<host>`. */
    endpoint: string;
    certificateAuthorityData: string;
    region: string;
    mode: ClusterAccessMode;
    /** Local end of the SSM tunnel; used only in `ssm-tunnel` mode. */
    localPort: number;
    roleArn?: string;
    awsProfile?: string;
}

/** The exec credential plugin API the AWS CLI speaks. */
export const EXEC_API_VERSION = "client.authentication.k8s.io/v1beta1";

interface ExecConfig {
    apiVersion: string;
    command: string;
    args: string[];
    env: { name: string; value: string }[] | null;
    interactiveMode: "Never";
    provideClusterInfo: boolean;
}

/** The kubeconfig document (a JSON object is valid YAML, so it is rendered as JSON). */
export interface Kubeconfig {
    apiVersion: "v1";
    kind: "Config";
    clusters: { name: string; cluster: { server: string; "certificate-authority-data": string; "tls-server-name"?: string } }[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
    "current-context": string;
    preferences: Record<string, never>;
    users: { name: string; user: { exec: ExecConfig } }[];
}

/** Host of an `https://host[:443]` endpoint; throws when the endpoint is anything else. */
export function endpointHost(endpoint: string): string {
    const match = /^https:\/\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(:443)?\/?$/i.exec(endpoint);
    if (!match) {
        throw new Error(`ClusterAccess: endpoint "${endpoint}" is not an https URL without a path; pass the cluster's endpoint output.`);
    }
    return match[1]!.toLowerCase();
}

/**
 * Builds a kubeconfig that holds no credential: every request gets a short-lived token from
 * `aws eks get-token` (IAM-4 access entries decide what it may do). In `ssm-tunnel` mode the
 * server is the local tunnel and `tls-server-name` is the real endpoint host, so the API
 * server's certificate is still checked for the cluster's own name against its CA.
 */
export function kubeconfigFor(input: KubeconfigInput): Kubeconfig {
    const host = endpointHost(input.endpoint);
    const cluster =
        input.mode === "ssm-tunnel"
            ? {
                  server: `https://127.0.0.1:${input.localPort}`,
                  "certificate-authority-data": input.certificateAuthorityData,
                  "tls-server-name": host,
              }
            : { server: `https://${host}`, "certificate-authority-data": input.certificateAuthorityData };
    const args = ["--region", input.region, "eks", "get-token", "--cluster-name", input.clusterName, "--output", "json"];
    if (input.roleArn) {
        args.push("--role-arn", input.roleArn);
    }
    const name = input.clusterName;
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
        preferences: {},
        users: [
            {
                name,
                user: {
                    exec: {
                        apiVersion: EXEC_API_VERSION,
                        command: "aws",
                        args,
                        env: input.awsProfile ? [{ name: "AWS_PROFILE", value: input.awsProfile }] : null,
                        // Never prompt: CI has no terminal, and a prompt would hang the deployment.
                        interactiveMode: "Never",
                        provideClusterInfo: false,
                    },
                },
            },
        ],
    };
}

/** The kubeconfig as the provider receives it. */
export function renderKubeconfig(input: KubeconfigInput): string {
    return `${JSON.stringify(kubeconfigFor(input), null, 2)}\n`;
}
