/**
 * Sends every metric filter of a stack with the golden audit events to CloudWatch Logs
 * `TestMetricFilter` and compares what the service matched with what each event must trip.
 * The client is injected, so request building and comparison are tested without credentials.
 */
import type { TestMetricFilterCommandInput, TestMetricFilterCommandOutput } from "@aws-sdk/client-cloudwatch-logs";
import { AuditAlarmId, serviceAccountUsername } from "../../components/audit/metric-filters";
import { EventIdentity, GoldenEvent, renderEvent } from "./golden-events";
import { StackAlarmInputs } from "./stack-inputs";

/** TestMetricFilter takes at most 50 log event messages per call. */
export const MAX_EVENTS_PER_REQUEST = 50;

/** The one call verify-alarms makes; `CloudWatchLogsClient` plus `TestMetricFilterCommand` in the CLI. */
export type TestMetricFilter = (input: TestMetricFilterCommandInput) => Promise<Pick<TestMetricFilterCommandOutput, "matches">>;

/** Whether a service account is allow-listed (the golden event's expectation does not hold for this stack). */
export function allowListed(username: unknown, allowList: readonly string[]): boolean {
    if (typeof username !== "string") {
        return false;
    }
    return allowList.some((entry) => {
        const pattern = serviceAccountUsername(entry);
        return pattern.endsWith("*") ? username.startsWith(pattern.slice(0, -1)) : username === pattern;
    });
}

/** The TestMetricFilter requests for one pattern: the rendered events in chunks of {@link MAX_EVENTS_PER_REQUEST}. */
export function buildRequests(pattern: string, events: readonly GoldenEvent[], identity: EventIdentity): TestMetricFilterCommandInput[] {
    const messages = events.map((event) => renderEvent(event, identity));
    const requests: TestMetricFilterCommandInput[] = [];
    for (let start = 0; start < messages.length; start += MAX_EVENTS_PER_REQUEST) {
        requests.push({ filterPattern: pattern, logEventMessages: messages.slice(start, start + MAX_EVENTS_PER_REQUEST) });
    }
    return requests;
}

/** The outcome for one alarm. */
export interface AlarmVerdict {
    alarm: AuditAlarmId;
    /** Events the service matched with any of the alarm's filters but that must not trip it. */
    unexpected: string[];
    /** Events that must trip the alarm but none of its filters matched. */
    missed: string[];
    /** Events left out because this stack allow-lists their service account. */
    skipped: string[];
    ok: boolean;
}

/** Runs every filter through TestMetricFilter and compares per alarm. */
export async function verifyAlarms(
    testMetricFilter: TestMetricFilter,
    stack: StackAlarmInputs,
    events: readonly GoldenEvent[],
): Promise<AlarmVerdict[]> {
    const byMessage = new Map(events.map((event) => [renderEvent(event, stack.identity), event.name]));
    const matched = new Map<AuditAlarmId, Set<string>>();
    for (const filter of stack.filters) {
        const names = matched.get(filter.alarm) ?? new Set<string>();
        matched.set(filter.alarm, names);
        for (const request of buildRequests(filter.pattern, events, stack.identity)) {
            const response = await testMetricFilter(request);
            for (const match of response.matches ?? []) {
                const name = match.eventMessage === undefined ? undefined : byMessage.get(match.eventMessage);
                if (name === undefined) {
                    throw new Error(`TestMetricFilter returned an event that was not sent for filter ${filter.id}.`);
                }
                names.add(name);
            }
        }
    }
    return [...matched.entries()].map(([alarm, names]) => {
        // A stack that allow-lists a golden event's service account expects no match there.
        const skipped = events
            .filter((event) => alarm === "service-account-secret-reads" && event.matches.includes(alarm))
            .filter((event) =>
                allowListed((event.event.user as { username?: unknown } | undefined)?.username, stack.serviceAccountSecretReaders),
            )
            .map((event) => event.name);
        const considered = events.filter((event) => !skipped.includes(event.name));
        const unexpected = considered.filter((event) => names.has(event.name) && !event.matches.includes(alarm)).map((event) => event.name);
        const missed = considered.filter((event) => !names.has(event.name) && event.matches.includes(alarm)).map((event) => event.name);
        return { alarm, unexpected, missed, skipped, ok: unexpected.length === 0 && missed.length === 0 };
    });
}

/** One line per alarm (`match` or `MISMATCH` with the events), for the terminal. */
export function formatVerdicts(verdicts: readonly AlarmVerdict[]): string {
    return verdicts
        .map((verdict) => {
            const parts = [`${verdict.ok ? "match   " : "MISMATCH"} ${verdict.alarm}`];
            if (verdict.missed.length > 0) {
                parts.push(`  not matched by CloudWatch: ${verdict.missed.join(", ")}`);
            }
            if (verdict.unexpected.length > 0) {
                parts.push(`  matched by CloudWatch, not intended: ${verdict.unexpected.join(", ")}`);
            }
            if (verdict.skipped.length > 0) {
                parts.push(`  skipped (allow-listed by this stack): ${verdict.skipped.join(", ")}`);
            }
            return parts.join("\n");
        })
        .join("\n");
}
