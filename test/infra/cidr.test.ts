import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockSize, contains, formatIpv4, isAligned, overlaps, parseCidr, subnetLayout } from "../../infra/config/cidr";

const octet = fc.integer({ min: 0, max: 255 });
const ipv4Text = fc
    .tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 }))
    .map(([a, b, c, d, prefix]) => `${a}.${b}.${c}.${d}/${prefix}`);
/** An aligned IPv4 block as text. */
const alignedIpv4 = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })).map(([address, prefix]) => {
    const size = 2 ** (32 - prefix);
    return formatIpv4({ version: 4, base: BigInt(address - (address % size)), prefix });
});

describe("parseCidr", () => {
    it("parses IPv4 and IPv6 blocks", () => {
        expect(parseCidr("10.0.0.0/16")).toEqual({ version: 4, base: 10n << 24n, prefix: 16 });
        expect(parseCidr("::/0")).toEqual({ version: 6, base: 0n, prefix: 0 });
        expect(parseCidr("2001:db8::/32")).toEqual({ version: 6, base: 0x20010db8n << 96n, prefix: 32 });
    });

    it.each(["10.0.0.0", "10.0.0.256/16", "10.0.0.0/33", "10.0.0/16", "01.0.0.0/8", "2001:db8::1::/64", "2001:db8::/129", "vpn", ""])(
        "rejects %j",
        (text) => {
            expect(parseCidr(text)).toBeUndefined();
        },
    );

    it("round-trips every aligned IPv4 block", () => {
        fc.assert(fc.property(alignedIpv4, (text) => formatIpv4(parseCidr(text)!) === text));
    });

    it("parses every well-formed IPv4 text to a block of its prefix", () => {
        fc.assert(fc.property(ipv4Text, (text) => parseCidr(text)?.prefix === Number(text.split("/")[1])));
    });
});

describe("overlaps and contains", () => {
    it("is symmetric, and containment implies overlap", () => {
        fc.assert(
            fc.property(alignedIpv4, alignedIpv4, (a, b) => {
                const x = parseCidr(a)!;
                const y = parseCidr(b)!;
                return overlaps(x, y) === overlaps(y, x) && (!contains(x, y) || overlaps(x, y));
            }),
        );
    });

    it("finds that two aligned blocks either nest or are disjoint", () => {
        fc.assert(
            fc.property(alignedIpv4, alignedIpv4, (a, b) => {
                const x = parseCidr(a)!;
                const y = parseCidr(b)!;
                return overlaps(x, y) === (contains(x, y) || contains(y, x));
            }),
        );
    });

    it("never matches blocks of different IP versions", () => {
        expect(overlaps(parseCidr("0.0.0.0/0")!, parseCidr("::/0")!)).toBe(false);
    });
});

describe("subnetLayout", () => {
    const vpc = fc
        .tuple(fc.constantFrom("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"), fc.integer({ min: 16, max: 20 }), fc.nat())
        .map(([range, prefix, pick]) => {
            const parent = parseCidr(range)!;
            const count = 2 ** Math.max(prefix - parent.prefix, 0);
            const size = blockSize({ version: 4, prefix });
            return formatIpv4({ version: 4, base: parent.base + BigInt(pick % count) * size, prefix });
        });

    it("lays out one private and one public subnet per zone, aligned, inside the VPC, pairwise disjoint", () => {
        fc.assert(
            fc.property(vpc, fc.integer({ min: 2, max: 6 }), (cidr, zones) => {
                const layout = subnetLayout(cidr, zones);
                if (!layout || layout.private.length !== zones || layout.public.length !== zones) {
                    return false;
                }
                const blocks = [...layout.private, ...layout.public].map((text) => parseCidr(text)!);
                const outer = parseCidr(cidr)!;
                return (
                    blocks.every((block) => isAligned(block) && contains(outer, block) && block.prefix <= 28) &&
                    blocks.every((block, i) => blocks.every((other, j) => i === j || !overlaps(block, other)))
                );
            }),
        );
    });

    it("gives private subnets more room than public ones", () => {
        expect(subnetLayout("10.0.0.0/16", 3)).toEqual({
            private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
            public: ["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"],
        });
    });

    it("refuses blocks too small, unaligned or not IPv4", () => {
        expect(subnetLayout("10.0.0.0/26", 3)).toBeUndefined();
        expect(subnetLayout("10.0.1.0/16", 3)).toBeUndefined();
        expect(subnetLayout("2001:db8::/56", 3)).toBeUndefined();
    });
});
