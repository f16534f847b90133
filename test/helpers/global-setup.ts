import { execFileSync } from "node:child_process";
import * as path from "node:path";

/**
 * Compiles the policy pack once before any test file runs: the offline plan starts the pack
 * from its compiled entry, exactly as the Pulumi CLI does.
 */
export default function setup(): void {
    const root = path.resolve(__dirname, "..", "..");
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "policypacks/baseline/tsconfig.json"], {
        cwd: root,
        stdio: "inherit",
    });
}
