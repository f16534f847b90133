/**
 * The policy pack as its own package, the way a published pack reaches a machine: `npm pack` of
 * policypacks/baseline, unpacked into a directory outside the repository, given a plain
 * `npm install` (no lock file ships in a tarball), with devDependencies, with `--omit=dev` (which
 * keeps TypeScript: it is also @pulumi/pulumi's optional peer, so npm marks it devOptional) and
 * with `--omit=dev --omit=optional` (no TypeScript in reach: ts-node uses the vendored 3.8), and started exactly as the Pulumi CLI's Node.js language host starts it (ANALYZER.md, "Starting
 * the pack"): `require.resolve('@pulumi/pulumi/cmd/run-policy-pack')` from the pack directory,
 * then `node <that file> <engine address> <pack dir>`, the first stdout line being the port.
 * Then GetAnalyzerInfo over the protocol must list every policy.
 */
import { ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baselinePolicies } from "../../policypacks/baseline/policies";
import { AnalyzerConnection } from "../../tools/plan/analyzer-client";
import { EngineServer, startEngineServer } from "../../tools/plan/engine-server";

const root = path.resolve(__dirname, "..", "..");
const packSource = path.join(root, "policypacks", "baseline");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npmFlags = ["--prefer-offline", "--no-audit", "--no-fund"];
const run = promisify(execFile);

interface Manifest {
    name: string;
    main: string;
    files?: string[];
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
}
const rootManifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Manifest;
const packManifest = JSON.parse(readFileSync(path.join(packSource, "package.json"), "utf8")) as Manifest;

/** A started pack: its port line, or how it died. */
interface Started {
    port?: number;
    exitCode?: number | null;
    stderr: string;
    child: ChildProcess;
}

/** Starts the pack as the language host's RunPlugin does; resolves on the port line or exit. */
function startAsTheCli(packDir: string, engine: EngineServer): Promise<Started> {
    const runPolicyPack = execFileSync(
        process.execPath,
        ["-e", "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))"],
        {
            cwd: packDir,
            encoding: "utf8",
        },
    );
    const child = spawn(process.execPath, [runPolicyPack, engine.address, packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    return new Promise((resolve) => {
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            resolve({ stderr: `${stderr}\n(no port within 60 s)`, child });
        }, 60_000);
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
            stdout += chunk;
            if (stdout.includes("\n")) {
                clearTimeout(timer);
                resolve({ port: Number(stdout.slice(0, stdout.indexOf("\n")).trim()), stderr, child });
            }
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            setImmediate(() => resolve({ exitCode: code, stderr, child }));
        });
    });
}

async function stop(started: Started): Promise<void> {
    if (started.child.exitCode === null && started.child.signalCode === null) {
        const exited = new Promise((resolve) => started.child.once("exit", resolve));
        started.child.kill("SIGTERM");
        await exited;
    }
}

let temp: string;
let packed: string[];
let engine: EngineServer;
const installFlags = { full: [], omitDev: ["--omit=dev"], noTypeScript: ["--omit=dev", "--omit=optional"] };
const installs: Record<keyof typeof installFlags, string> = { full: "", omitDev: "", noTypeScript: "" };

beforeAll(async () => {
    temp = mkdtempSync(path.join(os.tmpdir(), "eks-baseline-pack-"));
    const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", temp], { cwd: packSource });
    const report = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    packed = report[0]!.files.map((file) => file.path).sort();
    const tarball = path.join(temp, report[0]!.filename);
    // As a published pack is unpacked under ~/.pulumi/policies/...: only the tarball, then npm install.
    await Promise.all(
        (Object.keys(installs) as (keyof typeof installs)[]).map(async (variant) => {
            const dir = path.join(temp, variant);
            mkdirSync(dir);
            await run("tar", ["-xzf", tarball, "--strip-components=1", "-C", dir]);
            await run(npm, ["install", ...npmFlags, ...installFlags[variant]], { cwd: dir });
            installs[variant] = dir;
        }),
    );
    engine = await startEngineServer();
}, 240_000);

afterAll(async () => {
    await engine?.close();
    if (temp) {
        rmSync(temp, { recursive: true, force: true });
    }
});

describe("policypacks/baseline/package.json", () => {
    it("pins exactly the root's versions of every dependency it shares with the root", () => {
        const rootVersions = { ...rootManifest.dependencies, ...rootManifest.devDependencies };
        const drift = Object.entries({ ...packManifest.dependencies, ...packManifest.devDependencies })
            .filter(([name, version]) => rootVersions[name] !== version)
            .map(([name, version]) => `${name}: pack ${version}, root ${rootVersions[name] ?? "absent"}`);
        expect(drift).toEqual([]);
        expect(
            Object.values({ ...packManifest.dependencies, ...packManifest.devDependencies }).every((version) =>
                /^\d+\.\d+\.\d+$/.test(version),
            ),
        ).toBe(true);
        expect(Object.keys(packManifest.dependencies).sort()).toEqual(["@pulumi/policy", "@pulumi/pulumi", "yaml"]);
    });

    it("has a committed lock file that matches it and resolves the SDKs to the root lock's versions", () => {
        const lock = JSON.parse(readFileSync(path.join(packSource, "package-lock.json"), "utf8")) as {
            packages: Record<string, { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
        };
        const rootLock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as typeof lock;
        expect(lock.packages[""]!.dependencies).toEqual(packManifest.dependencies);
        expect(lock.packages[""]!.devDependencies).toEqual(packManifest.devDependencies);
        for (const name of ["@pulumi/policy", "@pulumi/pulumi", "yaml", "typescript", "@grpc/grpc-js", "google-protobuf"]) {
            expect([name, lock.packages[`node_modules/${name}`]?.version]).toEqual([
                name,
                rootLock.packages[`node_modules/${name}`]?.version,
            ]);
        }
    });

    it("has a self-contained tsconfig.json that the TypeScript vendored in @pulumi/pulumi parses without errors", () => {
        const text = readFileSync(path.join(packSource, "tsconfig.json"), "utf8");
        const config = JSON.parse(text) as { extends?: unknown; compilerOptions: { target: string } };
        expect(config.extends).toBeUndefined();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const vendored = require(
            path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "vendor", "typescript@3.8.3", "typescript.js"),
        ) as typeof import("typescript");
        expect(vendored.version).toBe("3.8.3");
        const parsed = vendored.parseJsonConfigFileContent(config, vendored.sys, packSource);
        expect(parsed.errors.map((error) => vendored.flattenDiagnosticMessageText(error.messageText, "\n"))).toEqual([]);
    });
});

describe("npm pack of policypacks/baseline", () => {
    it("ships the entry prepack compiles, its sources, configs and tsconfig, and no lock file or node_modules", () => {
        expect(packManifest.scripts.prepack).toBe("npm run build");
        for (const file of [
            "package.json",
            "PulumiPolicy.yaml",
            "tsconfig.json",
            "bin/index.js",
            "bin/policies.js",
            "index.ts",
            "config/prod.json",
        ]) {
            expect(packed, file).toContain(file);
        }
        expect(packed.filter((file) => /node_modules|package-lock|\.test\./.test(file))).toEqual([]);
        expect(packManifest.main).toBe("bin/index.js");
    });
});

describe.each([
    ["a plain npm install", "full" as const],
    ["npm install --omit=dev", "omitDev" as const],
    ["npm install --omit=dev --omit=optional (no TypeScript: ts-node uses the vendored 3.8)", "noTypeScript" as const],
])("the unpacked pack after %s", (_label, variant) => {
    it("resolves the SDK from its own node_modules, not from the repository", () => {
        const dir = installs[variant];
        const resolved = execFileSync(
            process.execPath,
            ["-e", "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))"],
            {
                cwd: dir,
                encoding: "utf8",
            },
        );
        expect(resolved.startsWith(path.join(dir, "node_modules"))).toBe(true);
        const typescript = execFileSync(
            process.execPath,
            ["-e", "try { require.resolve('typescript'); console.log('own') } catch { console.log('none') }"],
            {
                cwd: dir,
                encoding: "utf8",
            },
        ).trim();
        expect(typescript).toBe(variant === "noTypeScript" ? "none" : "own");
    });

    it("starts as the CLI starts it and lists every policy in GetAnalyzerInfo", async () => {
        const started = await startAsTheCli(installs[variant], engine);
        try {
            expect(started.stderr).toBe("");
            expect(started.port).toBeGreaterThan(0);
            const connection = new AnalyzerConnection(`127.0.0.1:${started.port}`);
            try {
                const info = await connection.getAnalyzerInfo();
                expect([info.name, info.version]).toEqual(["eks-baseline", "0.1.0"]);
                expect(info.policies.map((policy) => policy.name)).toEqual(baselinePolicies.map((policy) => policy.name).sort());
            } finally {
                connection.close();
            }
        } finally {
            await stop(started);
        }
    });
});

describe("what the start-up check catches (so the tests above can fail)", () => {
    it("a tsconfig that extends a file outside the pack kills it at start-up (TS5083)", async () => {
        const dir = installs.full;
        const original = readFileSync(path.join(dir, "tsconfig.json"), "utf8");
        writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { outDir: "bin" } }),
        );
        try {
            const started = await startAsTheCli(dir, engine);
            await stop(started);
            expect(started.port).toBeUndefined();
            expect(started.stderr).toContain("TS5083");
        } finally {
            writeFileSync(path.join(dir, "tsconfig.json"), original);
        }
    });

    it("a target the vendored TypeScript 3.8 does not know kills the pack when no TypeScript is installed (TS6046)", async () => {
        const dir = installs.noTypeScript;
        const original = readFileSync(path.join(dir, "tsconfig.json"), "utf8");
        const config = JSON.parse(original) as { compilerOptions: Record<string, unknown> };
        writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, target: "ES2022" } }),
        );
        try {
            const started = await startAsTheCli(dir, engine);
            await stop(started);
            expect(started.port).toBeUndefined();
            expect(started.stderr).toContain("TS6046");
        } finally {
            writeFileSync(path.join(dir, "tsconfig.json"), original);
        }
    });
});
