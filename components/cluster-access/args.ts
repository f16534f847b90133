import * as pulumi from "@pulumi/pulumi";
import { REGION_PATTERN } from "../shared/aws";

/** How the program reaches the private API endpoint (NET-1 keeps it off the internet). */
export type ClusterAccessMode = "in-vpc" | "ssm-tunnel";

export interface ClusterAccessArgs {
    /** EKS cluster name (PrivateCluster `clusterName`); passed to `aws eks get-token`. */
    clusterName: pulumi.Input<string>;
    /** Private API endpoint, `https://<id>.<suffix>.<region>.eks.amazonaws.com` (PrivateCluster `endpoint`). */
    endpoint: pulumi.Input<string>;
    /** Base64 PEM of the cluster CA (PrivateCluster `certificateAuthorityData`); TLS is always verified against it. */
    certificateAuthorityData: pulumi.Input<string>;
    /** AWS region of the cluster, e.g. `eu-west-1`; passed to `aws eks get-token`. No default: components never read the ambient region. */
    region: string;
    /**
     * Default: `"in-vpc"`: the program runs inside the VPC (a CI runner there) and talks to the
     * private endpoint directly. `"ssm-tunnel"`: the program talks to `https://127.0.0.1:<localPort>`,
     * the local end of a Session Manager port-forwarding session through the access host
     * (IAM-1) to the endpoint's port 443; `tls-server-name` stays the real endpoint host, so the
     * certificate is still verified against the cluster's name and CA.
     */
    mode?: ClusterAccessMode;
    /**
     * Local port of the SSM tunnel. Default: 8443 (unprivileged, so no root needed on the
     * operator's machine). Only with `mode: "ssm-tunnel"`.
     */
    localPort?: number;
    /**
     * IAM role `aws eks get-token` assumes (`--role-arn`). Default: none; the caller's own
     * credentials are used, so the kubeconfig never contains a credential, only who to ask.
     */
    roleArn?: pulumi.Input<string>;
    /**
     * AWS CLI profile for `aws eks get-token` (the `AWS_PROFILE` of the exec plugin). Default: none;
     * the standard credential chain of the process running Pulumi.
     */
    awsProfile?: string;
}

/** Args with every default applied. */
export type ResolvedClusterAccessArgs = Omit<ClusterAccessArgs, "mode" | "localPort"> & { mode: ClusterAccessMode; localPort: number };

/** Default local end of the SSM port-forwarding tunnel. */
export const DEFAULT_TUNNEL_PORT = 8443;

const profilePattern = /^[A-Za-z0-9_.+-]+$/;

/** Applies the defaults. */
export function resolveClusterAccessArgs(args: ClusterAccessArgs): ResolvedClusterAccessArgs {
    return { ...args, mode: args.mode ?? "in-vpc", localPort: args.localPort ?? DEFAULT_TUNNEL_PORT };
}

/** Every problem with the plain (non-Output) parts of the Args; empty when valid. */
export function validateClusterAccessArgs(args: ClusterAccessArgs): string[] {
    const problems: string[] = [];
    if (!REGION_PATTERN.test(args.region)) {
        problems.push(`ClusterAccessArgs.region "${args.region}" is not an AWS region; pass the cluster's region, e.g. "eu-west-1".`);
    }
    const mode: string = args.mode ?? "in-vpc";
    if (mode !== "in-vpc" && mode !== "ssm-tunnel") {
        problems.push(`ClusterAccessArgs.mode "${mode}" is not supported; use "in-vpc" or "ssm-tunnel".`);
    }
    if (args.localPort !== undefined) {
        if (mode !== "ssm-tunnel") {
            problems.push(`ClusterAccessArgs.localPort is set but mode is "${mode}"; drop localPort, or set mode to "ssm-tunnel".`);
        } else if (!Number.isInteger(args.localPort) || args.localPort < 1024 || args.localPort > 65535) {
            problems.push(
                `ClusterAccessArgs.localPort ${args.localPort} is not an unprivileged port; use an integer from 1024 to 65535 (default ${DEFAULT_TUNNEL_PORT}).`,
            );
        }
    }
    if (args.awsProfile !== undefined && !profilePattern.test(args.awsProfile)) {
        problems.push(
            `ClusterAccessArgs.awsProfile "${args.awsProfile}" is not a valid AWS CLI profile name; use letters, digits and _ . + - only.`,
        );
    }
    return problems;
}
