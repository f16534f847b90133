import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateAuditTrailArgs } from "../../../components/audit/args";
import {
    AUDIT_ALARM_IDS,
    AUDIT_FILTER_IDS,
    DEFAULT_SECRET_READER_ALLOW_LIST,
    MAX_PATTERN_LENGTH,
    auditAlarmSpecs,
    auditMetricFilters,
    breakGlassImpersonationPattern,
    breakGlassPattern,
    canonicalRoleArn,
    forbiddenRequestsPattern,
    rbacChangesPattern,
    secretReadsPattern,
    serviceAccountSecretReadsPattern,
    unauthenticatedRequestsPattern,
} from "../../../components/audit/metric-filters";
import { parsePattern } from "../../helpers/filter-pattern";

// What each pattern matches is proven on golden events in golden-events.test.ts; these are
// secondary checks on the text and the limits CloudWatch puts on it.

/** The longest break-glass inputs the args allow: a 64-character role name, 128-character username, 63-character group. */
const longest = {
    roleArn: `arn:aws-us-gov:iam::111122223333:role/${"r".repeat(64)}`,
    username: "u".repeat(128),
    group: "g".repeat(63),
};
const validBase = {
    clusterName: "prod",
    controlPlaneLogGroupName: "/aws/eks/prod/cluster",
    accountId: "111122223333",
    region: "eu-west-1",
    logsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
    alarmTopicKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/alarms",
};

describe("audit metric-filter patterns", () => {
    it("parses every pattern of every alarm with the CloudWatch filter-pattern evaluator", () => {
        for (const filter of auditMetricFilters({ breakGlass: longest, serviceAccountSecretReaders: DEFAULT_SECRET_READER_ALLOW_LIST })) {
            expect(() => parsePattern(filter.pattern), filter.id).not.toThrow();
        }
    });

    it("keeps the direct break-glass pattern within 1,024 characters for the longest role, username and group (IAM-6)", () => {
        expect(breakGlassPattern(longest).length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
    });

    it("keeps the break-glass impersonation pattern within 1,024 characters for the longest username and group (IAM-6)", () => {
        expect(breakGlassImpersonationPattern(longest).length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
    });

    it("keeps every break-glass pattern within 1,024 characters for any valid role name, username and group", () => {
        const identity = fc.record({
            roleArn: fc.stringMatching(/^[\w+=,.@-]{1,64}$/).map((name) => `arn:aws-us-gov:iam::111122223333:role/${name}`),
            username: fc.option(fc.stringMatching(/^[a-z0-9:*_-]{1,128}$/), { nil: undefined }),
            group: fc.option(fc.stringMatching(/^[a-z0-9:_-]{1,63}$/), { nil: undefined }),
        });
        fc.assert(
            fc.property(identity, (breakGlass) => {
                expect(breakGlassPattern(breakGlass).length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
                expect(breakGlassImpersonationPattern(breakGlass).length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
            }),
        );
    });

    it("keeps the service-account pattern within 1,024 characters for every allow-list the args accept (LOG-4)", () => {
        const entry = fc.oneof(
            fc.stringMatching(/^[a-z][a-z0-9-]{0,61}[a-z0-9]$/),
            fc.stringMatching(/^[a-z][a-z0-9]{0,20}:[a-z]([a-z0-9-]{0,40}[a-z0-9])?$/),
        );
        fc.assert(
            fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
                const accepted =
                    validateAuditTrailArgs({ ...validBase, breakGlass: longest, serviceAccountSecretReaders: entries }).length === 0;
                expect(serviceAccountSecretReadsPattern(entries).length <= MAX_PATTERN_LENGTH).toBe(accepted);
            }),
        );
    });

    it("keeps the patterns without configurable parts within 1,024 characters", () => {
        for (const pattern of [rbacChangesPattern(), secretReadsPattern(), unauthenticatedRequestsPattern(), forbiddenRequestsPattern()]) {
            expect(pattern.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
        }
    });

    it("uses one regex in the whole log group, where CloudWatch allows five", () => {
        const filters = auditMetricFilters({ breakGlass: longest, serviceAccountSecretReaders: DEFAULT_SECRET_READER_ALLOW_LIST });
        expect(filters.filter((filter) => filter.pattern.includes("%")).map((filter) => filter.id)).toEqual(["forbidden-requests"]);
    });

    it("excludes the loopback user from direct system:masters use and checks impersonated groups at every index (IAM-6)", () => {
        expect(breakGlassPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass" })).toBe(
            '{ (($.user.extra.canonicalArn[0] = "arn:aws:iam::111122223333:role/prod-break-glass") || (($.user.username != "system:apiserver") && (($.user.groups[0] = "system:masters") || ($.user.groups[1] = "system:masters") || ($.user.groups[2] = "system:masters") || ($.user.groups[3] = "system:masters")))) && ($.stage = "ResponseComplete") }',
        );
        expect(breakGlassImpersonationPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass" })).toBe(
            '{ (($.impersonatedUser.groups[0] = "system:masters") || ($.impersonatedUser.groups[1] = "system:masters") || ($.impersonatedUser.groups[2] = "system:masters") || ($.impersonatedUser.groups[3] = "system:masters") || ($.impersonatedUser.groups[4] = "*")) && ($.stage = "ResponseComplete") }',
        );
    });

    it("counts 401s at ResponseStarted and authorizer 403s by their message (IAM-9, LOG-4)", () => {
        expect(unauthenticatedRequestsPattern()).toBe('{ ($.responseStatus.code = 401) && ($.stage = "ResponseStarted") }');
        expect(forbiddenRequestsPattern()).toBe(
            '{ ($.responseStatus.code = 403) && ($.responseStatus.message = %forbidden:\\sUser\\s.+\\scannot\\s%) && ($.stage = "ResponseComplete") }',
        );
    });

    it("drops the role path, as the authenticator's canonical ARN does", () => {
        expect(canonicalRoleArn("arn:aws:iam::111122223333:role/ops/emergency/prod-break-glass")).toBe(
            "arn:aws:iam::111122223333:role/prod-break-glass",
        );
        expect(canonicalRoleArn("arn:aws-us-gov:iam::111122223333:role/prod-break-glass")).toBe(
            "arn:aws-us-gov:iam::111122223333:role/prod-break-glass",
        );
    });

    it("lists one filter per alarm except break-glass, which has two on one metric", () => {
        const filters = auditMetricFilters({ breakGlass: longest, serviceAccountSecretReaders: [] });
        expect(filters.map((filter) => `${filter.alarm}/${filter.id}`)).toEqual(
            AUDIT_ALARM_IDS.flatMap((alarm) => AUDIT_FILTER_IDS[alarm].map((id) => `${alarm}/${id}`)),
        );
        expect(AUDIT_FILTER_IDS["break-glass"]).toEqual(["break-glass", "break-glass-impersonation"]);
    });

    it("lists one alarm per audit signal with default thresholds", () => {
        const specs = auditAlarmSpecs("prod", { "secret-reads": 3 });
        expect(specs.map((spec) => [spec.id, spec.metricName, spec.threshold])).toEqual([
            ["rbac-changes", "RbacChanges", 1],
            ["secret-reads", "SecretReadsByHumans", 3],
            ["service-account-secret-reads", "SecretReadsByServiceAccounts", 1],
            ["break-glass", "BreakGlassUse", 1],
            ["unauthenticated-requests", "UnauthenticatedRequests", 10],
            ["forbidden-requests", "AuthorizationDenials", 5],
            ["admission-refusals", "AdmissionRefusals", 10],
        ]);
        expect(specs.find((spec) => spec.id === "unauthenticated-requests")!.description).toBe(
            "LOG-4, IAM-9: a burst of requests that failed authentication (401) in the audit log of EKS cluster prod (see the audit-alarms runbook).",
        );
    });
});
