/**
 * The project's control mapping: every control ID and layer of the catalogue, mapped to the
 * code that builds or enforces it and the test that proves it. Each area of the codebase keeps
 * its own list in controls/evidence/<area>.ts; layers not yet built are listed in gaps.ts with
 * the reason, so nothing is silently missing.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { ControlEvidence } from "./evidence";

/** Every evidence entry from controls/evidence/*.ts. */
export function loadEvidence(): ControlEvidence[] {
    const folder = path.join(__dirname, "evidence");
    return readdirSync(folder)
        .filter((file) => file.endsWith(".ts"))
        .sort()
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        .flatMap((file) => (require(path.join(folder, file)) as { evidence: ControlEvidence[] }).evidence);
}
