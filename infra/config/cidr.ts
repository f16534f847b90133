/**
 * CIDR arithmetic the config rules need: parsing (IPv4 and IPv6), containment, overlap and the
 * subnet layout the network derives from the VPC block. Pure functions, property-tested.
 */

import { SubnetPlan, planSubnets } from "../../components/network/cidr";

/** A parsed block; `base` is the network address as a bigint (32 bits for IPv4, 128 for IPv6). */
export interface CidrBlock {
    version: 4 | 6;
    base: bigint;
    prefix: number;
}

const ipv4Cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function bits(version: 4 | 6): number {
    return version === 4 ? 32 : 128;
}

/** Number of addresses in a block. */
export function blockSize(block: Pick<CidrBlock, "version" | "prefix">): bigint {
    return 1n << BigInt(bits(block.version) - block.prefix);
}

function parseIpv4(text: string): CidrBlock | undefined {
    const match = ipv4Cidr.exec(text);
    if (!match) {
        return undefined;
    }
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (
        octets.some((octet) => octet > 255) ||
        prefix > 32 ||
        match.slice(1, 5).some((octet) => octet.length > 1 && octet.startsWith("0"))
    ) {
        return undefined;
    }
    const base = octets.reduce((address, octet) => address * 256n + BigInt(octet), 0n);
    return { version: 4, base, prefix };
}

function parseIpv6Address(text: string): bigint | undefined {
    const halves = text.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const groups = (part: string) => (part === "" ? [] : part.split(":"));
    const head = groups(halves[0] ?? "");
    const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
        return undefined;
    }
    const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) {
        return undefined;
    }
    return all.reduce((address, group) => (address << 16n) + BigInt(parseInt(group, 16)), 0n);
}

function parseIpv6(text: string): CidrBlock | undefined {
    const slash = text.lastIndexOf("/");
    if (slash < 0 || !text.includes(":")) {
        return undefined;
    }
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > 128) {
        return undefined;
    }
    const base = parseIpv6Address(text.slice(0, slash));
    return base === undefined ? undefined : { version: 6, base, prefix: Number(prefixText) };
}

/** Parses `a.b.c.d/n` or an IPv6 `x::y/n`; undefined for anything else. */
export function parseCidr(text: string): CidrBlock | undefined {
    return parseIpv4(text) ?? parseIpv6(text);
}

/** True when no address bit is set below the prefix (`10.0.0.0/16`, not `10.0.1.0/16`). */
export function isAligned(block: CidrBlock): boolean {
    return block.base % blockSize(block) === 0n;
}

/** Canonical text of an IPv4 block (`10.0.0.0/16`). */
export function formatIpv4(block: CidrBlock): string {
    const octets = [24n, 16n, 8n, 0n].map((shift) => Number((block.base >> shift) & 255n));
    return `${octets.join(".")}/${block.prefix}`;
}

/** True when `inner` lies entirely inside `outer` (same IP version). */
export function contains(outer: CidrBlock, inner: CidrBlock): boolean {
    return (
        outer.version === inner.version &&
        inner.prefix >= outer.prefix &&
        inner.base >= outer.base &&
        inner.base + blockSize(inner) <= outer.base + blockSize(outer)
    );
}

/** True when the blocks share at least one address (same IP version). */
export function overlaps(a: CidrBlock, b: CidrBlock): boolean {
    return a.version === b.version && a.base < b.base + blockSize(b) && b.base < a.base + blockSize(a);
}

/** Private IPv4 ranges a VPC may use: RFC 1918 and the RFC 6598 shared space EKS also accepts. */
export const privateIpv4Ranges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

/** True when the IPv4 block lies inside one of {@link privateIpv4Ranges}. */
export function isPrivateIpv4(block: CidrBlock): boolean {
    return privateIpv4Ranges.some((range) => contains(parseCidr(range) as CidrBlock, block));
}

/** The subnets of a VPC: one private and one public per zone, in zone order. */
export type SubnetLayout = SubnetPlan;

/**
 * The layout the network component builds from the VPC block (its own `planSubnets`, so config
 * and component can never disagree), for an aligned IPv4 block and a whole number of zones.
 * Undefined otherwise, or when the block is too small for a /28 public subnet per zone.
 */
export function subnetLayout(vpcCidr: string, zones: number): SubnetLayout | undefined {
    const vpc = parseCidr(vpcCidr);
    if (!vpc || vpc.version !== 4 || !isAligned(vpc) || !Number.isInteger(zones)) {
        return undefined;
    }
    return planSubnets(vpcCidr, zones);
}
