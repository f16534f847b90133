import * as pulumi from "@pulumi/pulumi";
import { isAligned, parseCidr, planSubnets } from "./cidr";
import { ACCOUNT_ID_PATTERN, LOG_RETENTION_DAYS, REGION_PATTERN, isLogRetention } from "../shared/aws";

/** How private subnets reach the internet. */
export type EgressMode = "none" | "nat";

/** One NAT gateway shared by every zone (cheaper, one zone's outage cuts egress) or one per zone. */
export type NatGatewayMode = "single" | "perAz";

/** AWS partitions the baseline knows the ARN form of. */
export type AwsPartition = "aws" | "aws-us-gov" | "aws-cn";

/**
 * Inputs of {@link Network}. Nothing is read from stack config or the ambient provider:
 * region, account and zones come in here so the plan needs no invoke.
 */
export interface NetworkArgs {
    /**
     * IPv4 block of the VPC, `/16` to `/24`, network-aligned (`10.0.0.0/16`). Required.
     * Private subnets take most of it because the VPC CNI gives every pod a VPC address.
     */
    cidrBlock: string;

    /**
     * Availability zone names, for example `["eu-west-1a", "eu-west-1b", "eu-west-1c"]`. Required;
     * at least 2 (3 for production) so that nodes and endpoints survive the loss of a zone.
     * Explicit names, not looked up, so the plan is the same offline and online.
     */
    availabilityZones: string[];

    /** Region of the VPC (`eu-west-1`); names the endpoint services `com.amazonaws.<region>.<service>`. Required. */
    region: string;

    /** 12-digit account id; scopes the flow-log role's trust policy (confused-deputy guard). Required. */
    accountId: string;

    /** ARN partition. Default: `"aws"`. */
    partition?: AwsPartition;

    /**
     * EKS cluster name for the `kubernetes.io/cluster/<name>=shared` subnet tag the AWS Load
     * Balancer Controller discovers subnets by. Required.
     */
    clusterName: string;

    /**
     * Internet egress of the private subnets. Default: `"none"`: no internet gateway, no NAT, no
     * public subnets; nodes reach ECR, STS, CloudWatch Logs, SSM, KMS, EKS and S3 through VPC
     * endpoints only (NET-3), so a compromised pod has no path to the internet to exfiltrate to
     * or pull tooling from. Images must come from ECR (use pull-through cache rules for public
     * registries). `"nat"` is the opt-out: public subnets with NAT gateways, for workloads that
     * need third-party endpoints.
     */
    egress?: EgressMode;

    /**
     * NAT gateways when `egress` is `"nat"`. Default: `"perAz"` (each zone keeps egress when
     * another zone fails). `"single"` is a cost opt-out for dev. Refused when `egress` is `"none"`.
     */
    natGateways?: NatGatewayMode;

    /**
     * Retention of the flow-log group in days, one of the values CloudWatch Logs accepts.
     * Default: 365 (one year covers most incident look-backs and audit requirements; NET-5).
     */
    flowLogRetentionDays?: number;

    /**
     * KMS key ARN the flow-log group is encrypted with (the `logsKeyArn` of `EncryptionKeys`,
     * whose policy lets CloudWatch Logs use it for log groups in this account). Required (NET-5).
     */
    logKeyArn: pulumi.Input<string>;

    /**
     * Protect the flow-log group from deletion (`protect` and `retainOnDelete`; SEC-7).
     * Default: `true`. Dev stacks that are torn down often set `false` explicitly.
     */
    protect?: boolean;

    /** Extra tags on every resource; the baseline's own tags (`Name`, `baseline:managed-by`) win. */
    tags?: Record<string, string>;
}

/** Args with every default applied. */
export interface ResolvedNetworkArgs extends Required<Omit<NetworkArgs, "tags">> {
    tags: Record<string, string>;
}

/** Fills in the documented defaults. */
export function withNetworkDefaults(args: NetworkArgs): ResolvedNetworkArgs {
    const egress = args.egress ?? "none";
    return {
        ...args,
        partition: args.partition ?? "aws",
        egress,
        natGateways: args.natGateways ?? "perAz",
        flowLogRetentionDays: args.flowLogRetentionDays ?? 365,
        protect: args.protect ?? true,
        tags: args.tags ?? {},
    };
}

const clusterNamePattern = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

/**
 * Every problem with the args, each naming the argument, the value and the fix; empty when valid.
 * Pure, so it is tested on exact messages and can run in infra/ before any resource exists.
 */
export function validateNetworkArgs(args: NetworkArgs): string[] {
    const problems: string[] = [];
    const zones = args.availabilityZones ?? [];

    const block = parseCidr(args.cidrBlock);
    if (!block) {
        problems.push(`NetworkArgs.cidrBlock "${args.cidrBlock}" is not an IPv4 CIDR; give a block such as 10.0.0.0/16.`);
    } else if (block.prefix < 16 || block.prefix > 24) {
        problems.push(
            `NetworkArgs.cidrBlock "${args.cidrBlock}" has prefix /${block.prefix}; AWS VPCs take /16 to /28 and the baseline needs room for subnets, so use /16 to /24.`,
        );
    } else if (!isAligned(block)) {
        problems.push(`NetworkArgs.cidrBlock "${args.cidrBlock}" has host bits set; use the network address of the block.`);
    } else if (zones.length >= 2 && !planSubnets(args.cidrBlock, zones.length)) {
        problems.push(
            `NetworkArgs.cidrBlock "${args.cidrBlock}" is too small for ${zones.length} zones with a /28 public subnet each; use a larger block or fewer zones.`,
        );
    }

    if (zones.length < 2) {
        problems.push(
            `NetworkArgs.availabilityZones has ${zones.length} zone${zones.length === 1 ? "" : "s"}; give at least 2 (3 for production) so nodes and endpoints survive the loss of a zone.`,
        );
    }
    const duplicates = zones.filter((zone, index) => zones.indexOf(zone) !== index);
    if (duplicates.length > 0) {
        problems.push(`NetworkArgs.availabilityZones lists ${[...new Set(duplicates)].join(", ")} more than once; list each zone once.`);
    }

    if (!REGION_PATTERN.test(args.region ?? "")) {
        problems.push(`NetworkArgs.region "${args.region}" is not an AWS region name; give one such as eu-west-1.`);
    } else {
        const foreign = zones.filter((zone) => !zone.startsWith(args.region) || zone.length === args.region.length);
        if (foreign.length > 0) {
            problems.push(
                `NetworkArgs.availabilityZones ${foreign.join(", ")} ${foreign.length === 1 ? "is" : "are"} not in region ${args.region}; give zone names such as ${args.region}a.`,
            );
        }
    }

    if (!ACCOUNT_ID_PATTERN.test(args.accountId ?? "")) {
        problems.push(`NetworkArgs.accountId "${args.accountId}" is not a 12-digit AWS account id.`);
    }
    if (!clusterNamePattern.test(args.clusterName ?? "")) {
        problems.push(
            `NetworkArgs.clusterName "${args.clusterName}" is not a valid EKS cluster name; use 1-100 letters, digits, '-' or '_', starting with a letter or digit.`,
        );
    }

    const egress = args.egress ?? "none";
    if (egress !== "none" && egress !== "nat") {
        problems.push(`NetworkArgs.egress "${String(egress)}" is not "none" or "nat".`);
    }
    if (args.natGateways !== undefined && egress !== "nat") {
        problems.push(
            `NetworkArgs.natGateways is "${args.natGateways}" but egress is "${egress}"; NAT gateways exist only with egress "nat", so drop natGateways or set egress to "nat".`,
        );
    } else if (args.natGateways !== undefined && args.natGateways !== "single" && args.natGateways !== "perAz") {
        problems.push(`NetworkArgs.natGateways "${String(args.natGateways)}" is not "single" or "perAz".`);
    }

    const retention = args.flowLogRetentionDays;
    if (retention !== undefined && !isLogRetention(retention)) {
        problems.push(
            `NetworkArgs.flowLogRetentionDays ${retention} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(", ")} (NET-5).`,
        );
    }
    return problems;
}
