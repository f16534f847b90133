/**
 * CIDR parsing and containment for the network policies (NET-1, NET-4). Pure functions over
 * strings; anything that is not a valid IPv4 or IPv6 CIDR parses to undefined.
 */

/** A parsed CIDR block: address family, network address as a big integer, prefix length. */
export interface Cidr {
    version: 4 | 6;
    /** The address with host bits kept as written (containment masks them). */
    address: bigint;
    prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
    const parts = text.split(".");
    if (parts.length !== 4) {
        return undefined;
    }
    let value = 0n;
    for (const part of parts) {
        if (!/^\d{1,3}$/.test(part) || Number(part) > 255) {
            return undefined;
        }
        value = (value << 8n) | BigInt(Number(part));
    }
    return value;
}

function parseGroups(text: string): number[] | undefined {
    if (text === "") {
        return [];
    }
    const groups: number[] = [];
    for (const group of text.split(":")) {
        if (!/^[0-9a-f]{1,4}$/i.test(group)) {
            return undefined;
        }
        groups.push(parseInt(group, 16));
    }
    return groups;
}

function parseIpv6(text: string): bigint | undefined {
    let body = text;
    // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
    const tail = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
    let tailGroups: number[] = [];
    if (tail) {
        const ipv4 = parseIpv4(tail[2]);
        if (ipv4 === undefined) {
            return undefined;
        }
        tailGroups = [Number(ipv4 >> 16n), Number(ipv4 & 0xffffn)];
        body = tail[1].endsWith("::") ? tail[1] : tail[1].slice(0, -1);
    }
    const halves = body.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const head = parseGroups(halves[0]);
    const rest = halves.length === 2 ? parseGroups(halves[1]) : [];
    if (head === undefined || rest === undefined) {
        return undefined;
    }
    const known = head.length + rest.length + tailGroups.length;
    if (halves.length === 1 ? known !== 8 : known > 7) {
        return undefined;
    }
    const groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tailGroups];
    return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/** Parses "a.b.c.d/n" or an IPv6 "x::y/n"; undefined for anything else (including non-strings). */
export function parseCidr(text: unknown): Cidr | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
    if (!match) {
        return undefined;
    }
    const prefix = Number(match[2]);
    if (match[1].includes(":")) {
        const address = parseIpv6(match[1]);
        return address !== undefined && prefix <= 128 ? { version: 6, address, prefix } : undefined;
    }
    const address = parseIpv4(match[1]);
    return address !== undefined && prefix <= 32 ? { version: 4, address, prefix } : undefined;
}

function bitsOf(version: 4 | 6): number {
    return version === 4 ? 32 : 128;
}

function networkOf(cidr: Cidr, prefix: number): bigint {
    const bits = BigInt(bitsOf(cidr.version));
    const hostBits = bits - BigInt(prefix);
    return (cidr.address >> hostBits) << hostBits;
}

/**
 * True when the block is the whole address space of its family: any prefix length 0
 * ("0.0.0.0/0", "::/0", and equivalents such as "0::0/0" or a non-zero address with /0).
 */
export function isAnywhere(text: unknown): boolean {
    return parseCidr(text)?.prefix === 0;
}

/** True when `inner` lies entirely within `outer` (same family, shorter or equal prefix). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
    return (
        outer.version === inner.version && outer.prefix <= inner.prefix && networkOf(outer, outer.prefix) === networkOf(inner, outer.prefix)
    );
}

/** True when the CIDR text parses and lies within one of the listed CIDRs. */
export function isWithinAny(text: unknown, allowed: readonly unknown[]): boolean {
    const inner = parseCidr(text);
    if (inner === undefined) {
        return false;
    }
    return allowed.some((candidate) => {
        const outer = parseCidr(candidate);
        return outer !== undefined && cidrContains(outer, inner);
    });
}

/**
 * The families (4, 6) whose whole address space the listed blocks cover together, for example
 * ["0.0.0.0/1", "128.0.0.0/1"]: a rule split into halves is still open to anywhere.
 */
export function familiesCoveredByUnion(texts: readonly unknown[]): (4 | 6)[] {
    const covered: (4 | 6)[] = [];
    for (const version of [4, 6] as const) {
        const ranges = texts
            .map(parseCidr)
            .filter((cidr): cidr is Cidr => cidr !== undefined && cidr.version === version)
            .map((cidr) => {
                const start = networkOf(cidr, cidr.prefix);
                return [start, start + (1n << BigInt(bitsOf(version) - cidr.prefix))] as const;
            })
            .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        let reached = 0n;
        for (const [start, end] of ranges) {
            if (start > reached) {
                break;
            }
            reached = end > reached ? end : reached;
        }
        if (ranges.length > 0 && reached >= 1n << BigInt(bitsOf(version))) {
            covered.push(version);
        }
    }
    return covered;
}
