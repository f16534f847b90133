/**
 * `npm run verify:alarms -- --stack <env>`: checks the stack's audit metric filters against the
 * real CloudWatch Logs service before a first deploy. Builds the patterns from
 * stacks/Pulumi.<env>.yaml as infra does, sends each with the golden audit events to
 * `TestMetricFilter` (needs AWS credentials allowed `logs:TestMetricFilter` in the stack's
 * region), prints match/MISMATCH per alarm and exits 1 on any mismatch, 2 on bad usage or config.
 * Never run by the test suite.
 */
import { CloudWatchLogsClient, TestMetricFilterCommand } from "@aws-sdk/client-cloudwatch-logs";
import * as fs from "node:fs";
import * as path from "node:path";
import { BaselineConfigError, parseBaselineConfig } from "../../infra/config";
import { loadStackConfig } from "../plan/stack-config";
import { loadGoldenEvents } from "./golden-events";
import { stackAlarmInputs } from "./stack-inputs";
import { formatVerdicts, verifyAlarms } from "./verify";

const root = path.join(__dirname, "..", "..");

/** `--stack <env>` (or `--stack=<env>`) from the arguments; undefined when absent. */
export function stackArgument(argv: readonly string[]): string | undefined {
    for (const [index, arg] of argv.entries()) {
        if (arg === "--stack") {
            return argv[index + 1];
        }
        if (arg.startsWith("--stack=")) {
            return arg.slice("--stack=".length);
        }
    }
    return undefined;
}

/** A stack file's `baseline:*` values as parseBaselineConfig takes them (objects are JSON text in the file's flattened form). */
export function rawBaselineValues(config: Record<string, string>): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (!key.startsWith("baseline:")) {
            continue;
        }
        const trimmed = value.trim();
        let decoded: unknown = value;
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                decoded = JSON.parse(trimmed);
            } catch {
                decoded = value;
            }
        }
        raw[key.slice("baseline:".length)] = decoded;
    }
    return raw;
}

async function main(): Promise<number> {
    const stack = stackArgument(process.argv.slice(2));
    if (stack === undefined) {
        console.error("usage: npm run verify:alarms -- --stack <env>   (a stack of stacks/, such as dev, staging or prod)");
        return 2;
    }
    const file = path.join(root, "stacks", `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        console.error(`--stack ${stack}: ${path.relative(root, file)} does not exist; give a stack of stacks/.`);
        return 2;
    }
    const { config: values } = loadStackConfig(file, "baseline");
    let config;
    try {
        config = parseBaselineConfig(rawBaselineValues(values), { stack, region: values["aws:region"] });
    } catch (error) {
        if (error instanceof BaselineConfigError) {
            console.error(error.message);
            return 2;
        }
        throw error;
    }
    const client = new CloudWatchLogsClient({ region: config.region });
    const verdicts = await verifyAlarms(
        (input) => client.send(new TestMetricFilterCommand(input)),
        stackAlarmInputs(config),
        loadGoldenEvents(),
    );
    console.log(`Audit alarms of stack ${stack} against CloudWatch Logs TestMetricFilter in ${config.region}:`);
    console.log(formatVerdicts(verdicts));
    return verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (error: unknown) => {
            console.error(`verify:alarms failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(2);
        },
    );
}
