import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseBaselineConfig } from "../../infra/config";
import { knownKeys } from "../../infra/config/schema";
import { readStackFile, root } from "./stack-files";

const stacks = ["dev", "staging", "prod"] as const;

function load(stack: string) {
    const file = readStackFile(stack);
    return parseBaselineConfig(file.raw, { stack, region: file.region });
}

describe("stack files", () => {
    it.each(stacks)("parses stacks/Pulumi.%s.yaml", (stack) => {
        const config = load(stack);
        expect(config.environment).toBe(stack);
        expect(config.stack).toBe(stack);
    });

    it("keeps every stack's API endpoint private (NET-1)", () => {
        for (const stack of stacks) {
            expect(load(stack).cluster.publicEndpoint).toBeUndefined();
        }
    });

    it("has per-environment stacks that differ only by config values (OPS-1)", () => {
        const keys = stacks.map((stack) => Object.keys(readStackFile(stack).config).sort());
        expect(keys[1]).toEqual(keys[0]);
        expect(keys[2]).toEqual(keys[0]);
        expect(keys[0]).toEqual(["aws:region", ...knownKeys.map((key) => `baseline:${key}`)].sort());
    });

    it("scales by environment: zones, NAT, retention, protection", () => {
        const [dev, staging, prod] = stacks.map(load);
        expect([dev, staging, prod].map((config) => config?.network.availabilityZones.length)).toEqual([2, 3, 3]);
        expect([dev, staging, prod].map((config) => config?.network.natGateways)).toEqual([undefined, undefined, "perAz"]);
        expect([dev, staging, prod].map((config) => config?.cluster.logRetentionDays)).toEqual([30, 90, 365]);
        expect([dev, staging, prod].map((config) => config?.protection.protect)).toEqual([false, true, true]);
        expect([dev, staging, prod].map((config) => config?.cluster.deletionProtection)).toEqual([false, true, true]);
        expect([dev, staging, prod].map((config) => config?.accessHost.nightlyStop)).toEqual([
            "cron(0 20 ? * * *)",
            "cron(0 20 ? * * *)",
            null,
        ]);
        expect([dev, staging, prod].map((config) => config?.admission.mode)).toEqual(["Warn", "Audit", "Deny"]);
    });

    it("lists the opt-outs each stack is in", () => {
        expect(load("dev").optOuts.map((optOut) => optOut.key)).toEqual([
            "baseline:cluster.deletionProtection",
            "baseline:protection.enabled",
            "baseline:admission.mode",
            "baseline:policyPack.rollout",
        ]);
        expect(load("staging").optOuts.map((optOut) => optOut.key)).toEqual(["baseline:admission.mode"]);
        expect(load("prod").optOuts.map((optOut) => optOut.key)).toEqual(["baseline:network.egress"]);
    });

    it("uses placeholder account ids only", () => {
        const accounts = stacks.map((stack) => {
            const text = readFileSync(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "utf8");
            return [...new Set(text.match(/\b\d{12}\b/g))].sort();
        });
        expect(accounts).toEqual([["111122223333"], ["444455556666"], ["777788889999"]]);
        expect(stacks.map((stack) => load(stack).accountId)).toEqual(["111122223333", "444455556666", "777788889999"]);
    });
});

describe("Pulumi.yaml config block", () => {
    const project = parse(readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
        name: string;
        config: Record<string, { type?: string; default?: unknown; description?: string; items?: unknown }>;
    };

    it("declares every baseline key the parser knows, and no other", () => {
        expect(Object.keys(project.config).sort()).toEqual(knownKeys.map((key) => `baseline:${key}`).sort());
    });

    it("uses only declarations the Pulumi CLI accepts (typed keys must be namespaced by the project)", () => {
        const refused: string[] = [];
        for (const [key, declaration] of Object.entries(project.config)) {
            const namespacedByProject = !key.includes(":") || key.startsWith(`${project.name}:`);
            if (!namespacedByProject) {
                refused.push(`${key}: not namespaced by project "${project.name}"`);
            }
            if (declaration.type !== undefined && !["string", "integer", "boolean", "array"].includes(declaration.type)) {
                refused.push(`${key}: type ${declaration.type}`);
            }
            if (declaration.type === "array" && declaration.items === undefined) {
                refused.push(`${key}: array without items`);
            }
            if (declaration.type === "string" && declaration.default !== undefined && typeof declaration.default !== "string") {
                refused.push(`${key}: default is not a string`);
            }
            if (!declaration.description) {
                refused.push(`${key}: no description`);
            }
        }
        expect(refused).toEqual([]);
    });
});
