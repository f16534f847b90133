import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cidrContains, familiesCoveredByUnion, isAnywhere, isWithinAny, parseCidr } from "../../../policypacks/baseline/lib/cidr";
import { adminGrants, isAllActions, isAllResources, parsePolicyDocument } from "../../../policypacks/baseline/lib/iam-document";
import { awsPolicies } from "../../../policypacks/baseline/policies/aws";
import { resourceTypesOf } from "../../../policypacks/baseline/lib/policy";
import { runResourcePolicy } from "../../helpers/run-policy";

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join("."));

describe("lib/cidr", () => {
    it("recognises every spelling of anywhere and nothing narrower", () => {
        for (const text of ["0.0.0.0/0", "::/0", "0::0/0", "10.1.2.3/0", "::ffff:0.0.0.0/0"]) {
            expect(isAnywhere(text)).toBe(true);
        }
        for (const text of ["0.0.0.0/1", "10.0.0.0/8", "::/1", "0.0.0.0", "anywhere", "256.0.0.0/0", "1::2::3/0", undefined, 7]) {
            expect(isAnywhere(text)).toBe(false);
        }
    });

    it("contains a block in every shorter prefix of itself (property)", () => {
        fc.assert(
            fc.property(ipv4, fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 32 }), (address, a, b) => {
                const [outer, inner] = [Math.min(a, b), Math.max(a, b)];
                expect(cidrContains(parseCidr(`${address}/${outer}`)!, parseCidr(`${address}/${inner}`)!)).toBe(true);
                expect(isWithinAny(`${address}/${inner}`, [`${address}/${outer}`])).toBe(true);
            }),
        );
    });

    it("finds halves that cover a family and never throws on junk (property)", () => {
        expect(familiesCoveredByUnion(["0.0.0.0/1", "128.0.0.0/1", "::/1"])).toEqual([4]);
        expect(familiesCoveredByUnion(["0.0.0.0/1", "128.0.0.0/2"])).toEqual([]);
        fc.assert(fc.property(fc.array(fc.anything()), (junk) => Array.isArray(familiesCoveredByUnion(junk))));
    });
});

describe("lib/iam-document", () => {
    it("reads string and object documents with one statement or many", () => {
        const one = { Statement: { Effect: "Allow", Action: "*", Resource: "*" } };
        const parsed = parsePolicyDocument(JSON.stringify(one));
        expect(parsed.ok && adminGrants(parsed.statements)).toEqual(['Statement[0] allows Action "*" on Resource "*"']);
        expect(parsePolicyDocument("{not json")).toEqual({ ok: false, reason: "is not valid JSON" });
        expect(isAllActions("*:*")).toBe(true);
        expect(isAllActions("iam:*")).toBe(false);
        expect(isAllResources("arn:aws:*:*:*:*")).toBe(true);
        expect(isAllResources("arn:aws:s3:::bucket/*")).toBe(false);
    });
});

describe("AWS policies on malformed input", () => {
    it("never throw on random inputs of their types (property)", async () => {
        const cases = awsPolicies.flatMap((policy) => resourceTypesOf(policy).map((type) => ({ policy, type })));
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...cases), fc.dictionary(fc.string(), fc.anything()), async ({ policy, type }, junk) => {
                const outcome = await runResourcePolicy(policy as never, { type, props: junk });
                expect(Array.isArray(outcome.violations)).toBe(true);
            }),
            { numRuns: 300 },
        );
    });
});
