import { describe, expect, it } from "vitest";
import { PolicyConfigError, PolicyInfo, parsePolicyConfig, reconcilePolicyConfig } from "../../tools/plan/policy-config";

const policies: PolicyInfo[] = [
    {
        name: "alpha",
        description: "",
        enforcementLevel: "mandatory",
        type: "resource",
        tags: ["NET-1"],
        configSchema: {
            properties: { cidrs: { type: "array", items: { type: "string" }, default: [] }, limit: { type: "integer", minimum: 1 } },
            required: [],
        },
    },
    { name: "beta", description: "", enforcementLevel: "advisory", type: "stack", tags: [] },
];

function problemsOf(run: () => unknown): string[] {
    try {
        run();
    } catch (error) {
        if (error instanceof PolicyConfigError) {
            return error.problems;
        }
        throw error;
    }
    throw new Error("expected a PolicyConfigError");
}

describe("policy config as the engine reconciles it", () => {
    it("sends every policy its level and schema defaults when no config is given", () => {
        expect(reconcilePolicyConfig(policies, {}, {})).toEqual({
            alpha: { enforcementLevel: "mandatory", properties: { cidrs: [] } },
            beta: { enforcementLevel: "advisory", properties: {} },
        });
    });

    it("applies the file on top of initialConfig, and a properties-only initialConfig entry downgrades to advisory", () => {
        const initial = { alpha: { enforcementLevel: "advisory" as const, properties: { limit: 2 } } };
        const file = parsePolicyConfig({ alpha: { limit: 3 }, beta: "mandatory" });
        expect(reconcilePolicyConfig(policies, initial, file)).toEqual({
            alpha: { enforcementLevel: "advisory", properties: { cidrs: [], limit: 3 } },
            beta: { enforcementLevel: "mandatory", properties: {} },
        });
    });

    it("sets every policy's level from the all key and keeps the all entry", () => {
        const resolved = reconcilePolicyConfig(policies, {}, parsePolicyConfig({ all: "disabled", beta: "advisory" }));
        expect(resolved.alpha!.enforcementLevel).toBe("disabled");
        expect(resolved.beta!.enforcementLevel).toBe("advisory");
        expect(resolved.all).toEqual({ enforcementLevel: "disabled", properties: {} });
    });

    it("fails naming the policy and property when a value breaks the schema", () => {
        expect(problemsOf(() => reconcilePolicyConfig(policies, {}, parsePolicyConfig({ alpha: { cidrs: [1], limit: 0 } })))).toEqual([
            "alpha: cidrs.0: Invalid type. Expected: string, given: integer",
            "alpha: limit: Must be greater than or equal to 1",
        ]);
    });

    it("rejects an unknown enforcement level and a value that is neither string nor object", () => {
        expect(problemsOf(() => parsePolicyConfig({ alpha: "strict", beta: 3 }, "dev.json"))).toEqual([
            'dev.json: parsing enforcement level for "alpha": "strict" is not a valid enforcement level (advisory, mandatory, remediate, disabled)',
            'dev.json: parsing "beta": 3 is not a valid value; must be a string or object',
        ]);
    });
});
