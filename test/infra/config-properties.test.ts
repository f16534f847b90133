import fc from "fast-check";
import { describe, it } from "vitest";
import { BaselineConfigError, parseBaselineConfig } from "../../infra/config";
import { knownKeys } from "../../infra/config/schema";
import { minimalRaw } from "./fixtures";

describe("parseBaselineConfig properties", () => {
    it("accepts any aligned private /16-/20 VPC over 2-6 zones in dev, with one subnet pair per zone", () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 16, max: 20 }),
                fc.integer({ min: 0, max: 255 }),
                fc.integer({ min: 2, max: 6 }),
                (prefix, second, zones) => {
                    const raw = minimalRaw("dev");
                    raw.network = { cidr: `10.${second}.0.0/${prefix}`, azCount: zones };
                    const config = parseBaselineConfig(raw, { stack: "dev", region: "eu-west-1" });
                    return config.network.subnets.private.length === zones && config.network.subnets.public.length === zones;
                },
            ),
        );
    });

    it("answers any value of any key with a config or a BaselineConfigError naming baseline: or aws: keys, never another error", () => {
        fc.assert(
            fc.property(fc.constantFrom(...knownKeys), fc.anything(), (key, value) => {
                const raw: Record<string, unknown> = { ...minimalRaw("prod"), [key]: value };
                try {
                    parseBaselineConfig(raw, { stack: "prod", region: "eu-west-1" });
                    return true;
                } catch (error) {
                    return (
                        error instanceof BaselineConfigError &&
                        error.problems.length > 0 &&
                        error.problems.every((problem) => /^(baseline|aws):/.test(problem))
                    );
                }
            }),
        );
    });

    it("never lets a prod config through with a weakening opt-out", () => {
        fc.assert(
            fc.property(
                fc.boolean(),
                fc.constantFrom("Warn", "Audit", "Deny"),
                fc.constantFrom("falco", "guardduty", "none"),
                (protect, mode, runtime) => {
                    const raw: Record<string, unknown> = {
                        ...minimalRaw("prod"),
                        protection: { enabled: protect },
                        admission: { mode },
                        runtimeDetection: runtime,
                    };
                    const weakened = !protect || mode !== "Deny" || runtime === "none";
                    try {
                        const config = parseBaselineConfig(raw, { stack: "prod", region: "eu-west-1" });
                        return !weakened && config.optOuts.length === 0;
                    } catch (error) {
                        return error instanceof BaselineConfigError && weakened;
                    }
                },
            ),
        );
    });
});
