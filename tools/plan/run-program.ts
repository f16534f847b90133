/**
 * Runs a Pulumi program in-process under the SDK's mock runtime and returns what it registered.
 * This is the first phase of the offline plan and of the component tests.
 */
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, UrnTranslator, captureRegistrations } from "./capture";
import { realisticMocks } from "./mocks";

export interface ProgramRunOptions {
    project: string;
    stack: string;
    /** Full config keys (`baseline:network`, `aws:region`) to string values; objects as JSON. */
    config?: Record<string, string>;
    /** Config keys whose values are secrets. */
    secretKeys?: string[];
    /** Run as `pulumi preview` (outputs of new resources unknown) instead of as an update. */
    preview?: boolean;
    /** AWS account the realistic mocks put in ARNs. Default: the documentation account 111122223333. */
    accountId?: string;
    /** Mocks to use; defaults to realistic AWS/Kubernetes answers for the configured region. */
    mocks?: pulumi.runtime.Mocks;
    /** Hears of every registration as it completes, with its request's sequence number (see captureRegistrations). */
    onRegistered?: (resource: CapturedResource | undefined, sequence: number) => void;
}

export interface ProgramRun {
    resources: CapturedResource[];
    /** The program's return value with every Output resolved (unknowns become undefined). */
    outputs: Record<string, unknown>;
    /** URN of the root Stack resource the engine adds. */
    stackUrn: string;
}

// The SDK keeps these internal; both exist at runtime in every 3.x release.
interface RuntimeInternals {
    waitForRPCs(): Promise<void>;
}
interface OutputInternals {
    promise(withUnknowns?: boolean): Promise<unknown>;
}

/** Resolves Outputs anywhere inside a value. */
async function resolveDeep(value: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        return resolveDeep(await (value as unknown as OutputInternals).promise());
    }
    if (value instanceof Promise) {
        return resolveDeep(await value);
    }
    if (Array.isArray(value)) {
        return Promise.all(value.map(resolveDeep));
    }
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await resolveDeep(item)] as const));
        return Object.fromEntries(entries);
    }
    return value;
}

/**
 * Runs `program` under mocks. Errors the program throws, synchronously or from an apply or a
 * rejected registration, are rethrown (the first one) after the run settles.
 */
export async function runProgramUnderMocks(program: () => unknown, options: ProgramRunOptions): Promise<ProgramRun> {
    const config = options.config ?? {};
    const region = config["aws:region"] ?? "eu-west-1";
    await pulumi.runtime.setMocks(
        options.mocks ?? realisticMocks(region, options.preview ?? false, options.accountId),
        options.project,
        options.stack,
        options.preview ?? false,
    );
    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    const translator = new UrnTranslator(options.stack, options.project);
    const resources = captureRegistrations(translator, options.onRegistered);

    const asyncErrors: unknown[] = [];
    const onRejection = (reason: unknown) => asyncErrors.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        const returned = await program();
        const outputs = (await resolveDeep(returned ?? {})) as Record<string, unknown>;
        await (pulumi.runtime as unknown as RuntimeInternals).waitForRPCs();
        // Let rejections raised by the last registrations reach the handler before judging.
        await new Promise((resolve) => setImmediate(resolve));
        if (asyncErrors.length > 0) {
            throw asyncErrors[0];
        }
        return { resources, outputs, stackUrn: translator.stackUrn };
    } finally {
        process.off("unhandledRejection", onRejection);
    }
}
