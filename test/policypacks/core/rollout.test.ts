import { Policy } from "@pulumi/policy";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
    baselineRollout,
    currentPackSettings,
    parsePackSettings,
    resetPackSettings,
    rolloutLevel,
} from "../../../policypacks/baseline/lib/policy";
import { baselinePolicies } from "../../../policypacks/baseline/policies";
import { productionResourcesProtected } from "../../../policypacks/baseline/policies/stack";
import { FixtureResource, UNKNOWN, reconcilePackConfig, runPack } from "../../helpers/run-policy";
import { criticalPolicy, mediumPolicy, widgetType } from "./widget-policies";

const pack: Policy[] = [baselineRollout, criticalPolicy, mediumPolicy, productionResourcesProtected];

const insecureWidget: FixtureResource = { type: widgetType, name: "w", props: { open: true } };
const unprotectedKey: FixtureResource = { type: "aws:kms/key:Key", name: "key", props: { enableKeyRotation: true } };
const plan = [insecureWidget, unprotectedKey];

const openMessage = "open is true; set it to false. [NET-1]";
const labelMessage = "label is not set; set a label. [WL-9]";
const keyMessage =
    'aws:kms/key:Key "key": protect is not set in a production stack, so a destroy or replacement deletes it; add { protect: true } to its resource options. [SEC-7]';

async function levels(file: Record<string, unknown>, resources = plan) {
    const { diagnostics } = await runPack(pack, resources, { "production-resources-protected": { production: true }, ...file });
    return diagnostics.map(({ policyName, message, enforcementLevel }) => ({ policyName, message, enforcementLevel }));
}

beforeEach(() => resetPackSettings());

describe("rollout modes (OPS-2)", () => {
    it("runs every policy mandatory when no config file is given", async () => {
        expect(await levels({})).toEqual([
            { policyName: "widget-not-open", message: openMessage, enforcementLevel: "mandatory" },
            { policyName: "widget-labelled", message: labelMessage, enforcementLevel: "mandatory" },
            { policyName: "production-resources-protected", message: keyMessage, enforcementLevel: "mandatory" },
        ]);
    });

    it("crawl turns every mandatory violation advisory, resource and stack policies alike", async () => {
        expect(await levels({ "baseline-rollout": { mode: "crawl" } })).toEqual([
            { policyName: "widget-not-open", message: openMessage, enforcementLevel: "advisory" },
            { policyName: "widget-labelled", message: labelMessage, enforcementLevel: "advisory" },
            { policyName: "production-resources-protected", message: keyMessage, enforcementLevel: "advisory" },
        ]);
    });

    it("walk keeps critical and high mandatory and lowers medium to advisory", async () => {
        expect(await levels({ "baseline-rollout": { mode: "walk" } })).toEqual([
            { policyName: "widget-not-open", message: openMessage, enforcementLevel: "mandatory" },
            { policyName: "widget-labelled", message: labelMessage, enforcementLevel: "advisory" },
            { policyName: "production-resources-protected", message: keyMessage, enforcementLevel: "mandatory" },
        ]);
    });

    it("a standard per-policy level wins over the mode", async () => {
        expect(
            await levels({
                "baseline-rollout": { mode: "run" },
                "widget-not-open": "advisory",
                "widget-labelled": { enforcementLevel: "disabled" },
            }),
        ).toEqual([
            { policyName: "widget-not-open", message: openMessage, enforcementLevel: "advisory" },
            { policyName: "production-resources-protected", message: keyMessage, enforcementLevel: "mandatory" },
        ]);
    });

    it('"all" sets every policy\'s level and the mode still only lowers', async () => {
        expect(await levels({ all: "advisory", "baseline-rollout": { mode: "run" } })).toEqual([
            { policyName: "widget-not-open", message: openMessage, enforcementLevel: "advisory" },
            { policyName: "widget-labelled", message: labelMessage, enforcementLevel: "advisory" },
            { policyName: "production-resources-protected", message: keyMessage, enforcementLevel: "advisory" },
        ]);
    });

    it("promote keeps a named policy at its own level in crawl", async () => {
        expect(await levels({ "baseline-rollout": { mode: "crawl", promote: ["widget-labelled"] } })).toEqual([
            { policyName: "widget-not-open", message: openMessage, enforcementLevel: "advisory" },
            { policyName: "widget-labelled", message: labelMessage, enforcementLevel: "mandatory" },
            { policyName: "production-resources-protected", message: keyMessage, enforcementLevel: "advisory" },
        ]);
    });

    it("keeps the SDK's description prefix when the mode lowers a violation", async () => {
        const diagnostics: unknown[] = [];
        await runPack([baselineRollout], [insecureWidget], { "baseline-rollout": { mode: "crawl" } });
        const validate = criticalPolicy.validateResource as (args: object, report: (violation: unknown) => void) => void;
        validate(
            {
                type: widgetType,
                name: "w",
                urn: "urn:pulumi:test::baseline::test:index/widget:Widget::w",
                props: { open: true },
                getConfig: () => ({}),
            },
            (violation) => diagnostics.push(violation),
        );
        expect(diagnostics).toEqual([{ message: `Widgets are closed.\n${openMessage}`, urn: undefined, enforcementLevel: "advisory" }]);
    });
});

describe("pack-wide unknowns", () => {
    const unknownWidget: FixtureResource = { type: widgetType, name: "w", props: { open: UNKNOWN, label: "x" } };

    it("follows the SDK by default: one advisory can't-run", async () => {
        expect(await levels({}, [unknownWidget])).toEqual([
            {
                policyName: "widget-not-open",
                message: "can't run: string value at .open can't be known during preview",
                enforcementLevel: "advisory",
            },
        ]);
    });

    it('turns an unknown control property into a violation with unknowns "fail" pack-wide', async () => {
        expect(await levels({ "baseline-rollout": { unknowns: "fail" } }, [unknownWidget])).toEqual([
            {
                policyName: "widget-not-open",
                message:
                    'string value at .open can\'t be known during preview; the control cannot be verified during preview (unknowns: "fail") [NET-1]',
                enforcementLevel: "mandatory",
            },
        ]);
    });

    it("lets a policy's own unknowns setting win over the pack-wide one", async () => {
        const file = { "baseline-rollout": { unknowns: "fail" }, "widget-not-open": { unknowns: "preview" } };
        expect((await levels(file, [unknownWidget]))[0].enforcementLevel).toBe("advisory");
    });
});

describe("remediation under rollout", () => {
    it("remediates only when the policy's level is remediate, in any mode, and the fixed inputs pass", async () => {
        const off = await runPack(pack, [insecureWidget], { "baseline-rollout": { mode: "crawl" } });
        expect(off.remediated).toEqual([{ open: true }]);
        const on = await runPack(pack, [{ ...insecureWidget, props: { open: true, label: "l" } }], {
            "baseline-rollout": { mode: "crawl" },
            "widget-not-open": "remediate",
        });
        expect(on.remediated).toEqual([{ open: false, label: "l" }]);
        expect(on.diagnostics).toEqual([]);
    });
});

describe("rollout settings", () => {
    it("maps each mode and severity to the level it imposes", () => {
        const settings = (mode: string) => parsePackSettings({ mode });
        expect(rolloutLevel(settings("run"), "x", "low")).toBeUndefined();
        expect(rolloutLevel(settings("walk"), "x", "high")).toBeUndefined();
        expect(rolloutLevel(settings("walk"), "x", "critical")).toBeUndefined();
        expect(rolloutLevel(settings("walk"), "x", "medium")).toBe("advisory");
        expect(rolloutLevel(settings("walk"), "x", "low")).toBe("advisory");
        expect(rolloutLevel(settings("crawl"), "x", "critical")).toBe("advisory");
    });

    it("falls back to the secure defaults for malformed settings", () => {
        expect(parsePackSettings({ mode: "sprint", unknowns: 1, promote: "all" })).toEqual({
            mode: "run",
            unknowns: "preview",
            promote: [],
        });
        expect(parsePackSettings(null)).toEqual({ mode: "run", unknowns: "preview", promote: [] });
    });

    it("puts the baseline-rollout config in force before the other policies of an Analyze call", async () => {
        await runPack([baselineRollout], [insecureWidget], { "baseline-rollout": { mode: "walk", promote: ["a"] } });
        expect(currentPackSettings()).toEqual({ mode: "walk", unknowns: "preview", promote: ["a"] });
    });

    it("lists baseline-rollout first in the pack", () => {
        expect(baselinePolicies[0]).toBe(baselineRollout);
    });
});

describe("per-environment configs", () => {
    const configDir = path.resolve(__dirname, "../../../policypacks/baseline/config");
    const read = (stack: string) => JSON.parse(fs.readFileSync(path.join(configDir, `${stack}.json`), "utf8")) as Record<string, unknown>;
    const rollout = (stack: string) =>
        parsePackSettings(reconcilePackConfig(baselinePolicies, read(stack)).get("baseline-rollout")!.properties);

    it("sets dev to walk, staging to run, prod to run with unknowns fail and production on", () => {
        expect(rollout("dev")).toEqual({ mode: "walk", unknowns: "preview", promote: [] });
        expect(rollout("staging")).toEqual({ mode: "run", unknowns: "preview", promote: [] });
        expect(rollout("prod")).toEqual({ mode: "run", unknowns: "fail", promote: [] });
        const prod = reconcilePackConfig(baselinePolicies, read("prod"));
        expect(prod.get("production-resources-protected")!.properties.production).toBe(true);
        expect(reconcilePackConfig(baselinePolicies, read("staging")).get("production-resources-protected")!.properties.production).toBe(
            false,
        );
    });

    it("names only policies of the pack (or all) and levels the engine accepts", () => {
        const names = new Set(baselinePolicies.map((policy) => policy.name));
        const levels = ["advisory", "mandatory", "remediate", "disabled"];
        for (const stack of ["dev", "staging", "prod"]) {
            for (const [key, value] of Object.entries(read(stack))) {
                expect(key === "all" || names.has(key), `${stack}.json: ${key}`).toBe(true);
                const level = typeof value === "string" ? value : (value as { enforcementLevel?: string }).enforcementLevel;
                expect(level === undefined || levels.includes(level), `${stack}.json: ${key} level ${level}`).toBe(true);
                if (typeof value === "object" && value !== null) {
                    const schema = baselinePolicies.find((policy) => policy.name === key)!.configSchema?.properties ?? {};
                    for (const property of Object.keys(value).filter((property) => property !== "enforcementLevel")) {
                        expect(Object.keys(schema), `${stack}.json: ${key}.${property}`).toContain(property);
                    }
                }
            }
        }
    });
});
