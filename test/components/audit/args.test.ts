import { describe, expect, it } from "vitest";
import {
    AuditTrailArgs,
    archiveBucketName,
    archiveStreamName,
    resolveArchive,
    validateAuditTrailArgs,
} from "../../../components/audit/args";

const valid: AuditTrailArgs = {
    clusterName: "prod",
    controlPlaneLogGroupName: "/aws/eks/prod/cluster",
    accountId: "111122223333",
    region: "eu-west-1",
    logsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
    alarmTopicKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/alarms",
    breakGlass: { roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", username: "break-glass" },
};

describe("validateAuditTrailArgs", () => {
    it("accepts the documented shape", () => {
        expect(validateAuditTrailArgs(valid)).toEqual([]);
        expect(
            validateAuditTrailArgs({
                ...valid,
                alarmEmail: "security@example.com",
                archive: { retentionDays: 30, objectLock: false },
                alarmThresholds: { "forbidden-requests": 20 },
            }),
        ).toEqual([]);
    });

    it("defaults to an object-locked archive", () => {
        expect(resolveArchive(undefined)).toEqual({ retentionDays: 400, objectLock: { mode: "GOVERNANCE", days: 365 } });
        expect(resolveArchive({ enabled: false })).toBeUndefined();
    });

    it("refuses a control-plane log group EKS does not write to", () => {
        expect(validateAuditTrailArgs({ ...valid, controlPlaneLogGroupName: "/eks/prod" })).toEqual([
            'AuditTrailArgs.controlPlaneLogGroupName "/eks/prod" is not /aws/eks/prod/cluster; EKS writes audit logs only to that group.',
        ]);
    });

    it("refuses a break-glass role ARN that is not an IAM role", () => {
        expect(validateAuditTrailArgs({ ...valid, breakGlass: { roleArn: "arn:aws:iam::111122223333:user/alice" } })).toEqual([
            'AuditTrailArgs.breakGlass.roleArn "arn:aws:iam::111122223333:user/alice" is not an IAM role ARN; give arn:aws:iam::<account>:role/<name>.',
        ]);
    });

    it("refuses a missing break-glass role (IAM-6)", () => {
        expect(validateAuditTrailArgs({ ...valid, breakGlass: undefined as never })).toEqual([
            "AuditTrailArgs.breakGlass.roleArn is missing; every use of the break-glass role must raise an alarm (IAM-6).",
        ]);
    });

    it("refuses a break-glass username that would break the filter pattern", () => {
        expect(validateAuditTrailArgs({ ...valid, breakGlass: { ...valid.breakGlass, username: 'a"b' } })).toEqual([
            `AuditTrailArgs.breakGlass.username "a"b" cannot be matched in a filter pattern; give a name of 1-128 characters without '"' or '\\'.`,
        ]);
    });

    it("refuses a break-glass username longer than the break-glass patterns can hold", () => {
        expect(validateAuditTrailArgs({ ...valid, breakGlass: { ...valid.breakGlass, username: "u".repeat(129) } })).toEqual([
            `AuditTrailArgs.breakGlass.username "${"u".repeat(129)}" cannot be matched in a filter pattern; give a name of 1-128 characters without '"' or '\\'.`,
        ]);
        expect(validateAuditTrailArgs({ ...valid, breakGlass: { ...valid.breakGlass, username: "u".repeat(128) } })).toEqual([]);
    });

    it("refuses a service-account allow-list entry that is not <namespace> or <namespace>:<serviceAccount> (LOG-4)", () => {
        expect(validateAuditTrailArgs({ ...valid, serviceAccountSecretReaders: ["kube-system", "Payments", "a:b:c", "ns:*"] })).toEqual([
            'AuditTrailArgs.serviceAccountSecretReaders has "Payments"; give <namespace> or <namespace>:<serviceAccount> in lower-case DNS names.',
            'AuditTrailArgs.serviceAccountSecretReaders has "a:b:c"; give <namespace> or <namespace>:<serviceAccount> in lower-case DNS names.',
            'AuditTrailArgs.serviceAccountSecretReaders has "ns:*"; give <namespace> or <namespace>:<serviceAccount> in lower-case DNS names.',
        ]);
        expect(validateAuditTrailArgs({ ...valid, serviceAccountSecretReaders: [] })).toEqual([]);
    });

    it("refuses a service-account allow-list whose pattern would pass CloudWatch's 1,024 characters (LOG-4)", () => {
        const entries = Array.from({ length: 8 }, (_, index) => `namespace-${index}:${"s".repeat(60)}`);
        const problems = validateAuditTrailArgs({ ...valid, serviceAccountSecretReaders: entries });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(
            /^AuditTrailArgs\.serviceAccountSecretReaders makes a 1\d{3}-character filter pattern, over CloudWatch's 1024; allow whole namespaces instead of single service accounts, or list fewer\.$/,
        );
    });

    it("refuses a break-glass group that would break the filter pattern or overflow it", () => {
        expect(validateAuditTrailArgs({ ...valid, breakGlass: { ...valid.breakGlass, group: 'a"b' } })).toEqual([
            `AuditTrailArgs.breakGlass.group "a"b" cannot be matched in a filter pattern; give a name of 1-63 characters without '"' or '\\'.`,
        ]);
        expect(validateAuditTrailArgs({ ...valid, breakGlass: { ...valid.breakGlass, group: "g".repeat(64) } })).toEqual([
            `AuditTrailArgs.breakGlass.group "${"g".repeat(64)}" cannot be matched in a filter pattern; give a name of 1-63 characters without '"' or '\\'.`,
        ]);
        expect(validateAuditTrailArgs({ ...valid, breakGlass: { ...valid.breakGlass, group: "break-glass" } })).toEqual([]);
    });

    it("refuses a malformed alarm email", () => {
        expect(validateAuditTrailArgs({ ...valid, alarmEmail: "security" })).toEqual([
            'AuditTrailArgs.alarmEmail "security" is not an email address.',
        ]);
    });

    it("refuses unknown alarms and thresholds below 1", () => {
        expect(validateAuditTrailArgs({ ...valid, alarmThresholds: { "secret-reads": 0, "pod-exec": 1 } as never })).toEqual([
            "AuditTrailArgs.alarmThresholds.secret-reads is 0; give a whole number of events of at least 1.",
            'AuditTrailArgs.alarmThresholds has unknown alarm "pod-exec"; use one of rbac-changes, secret-reads, service-account-secret-reads, break-glass, unauthenticated-requests, forbidden-requests, admission-refusals.',
        ]);
    });

    it("refuses an object lock longer than the archive retention", () => {
        expect(validateAuditTrailArgs({ ...valid, archive: { retentionDays: 90 } })).toEqual([
            "AuditTrailArgs.archive.objectLock.days (365) exceeds archive.retentionDays (90); locked objects cannot expire, so lower the lock or raise the retention.",
        ]);
    });

    it("refuses an unknown object lock mode and a fractional retention", () => {
        expect(
            validateAuditTrailArgs({ ...valid, archive: { retentionDays: 1.5, objectLock: { mode: "LEGAL" as never, days: 1 } } }),
        ).toEqual([
            "AuditTrailArgs.archive.retentionDays is 1.5; give a whole number of days of at least 1.",
            'AuditTrailArgs.archive.objectLock.mode "LEGAL" is not GOVERNANCE or COMPLIANCE.',
        ]);
    });

    it("refuses a malformed cluster name, account id and region", () => {
        expect(
            validateAuditTrailArgs({
                ...valid,
                clusterName: "prod cluster",
                controlPlaneLogGroupName: "/aws/eks/prod cluster/cluster",
                accountId: "x",
                region: "mars",
            }),
        ).toEqual([
            `AuditTrailArgs.clusterName "prod cluster" is not a valid EKS cluster name; use 1-100 letters, digits, '-' or '_', starting with a letter or digit.`,
            'AuditTrailArgs.accountId "x" is not a 12-digit AWS account id.',
            'AuditTrailArgs.region "mars" is not an AWS region name; give one such as eu-west-1.',
        ]);
    });

    it("refuses an archive bucket name S3 would reject", () => {
        expect(validateAuditTrailArgs({ ...valid, archive: { bucketName: "Prod_Archive" } })).toEqual([
            `AuditTrailArgs.archive.bucketName "Prod_Archive" is not a valid bucket name; give 3-63 lower-case letters, digits or '-', starting and ending with a letter or digit.`,
        ]);
    });
});

describe("archive names", () => {
    it("names the bucket after cluster, account and region unless archive.bucketName is set", () => {
        expect(archiveBucketName(valid)).toBe("prod-audit-archive-111122223333-eu-west-1");
        expect(archiveBucketName({ ...valid, archive: { bucketName: "kept-archive" } })).toBe("kept-archive");
    });

    it("makes every valid cluster name a valid bucket and stream name", () => {
        const long = `Prod_${"x".repeat(95)}`;
        for (const clusterName of ["prod", "Prod_Cluster", long]) {
            const bucket = archiveBucketName({ ...valid, clusterName });
            expect(bucket).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
            expect(bucket.endsWith("-audit-archive-111122223333-eu-west-1")).toBe(true);
            const stream = archiveStreamName(clusterName, "control-plane");
            expect(stream.length).toBeLessThanOrEqual(64);
            expect(stream).toMatch(/^[A-Za-z0-9_.-]+-archive-control-plane$/);
        }
        expect(archiveBucketName({ ...valid, clusterName: "Prod_Cluster" })).not.toBe(
            archiveBucketName({ ...valid, clusterName: "prod-cluster" }),
        );
        expect(archiveStreamName("prod", "sessions")).toBe("prod-archive-sessions");
    });
});
