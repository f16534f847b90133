import { formatIpv4, isAligned, isPrivateIpv4, parseCidr } from "../cidr";
import { Rule, rawAt } from "./context";

/** Smallest and largest VPC the layout supports: pods take VPC addresses, so /20 is the floor. */
const largestPrefix = 16;
const smallestPrefix = 20;

function cidrProblems(cidr: string): string[] {
    const block = parseCidr(cidr);
    if (!block || block.version !== 4) {
        return []; // reported by the schema
    }
    const problems: string[] = [];
    if (block.prefix < largestPrefix || block.prefix > smallestPrefix) {
        problems.push(
            `baseline:network.cidr ${cidr} is a /${block.prefix}; use a /${largestPrefix} to /${smallestPrefix} block (every pod takes a VPC address with the VPC CNI).`,
        );
    }
    if (!isAligned(block)) {
        const size = 1n << BigInt(32 - block.prefix);
        problems.push(
            `baseline:network.cidr ${cidr} is not a network address; write ${formatIpv4({ ...block, base: block.base - (block.base % size) })}.`,
        );
    }
    if (!isPrivateIpv4(block)) {
        problems.push(
            `baseline:network.cidr ${cidr} is not a private range; use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10.`,
        );
    }
    return problems;
}

/** The effective zone list: explicit names, or `<region>a`, `<region>b`, ... */
export function zonesFor(region: string, azCount: number, explicit?: string[]): string[] {
    return explicit ?? Array.from({ length: azCount }, (_, index) => `${region}${String.fromCharCode(97 + index)}`);
}

/**
 * VPC block, zones and NAT. The subnets derived from the block never overlap by construction
 * (subnetLayout, property-tested in test/infra/cidr.test.ts).
 */
export const networkRule: Rule = ({ parsed, raw, region, environment }) => {
    const network = parsed.network;
    if (!network) {
        // Another field failed the schema (azCount: 1); still report the block's own problems in this run.
        const cidr = rawAt(raw, "network", "cidr");
        return typeof cidr === "string" ? cidrProblems(cidr) : [];
    }
    const problems = cidrProblems(network.cidr);
    const explicit = network.availabilityZones;
    let zoneCount = network.azCount;
    if (explicit) {
        zoneCount = explicit.length;
        const azCount = rawAt(raw, "network", "azCount");
        if (azCount !== undefined && azCount !== explicit.length) {
            problems.push(
                `baseline:network.azCount is ${String(azCount)} but baseline:network.availabilityZones lists ${explicit.length}; remove azCount or make them agree.`,
            );
        }
        if (explicit.length < 2 || explicit.length > 6) {
            problems.push(`baseline:network.availabilityZones lists ${explicit.length} zone(s); list 2 to 6.`);
        }
        explicit.forEach((zone, index) => {
            if (region !== undefined && !new RegExp(`^${region}[a-z]$`).test(zone)) {
                problems.push(
                    `baseline:network.availabilityZones[${index}] is "${zone}", not a zone of aws:region ${region}; list zones such as ${region}a.`,
                );
            } else if (explicit.indexOf(zone) !== index) {
                problems.push(`baseline:network.availabilityZones[${index}] repeats "${zone}"; list each zone once.`);
            }
        });
    }
    if ((environment === "prod" || environment === "staging") && zoneCount < 3) {
        const key = explicit ? "baseline:network.availabilityZones" : "baseline:network.azCount";
        problems.push(
            `${key} gives ${zoneCount} zones; ${environment} needs at least 3 so nodes and endpoints survive the loss of a zone.`,
        );
    }
    if (network.egress === "none" && network.natGateways !== undefined) {
        problems.push(
            `baseline:network.natGateways is set but baseline:network.egress is "none"; remove natGateways, or set egress to "nat".`,
        );
    }
    if (environment === "prod" && network.egress === "nat" && network.natGateways === "single") {
        problems.push(`baseline:network.natGateways is "single" for environment prod; use "perAz" so egress survives the loss of a zone.`);
    }
    return problems;
};
