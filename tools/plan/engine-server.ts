/**
 * A minimal Pulumi Engine gRPC service (Log, GetRootResource, SetRootResource), served on a local
 * port so the policy pack process gets a real engine address as its first argument, as the
 * CLI passes `host.ServerAddr()`.
 *
 * Finding (run-policy-pack in @pulumi/pulumi 3.248.0): the address argument is shifted off and
 * never read; the SDK only dials an engine when `PULUMI_NODEJS_ENGINE` is set, which the CLI does
 * not set for policy packs. Pack logging therefore goes to the pack's stdout/stderr, which the
 * plan collects. The service costs about a millisecond to start and keeps the command line
 * identical to the engine's.
 */
import * as grpc from "@grpc/grpc-js";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

/** One log message a pack sent through the Engine service. */
export interface EngineLogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn: string;
}

export interface EngineServer {
    /** `127.0.0.1:<port>` */
    address: string;
    logs: EngineLogEntry[];
    close(): Promise<void>;
}

const severities: Record<number, EngineLogEntry["severity"]> = {
    [enginePb.LogSeverity.DEBUG]: "debug",
    [enginePb.LogSeverity.INFO]: "info",
    [enginePb.LogSeverity.WARNING]: "warning",
    [enginePb.LogSeverity.ERROR]: "error",
};

/** Starts the Engine service on an ephemeral local port. */
export async function startEngineServer(): Promise<EngineServer> {
    const server = new grpc.Server();
    const logs: EngineLogEntry[] = [];
    let rootResource = "";
    const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<never>) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: "not served by the offline plan" }, null);
    const implementation: engineRpc.IEngineServer = {
        log: (call, callback) => {
            logs.push({
                severity: severities[call.request.getSeverity()] ?? "info",
                message: call.request.getMessage(),
                urn: call.request.getUrn(),
            });
            callback(null, new Empty());
        },
        getRootResource: (_call, callback) => callback(null, new enginePb.GetRootResourceResponse().setUrn(rootResource)),
        setRootResource: (call, callback) => {
            rootResource = call.request.getUrn();
            callback(null, new enginePb.SetRootResourceResponse());
        },
        startDebugging: unimplemented,
        requirePulumiVersion: unimplemented,
    };
    server.addService(engineRpc.EngineService, implementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
            error ? reject(error) : resolve(boundPort),
        ),
    );
    return {
        address: `127.0.0.1:${port}`,
        logs,
        close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    };
}
