/**
 * The golden EKS audit events (test/fixtures/audit-events/*.json) and the alarms each must trip.
 * One source for the golden-event table test and for `npm run verify:alarms`, which sends the
 * same events to CloudWatch Logs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AUDIT_ALARM_IDS, AuditAlarmId, AuditPatternInputs, DEFAULT_SECRET_READER_ALLOW_LIST } from "../../components/audit/metric-filters";

/** Where the golden events live. */
export const GOLDEN_EVENTS_DIR = path.join(__dirname, "..", "..", "test", "fixtures", "audit-events");

/** One golden event: an `audit.k8s.io/v1` Event in the shape EKS writes it. */
export interface GoldenEvent {
    /** File name without `.json`. */
    name: string;
    description: string;
    /** The alarms this event must count towards, in {@link AUDIT_ALARM_IDS} order. */
    matches: AuditAlarmId[];
    event: Record<string, unknown>;
}

/** The identity the fixtures are written for. */
export const FIXTURE_IDENTITY = { accountId: "111122223333", breakGlassRoleName: "prod-break-glass", breakGlassGroup: "break-glass" };

/** The pattern inputs the fixtures' `matches` are written for. */
export const FIXTURE_PATTERN_INPUTS: AuditPatternInputs = {
    breakGlass: {
        roleArn: `arn:aws:iam::${FIXTURE_IDENTITY.accountId}:role/${FIXTURE_IDENTITY.breakGlassRoleName}`,
        group: FIXTURE_IDENTITY.breakGlassGroup,
    },
    serviceAccountSecretReaders: DEFAULT_SECRET_READER_ALLOW_LIST,
};

/** Reads every golden event; throws naming the file when one names an unknown alarm. */
export function loadGoldenEvents(dir: string = GOLDEN_EVENTS_DIR): GoldenEvent[] {
    return fs
        .readdirSync(dir)
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map((file) => {
            const parsed = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Omit<GoldenEvent, "name">;
            const unknown = parsed.matches.filter((id) => !(AUDIT_ALARM_IDS as readonly string[]).includes(id));
            if (unknown.length > 0) {
                throw new Error(`${file}: matches names unknown alarm(s) ${unknown.join(", ")}; use ${AUDIT_ALARM_IDS.join(", ")}.`);
            }
            return { name: file.slice(0, -".json".length), ...parsed };
        });
}

/** A stack's identity to write into the events instead of {@link FIXTURE_IDENTITY}. */
export interface EventIdentity {
    accountId: string;
    breakGlassRoleName: string;
    breakGlassGroup: string;
}

/** The event as one log-event message for `identity`: account, break-glass role name and group substituted. */
export function renderEvent(event: GoldenEvent, identity: EventIdentity): string {
    return JSON.stringify(event.event)
        .split(FIXTURE_IDENTITY.breakGlassRoleName)
        .join(identity.breakGlassRoleName)
        .split(`"${FIXTURE_IDENTITY.breakGlassGroup}"`)
        .join(JSON.stringify(identity.breakGlassGroup))
        .split(FIXTURE_IDENTITY.accountId)
        .join(identity.accountId);
}
