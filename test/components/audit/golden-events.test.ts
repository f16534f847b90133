import { describe, expect, it } from "vitest";
import { AUDIT_ALARM_IDS, AuditAlarmId, auditMetricFilters } from "../../../components/audit/metric-filters";
import { FIXTURE_IDENTITY, FIXTURE_PATTERN_INPUTS, loadGoldenEvents, renderEvent } from "../../../tools/verify-alarms/golden-events";
import { matchesFilterPattern } from "../../helpers/filter-pattern";

const events = loadGoldenEvents();
const filters = auditMetricFilters(FIXTURE_PATTERN_INPUTS);

/** The alarms whose filters (any of them, for break-glass) match the event. */
function alarmsMatching(message: string): AuditAlarmId[] {
    return AUDIT_ALARM_IDS.filter((alarm) =>
        filters.filter((filter) => filter.alarm === alarm).some((filter) => matchesFilterPattern(filter.pattern, message)),
    );
}

/** The golden events that trip `alarm`. */
function namesMatching(alarm: AuditAlarmId): string[] {
    return events.filter((event) => alarmsMatching(renderEvent(event, FIXTURE_IDENTITY)).includes(alarm)).map((event) => event.name);
}

describe("audit alarms on golden EKS audit events (LOG-4, IAM-6, IAM-9)", () => {
    it("has a golden event for every alarm and one that trips none", () => {
        expect(events.length).toBeGreaterThanOrEqual(30);
        for (const alarm of AUDIT_ALARM_IDS) {
            expect(events.filter((event) => event.matches.includes(alarm)).map((event) => event.name)).not.toEqual([]);
        }
        expect(events.filter((event) => event.matches.length === 0).length).toBeGreaterThan(5);
    });

    it("writes every golden event in the audit.k8s.io/v1 Event shape EKS logs", () => {
        for (const { name, event } of events) {
            expect(event, name).toMatchObject({
                kind: "Event",
                apiVersion: "audit.k8s.io/v1",
                level: expect.stringMatching(/^(Metadata|Request|RequestResponse)$/),
                auditID: expect.any(String),
                stage: expect.stringMatching(/^(ResponseStarted|ResponseComplete)$/),
                requestURI: expect.stringMatching(/^\//),
                verb: expect.any(String),
                sourceIPs: expect.any(Array),
                responseStatus: { code: expect.any(Number) },
            });
        }
        expect(new Set(events.map(({ event }) => event.auditID)).size).toBe(events.length);
    });

    it.each(events.map((event) => [event.name, event] as const))("trips exactly the intended alarms on %s", (_, event) => {
        expect(alarmsMatching(renderEvent(event, FIXTURE_IDENTITY))).toEqual(event.matches);
    });

    it("keeps break-glass silent on the API server's loopback traffic and fires on every break-glass form (IAM-6)", () => {
        const breakGlass = events.filter((event) => alarmsMatching(renderEvent(event, FIXTURE_IDENTITY)).includes("break-glass"));
        expect(breakGlass.map((event) => event.name)).toEqual([
            "break-glass-group-second",
            "break-glass-role-get-pods",
            "break-glass-role-reads-secret",
            "impersonate-break-glass-group",
            "impersonate-many-groups",
            "impersonate-masters-second",
            "system-masters-direct",
        ]);
    });

    it("counts failed authentication, not anonymous health probes (IAM-9)", () => {
        const unauthenticated = events.filter((event) =>
            alarmsMatching(renderEvent(event, FIXTURE_IDENTITY)).includes("unauthenticated-requests"),
        );
        expect(unauthenticated.map((event) => event.name)).toEqual(["unauthenticated-empty-user", "unauthenticated-no-user"]);
    });

    it("counts authorization denials apart from admission refusals (LOG-4)", () => {
        const names = (alarm: AuditAlarmId) =>
            events.filter((event) => alarmsMatching(renderEvent(event, FIXTURE_IDENTITY)).includes(alarm)).map((event) => event.name);
        expect(names("forbidden-requests")).toEqual([
            "authorizer-denies-path",
            "authorizer-denies-rbac-patch",
            "authorizer-denies-secret-list",
        ]);
        expect(names("admission-refusals")).toEqual(["pod-security-refusal", "quota-refusal", "validating-admission-policy-refusal"]);
    });

    it("counts successful RBAC changes only, server dry runs included as documented (LOG-4)", () => {
        expect(namesMatching("rbac-changes")).toEqual(["rbac-clusterrolebinding-created", "rbac-server-dry-run-patch"]);
    });

    it("counts Secret reads by people apart from reads by service accounts outside the allow-list (LOG-4)", () => {
        expect(namesMatching("secret-reads")).toEqual([
            "break-glass-role-reads-secret",
            "helm-release-secret-read",
            "impersonate-masters-second",
            "oidc-user-gets-secret",
            "platform-admin-lists-secrets",
            "watch-secrets-completed",
        ]);
        expect(namesMatching("service-account-secret-reads")).toEqual(["service-account-reads-secret"]);
    });

    it("follows the stack's break-glass role and group when the events are rendered for them", () => {
        const stack = { accountId: "444455556666", breakGlassRoleName: "staging-break-glass", breakGlassGroup: "oncall-admins" };
        const stackFilters = auditMetricFilters({
            breakGlass: { roleArn: "arn:aws:iam::444455556666:role/staging-break-glass", group: "oncall-admins" },
            serviceAccountSecretReaders: FIXTURE_PATTERN_INPUTS.serviceAccountSecretReaders,
        });
        const [direct] = stackFilters.filter((filter) => filter.id === "break-glass");
        const roleEvent = events.find((event) => event.name === "break-glass-role-get-pods")!;
        const secondGroup = events.find((event) => event.name === "break-glass-group-second")!;
        expect(matchesFilterPattern(direct!.pattern, renderEvent(roleEvent, stack))).toBe(true);
        expect(matchesFilterPattern(direct!.pattern, renderEvent(secondGroup, stack))).toBe(true);
        expect(matchesFilterPattern(direct!.pattern, renderEvent(roleEvent, FIXTURE_IDENTITY))).toBe(false);
    });
});
