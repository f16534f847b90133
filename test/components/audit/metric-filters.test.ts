import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    AUDIT_ALARM_IDS,
    MAX_PATTERN_LENGTH,
    anonymousRequestsPattern,
    auditAlarmPattern,
    auditAlarmSpecs,
    breakGlassPattern,
    canonicalRoleArn,
    forbiddenRequestsPattern,
    rbacChangesPattern,
    secretReadsPattern,
} from "../../../components/audit/metric-filters";

describe("audit metric-filter patterns", () => {
    it("matches RBAC object changes by anyone (LOG-4)", () => {
        expect(rbacChangesPattern()).toBe(
            '{ ($.objectRef.apiGroup = "rbac.authorization.k8s.io") && (($.objectRef.resource = "roles") || ($.objectRef.resource = "clusterroles") || ($.objectRef.resource = "rolebindings") || ($.objectRef.resource = "clusterrolebindings")) && (($.verb = "create") || ($.verb = "update") || ($.verb = "patch") || ($.verb = "delete") || ($.verb = "deletecollection")) && ($.stage = "ResponseComplete") }',
        );
    });

    it("matches Secret reads by non-system identities (LOG-4)", () => {
        expect(secretReadsPattern()).toBe(
            '{ ($.objectRef.resource = "secrets") && (($.verb = "get") || ($.verb = "list") || ($.verb = "watch")) && ($.user.username != "system:*") && ($.stage = "ResponseComplete") }',
        );
    });

    it("matches any use of the break-glass role or system:masters (IAM-6)", () => {
        expect(breakGlassPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", username: "break-glass:*" })).toBe(
            '{ (($.user.extra.canonicalArn[0] = "arn:aws:iam::111122223333:role/prod-break-glass") || ($.user.username = "break-glass:*") || ($.user.groups[0] = "system:masters") || ($.user.groups[1] = "system:masters") || ($.user.groups[2] = "system:masters") || ($.user.groups[3] = "system:masters") || ($.impersonatedUser.groups[0] = "system:masters")) && ($.stage = "ResponseComplete") }',
        );
    });

    it("matches the break-glass role by canonical ARN alone when no username is mapped", () => {
        expect(breakGlassPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass" })).toBe(
            '{ (($.user.extra.canonicalArn[0] = "arn:aws:iam::111122223333:role/prod-break-glass") || ($.user.groups[0] = "system:masters") || ($.user.groups[1] = "system:masters") || ($.user.groups[2] = "system:masters") || ($.user.groups[3] = "system:masters") || ($.impersonatedUser.groups[0] = "system:masters")) && ($.stage = "ResponseComplete") }',
        );
    });

    it("matches anyone in the break-glass group bound to cluster-admin, not only the role (IAM-6)", () => {
        expect(breakGlassPattern({ roleArn: "arn:aws:iam::111122223333:role/prod-break-glass", group: "break-glass" })).toBe(
            '{ (($.user.extra.canonicalArn[0] = "arn:aws:iam::111122223333:role/prod-break-glass") || ($.user.groups[0] = "break-glass") || ($.user.groups[1] = "break-glass") || ($.user.groups[2] = "break-glass") || ($.user.groups[3] = "break-glass") || ($.user.groups[0] = "system:masters") || ($.user.groups[1] = "system:masters") || ($.user.groups[2] = "system:masters") || ($.user.groups[3] = "system:masters") || ($.impersonatedUser.groups[0] = "system:masters")) && ($.stage = "ResponseComplete") }',
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

    it("matches anonymous requests other than health and version probes (LOG-4)", () => {
        expect(anonymousRequestsPattern()).toBe(
            '{ ($.user.username = "system:anonymous") && ($.requestURI != "/healthz*") && ($.requestURI != "/livez*") && ($.requestURI != "/readyz*") && ($.requestURI != "/version*") && ($.stage = "ResponseComplete") }',
        );
    });

    it("matches forbidden requests (LOG-4)", () => {
        expect(forbiddenRequestsPattern()).toBe('{ ($.responseStatus.code = 403) && ($.stage = "ResponseComplete") }');
    });

    it("stays within CloudWatch's pattern length for any role name and username", () => {
        const roleName = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
        const username = fc.stringMatching(/^[a-z0-9:*_-]{1,200}$/);
        fc.assert(
            fc.property(roleName, fc.option(username, { nil: undefined }), (name, user) => {
                for (const id of AUDIT_ALARM_IDS) {
                    expect(
                        auditAlarmPattern(id, { roleArn: `arn:aws:iam::111122223333:role/${name}`, username: user }).length,
                    ).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
                }
            }),
        );
    });

    it("stays within CloudWatch's pattern length with a break-glass group of up to 63 characters", () => {
        const roleName = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
        const username = fc.stringMatching(/^[a-z0-9:*_-]{1,200}$/);
        const group = fc.stringMatching(/^[a-z0-9:_-]{1,63}$/);
        fc.assert(
            fc.property(roleName, fc.option(username, { nil: undefined }), group, (name, user, breakGlassGroup) => {
                const pattern = breakGlassPattern({
                    roleArn: `arn:aws-us-gov:iam::111122223333:role/${name}`,
                    username: user,
                    group: breakGlassGroup,
                });
                expect(pattern.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
            }),
        );
    });

    it("lists one alarm per audit signal with default thresholds", () => {
        expect(auditAlarmSpecs("prod", { "secret-reads": 3 })).toEqual([
            {
                id: "rbac-changes",
                metricName: "RbacChanges",
                threshold: 1,
                description: "LOG-4: Roles, ClusterRoles or their bindings changed in the audit log of EKS cluster prod.",
            },
            {
                id: "secret-reads",
                metricName: "SecretReadsByHumans",
                threshold: 3,
                description: "LOG-4: Secrets read by a non-system identity in the audit log of EKS cluster prod.",
            },
            {
                id: "break-glass",
                metricName: "BreakGlassUse",
                threshold: 1,
                description:
                    "IAM-6: break-glass role or system:masters used (see the break-glass runbook) in the audit log of EKS cluster prod.",
            },
            {
                id: "anonymous-requests",
                metricName: "AnonymousRequests",
                threshold: 1,
                description: "LOG-4, IAM-9: anonymous requests beyond health probes in the audit log of EKS cluster prod.",
            },
            {
                id: "forbidden-requests",
                metricName: "ForbiddenRequests",
                threshold: 5,
                description: "LOG-4: requests refused with 403 Forbidden in the audit log of EKS cluster prod.",
            },
        ]);
    });
});
