import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import {
    AUDIT_ALARM_IDS,
    AuditAlarmId,
    DEFAULT_SECRET_READER_ALLOW_LIST,
    MAX_PATTERN_LENGTH,
    serviceAccountSecretReadsPattern,
} from "./metric-filters";
import { ACCOUNT_ID_PATTERN, REGION_PATTERN } from "../shared/aws";

/** Object lock mode of the archive: GOVERNANCE can be lifted by a privileged principal, COMPLIANCE by nobody. */
export type ObjectLockMode = "GOVERNANCE" | "COMPLIANCE";

/** The S3 archive of control-plane (and session) logs (LOG-3). */
export interface AuditArchiveArgs {
    /**
     * Archive the logs to S3 through a subscription filter and Firehose. Default: `true`; logs kept
     * outside the cluster and its log groups survive a compromised or deleted cluster (LOG-3).
     * `false` is the opt-out for short-lived dev stacks.
     */
    enabled?: boolean;

    /**
     * Days archived objects are kept before lifecycle expiry; noncurrent versions expire 30 days
     * after they are replaced. Default: 400 (a year of look-back plus the time to notice).
     */
    retentionDays?: number;

    /**
     * Object lock (WORM) default retention of every archived object, turned on when the bucket is
     * created. Default: `{ mode: "GOVERNANCE", days: 365 }`: an attacker with ordinary S3 rights
     * cannot delete or overwrite archived logs for a year. `days` must not exceed `retentionDays`.
     * `false` creates the bucket without object lock (it cannot be enabled later in place).
     */
    objectLock?: { mode: ObjectLockMode; days: number } | false;

    /**
     * Name of the archive bucket. Default: `<clusterName>-audit-archive-<accountId>-<region>`
     * (lower-cased, `_` as `-`, shortened with a hash past 63 characters): set explicitly, never
     * auto-named, so the bucket ARN in the Firehose role's policy is known at preview (IAM-10).
     * Stacks whose archive was created auto-named set this to the existing bucket's name to keep it.
     */
    bucketName?: string;
}

/**
 * Inputs of {@link AuditTrail}. Account, region and partition come in here, not from an invoke.
 */
export interface AuditTrailArgs {
    /** EKS cluster name; names the metric namespace and alarms. Required. */
    clusterName: string;

    /**
     * The control-plane log group, `/aws/eks/<clusterName>/cluster`, created (KMS-encrypted,
     * with retention) by the cluster component before the cluster (LOG-2). Required.
     */
    controlPlaneLogGroupName: pulumi.Input<string>;

    /** Session Manager log group of the access host; archived alongside when given. Default: none. */
    sessionLogGroupName?: pulumi.Input<string>;

    /** 12-digit account id; scopes topic, bucket and role policies. Required. */
    accountId: string;

    /** Region of the trail (`eu-west-1`). Required. */
    region: string;

    /** ARN partition. Default: `"aws"`. */
    partition?: "aws" | "aws-us-gov" | "aws-cn";

    /** Logs key of `EncryptionKeys`: encrypts archive objects and the Firehose streams (LOG-3). Required. */
    logsKeyArn: pulumi.Input<string>;

    /**
     * Alias of `logsKeyArn` (the `logsKeyAlias` of `EncryptionKeys`). Default: none. KMS picks a new
     * key's id, so while the key is created in the same run its ARN is unknown at preview; with the
     * alias the Firehose role's policy names the key by alias (`kms:ResourceAliases`) and is known
     * at preview. A key ARN given as a plain string is always used as it is.
     */
    logsKeyAlias?: pulumi.Input<string>;

    /**
     * Alarms key of `EncryptionKeys`: encrypts the SNS alarm topic. Required; a customer-managed
     * key whose policy lets CloudWatch publish, because alarms cannot use `alias/aws/sns`.
     */
    alarmTopicKeyArn: pulumi.Input<string>;

    /**
     * The break-glass identity whose every use raises an alarm (IAM-6): the role ARN, and the
     * Kubernetes username and group its access entry maps to when set (the `breakGlassGroup` of
     * ClusterIdentity, which OidcRbac binds to cluster-admin). Required.
     */
    breakGlass: { roleArn: pulumi.Input<string>; username?: string; group?: string };

    /**
     * Service accounts expected to read Secrets, each `<namespace>` (all its service accounts) or
     * `<namespace>:<serviceAccount>`; reads by any other service account raise
     * `service-account-secret-reads` (LOG-4). Default: `["kube-system", "istio-system:istiod"]`.
     * Keep it short: the entries must fit one 1,024-character pattern.
     */
    serviceAccountSecretReaders?: string[];

    /** Email address subscribed to the alarm topic (confirm the subscription mail). Default: none; subscribe your pager or SIEM to `alarmTopicArn`. */
    alarmEmail?: string;

    /**
     * Alarm thresholds per 5 minutes. Default: 1 for every alarm except `unauthenticated-requests`
     * (10), `forbidden-requests` (5) and `admission-refusals` (10), where a burst is the signal and
     * a single event is usually an expired token, a misconfigured client or a rejected manifest.
     */
    alarmThresholds?: Partial<Record<AuditAlarmId, number>>;

    /** Log archive. Default: enabled, versioned, SSE-KMS, public access blocked, TLS only, GOVERNANCE object lock for 365 days, 400-day lifecycle. */
    archive?: AuditArchiveArgs;

    /**
     * Protect the archive bucket and its object lock configuration from deletion (`protect` and
     * `retainOnDelete`; SEC-7). Default: `true`. Dev stacks set `false` explicitly.
     */
    protect?: boolean;

    /** Extra tags on every resource; the baseline's own tags (`Name`, `baseline:managed-by`) win. */
    tags?: Record<string, string>;
}

/** Archive settings with defaults applied; undefined when the archive is off. */
export interface ResolvedArchive {
    retentionDays: number;
    objectLock: { mode: ObjectLockMode; days: number } | false;
}

export function resolveArchive(archive: AuditArchiveArgs | undefined): ResolvedArchive | undefined {
    if (archive?.enabled === false) {
        return undefined;
    }
    return { retentionDays: archive?.retentionDays ?? 400, objectLock: archive?.objectLock ?? { mode: "GOVERNANCE", days: 365 } };
}

/** S3 bucket names: 3-63 lower-case letters, digits and '-', starting and ending alphanumeric (no dots: they break TLS). */
const bucketNamePattern = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** Longest S3 bucket name and Firehose delivery stream name. */
const MAX_BUCKET_NAME = 63;
const MAX_STREAM_NAME = 64;

function shortHash(value: string): string {
    return createHash("sha256").update(value).digest("hex").slice(0, 8);
}

/** `base` + `suffix` within `max` characters; a base that does not fit is cut and made unique with its hash. */
function fitName(base: string, suffix: string, max: number): string {
    if (base.length + suffix.length <= max) {
        return `${base}${suffix}`;
    }
    return `${base.slice(0, max - suffix.length - 9)}-${shortHash(base)}${suffix}`;
}

/** The archive bucket's name: `archive.bucketName`, else `<clusterName>-audit-archive-<accountId>-<region>` made a valid bucket name. */
export function archiveBucketName(args: Pick<AuditTrailArgs, "clusterName" | "accountId" | "region" | "archive">): string {
    if (args.archive?.bucketName !== undefined) {
        return args.archive.bucketName;
    }
    const base = args.clusterName.toLowerCase().replace(/_/g, "-");
    return fitName(
        base === args.clusterName ? base : `${base}-${shortHash(args.clusterName)}`,
        `-audit-archive-${args.accountId}-${args.region}`,
        MAX_BUCKET_NAME,
    );
}

/** Name of the Firehose stream archiving one source: `<clusterName>-archive-<sourceId>`, at most 64 characters. */
export function archiveStreamName(clusterName: string, sourceId: string): string {
    return fitName(clusterName, `-archive-${sourceId}`, MAX_STREAM_NAME);
}

const clusterNamePattern = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const emailPattern = /^[^@\s"]+@[^@\s"]+\.[^@\s"]+$/;
/** Longest break-glass group and username matched, so the break-glass patterns fit CloudWatch's 1,024 characters. */
export const MAX_GROUP_LENGTH = 63;
export const MAX_USERNAME_LENGTH = 128;
/** `<namespace>` or `<namespace>:<serviceAccount>`: a DNS label, then optionally a DNS subdomain. */
const secretReaderPattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)?$/;
/** Characters that would break out of a quoted filter-pattern value. */
const patternBreaking = /["\\]/;

function positiveInteger(value: number): boolean {
    return Number.isInteger(value) && value > 0;
}

/** Whether `entry` is a valid `serviceAccountSecretReaders` entry (`<namespace>` or `<namespace>:<serviceAccount>`). */
export function isSecretReaderEntry(entry: string): boolean {
    return secretReaderPattern.test(entry);
}

/** Whether the service-account Secret-read pattern for `entries` fits CloudWatch's 1,024 characters. */
export function secretReadersFit(entries: readonly string[]): boolean {
    return serviceAccountSecretReadsPattern(entries).length <= MAX_PATTERN_LENGTH;
}

/** Problems with `serviceAccountSecretReaders`: entry syntax, and the pattern they make fitting 1,024 characters. */
function secretReaderProblems(entries: string[] | undefined): string[] {
    if (entries === undefined) {
        return [];
    }
    const bad = entries.filter((entry) => !isSecretReaderEntry(entry));
    if (bad.length > 0) {
        return bad.map(
            (entry) =>
                `AuditTrailArgs.serviceAccountSecretReaders has "${entry}"; give <namespace> or <namespace>:<serviceAccount> in lower-case DNS names.`,
        );
    }
    const length = serviceAccountSecretReadsPattern(entries).length;
    if (length > MAX_PATTERN_LENGTH) {
        return [
            `AuditTrailArgs.serviceAccountSecretReaders makes a ${length}-character filter pattern, over CloudWatch's ${MAX_PATTERN_LENGTH}; allow whole namespaces instead of single service accounts, or list fewer.`,
        ];
    }
    return [];
}

/** The allow-list of service accounts expected to read Secrets, default applied. */
export function resolveSecretReaders(entries: string[] | undefined): readonly string[] {
    return entries ?? DEFAULT_SECRET_READER_ALLOW_LIST;
}

/** Every problem with the args (argument, value, fix); empty when valid. Output values are checked where known. */
export function validateAuditTrailArgs(args: AuditTrailArgs): string[] {
    const problems: string[] = [];
    if (!clusterNamePattern.test(args.clusterName ?? "")) {
        problems.push(
            `AuditTrailArgs.clusterName "${args.clusterName}" is not a valid EKS cluster name; use 1-100 letters, digits, '-' or '_', starting with a letter or digit.`,
        );
    }
    const expectedGroup = `/aws/eks/${args.clusterName}/cluster`;
    if (typeof args.controlPlaneLogGroupName === "string" && args.controlPlaneLogGroupName !== expectedGroup) {
        problems.push(
            `AuditTrailArgs.controlPlaneLogGroupName "${args.controlPlaneLogGroupName}" is not ${expectedGroup}; EKS writes audit logs only to that group.`,
        );
    }
    if (!ACCOUNT_ID_PATTERN.test(args.accountId ?? "")) {
        problems.push(`AuditTrailArgs.accountId "${args.accountId}" is not a 12-digit AWS account id.`);
    }
    if (!REGION_PATTERN.test(args.region ?? "")) {
        problems.push(`AuditTrailArgs.region "${args.region}" is not an AWS region name; give one such as eu-west-1.`);
    }

    const roleArn = args.breakGlass?.roleArn;
    if (roleArn === undefined) {
        problems.push("AuditTrailArgs.breakGlass.roleArn is missing; every use of the break-glass role must raise an alarm (IAM-6).");
    } else if (typeof roleArn === "string" && !roleArnPattern.test(roleArn)) {
        problems.push(`AuditTrailArgs.breakGlass.roleArn "${roleArn}" is not an IAM role ARN; give arn:aws:iam::<account>:role/<name>.`);
    }
    const username = args.breakGlass?.username;
    if (username !== undefined && (username.length === 0 || username.length > MAX_USERNAME_LENGTH || patternBreaking.test(username))) {
        problems.push(
            `AuditTrailArgs.breakGlass.username "${username}" cannot be matched in a filter pattern; give a name of 1-${MAX_USERNAME_LENGTH} characters without '"' or '\\'.`,
        );
    }

    const group = args.breakGlass?.group;
    if (group !== undefined && (group.length === 0 || group.length > MAX_GROUP_LENGTH || patternBreaking.test(group))) {
        problems.push(
            `AuditTrailArgs.breakGlass.group "${group}" cannot be matched in a filter pattern; give a name of 1-${MAX_GROUP_LENGTH} characters without '"' or '\\'.`,
        );
    }

    problems.push(...secretReaderProblems(args.serviceAccountSecretReaders));
    if (args.alarmEmail !== undefined && !emailPattern.test(args.alarmEmail)) {
        problems.push(`AuditTrailArgs.alarmEmail "${args.alarmEmail}" is not an email address.`);
    }
    for (const [id, threshold] of Object.entries(args.alarmThresholds ?? {})) {
        if (!(AUDIT_ALARM_IDS as readonly string[]).includes(id)) {
            problems.push(`AuditTrailArgs.alarmThresholds has unknown alarm "${id}"; use one of ${AUDIT_ALARM_IDS.join(", ")}.`);
        } else if (!positiveInteger(threshold)) {
            problems.push(`AuditTrailArgs.alarmThresholds.${id} is ${threshold}; give a whole number of events of at least 1.`);
        }
    }

    const archive = resolveArchive(args.archive);
    if (archive) {
        if (!positiveInteger(archive.retentionDays)) {
            problems.push(`AuditTrailArgs.archive.retentionDays is ${archive.retentionDays}; give a whole number of days of at least 1.`);
        }
        const bucketName = args.archive?.bucketName;
        if (bucketName !== undefined && !bucketNamePattern.test(bucketName)) {
            problems.push(
                `AuditTrailArgs.archive.bucketName "${bucketName}" is not a valid bucket name; give 3-63 lower-case letters, digits or '-', starting and ending with a letter or digit.`,
            );
        }
        const lock = archive.objectLock;
        if (lock !== false) {
            if (lock.mode !== "GOVERNANCE" && lock.mode !== "COMPLIANCE") {
                problems.push(`AuditTrailArgs.archive.objectLock.mode "${String(lock.mode)}" is not GOVERNANCE or COMPLIANCE.`);
            }
            if (!positiveInteger(lock.days)) {
                problems.push(`AuditTrailArgs.archive.objectLock.days is ${lock.days}; give a whole number of days of at least 1.`);
            } else if (lock.days > archive.retentionDays) {
                problems.push(
                    `AuditTrailArgs.archive.objectLock.days (${lock.days}) exceeds archive.retentionDays (${archive.retentionDays}); locked objects cannot expire, so lower the lock or raise the retention.`,
                );
            }
        }
    }
    return problems;
}
