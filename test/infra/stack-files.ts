import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const root = path.resolve(__dirname, "..", "..");

/** A stack file split the way the program sees it: `baseline:*` values without the prefix, and the region. */
export interface StackFile {
    raw: Record<string, unknown>;
    region: string | undefined;
    config: Record<string, unknown>;
}

export function readStackFile(stack: string): StackFile {
    const document = parse(readFileSync(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(document.config)) {
        if (key.startsWith("baseline:")) {
            raw[key.slice("baseline:".length)] = value;
        }
    }
    return { raw, region: document.config["aws:region"] as string | undefined, config: document.config };
}
