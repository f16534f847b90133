import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockSize, contains, formatCidr, overlaps, parseCidr, planSubnets, subnetBlock } from "../../../components/network/cidr";

const octet = fc.integer({ min: 0, max: 255 });

/** An aligned VPC block of /16 to /24. */
const vpcCidr = fc.tuple(octet, octet, octet, octet, fc.integer({ min: 16, max: 24 })).map(([a, b, c, d, prefix]) => {
    const raw = ((a * 256 + b) * 256 + c) * 256 + d;
    const base = raw - (raw % blockSize(prefix));
    return formatCidr({ base, prefix });
});

describe("CIDR helpers", () => {
    it("parses and formats a CIDR round trip", () => {
        fc.assert(
            fc.property(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 }), (a, b, c, d, prefix) => {
                const cidr = `${a}.${b}.${c}.${d}/${prefix}`;
                expect(formatCidr(parseCidr(cidr)!)).toBe(cidr);
            }),
        );
    });

    it("rejects octets above 255, prefixes above 32 and non-IPv4 text", () => {
        expect(parseCidr("10.0.0.256/16")).toBeUndefined();
        expect(parseCidr("10.0.0.0/33")).toBeUndefined();
        expect(parseCidr("fd00::/8")).toBeUndefined();
        expect(parseCidr("10.0.0.0")).toBeUndefined();
    });

    it("numbers sub-blocks like cidrsubnet", () => {
        const vpc = parseCidr("10.0.0.0/16")!;
        expect(formatCidr(subnetBlock(vpc, 2, 3))).toBe("10.0.192.0/18");
        expect(() => subnetBlock(vpc, 2, 4)).toThrow(RangeError);
    });

    it("lays out the documented subnets of a /16 over three zones", () => {
        expect(planSubnets("10.0.0.0/16", 3)).toEqual({
            private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
            public: ["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"],
        });
    });

    it("refuses a VPC too small for a /28 public subnet per zone", () => {
        expect(planSubnets("10.0.0.0/24", 4)).toBeUndefined();
        expect(planSubnets("10.0.0.0/24", 3)).toEqual({
            private: ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26"],
            public: ["10.0.0.192/28", "10.0.0.208/28", "10.0.0.224/28"],
        });
    });

    it("places every subnet inside the VPC, without overlaps, for any VPC block and zone count", () => {
        fc.assert(
            fc.property(vpcCidr, fc.integer({ min: 2, max: 6 }), (cidr, zones) => {
                const plan = planSubnets(cidr, zones);
                const vpc = parseCidr(cidr)!;
                if (plan === undefined) {
                    // Only refused when the public subnets would be smaller than /28.
                    expect(vpc.prefix + Math.ceil(Math.log2(zones + 1)) + Math.ceil(Math.log2(zones))).toBeGreaterThan(28);
                    return;
                }
                const all = [...plan.private, ...plan.public].map((subnet) => parseCidr(subnet)!);
                expect(plan.private).toHaveLength(zones);
                expect(plan.public).toHaveLength(zones);
                for (const [index, subnet] of all.entries()) {
                    expect(contains(vpc, subnet)).toBe(true);
                    expect(subnet.prefix).toBeLessThanOrEqual(28);
                    for (const other of all.slice(index + 1)) {
                        expect(overlaps(subnet, other)).toBe(false);
                    }
                }
            }),
        );
    });

    it("keeps private subnets at least as large as public ones", () => {
        fc.assert(
            fc.property(vpcCidr, fc.integer({ min: 2, max: 6 }), (cidr, zones) => {
                const plan = planSubnets(cidr, zones);
                fc.pre(plan !== undefined);
                const privatePrefix = parseCidr(plan!.private[0]!)!.prefix;
                const publicPrefix = parseCidr(plan!.public[0]!)!.prefix;
                expect(privatePrefix).toBeLessThanOrEqual(publicPrefix);
            }),
        );
    });
});
