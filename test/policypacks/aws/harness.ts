/**
 * Shared cases for the AWS policy tests: every policy gets the same exemption and unknown-value
 * checks on its own compliant and violating fixtures.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { expect, it } from "vitest";
import { FixtureResource, runResourcePolicy, UNKNOWN } from "../../helpers/run-policy";

/** A deep copy of the fixture with one property (by path) replaced, or removed when `value` is `remove`. */
export const remove = Symbol("remove");
export function withProp(resource: FixtureResource, path: (string | number)[], value: unknown): FixtureResource {
    const copy = structuredClone(resource);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let target: any = copy.props;
    for (const key of path.slice(0, -1)) {
        target = target[key];
    }
    const last = path[path.length - 1];
    if (value === remove) {
        delete target[last];
    } else {
        target[last] = value;
    }
    return copy;
}

/** Violation messages of the policy for the resource. */
export async function violationsOf(policy: ResourceValidationPolicy, resource: FixtureResource, config: object = {}): Promise<string[]> {
    const outcome = await runResourcePolicy(policy, resource, config);
    expect(outcome.cannotRunDuringPreview).toBeUndefined();
    return outcome.violations;
}

export interface CommonCase {
    policy: ResourceValidationPolicy;
    /** Control suffix of every message, e.g. "[NET-1]". */
    suffix: string;
    violating: FixtureResource;
    /** The one message `violating` yields (with suffix). */
    message: string;
    compliant: FixtureResource;
    /** Path of a control property in `compliant` that is set to UNKNOWN. */
    unknownPath: (string | number)[];
}

/** Exemption (valid and expired) and unknown-value tests for one policy. */
export function commonBehaviour(c: CommonCase): void {
    const name = c.policy.name;
    it(`${name}: an exemption by resource name silences the violation until it expires`, async () => {
        const resource = { ...c.violating, name: "x" };
        expect(await violationsOf(c.policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2099-01-01" }] })).toEqual([]);
        expect(await violationsOf(c.policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2000-01-01" }] })).toEqual([
            `${c.message} (exemption "r" expired on 2000-01-01; renew it in the pack config or fix the resource)`,
        ]);
    });
    it(`${name}: an unknown control property cannot be judged during preview, and fails under unknowns "fail"`, async () => {
        const resource = withProp(c.compliant, c.unknownPath, UNKNOWN);
        const preview = await runResourcePolicy(c.policy, resource);
        expect(preview).toEqual({
            violations: [],
            cannotRunDuringPreview: `string value at .${c.unknownPath.join(".")} can't be known during preview`,
        });
        expect(await runResourcePolicy(c.policy, resource, { unknowns: "fail" })).toEqual({
            violations: [
                `string value at .${c.unknownPath.join(".")} can't be known during preview; the control cannot be verified during preview (unknowns: "fail") ${c.suffix}`,
            ],
        });
    });
}
