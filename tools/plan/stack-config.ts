/**
 * Loads `stacks/Pulumi.<stack>.yaml` into the flat config map the Pulumi runtime expects: full
 * keys (`aws:region`, `baseline:network`), strings as they are, other values as JSON, and
 * `secure:` values replaced by a placeholder and listed as secret keys.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { YAMLParseError, parse } from "yaml";
import { BaselineConfigError } from "../../infra/config/errors";

export interface StackConfig {
    config: Record<string, string>;
    secretKeys: string[];
}

/** The value that stands in for a `secure:` config value offline. */
export const SECRET_PLACEHOLDER = "offline-plan-secret-placeholder";

/** The project's name from Pulumi.yaml (fallback "eks-baseline"). */
export function projectName(root: string): string {
    const file = path.join(root, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        return "eks-baseline";
    }
    const document = parse(fs.readFileSync(file, "utf8")) as { name?: unknown } | null;
    return typeof document?.name === "string" ? document.name : "eks-baseline";
}

/** Stacks with a config file under `stacksDir`, sorted. */
export function listStacks(stacksDir: string): string[] {
    if (!fs.existsSync(stacksDir)) {
        return [];
    }
    return fs
        .readdirSync(stacksDir)
        .map((file) => /^Pulumi\.(.+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

function isSecure(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/** Replaces nested `{secure: ...}` values by the placeholder; reports whether any was found. */
function stripSecure(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) {
        return { value: SECRET_PLACEHOLDER, secret: true };
    }
    if (Array.isArray(value)) {
        const items = value.map(stripSecure);
        return { value: items.map((item) => item.value), secret: items.some((item) => item.secret) };
    }
    if (value !== null && typeof value === "object") {
        let secret = false;
        const entries = Object.entries(value).map(([key, item]) => {
            const stripped = stripSecure(item);
            secret ||= stripped.secret;
            return [key, stripped.value] as const;
        });
        return { value: Object.fromEntries(entries), secret };
    }
    return { value, secret: false };
}

/** Parses one stack file's YAML text. Keys without a namespace get `defaultNamespace:`. */
export function parseStackConfig(text: string, defaultNamespace: string, source = "stack file"): StackConfig {
    let document: { config?: unknown } | null;
    try {
        document = parse(text) as { config?: unknown } | null;
    } catch (error) {
        if (error instanceof YAMLParseError) {
            // One line naming file, line and column, as the config errors do; never "the program failed".
            const [line, column] = error.linePos ? [error.linePos[0].line, error.linePos[0].col] : [0, 0];
            const reason = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
            throw new BaselineConfigError([
                `${source}:${line}:${column}: not valid YAML: ${reason}; fix the indentation or quoting there.`,
            ]);
        }
        throw error;
    }
    const raw = document?.config ?? {};
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new BaselineConfigError([
            `${source}: "config" must be a map of keys to values; write config: followed by indented key: value lines.`,
        ]);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
        const fullKey = key.includes(":") ? key : `${defaultNamespace}:${key}`;
        const stripped = stripSecure(value);
        if (stripped.secret) {
            secretKeys.push(fullKey);
        }
        config[fullKey] = typeof stripped.value === "string" ? stripped.value : JSON.stringify(stripped.value);
    }
    return { config, secretKeys };
}

/** Loads a stack file from disk. */
export function loadStackConfig(file: string, defaultNamespace: string): StackConfig {
    return parseStackConfig(fs.readFileSync(file, "utf8"), defaultNamespace, file);
}
