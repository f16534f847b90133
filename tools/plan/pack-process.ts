/**
 * Starts a policy pack exactly as `pulumi preview --policy-pack <dir>` does (ANALYZER.md,
 * "Starting the pack"): `node <sdk>/cmd/run-policy-pack <engine-address> .` in the pack's
 * directory; the first stdout line must be the port and nothing else.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineServer, startEngineServer } from "./engine-server";

/** A running pack process the Analyzer client can dial. */
export interface PackProcess {
    /** Absolute pack directory. */
    packDir: string;
    /** `127.0.0.1:<port>` of the pack's Analyzer service. */
    address: string;
    pid: number;
    /** Milliseconds from spawn to the port line. */
    startupMs: number;
    /** Everything the pack wrote to stderr so far. */
    stderr(): string;
    /** Everything the pack wrote to stdout after the port line. */
    stdout(): string;
    /** Peak resident memory of the pack process in KiB (Linux VmHWM), if readable. */
    peakRssKiB(): number | undefined;
    /** True once the process has exited. */
    exited(): boolean;
    close(): Promise<void>;
}

/** A pack that failed to start or died; the message carries the pack's stderr. */
export class PackProcessError extends Error {
    override name = "PackProcessError";
    constructor(
        message: string,
        readonly stderr: string,
    ) {
        super(stderr.trim() ? `${message}\n--- policy pack stderr ---\n${stderr.trimEnd()}` : message);
    }
}

export interface StartPackOptions {
    /**
     * Directory holding the SDK the CLI would use; default: `@pulumi/pulumi` resolved from the pack
     * directory with Node's resolution, as the language host does (the pack's own node_modules
     * when installed, else a parent's).
     */
    sdkDir?: string;
    /** Give up waiting for the port after this many milliseconds (default 60 s). */
    timeoutMs?: number;
    /** Extra environment for the pack process. */
    env?: NodeJS.ProcessEnv;
}

function defaultSdkDir(packDir: string): string {
    try {
        return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }));
    } catch {
        return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    }
}

/** Reads VmHWM (peak RSS) from /proc; undefined off Linux or once the process is gone. */
export function readPeakRssKiB(pid: number): number | undefined {
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
        const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
        return match ? Number(match[1]) : undefined;
    } catch {
        return undefined;
    }
}

/** Spawns the pack and resolves once it printed its port. */
export async function startPackProcess(packDir: string, options: StartPackOptions = {}): Promise<PackProcess> {
    const absolutePackDir = path.resolve(packDir);
    if (!fs.existsSync(path.join(absolutePackDir, "PulumiPolicy.yaml"))) {
        throw new PackProcessError(`${absolutePackDir} is not a policy pack: PulumiPolicy.yaml is missing`, "");
    }
    const runPolicyPack = path.join(options.sdkDir ?? defaultSdkDir(absolutePackDir), "cmd", "run-policy-pack");
    const engine: EngineServer = await startEngineServer();
    const started = performance.now();
    const child: ChildProcess = spawn(process.execPath, [runPolicyPack, engine.address, "."], {
        cwd: absolutePackDir,
        env: { ...process.env, ...(options.env ?? {}) },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    let exited = false;
    let peak: number | undefined;
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exitPromise = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.once("exit", () => (exited = true));

    const port = await new Promise<number>((resolve, reject) => {
        let firstLine: string | undefined;
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new PackProcessError(`policy pack ${absolutePackDir} printed no port within ${options.timeoutMs ?? 60_000} ms`, stderr));
        }, options.timeoutMs ?? 60_000);
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
            if (firstLine !== undefined) {
                stdout += chunk;
                return;
            }
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline < 0) {
                return;
            }
            firstLine = stdout.slice(0, newline).trim();
            stdout = stdout.slice(newline + 1);
            clearTimeout(timer);
            if (/^\d+$/.test(firstLine)) {
                resolve(Number(firstLine));
            } else {
                child.kill("SIGKILL");
                reject(
                    new PackProcessError(`policy pack ${absolutePackDir} printed ${JSON.stringify(firstLine)} instead of its port`, stderr),
                );
            }
        });
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            if (firstLine === undefined) {
                // Let the last stderr chunk arrive before reporting.
                setImmediate(() =>
                    reject(
                        new PackProcessError(
                            `policy pack ${absolutePackDir} exited (${signal ?? `code ${code}`}) before printing its port`,
                            stderr,
                        ),
                    ),
                );
            }
        });
        child.once("error", (error) => {
            clearTimeout(timer);
            reject(new PackProcessError(`could not start the policy pack: ${error.message}`, stderr));
        });
    }).catch(async (error: unknown) => {
        await engine.close();
        throw error;
    });
    const startupMs = performance.now() - started;

    return {
        packDir: absolutePackDir,
        address: `127.0.0.1:${port}`,
        pid: child.pid!,
        startupMs,
        stderr: () => stderr,
        stdout: () => stdout,
        peakRssKiB: () => {
            const current = exited ? undefined : readPeakRssKiB(child.pid!);
            peak = current ?? peak;
            return peak;
        },
        exited: () => exited,
        close: async () => {
            if (!exited) {
                peak = readPeakRssKiB(child.pid!) ?? peak;
                child.kill("SIGTERM");
                const killTimer = setTimeout(() => child.kill("SIGKILL"), 2000);
                await exitPromise;
                clearTimeout(killTimer);
            }
            await engine.close();
        },
    };
}
