/**
 * One source for pack config: policypacks/baseline/config/<stack>.json is generated from the
 * stack file (tools/pack-config), the plan refuses a pack config that disagrees with the stack
 * config or names unknown policies and properties, and warns when the pack guards little.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStackConfigMap } from "../../infra/config";
import { baselineProgram } from "../../infra/program";
import { generatePackConfig, expectedPackConfigs } from "../../tools/pack-config/generate";
import { packConfigMappings } from "../../tools/pack-config/mapping";
import { isCalendarDate, policyConfigWarnings, strictPolicyConfigProblems } from "../../tools/pack-config/validate";
import { PackProcess, startPackProcess } from "../../tools/plan/pack-process";
import { PlanOptions, planProgram } from "../../tools/plan/plan";
import { PolicyConfigError, PolicyInfo, parsePolicyConfig } from "../../tools/plan/policy-config";
import { loadStackConfig } from "../../tools/plan/stack-config";
import { program as insecureProgram } from "../fixtures/plan/insecure-program";

const root = path.resolve(__dirname, "..", "..");
const packDir = path.join(root, "policypacks", "baseline");
let pack: PackProcess;

beforeAll(async () => {
    pack = await startPackProcess(packDir);
});

afterAll(async () => {
    await pack?.close();
});

function stackConfig(stack: string, change?: (config: Record<string, string>) => void) {
    const { config, secretKeys } = loadStackConfig(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "baseline");
    change?.(config);
    return { config, secretKeys };
}

/** Sets `path` (dot-separated below the key) inside a JSON-valued stack config key. */
function setIn(config: Record<string, string>, key: string, dotted: string, value: unknown): void {
    const document = JSON.parse(config[key] ?? "{}") as Record<string, unknown>;
    const parts = dotted.split(".");
    let target = document;
    for (const part of parts.slice(0, -1)) {
        target = (target[part] ??= {}) as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
    config[key] = JSON.stringify(document);
}

async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
    try {
        await run();
    } catch (error) {
        if (error instanceof PolicyConfigError) {
            return error.problems;
        }
        throw error;
    }
    throw new Error("expected a PolicyConfigError");
}

function plan(stack: string, options: Partial<PlanOptions> & { change?: (config: Record<string, string>) => void } = {}) {
    const { config, secretKeys } = stackConfig(stack, options.change);
    return planProgram(baselineProgram, {
        stack,
        config,
        secretKeys,
        accountId: config["baseline:accountId"],
        packProcess: pack,
        ...options,
    });
}

describe("generated pack config", () => {
    it("matches the committed policypacks/baseline/config/<stack>.json of every stack (run npm run pack-config when this fails)", async () => {
        const expected = await expectedPackConfigs(root);
        expect([...expected.keys()]).toEqual(["dev", "prod", "staging"]);
        for (const { file, text } of expected.values()) {
            expect(readFileSync(file, "utf8")).toBe(text);
        }
    });

    it("takes the NET-8 allow-list from baseline:admission.exposedNamespaces and the production flag from the environment", () => {
        const prod = generatePackConfig(parseStackConfigMap(stackConfig("prod").config, "prod"));
        expect(prod["k8s-service-exposure-restricted"]).toEqual({ allowedExposedNamespaces: ["shop"] });
        expect(prod["production-resources-protected"]).toEqual({ production: true });
        expect(prod["baseline-rollout"]).toEqual({ mode: "run", unknowns: "fail", promote: [] });
        const dev = generatePackConfig(parseStackConfigMap(stackConfig("dev").config, "dev"));
        expect(dev["production-resources-protected"]).toEqual({ production: false });
        expect(dev["baseline-rollout"]).toEqual({ mode: "walk", unknowns: "preview", promote: [] });
    });

    it("maps only properties the pack's policies declare", async () => {
        const info = (await plan("dev")).policies;
        for (const mapping of packConfigMappings) {
            const policy = info.find((candidate) => candidate.name === mapping.policy);
            expect(Object.keys(policy?.configSchema?.properties ?? {}), `${mapping.policy}.${mapping.property}`).toContain(
                mapping.property,
            );
        }
    });

    it("applies the dev public-endpoint opt-out from the stack config alone, and the compliance table says NET-1 is weakened", async () => {
        const change = (config: Record<string, string>) =>
            setIn(config, "baseline:cluster", "publicEndpoint", {
                cidrs: ["203.0.113.0/24"],
                reason: "office VPN until the bastion lands",
            });
        const { config } = stackConfig("dev", change);
        const generated = generatePackConfig(parseStackConfigMap(config, "dev"));
        expect(generated["eks-cluster-endpoint-private"]).toEqual({ allowedPublicCidrs: ["203.0.113.0/24"] });
        const result = await plan("dev", { change, policyConfig: generated });
        expect(result.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === "mandatory")).toEqual([]);
        const net1 = result.compliance.find((row) => row.control === "NET-1");
        expect(net1?.status).toBe("weakened");
        expect(net1?.weakenedBy).toEqual(["baseline:cluster.publicEndpoint"]);
    });

    it("refuses the committed dev pack config once the stack config opts out of the private endpoint, naming the property, the key and the fix", async () => {
        const change = (config: Record<string, string>) =>
            setIn(config, "baseline:cluster", "publicEndpoint", { cidrs: ["203.0.113.0/24"], reason: "office VPN" });
        const file = path.join(packDir, "config", "dev.json");
        expect(await problemsOf(() => plan("dev", { change, policyConfig: file }))).toEqual([
            `${file}: eks-cluster-endpoint-private.allowedPublicCidrs is [], but baseline:cluster.publicEndpoint.cidrs in stacks/Pulumi.dev.yaml gives ["203.0.113.0/24"]; run npm run pack-config to regenerate the pack config from the stack config.`,
        ]);
    });

    it("refuses a hand-written prod pack config that allow-lists no exposed namespace", async () => {
        const given = JSON.parse(readFileSync(path.join(packDir, "config", "prod.json"), "utf8")) as Record<
            string,
            Record<string, unknown>
        >;
        delete given["k8s-service-exposure-restricted"];
        expect(await problemsOf(() => plan("prod", { policyConfig: given }))).toEqual([
            'policy config: k8s-service-exposure-restricted.allowedExposedNamespaces is not set, but baseline:admission.exposedNamespaces in stacks/Pulumi.prod.yaml gives ["shop"]; run npm run pack-config to regenerate the pack config from the stack config.',
        ]);
    });
});

const policies: PolicyInfo[] = [
    {
        name: "cloudwatch-log-group-encrypted-retention",
        description: "",
        enforcementLevel: "mandatory",
        type: "resource",
        tags: ["LOG-2"],
        configSchema: {
            properties: { exemptions: { type: "array" }, unknowns: { type: "string" }, minimumRetentionDays: { type: "integer" } },
            required: [],
        },
    },
    { name: "baseline-rollout", description: "", enforcementLevel: "advisory", type: "resource", tags: ["OPS-2"] },
];

const strict = (document: unknown) =>
    strictPolicyConfigProblems(policies, parsePolicyConfig(document), { source: "dev.json", today: "2026-12-02" });
const exemption = (fields: Record<string, unknown>) => ({ "cloudwatch-log-group-encrypted-retention": { exemptions: [fields] } });

describe("strict pack config", () => {
    it("refuses an unknown policy name, with the nearest known one", () => {
        expect(strict({ "cloudwatch-log-group-encrypted-retentio": "advisory" })).toEqual([
            'dev.json: "cloudwatch-log-group-encrypted-retentio" is not a policy of the pack (did you mean "cloudwatch-log-group-encrypted-retention"?); fix its name or remove the entry.',
        ]);
    });

    it("refuses an unknown property (minimumRetentionDay), with the nearest known one", () => {
        expect(strict({ "cloudwatch-log-group-encrypted-retention": { minimumRetentionDay: 30 } })).toEqual([
            'dev.json: cloudwatch-log-group-encrypted-retention.minimumRetentionDay is not a setting of cloudwatch-log-group-encrypted-retention (did you mean "minimumRetentionDays"?); known: exemptions, minimumRetentionDays, unknowns.',
        ]);
    });

    it("refuses properties on all", () => {
        expect(strict({ all: { enforcementLevel: "advisory", mode: "crawl" } })).toEqual([
            'dev.json: "all" sets mode; "all" takes only an enforcement level.',
        ]);
    });

    it("refuses an enforcement level that does not exist", () => {
        expect(() => parsePolicyConfig({ "baseline-rollout": "mandatroy" }, "dev.json")).toThrow(
            'dev.json: parsing enforcement level for "baseline-rollout": "mandatroy" is not a valid enforcement level (advisory, mandatory, remediate, disabled)',
        );
    });

    it("refuses an exemption date that does not exist (2027-13-45, 2027-02-30)", () => {
        expect(isCalendarDate("2027-13-45")).toBe(false);
        expect(isCalendarDate("2027-02-30")).toBe(false);
        expect(isCalendarDate("2027-02-28")).toBe(true);
        expect(strict(exemption({ resource: "audit", reason: "ticket LOG-9", expires: "2027-13-45" }))).toEqual([
            'dev.json: cloudwatch-log-group-encrypted-retention.exemptions[0].expires is "2027-13-45", not a calendar date; write YYYY-MM-DD on or before 2027-03-02.',
        ]);
    });

    it("refuses an exemption longer than the runbook's 90 days, and accepts exactly 90", () => {
        expect(strict(exemption({ resource: "audit", reason: "ticket LOG-9", expires: "2027-03-03" }))).toEqual([
            "dev.json: cloudwatch-log-group-encrypted-retention.exemptions[0].expires is 2027-03-03, 91 days away; exemptions last at most 90 days (docs/runbooks/exemptions.md): set 2027-03-02 or earlier, and renew it then.",
        ]);
        expect(strict(exemption({ resource: "audit", reason: "ticket LOG-9", expires: "2027-03-02" }))).toEqual([]);
    });

    it("refuses an exemption without a target, without a reason, or with an unknown field", () => {
        expect(strict(exemption({ reason: "ticket LOG-9", expires: "2027-01-01" }))).toEqual([
            'dev.json: cloudwatch-log-group-encrypted-retention.exemptions[0] names no target; set "resource" (a resource name or URN) or "namespace", so it exempts exactly one thing.',
        ]);
        expect(strict(exemption({ namespace: "shop", expires: "2027-01-01", expiry: "x" }))).toEqual([
            'dev.json: cloudwatch-log-group-encrypted-retention.exemptions[0].expiry is not an exemption field (did you mean "expires"?); use resource, namespace, reason and expires.',
            "dev.json: cloudwatch-log-group-encrypted-retention.exemptions[0].reason is missing; say why the exemption is acceptable, the ticket that removes it and the owner.",
        ]);
    });

    it("warns when an exemption names nothing in the plan, but not when it names a resource or namespace that is there", () => {
        const policyConfig = {
            "cloudwatch-log-group-encrypted-retention": {
                enforcementLevel: "mandatory" as const,
                properties: {
                    exemptions: [
                        { resource: "audit-logs", reason: "r", expires: "2027-01-01" },
                        { resource: "no-such-log-group", reason: "r", expires: "2027-01-01" },
                        { namespace: "shop", reason: "r", expires: "2027-01-01" },
                    ],
                },
            },
        };
        const resources = [
            {
                urn: "urn:pulumi:dev::p::aws:cloudwatch/logGroup:LogGroup::audit-logs",
                name: "audit-logs",
                type: "aws:cloudwatch/logGroup:LogGroup",
                inputs: {},
            },
            {
                urn: "urn:pulumi:dev::p::kubernetes:core/v1:Namespace::shop",
                name: "shop",
                type: "kubernetes:core/v1:Namespace",
                inputs: { metadata: { name: "shop" } },
            },
        ];
        expect(policyConfigWarnings({ policies, policyConfig, resources, production: false })).toEqual([
            'WARNING: cloudwatch-log-group-encrypted-retention.exemptions[1] names resource "no-such-log-group", which is not in this plan; fix the name or delete the exemption.',
        ]);
    });
});

describe("a pack that guards little", () => {
    const insecure = (options: Partial<PlanOptions>) =>
        planProgram(insecureProgram, { stack: "insecure", config: { "aws:region": "eu-west-1" }, packProcess: pack, ...options });

    it('says loudly that "all": "disabled" checks nothing, and exits 1 with failOnWeakPack', async () => {
        const disabled = await insecure({ policyConfig: { all: "disabled" } });
        expect(disabled.warnings).toEqual([
            'WARNING: every policy of the pack is disabled ("all": "disabled"?): this plan checks nothing; remove the setting and disable single policies instead.',
        ]);
        expect(disabled.summary.exitCode).toBe(0);
        const failing = await insecure({ policyConfig: { all: "disabled" }, failOnWeakPack: true });
        expect(failing.summary.exitCode).toBe(1);
    });

    it("warns about crawl mode for production, and not for dev", async () => {
        const crawl = { "baseline-rollout": { mode: "crawl" }, "production-resources-protected": { production: true } };
        const prod = await insecure({ policyConfig: crawl, failOnWeakPack: true });
        expect(prod.warnings).toEqual([
            'WARNING: the policy pack runs in crawl mode for a production stack: every violation is advisory and nothing blocks; set "baseline-rollout": {"mode": "run"}.',
        ]);
        expect(prod.summary.exitCode).toBe(1);
        const dev = await insecure({ policyConfig: { "baseline-rollout": { mode: "crawl" } }, failOnWeakPack: true });
        expect(dev.warnings).toEqual([]);
        expect(dev.summary.exitCode).toBe(0);
    });

    it("refuses an unknown policy property through the plan, before the pack is configured", async () => {
        expect(
            await problemsOf(() => insecure({ policyConfig: { "cloudwatch-log-group-encrypted-retention": { minimumRetentionDay: 30 } } })),
        ).toEqual([
            'policy config: cloudwatch-log-group-encrypted-retention.minimumRetentionDay is not a setting of cloudwatch-log-group-encrypted-retention (did you mean "minimumRetentionDays"?); known: exemptions, minimumRetentionDays, unknowns.',
        ]);
    });
});
