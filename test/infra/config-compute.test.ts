import { describe, expect, it } from "vitest";
import { parseBaselineConfig } from "../../infra/config";
import { minimalRaw, problemsOf } from "./fixtures";

type Cluster = Record<string, unknown> & { nodeGroups: { name: string }[] };
const cluster = (raw: Record<string, unknown>) => raw.cluster as Cluster;

describe("parseBaselineConfig: compute modes (NODE-5)", () => {
    it("defaults to managed node groups and accepts every mode in prod", () => {
        expect(parseBaselineConfig(minimalRaw("prod"), { stack: "prod", region: "eu-west-1" }).cluster.compute).toBe("managedNodeGroups");
        const auto = minimalRaw("prod");
        cluster(auto).compute = "autoMode";
        cluster(auto).nodeGroups = [];
        expect(parseBaselineConfig(auto, { stack: "prod", region: "eu-west-1" }).cluster.compute).toBe("autoMode");
        const karpenter = minimalRaw("prod");
        cluster(karpenter).compute = "karpenter";
        cluster(karpenter).nodeGroups = cluster(karpenter).nodeGroups.filter((group) => group.name === "system");
        cluster(karpenter).karpenter = { version: "1.8.3", bottlerocketVersion: "v1.46.0" };
        expect(parseBaselineConfig(karpenter, { stack: "prod", region: "eu-west-1" }).cluster.karpenter).toEqual({
            version: "1.8.3",
            bottlerocketVersion: "v1.46.0",
        });
    });

    it("requires system and workloads node groups with managed node groups", () => {
        expect(problemsOf((raw) => (cluster(raw).nodeGroups = []))).toEqual([
            'baseline:cluster.nodeGroups has no "system" group; add one (cluster add-ons and workloads run on separate nodes, NET-10).',
            'baseline:cluster.nodeGroups has no "workloads" group; add one (cluster add-ons and workloads run on separate nodes, NET-10).',
        ]);
    });

    it("refuses node groups with autoMode, Karpenter pins without karpenter, and an unknown mode", () => {
        expect(problemsOf((raw) => (cluster(raw).compute = "autoMode"))).toEqual([
            'baseline:cluster.nodeGroups lists system, workloads but baseline:cluster.compute is "autoMode"; remove nodeGroups, Auto Mode launches every node from the baseline\'s NodePools.',
        ]);
        expect(problemsOf((raw) => (cluster(raw).karpenter = { version: "1.8.3" }))).toEqual([
            'baseline:cluster.karpenter is set but baseline:cluster.compute is "managedNodeGroups"; remove cluster.karpenter or set compute to "karpenter".',
        ]);
        expect(problemsOf((raw) => (cluster(raw).compute = "fargate"))).toEqual([
            'baseline:cluster.compute is "fargate"; use one of "managedNodeGroups", "autoMode", "karpenter".',
        ]);
    });

    it("refuses unpinned Karpenter and Bottlerocket versions", () => {
        expect(
            problemsOf((raw) => {
                cluster(raw).compute = "karpenter";
                cluster(raw).karpenter = { version: "1.x", bottlerocketVersion: "latest" };
            }),
        ).toEqual([
            'baseline:cluster.karpenter.version is "1.x", not an exact Karpenter release; pin one such as "1.8.3".',
            'baseline:cluster.karpenter.bottlerocketVersion is "latest", not a Bottlerocket release; pin one such as "v1.46.0", never "latest".',
        ]);
    });

    it("lists the shared-account storage opt-out, also in prod (SEC-8)", () => {
        const raw = minimalRaw("prod");
        raw.storage = { accountEncryptionDefaults: false };
        expect(parseBaselineConfig(raw, { stack: "prod", region: "eu-west-1" }).optOuts.map((optOut) => optOut.key)).toContain(
            "baseline:storage.accountEncryptionDefaults",
        );
    });
});
