/**
 * The CLI starts a pack from its compiled entry, as `pulumi preview` does; this compiles it first
 * when the entry is missing or older than any TypeScript source of the pack.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

function newestTsSource(dir: string, skip: Set<string>): number {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!skip.has(full) && entry.name !== "node_modules") {
                newest = Math.max(newest, newestTsSource(full, skip));
            }
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            newest = Math.max(newest, fs.statSync(full).mtimeMs);
        }
    }
    return newest;
}

/**
 * Compiles `<packDir>/tsconfig.json` when the pack's `main` is missing or stale. Returns true if
 * it compiled. Packs without a tsconfig.json (plain JavaScript) are left alone.
 */
export function ensurePackBuilt(packDir: string): boolean {
    const tsconfig = path.join(packDir, "tsconfig.json");
    if (!fs.existsSync(tsconfig)) {
        return false;
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { main?: string };
    const main = path.join(packDir, manifest.main ?? "index.js");
    const outDir = path.dirname(main);
    const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
    // An installed pack is used as it shipped: npm does not keep the tarball's mtimes, so its
    // sources look newer than the entry prepack compiled.
    if (built > 0 && path.resolve(packDir).split(path.sep).includes("node_modules")) {
        return false;
    }
    if (built > 0 && newestTsSource(packDir, new Set([outDir === packDir ? "" : outDir])) <= built) {
        return false;
    }
    let tsc: string;
    try {
        tsc = require.resolve("typescript/bin/tsc");
    } catch {
        // An installed package (no TypeScript beside it) runs the pack as it shipped, compiled by prepack.
        if (built > 0) {
            return false;
        }
        throw new Error(
            `the policy pack in ${packDir} has no compiled entry ${main} and TypeScript is not installed to build it: run npm run build:pack`,
        );
    }
    try {
        execFileSync(process.execPath, [tsc, "-p", tsconfig], { stdio: "pipe", encoding: "utf8" });
    } catch (error) {
        const output = error as { stdout?: string; stderr?: string };
        throw new Error(`the policy pack in ${packDir} does not compile:\n${`${output.stdout ?? ""}${output.stderr ?? ""}`.trimEnd()}`);
    }
    return true;
}
