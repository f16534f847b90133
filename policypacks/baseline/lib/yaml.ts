/**
 * YAML parsing for the two policies that read YAML documents (SSM session preferences, add-on
 * configuration values). The parser is loaded on first use, not at pack start-up: most plans have
 * neither resource, and the CLI waits for the pack's start before the first Analyze call.
 */
import type * as Yaml from "yaml";

let yaml: typeof Yaml | undefined;

/** `yaml`'s `parse` (YAML 1.2, JSON included); throws on malformed input as `parse` does. */
export function parseYaml(text: string): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml ??= require("yaml") as typeof Yaml;
    return yaml.parse(text);
}
