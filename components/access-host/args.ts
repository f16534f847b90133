import * as pulumi from "@pulumi/pulumi";
import { architectureOf } from "../cluster/node-groups";
import { isLogRetention } from "../shared/aws";

/**
 * What the access host needs of a cluster. `PrivateCluster` satisfies it, so pass the cluster
 * object itself: `cluster: privateCluster`.
 */
export interface AccessHostClusterRef {
    clusterName: pulumi.Input<string>;
    /** `eks:DescribeCluster` is granted on this ARN only. */
    clusterArn: pulumi.Input<string>;
    /** Private API endpoint (`https://...`) the port-forward command targets. */
    endpoint: pulumi.Input<string>;
}

/** Default AMI: the latest Amazon Linux 2023 (SSM agent preinstalled), resolved by EC2 at launch. */
export const defaultAccessHostAmi = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/**
 * The SSM-managed access host (the bastion without SSH): the only human path into the private
 * network (IAM-1), with every session logged encrypted (IAM-2).
 */
export interface SsmAccessHostArgs {
    /**
     * Create the host. `false` registers no child at all and every output is undefined: the
     * baseline runs with no standing access path.
     */
    enabled: boolean;
    /** The cluster; pass the `PrivateCluster`. */
    cluster: AccessHostClusterRef;
    /** VPC of the host. */
    vpcId: pulumi.Input<string>;
    /**
     * VPC CIDR. The security group's only egress is TCP 443 to it: the SSM, logs, KMS and EKS
     * interface endpoints and the private API endpoint all live inside the VPC (NET-3).
     */
    vpcCidr: pulumi.Input<string>;
    /** Private subnet of the host (NET-2). */
    subnetId: pulumi.Input<string>;
    /**
     * Prefix list of the S3 gateway endpoint. Default: none. When set, 443 egress to it is
     * allowed too (dnf repositories of Amazon Linux are served from S3).
     */
    s3PrefixListId?: pulumi.Input<string>;
    /** Instance type. Default: `"t3.micro"`: the host only relays sessions. Its architecture must match the AMI's. */
    instanceType?: string;
    /**
     * AMI id or `resolve:ssm:<parameter>`. Default: `defaultAccessHostAmi` (AL2023 x86_64), so the
     * host launches patched without an invoke at plan time.
     */
    amiId?: string;
    /** Customer-managed KMS key of the root volume (SEC-3). */
    ebsKeyArn: pulumi.Input<string>;
    /** Customer-managed KMS key of the session log group (IAM-2). */
    logsKeyArn: pulumi.Input<string>;
    /**
     * Alias of `logsKeyArn` (`alias/<prefix>-logs`, the `logsKeyAlias` of `EncryptionKeys`).
     * Default: none. KMS picks a new key's id, so while the key is created in the same run its ARN
     * is unknown at preview; with the alias (and `accountId`) the session preferences (IAM-2) and
     * the host's policy (IAM-10) name the key by alias and are known at preview. A key ARN given
     * as a plain string is always used as it is.
     */
    logsKeyAlias?: pulumi.Input<string>;
    /** Key that encrypts session data in transit end to end. Default: `logsKeyArn`. */
    sessionKeyArn?: pulumi.Input<string>;
    /** Alias of `sessionKeyArn`, used as `logsKeyAlias` is. Default: `logsKeyAlias` when `sessionKeyArn` is unset, else none. */
    sessionKeyAlias?: pulumi.Input<string>;
    /**
     * 12-digit account id of the host. Default: none. With it the host's policy names the cluster,
     * the session log group and the session key by ARNs written from names, known at preview;
     * without it they are read from the resources once they exist.
     */
    accountId?: string;
    /** Session log retention in days, a CloudWatch value. Default: 365. */
    sessionLogRetentionDays?: number;
    /** S3 bucket that also receives session logs (SSE required). Default: none; CloudWatch only. */
    sessionLogsBucketName?: pulumi.Input<string>;
    /** Idle minutes before Session Manager closes a session, 1-60. Default: 20. */
    idleSessionTimeoutMinutes?: number;
    /** Longest session in minutes, 1-1440. Default: 60. */
    maxSessionDurationMinutes?: number;
    /**
     * Protect the session log group from deletion (`protect` and `retainOnDelete`; SEC-7): it is
     * the record of every human session. Default: `true`; dev stacks torn down often set `false`.
     */
    protect?: boolean;
    /**
     * Manage the account's Session Manager preferences (`SSM-SessionManagerRunShell`, one per
     * account and region). Default: true. Set false on every stack but one when several stacks
     * share an account and region.
     */
    sessionPreferences?: boolean;
    /**
     * EventBridge Scheduler expression that stops the host, e.g. `"cron(0 20 * * ? *)"`.
     * Default: none (the host keeps running). Session Manager starts it again on demand only
     * through `aws ec2 start-instances`.
     */
    nightlyStop?: string;
    /** IANA time zone of `nightlyStop`. Default: `"UTC"`. */
    nightlyStopTimezone?: string;
    /** Region the port-forward command names (no ambient region is read). */
    region: string;
    /** Local port of the port-forward command. Default: 8443. */
    localPort?: number;
    /** AWS partition for ARNs. Default: `"aws"`. */
    partition?: string;
    /** Extra tags on every child. Default: none. */
    tags?: Record<string, string>;
}

const cronPattern = /^cron\(\S+( \S+){5}\)$/;

function inRange(value: number, low: number, high: number): boolean {
    return Number.isInteger(value) && value >= low && value <= high;
}

/** Every problem with `args`, each naming the argument, the value and the fix; empty when valid or disabled. */
export function validateSsmAccessHostArgs(args: SsmAccessHostArgs): string[] {
    if (!args.enabled) {
        return [];
    }
    const problems: string[] = [];
    const instanceType = args.instanceType ?? "t3.micro";
    const ami = args.amiId ?? defaultAccessHostAmi;
    if (!/^ami-[0-9a-f]{8,17}$/.test(ami) && !/^resolve:ssm:\/\S+$/.test(ami)) {
        problems.push(`SsmAccessHostArgs.amiId is "${ami}"; use an ami-... id or resolve:ssm:<parameter path>.`);
    }
    const amiArch = ami.includes("arm64") ? "arm64" : ami.includes("x86_64") ? "x86_64" : undefined;
    if (amiArch !== undefined && amiArch !== architectureOf(instanceType)) {
        problems.push(
            `SsmAccessHostArgs.instanceType ${instanceType} is ${architectureOf(instanceType)} but amiId is ${amiArch}; pick an instance type and AMI of one architecture.`,
        );
    }
    const retention = args.sessionLogRetentionDays ?? 365;
    if (!isLogRetention(retention)) {
        problems.push(
            `SsmAccessHostArgs.sessionLogRetentionDays is ${retention}; use a CloudWatch retention value such as 90, 365 or 731 (IAM-2).`,
        );
    }
    const idle = args.idleSessionTimeoutMinutes ?? 20;
    if (!inRange(idle, 1, 60)) {
        problems.push(`SsmAccessHostArgs.idleSessionTimeoutMinutes is ${idle}; use whole minutes from 1 to 60.`);
    }
    const longest = args.maxSessionDurationMinutes ?? 60;
    if (!inRange(longest, 1, 1440)) {
        problems.push(`SsmAccessHostArgs.maxSessionDurationMinutes is ${longest}; use whole minutes from 1 to 1440.`);
    }
    if (args.nightlyStop !== undefined && !cronPattern.test(args.nightlyStop)) {
        problems.push(
            `SsmAccessHostArgs.nightlyStop is "${args.nightlyStop}"; use a six-field Scheduler cron expression such as "cron(0 20 * * ? *)".`,
        );
    }
    const localPort = args.localPort ?? 8443;
    if (!inRange(localPort, 1024, 65535)) {
        problems.push(`SsmAccessHostArgs.localPort is ${localPort}; use an unprivileged port from 1024 to 65535.`);
    }
    if (args.accountId !== undefined && !/^\d{12}$/.test(args.accountId)) {
        problems.push(`SsmAccessHostArgs.accountId is "${args.accountId}"; use the 12-digit AWS account id.`);
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)) {
        problems.push(`SsmAccessHostArgs.region is "${args.region}"; use a region code such as eu-west-1.`);
    }
    return problems;
}
