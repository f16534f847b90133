/**
 * The rollout design through the real Analyzer protocol: the SDK's own gRPC server, started
 * in this (forked) test process with the pack's policies, receives Configure as the engine sends
 * it (one entry per policy, level plus properties) and then Analyze / AnalyzeStack calls; the
 * diagnostics' enforcement levels are read off the wire.
 */
import * as grpc from "@grpc/grpc-js";
import { Policy } from "@pulumi/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baselineRollout } from "../../../policypacks/baseline/lib/policy";
import { productionResourcesProtected } from "../../../policypacks/baseline/policies/stack";
import { reconcilePackConfig } from "../../helpers/run-policy";
import { criticalPolicy, mediumPolicy, widgetType } from "./widget-policies";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb") as any;
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as any;
const structProto = require("google-protobuf/google/protobuf/struct_pb") as any;
const sdkServer = require("@pulumi/policy/server") as {
    serve(name: string, version: string, level: string, args: { policies: Policy[] }, initialConfig: undefined): void;
};
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

const policies: Policy[] = [baselineRollout, criticalPolicy, mediumPolicy, productionResourcesProtected];
const levelNames = ["advisory", "mandatory", "disabled", "remediate"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let client: any;

function call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
        client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))),
    );
}

function options() {
    const opts = new analyzerProto.AnalyzerResourceOptions();
    opts.setProtect(false);
    return opts;
}

async function configure(file: Record<string, unknown>): Promise<void> {
    const request = new analyzerProto.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, config] of reconcilePackConfig(policies, file)) {
        const entry = new analyzerProto.PolicyConfig();
        entry.setEnforcementlevel(levelNames.indexOf(config.enforcementLevel));
        entry.setProperties(structProto.Struct.fromJavaScript(config.properties));
        map.set(name, entry);
    }
    await call("configure", request);
}

interface WireDiagnostic {
    policy: string;
    level: string;
    message: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function diagnosticsOf(response: any): WireDiagnostic[] {
    return (
        response
            .getDiagnosticsList()
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            .map((d: any) => ({ policy: d.getPolicyname(), level: levelNames[d.getEnforcementlevel()], message: d.getMessage() }))
    );
}

async function analyzeWidget(): Promise<WireDiagnostic[]> {
    const request = new analyzerProto.AnalyzeRequest();
    request.setType(widgetType);
    request.setName("w");
    request.setUrn(`urn:pulumi:dev::baseline::${widgetType}::w`);
    request.setProperties(structProto.Struct.fromJavaScript({ open: true }));
    request.setOptions(options());
    return diagnosticsOf(await call("analyze", request));
}

async function analyzeStack(): Promise<WireDiagnostic[]> {
    const key = new analyzerProto.AnalyzerResource();
    key.setType("aws:kms/key:Key");
    key.setName("key");
    key.setUrn("urn:pulumi:dev::baseline::aws:kms/key:Key::key");
    key.setProperties(structProto.Struct.fromJavaScript({ enableKeyRotation: true }));
    key.setOptions(options());
    const request = new analyzerProto.AnalyzeStackRequest();
    request.setResourcesList([key]);
    return diagnosticsOf(await call("analyzeStack", request));
}

beforeAll(async () => {
    const port = await new Promise<string>((resolve) => {
        const log = console.log;
        console.log = (line: unknown) => {
            console.log = log;
            resolve(String(line));
        };
        sdkServer.serve("eks-baseline", "0.1.0", "advisory", { policies }, undefined);
    });
    client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(() => client?.close());

describe("rollout through the Analyzer protocol (OPS-2)", () => {
    const production = { "production-resources-protected": { production: true } };

    it("reports mandatory violations when no config file is given", async () => {
        await configure(production);
        expect((await analyzeWidget()).map(({ policy, level }) => ({ policy, level }))).toEqual([
            { policy: "widget-not-open", level: "mandatory" },
            { policy: "widget-labelled", level: "mandatory" },
        ]);
        expect((await analyzeStack()).map(({ policy, level }) => ({ policy, level }))).toEqual([
            { policy: "production-resources-protected", level: "mandatory" },
        ]);
    });

    it("crawl makes the same violations advisory, with the SDK's message format", async () => {
        await configure({ ...production, "baseline-rollout": { mode: "crawl" } });
        expect(await analyzeWidget()).toEqual([
            { policy: "widget-not-open", level: "advisory", message: "Widgets are closed.\nopen is true; set it to false. [NET-1]" },
            { policy: "widget-labelled", level: "advisory", message: "Widgets are labelled.\nlabel is not set; set a label. [WL-9]" },
        ]);
        expect((await analyzeStack()).map(({ policy, level }) => ({ policy, level }))).toEqual([
            { policy: "production-resources-protected", level: "advisory" },
        ]);
    });

    it("walk keeps the critical and high policies mandatory", async () => {
        await configure({ ...production, "baseline-rollout": { mode: "walk" } });
        expect((await analyzeWidget()).map(({ policy, level }) => ({ policy, level }))).toEqual([
            { policy: "widget-not-open", level: "mandatory" },
            { policy: "widget-labelled", level: "advisory" },
        ]);
        expect((await analyzeStack()).map(({ policy, level }) => ({ policy, level }))).toEqual([
            { policy: "production-resources-protected", level: "mandatory" },
        ]);
    });

    it("a per-policy level in the config file wins over the mode", async () => {
        await configure({
            ...production,
            "baseline-rollout": { mode: "run" },
            "widget-not-open": "advisory",
            "widget-labelled": "disabled",
        });
        expect((await analyzeWidget()).map(({ policy, level }) => ({ policy, level }))).toEqual([
            { policy: "widget-not-open", level: "advisory" },
        ]);
    });
});
