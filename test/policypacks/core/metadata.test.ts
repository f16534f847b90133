import { describe, expect, it } from "vitest";
import { baselineFramework } from "../../../policypacks/baseline/lib/metadata";
import { policySpecOf } from "../../../policypacks/baseline/lib/policy";
import { baselinePolicies } from "../../../policypacks/baseline/policies";
import { coverageByControl } from "../../../tools/docs/generate";
import { catalogue } from "./catalogue";

const knownIds = new Set(catalogue.map((control) => control.id));

describe("pack metadata", () => {
    it("gives every policy a unique kebab-case name", () => {
        const names = baselinePolicies.map((policy) => policy.name);
        expect(names.filter((name) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))).toEqual([]);
        expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    });

    it("gives every policy a severity, description, remediation steps, docs url and the baseline framework", () => {
        const incomplete = baselinePolicies
            .filter(
                (policy) =>
                    !["low", "medium", "high", "critical"].includes(policy.severity ?? "") ||
                    !(policy.description?.length > 20) ||
                    !(policy.remediationSteps && policy.remediationSteps.length > 10) ||
                    policy.url !== `docs/policies.md#${policy.name}` ||
                    policy.framework !== baselineFramework,
            )
            .map((policy) => policy.name);
        expect(incomplete).toEqual([]);
    });

    it("tags every policy with known control IDs only, and at least one", () => {
        const bad = baselinePolicies
            .filter((policy) => !(policy.tags && policy.tags.length > 0 && policy.tags.every((tag) => knownIds.has(tag))))
            .map((policy) => `${policy.name}: ${JSON.stringify(policy.tags)}`);
        expect(bad).toEqual([]);
    });

    it("declares every policy through the pack's helper, mandatory by default", () => {
        expect(baselinePolicies.filter((policy) => policySpecOf(policy) === undefined).map((policy) => policy.name)).toEqual([]);
        const notMandatory = baselinePolicies.filter(
            (policy) => policy.name !== "baseline-rollout" && policy.enforcementLevel !== "mandatory",
        );
        expect(notMandatory.map((policy) => `${policy.name}: ${policy.enforcementLevel}`)).toEqual([]);
    });

    it("gives every config knob a type and every policy-specific knob a secure default", () => {
        const missing: string[] = [];
        for (const policy of baselinePolicies) {
            for (const [knob, schema] of Object.entries(policySpecOf(policy)?.config ?? {})) {
                if (!("type" in schema) || !("default" in schema)) missing.push(`${policy.name}.${knob}`);
            }
        }
        expect(missing).toEqual([]);
    });

    it("covers every P-layer control of the catalogue with at least one policy", () => {
        const uncovered = coverageByControl(catalogue, baselinePolicies)
            .filter((row) => row.control.layers.includes("P") && row.policies.length === 0)
            .map((row) => row.control.id);
        expect(uncovered, `P-layer controls without a policy: ${uncovered.join(", ")}`).toEqual([]);
    });
});
