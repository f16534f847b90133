/**
 * The pack decodes each request's inputs once and shares them between its policies
 * (policypacks/baseline/lib/deserialize-once.ts), which is only sound while no policy writes to
 * its inputs. Every policy runs here over deep-frozen inputs of the whole corpus: a write throws.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { resourceTypesOf } from "../../../policypacks/baseline/lib/policy";
import { baselinePolicies } from "../../../policypacks/baseline/policies";
import { awsCorpus, kubernetesCorpus } from "../corpus/corpus";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(props: T): T };

function deepFreeze<T>(value: T): T {
    if (value && typeof value === "object") {
        for (const item of Object.values(value)) {
            deepFreeze(item);
        }
        Object.freeze(value);
    }
    return value;
}

const resourcePolicies = baselinePolicies.filter(
    (policy): policy is ResourceValidationPolicy => "validateResource" in policy && !!policy.validateResource,
);

describe("policies treat their inputs as read-only", () => {
    it("never write to a resource's inputs, on every corpus resource", async () => {
        const writes: string[] = [];
        let judged = 0;
        for (const entry of [...kubernetesCorpus, ...awsCorpus]) {
            const props = deepFreeze(structuredClone(entry.resource.props));
            for (const policy of resourcePolicies.filter((candidate) => resourceTypesOf(candidate).includes(entry.resource.type))) {
                judged++;
                try {
                    await (policy.validateResource as (args: unknown, report: () => void) => Promise<void> | void)(
                        {
                            type: entry.resource.type,
                            name: entry.resource.name ?? "fixture",
                            urn: `urn:pulumi:test::baseline::${entry.resource.type}::${entry.resource.name ?? "fixture"}`,
                            props: unknownCheckingProxy(props),
                            opts: {},
                            getConfig: () => ({}),
                        },
                        () => undefined,
                    );
                } catch (error) {
                    writes.push(`${policy.name} on ${entry.name}: ${(error as Error).message}`);
                }
            }
        }
        expect(judged).toBeGreaterThan(200);
        expect(writes).toEqual([]);
    });
});
