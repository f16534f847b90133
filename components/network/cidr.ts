/**
 * IPv4 CIDR arithmetic for the network layout. Pure functions over numbers: no invokes, no
 * provider calls, so the subnet plan is known at preview and property-tested.
 */

/** An IPv4 block: `base` is the network address as an unsigned 32-bit integer. */
export interface Ipv4Block {
    base: number;
    prefix: number;
}

const ipv4Cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; undefined for anything else (octets > 255, prefix > 32, IPv6). */
export function parseCidr(cidr: string): Ipv4Block | undefined {
    const match = ipv4Cidr.exec(cidr);
    if (!match) {
        return undefined;
    }
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((octet) => octet > 255) || prefix > 32) {
        return undefined;
    }
    const base = octets.reduce((address, octet) => address * 256 + octet, 0);
    return { base, prefix };
}

/** Number of addresses in a block of the given prefix length. */
export function blockSize(prefix: number): number {
    return 2 ** (32 - prefix);
}

/** True when the address has no bits set below the prefix (`10.0.0.0/16`, not `10.0.1.0/16`). */
export function isAligned(block: Ipv4Block): boolean {
    return block.base % blockSize(block.prefix) === 0;
}

export function formatCidr(block: Ipv4Block): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.base / 2 ** shift) % 256);
    return `${octets.join(".")}/${block.prefix}`;
}

/**
 * The `index`-th sub-block with `newBits` more prefix bits, like Terraform's `cidrsubnet`.
 * Throws when the sub-block does not exist (programming error, not user input).
 */
export function subnetBlock(parent: Ipv4Block, newBits: number, index: number): Ipv4Block {
    const prefix = parent.prefix + newBits;
    if (prefix > 32 || index < 0 || index >= 2 ** newBits) {
        throw new RangeError(`no sub-block ${index} of /${parent.prefix} with ${newBits} new bits`);
    }
    return { base: parent.base + index * blockSize(prefix), prefix };
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
    return (
        inner.prefix >= outer.prefix &&
        inner.base >= outer.base &&
        inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix)
    );
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
    return a.base < b.base + blockSize(b.prefix) && b.base < a.base + blockSize(a.prefix);
}

/** Bits needed to number `count` items (ceil(log2(count)), 0 for a single item). */
export function bitsFor(count: number): number {
    return Math.ceil(Math.log2(Math.max(count, 1)));
}

/** Smallest subnet AWS allows. */
export const SMALLEST_SUBNET_PREFIX = 28;

/** The subnet CIDRs of a VPC, one private and one public per zone, in zone order. */
export interface SubnetPlan {
    private: string[];
    public: string[];
}

/**
 * Lays out one private and one public subnet per zone inside the VPC block.
 *
 * The VPC splits into `2^k` equal blocks with `k = ceil(log2(zones + 1))`: the first `zones`
 * blocks are the private subnets (large: pods take VPC addresses with the VPC CNI), and the
 * last block is split again into one small public subnet per zone. The public range is reserved
 * even when egress is `none`, so turning NAT on later never renumbers a private subnet.
 *
 * Returns undefined when the VPC is too small for a /28 public subnet per zone.
 */
export function planSubnets(vpcCidr: string, zones: number): SubnetPlan | undefined {
    const vpc = parseCidr(vpcCidr);
    if (!vpc || zones < 1) {
        return undefined;
    }
    const privateBits = bitsFor(zones + 1);
    const publicBits = bitsFor(zones);
    if (vpc.prefix + privateBits + publicBits > SMALLEST_SUBNET_PREFIX) {
        return undefined;
    }
    const publicParent = subnetBlock(vpc, privateBits, 2 ** privateBits - 1);
    const indices = Array.from({ length: zones }, (_, index) => index);
    return {
        private: indices.map((index) => formatCidr(subnetBlock(vpc, privateBits, index))),
        public: indices.map((index) => formatCidr(subnetBlock(publicParent, publicBits, index))),
    };
}
