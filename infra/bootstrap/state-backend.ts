/**
 * The state backend of the baseline (SEC-6): where every stack's state lives and the key its
 * secrets are encrypted with. Created once per state account by the bootstrap program, before any
 * stack exists; then every operator and CI job runs `pulumi login <loginUrl>` and every stack is
 * created with `pulumi stack init <env> --secrets-provider <secretsProvider>`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../../components/shared/errors";
import { IamPolicyDocument, IamStatement, policyDocument, toJson } from "../../components/shared/iam";
import { childName } from "../../components/shared/naming";
import { baselineTags } from "../../components/shared/tags";
import { ACCOUNT_ID_PATTERN, REGION_PATTERN } from "../../components/shared/aws";

/** KMS deletion window of both keys (SEC-2): a month to notice and cancel a scheduled deletion. */
export const KEY_DELETION_WINDOW_DAYS = 30;
/** Prefix of the state bucket's server access logs in the log bucket. */
export const ACCESS_LOG_PREFIX = "state-access/";
/** Suffix of the access-log bucket's name. */
export const LOG_BUCKET_SUFFIX = "-access-logs";

export interface StateBackendArgs {
    /** 12-digit id of the account that holds the state. No default: key and bucket policies are scoped to it. */
    accountId: string;
    /** Region of the bucket and keys (the secrets provider URL names it). No default: components never read the ambient region. */
    region: string;
    /** AWS partition of the ARNs. Default: `"aws"`. */
    partition?: string;
    /**
     * Name of the state bucket, globally unique, at most 51 characters so that the log bucket
     * `<bucketName>-access-logs` stays within S3's 63. Default: a Pulumi auto-name
     * (`<component name>-state-<random>`); `loginUrl` names it either way.
     */
    bucketName?: string;
    /**
     * Alias of the stack secrets key. Default: `"alias/pulumi-secrets"`, the alias
     * `secretsProvider` (`awskms://alias/pulumi-secrets?region=<region>`) points at.
     */
    secretsKeyAlias?: string;
    /** Alias of the state bucket's encryption key. Default: `"alias/pulumi-state"`. */
    stateKeyAlias?: string;
    /**
     * IAM role ARNs of other accounts (CI preview and deploy roles, operators) that read and write
     * state and use both keys. Default: none; principals of `accountId` get access through their
     * own IAM policies, because both key policies delegate to the account.
     */
    accessRoleArns?: string[];
    /** Days a replaced state file version is kept (older checkpoints, for recovery). Default: 365. */
    noncurrentVersionDays?: number;
    /** Days access logs are kept. Default: 365. */
    accessLogRetentionDays?: number;
    /**
     * Pulumi `protect` and `retainOnDelete` on both keys and both buckets, so neither a
     * `pulumi destroy` nor a replacement can delete the state or make it unreadable (SEC-7).
     * Default: true.
     */
    protect?: boolean;
    /** Extra tags on every taggable child. Default: none; `Name` and the baseline tag are always set. */
    tags?: Record<string, string>;
}

const bucketNamePattern = /^[a-z0-9][a-z0-9.-]{1,49}[a-z0-9]$/;
const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const aliasPattern = /^alias\/[a-zA-Z0-9/_-]+$/;

/** Every problem with `args`, one line each, naming the argument, the value and the fix. */
export function validateStateBackendArgs(args: StateBackendArgs): string[] {
    const problems: string[] = [];
    if (!ACCOUNT_ID_PATTERN.test(args.accountId)) {
        problems.push(`StateBackendArgs.accountId is "${args.accountId}"; write the 12-digit account id as a quoted string.`);
    }
    if (!REGION_PATTERN.test(args.region)) {
        problems.push(`StateBackendArgs.region is "${args.region}"; use a region code such as eu-west-1.`);
    }
    if (args.bucketName !== undefined && (!bucketNamePattern.test(args.bucketName) || args.bucketName.includes(".."))) {
        problems.push(
            `StateBackendArgs.bucketName is "${args.bucketName}"; use 3-51 lower-case letters, digits, '.' and '-' (the log bucket adds "${LOG_BUCKET_SUFFIX}").`,
        );
    }
    for (const [field, alias] of [
        ["secretsKeyAlias", args.secretsKeyAlias],
        ["stateKeyAlias", args.stateKeyAlias],
    ] as const) {
        if (alias !== undefined && (!aliasPattern.test(alias) || alias.startsWith("alias/aws/"))) {
            problems.push(
                `StateBackendArgs.${field} is "${alias}"; write it as alias/<name> (alias/aws/ is reserved for AWS managed keys).`,
            );
        }
    }
    for (const arn of args.accessRoleArns ?? []) {
        if (!roleArnPattern.test(arn)) {
            problems.push(`StateBackendArgs.accessRoleArns contains "${arn}"; list IAM role ARNs (arn:aws:iam::<account>:role/<name>).`);
        }
    }
    for (const [field, days] of [
        ["noncurrentVersionDays", args.noncurrentVersionDays],
        ["accessLogRetentionDays", args.accessLogRetentionDays],
    ] as const) {
        if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
            problems.push(`StateBackendArgs.${field} is ${days}; use a whole number of days, at least 1.`);
        }
    }
    return problems;
}

/** `s3://<bucket>`, the argument of `pulumi login`. */
export function loginUrl(bucket: string): string {
    return `s3://${bucket}`;
}

/** `awskms://<alias>?region=<region>`, the `--secrets-provider` of `pulumi stack init`. */
export function secretsProviderUrl(alias: string, region: string): string {
    return `awskms://${alias}?region=${region}`;
}

interface Scope {
    partition: string;
    accountId: string;
}

/** Actions a principal needs to encrypt and decrypt with a key (state objects, stack secrets). */
export const KEY_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

/**
 * Key policy of both keys: the account administers and uses the key through IAM (no `*`
 * principal, SEC-2); the listed roles of other accounts may use it, nothing more.
 */
export function backendKeyPolicy(scope: Scope, accessRoleArns: string[]): IamPolicyDocument {
    const statements: IamStatement[] = [
        {
            Sid: "AccountAdministersKeyThroughIam",
            Effect: "Allow",
            Principal: { AWS: `arn:${scope.partition}:iam::${scope.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
        },
    ];
    if (accessRoleArns.length > 0) {
        statements.push({
            Sid: "StateUsersUseKey",
            Effect: "Allow",
            Principal: { AWS: accessRoleArns },
            Action: KEY_USE_ACTIONS,
            Resource: "*",
        });
    }
    return policyDocument(...statements);
}

function denyWithoutTls(bucketArn: string): IamStatement {
    return {
        Sid: "DenyRequestsWithoutTls",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": false } },
    };
}

/** State bucket policy: TLS only; the listed roles of other accounts read and write state objects. */
export function stateBucketPolicy(bucketArn: string, accessRoleArns: string[]): IamPolicyDocument {
    const statements: IamStatement[] = [denyWithoutTls(bucketArn)];
    if (accessRoleArns.length > 0) {
        statements.push(
            {
                Sid: "StateUsersListBucket",
                Effect: "Allow",
                Principal: { AWS: accessRoleArns },
                Action: ["s3:ListBucket", "s3:GetBucketLocation"],
                Resource: bucketArn,
            },
            {
                Sid: "StateUsersReadWriteState",
                Effect: "Allow",
                Principal: { AWS: accessRoleArns },
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                Resource: `${bucketArn}/*`,
            },
        );
    }
    return policyDocument(...statements);
}

/**
 * Log bucket policy: TLS only; the S3 logging service delivers the state bucket's access logs,
 * only for that bucket and this account (confused-deputy conditions).
 * See https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function logBucketPolicy(logBucketArn: string, stateBucketArn: string, accountId: string): IamPolicyDocument {
    return policyDocument(denyWithoutTls(logBucketArn), {
        Sid: "S3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${logBucketArn}/${ACCESS_LOG_PREFIX}*`,
        Condition: { ArnLike: { "aws:SourceArn": stateBucketArn }, StringEquals: { "aws:SourceAccount": accountId } },
    });
}

/**
 * S3 state bucket (versioned, SSE-KMS with its own key, public access blocked, bucket owner
 * enforced, TLS only, access-logged to a separate hardened log bucket) and the KMS key used as
 * the stack secrets provider (SEC-6). Both keys rotate yearly and wait 30 days before deletion;
 * keys and buckets are protected and retained on delete (SEC-7).
 *
 * ```ts
 * const backend = new StateBackend("pulumi", { accountId: "999900001111", region: "eu-west-1" });
 * export const loginUrl = backend.loginUrl; // pulumi login s3://...
 * ```
 */
export class StateBackend extends pulumi.ComponentResource {
    public readonly stateBucket: aws.s3.Bucket;
    public readonly logBucket: aws.s3.Bucket;
    public readonly stateKey: aws.kms.Key;
    public readonly secretsKey: aws.kms.Key;
    public readonly bucketName: pulumi.Output<string>;
    public readonly logBucketName: pulumi.Output<string>;
    public readonly stateKeyArn: pulumi.Output<string>;
    public readonly secretsKeyArn: pulumi.Output<string>;
    /** `alias/pulumi-secrets` unless changed. */
    public readonly secretsKeyAlias: pulumi.Output<string>;
    /** `s3://<bucket>`, for `pulumi login`. */
    public readonly loginUrl: pulumi.Output<string>;
    /** `awskms://alias/pulumi-secrets?region=<region>`, for `pulumi stack init --secrets-provider`. */
    public readonly secretsProvider: pulumi.Output<string>;

    constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
        super("baseline:bootstrap:StateBackend", name, {}, opts);
        assertNoProblems(`StateBackend "${name}"`, validateStateBackendArgs(args));
        const scope: Scope = { partition: args.partition ?? "aws", accountId: args.accountId };
        const accessRoleArns = args.accessRoleArns ?? [];
        const protect = args.protect ?? true;
        const child = { parent: this };
        // SEC-6/SEC-7: losing a key or a bucket loses every stack's state and secrets.
        const guarded: pulumi.CustomResourceOptions = { parent: this, protect, retainOnDelete: protect };
        const tags = (part: string) => ({ ...(args.tags ?? {}), ...baselineTags(childName(name, part)) });

        const key = (part: string, description: string, alias: string) => {
            const created = new aws.kms.Key(
                childName(name, part),
                {
                    description,
                    keyUsage: "ENCRYPT_DECRYPT",
                    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
                    enableKeyRotation: true,
                    deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
                    policy: toJson(backendKeyPolicy(scope, accessRoleArns)),
                    tags: tags(part),
                },
                guarded,
            );
            const createdAlias = new aws.kms.Alias(childName(name, `${part}-alias`), { name: alias, targetKeyId: created.keyId }, guarded);
            return { key: created, alias: createdAlias };
        };
        const stateKey = key(
            "state-key",
            `${name}: SSE-KMS of the Pulumi state bucket (SEC-6)`,
            args.stateKeyAlias ?? "alias/pulumi-state",
        );
        const secretsKey = key(
            "secrets-key",
            `${name}: Pulumi stack secrets provider (SEC-6)`,
            args.secretsKeyAlias ?? "alias/pulumi-secrets",
        );

        // Hardening shared by both buckets: no public access whatever a policy or ACL says, ACLs off, versioned.
        const harden = (bucket: aws.s3.Bucket, part: string) => {
            const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
                childName(name, `${part}-public-access-block`),
                { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
                child,
            );
            new aws.s3.BucketOwnershipControls(
                childName(name, `${part}-ownership`),
                { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
                child,
            );
            const versioning = new aws.s3.BucketVersioning(
                childName(name, `${part}-versioning`),
                { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
                child,
            );
            return { publicAccessBlock, versioning };
        };

        const logBucket = new aws.s3.Bucket(
            childName(name, "access-logs"),
            {
                ...(args.bucketName ? { bucket: `${args.bucketName}${LOG_BUCKET_SUFFIX}` } : {}),
                forceDestroy: false,
                tags: tags("access-logs"),
            },
            guarded,
        );
        const logHardening = harden(logBucket, "access-logs");
        // S3 server access logging documents SSE-S3 as the default encryption its target buckets support.
        new aws.s3.BucketServerSideEncryptionConfiguration(
            childName(name, "access-logs-encryption"),
            { bucket: logBucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            child,
        );
        new aws.s3.BucketLifecycleConfiguration(
            childName(name, "access-logs-lifecycle"),
            {
                bucket: logBucket.id,
                rules: [
                    {
                        id: "expire-access-logs",
                        status: "Enabled",
                        filter: {},
                        expiration: { days: args.accessLogRetentionDays ?? 365 },
                        noncurrentVersionExpiration: { noncurrentDays: 30 },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            { parent: this, dependsOn: [logHardening.versioning] },
        );

        const stateBucket = new aws.s3.Bucket(
            childName(name, "state"),
            { ...(args.bucketName ? { bucket: args.bucketName } : {}), forceDestroy: false, tags: tags("state") },
            guarded,
        );
        const stateHardening = harden(stateBucket, "state");
        new aws.s3.BucketServerSideEncryptionConfiguration(
            childName(name, "state-encryption"),
            {
                bucket: stateBucket.id,
                // Bucket keys cut KMS requests (and cost) for the many small checkpoint writes.
                rules: [
                    {
                        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: stateKey.key.arn },
                        bucketKeyEnabled: true,
                    },
                ],
            },
            child,
        );
        new aws.s3.BucketLifecycleConfiguration(
            childName(name, "state-lifecycle"),
            {
                bucket: stateBucket.id,
                rules: [
                    {
                        id: "expire-replaced-state-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays ?? 365 },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            { parent: this, dependsOn: [stateHardening.versioning] },
        );
        new aws.s3.BucketLogging(
            childName(name, "state-logging"),
            { bucket: stateBucket.id, targetBucket: logBucket.id, targetPrefix: ACCESS_LOG_PREFIX },
            { parent: this, dependsOn: [logHardening.publicAccessBlock] },
        );
        // S3 refuses a policy change while the public access block is being applied; order them.
        new aws.s3.BucketPolicy(
            childName(name, "access-logs-policy"),
            {
                bucket: logBucket.id,
                policy: pulumi
                    .all([logBucket.arn, stateBucket.arn])
                    .apply(([logArn, stateArn]) => toJson(logBucketPolicy(logArn, stateArn, args.accountId))),
            },
            { parent: this, dependsOn: [logHardening.publicAccessBlock] },
        );
        new aws.s3.BucketPolicy(
            childName(name, "state-policy"),
            { bucket: stateBucket.id, policy: stateBucket.arn.apply((arn) => toJson(stateBucketPolicy(arn, accessRoleArns))) },
            { parent: this, dependsOn: [stateHardening.publicAccessBlock] },
        );

        this.stateBucket = stateBucket;
        this.logBucket = logBucket;
        this.stateKey = stateKey.key;
        this.secretsKey = secretsKey.key;
        this.bucketName = stateBucket.bucket;
        this.logBucketName = logBucket.bucket;
        this.stateKeyArn = stateKey.key.arn;
        this.secretsKeyArn = secretsKey.key.arn;
        this.secretsKeyAlias = secretsKey.alias.name;
        this.loginUrl = stateBucket.bucket.apply(loginUrl);
        this.secretsProvider = secretsKey.alias.name.apply((alias) => secretsProviderUrl(alias, args.region));
        this.registerOutputs({
            bucketName: this.bucketName,
            logBucketName: this.logBucketName,
            stateKeyArn: this.stateKeyArn,
            secretsKeyArn: this.secretsKeyArn,
            secretsKeyAlias: this.secretsKeyAlias,
            loginUrl: this.loginUrl,
            secretsProvider: this.secretsProvider,
        });
    }
}
