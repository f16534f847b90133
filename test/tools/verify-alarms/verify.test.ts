import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBaselineConfig } from "../../../infra/config";
import { loadStackConfig } from "../../../tools/plan/stack-config";
import { rawBaselineValues, stackArgument } from "../../../tools/verify-alarms/cli";
import { FIXTURE_IDENTITY, GoldenEvent, loadGoldenEvents, renderEvent } from "../../../tools/verify-alarms/golden-events";
import { stackAlarmInputs } from "../../../tools/verify-alarms/stack-inputs";
import { MAX_EVENTS_PER_REQUEST, TestMetricFilter, buildRequests, formatVerdicts, verifyAlarms } from "../../../tools/verify-alarms/verify";
import { matchesFilterPattern } from "../../helpers/filter-pattern";

const root = path.join(__dirname, "..", "..", "..");
const events = loadGoldenEvents();

function stackConfig(stack: string) {
    const { config } = loadStackConfig(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "baseline");
    return parseBaselineConfig(rawBaselineValues(config), { stack, region: config["aws:region"] });
}

/** A stand-in for the service that answers as the filter-pattern evaluator does, recording each request. */
function evaluatorService(requests: unknown[] = []): TestMetricFilter {
    return (input) => {
        requests.push(input);
        const matches = (input.logEventMessages ?? [])
            .map((eventMessage, index) => ({ eventMessage, eventNumber: index + 1 }))
            .filter((match) => matchesFilterPattern(input.filterPattern!, match.eventMessage));
        return Promise.resolve({ matches });
    };
}

describe("verify:alarms (LOG-4, IAM-6)", () => {
    it("sends one pattern with the golden events rendered for the stack's identity, 50 events per request at most", () => {
        const identity = { accountId: "444455556666", breakGlassRoleName: "baseline-prod-break-glass", breakGlassGroup: "break-glass" };
        const many: GoldenEvent[] = Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, (_, index) => ({
            ...events[0]!,
            name: `e${index}`,
        }));
        const requests = buildRequests('{ ($.verb = "get") }', many, identity);
        expect(requests.map((request) => request.logEventMessages!.length)).toEqual([50, 1]);
        expect(requests[0]!.filterPattern).toBe('{ ($.verb = "get") }');
        const roleEvent = events.find((event) => event.name === "break-glass-role-get-pods")!;
        const [request] = buildRequests('{ ($.verb = "list") }', [roleEvent], identity);
        expect(JSON.parse(request!.logEventMessages![0]!).user.extra.canonicalArn).toEqual([
            "arn:aws:iam::444455556666:role/baseline-prod-break-glass",
        ]);
    });

    it("builds the prod stack's break-glass patterns for ClusterIdentity's role and the configured group", () => {
        const config = stackConfig("prod");
        const inputs = stackAlarmInputs(config);
        expect(inputs.identity).toEqual({
            accountId: config.accountId,
            breakGlassRoleName: `${config.cluster.name}-break-glass`,
            breakGlassGroup: config.rbac.breakGlassGroup,
        });
        const direct = inputs.filters.find((filter) => filter.id === "break-glass")!;
        expect(direct.pattern).toContain(
            `($.user.extra.canonicalArn[0] = "arn:aws:iam::${config.accountId}:role/${config.cluster.name}-break-glass")`,
        );
        expect(inputs.filters.map((filter) => filter.id)).toContain("break-glass-impersonation");
    });

    it("reports every alarm as a match when the service answers as the golden events intend", async () => {
        const requests: unknown[] = [];
        const stack = stackAlarmInputs(stackConfig("staging"));
        const verdicts = await verifyAlarms(evaluatorService(requests), stack, events);
        expect(verdicts.map((verdict) => [verdict.alarm, verdict.ok])).toEqual([
            ["rbac-changes", true],
            ["secret-reads", true],
            ["service-account-secret-reads", true],
            ["break-glass", true],
            ["unauthenticated-requests", true],
            ["forbidden-requests", true],
            ["admission-refusals", true],
        ]);
        expect(requests).toHaveLength(stack.filters.length);
    });

    it("reports what the service missed and what it matched beyond the intent", async () => {
        const stack = stackAlarmInputs(stackConfig("dev"));
        const nothing: TestMetricFilter = () => Promise.resolve({ matches: [] });
        const [rbacNothing] = await verifyAlarms(nothing, stack, events);
        expect(rbacNothing).toEqual({
            alarm: "rbac-changes",
            unexpected: [],
            missed: ["rbac-clusterrolebinding-created", "rbac-server-dry-run-patch"],
            skipped: [],
            ok: false,
        });
        const everything: TestMetricFilter = (input) =>
            Promise.resolve({ matches: input.logEventMessages!.map((eventMessage, index) => ({ eventMessage, eventNumber: index })) });
        const verdicts = await verifyAlarms(everything, stack, events);
        const unauthenticated = verdicts.find((verdict) => verdict.alarm === "unauthenticated-requests")!;
        expect(unauthenticated.missed).toEqual([]);
        expect(unauthenticated.unexpected).toHaveLength(events.length - 2);
        expect(formatVerdicts([rbacNothing!])).toBe(
            "MISMATCH rbac-changes\n  not matched by CloudWatch: rbac-clusterrolebinding-created, rbac-server-dry-run-patch",
        );
    });

    it("skips the service-account expectation a stack's allow-list overrides", async () => {
        const stack = stackAlarmInputs({
            ...stackConfig("dev"),
            audit: {
                archive: { enabled: true, objectLock: false },
                serviceAccountSecretReaders: ["kube-system", "istio-system:istiod", "payments"],
            },
        });
        const verdicts = await verifyAlarms(evaluatorService(), stack, events);
        const serviceAccounts = verdicts.find((verdict) => verdict.alarm === "service-account-secret-reads")!;
        expect(serviceAccounts).toEqual({
            alarm: "service-account-secret-reads",
            unexpected: [],
            missed: [],
            skipped: ["service-account-reads-secret"],
            ok: true,
        });
        expect(formatVerdicts([serviceAccounts])).toBe(
            "match    service-account-secret-reads\n  skipped (allow-listed by this stack): service-account-reads-secret",
        );
    });

    it("refuses a service answer naming an event it was not sent", async () => {
        const stack = stackAlarmInputs(stackConfig("dev"));
        const stranger: TestMetricFilter = () => Promise.resolve({ matches: [{ eventMessage: "{}", eventNumber: 1 }] });
        await expect(verifyAlarms(stranger, stack, events)).rejects.toThrow(
            "TestMetricFilter returned an event that was not sent for filter rbac-changes.",
        );
    });

    it("reads --stack in both spellings and decodes the stack file's object values", () => {
        expect(stackArgument(["--stack", "prod"])).toBe("prod");
        expect(stackArgument(["--stack=dev"])).toBe("dev");
        expect(stackArgument([])).toBeUndefined();
        expect(
            rawBaselineValues({
                "baseline:audit": '{"archive":{"enabled":true}}',
                "baseline:accountId": "111122223333",
                "aws:region": "eu-west-1",
            }),
        ).toEqual({
            audit: { archive: { enabled: true } },
            accountId: "111122223333",
        });
        expect(renderEvent(events[0]!, FIXTURE_IDENTITY)).toBe(JSON.stringify(events[0]!.event));
    });
});
