import { describe, expect, it } from "vitest";
import { NetworkArgs, validateNetworkArgs } from "../../../components/network/args";

const valid: NetworkArgs = {
    cidrBlock: "10.0.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    region: "eu-west-1",
    accountId: "111122223333",
    clusterName: "prod",
    logKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
};

describe("validateNetworkArgs", () => {
    it("accepts the documented production shape", () => {
        expect(validateNetworkArgs(valid)).toEqual([]);
        expect(validateNetworkArgs({ ...valid, egress: "nat", natGateways: "single", flowLogRetentionDays: 90 })).toEqual([]);
    });

    it("refuses a single availability zone", () => {
        expect(validateNetworkArgs({ ...valid, availabilityZones: ["eu-west-1a"] })).toEqual([
            "NetworkArgs.availabilityZones has 1 zone; give at least 2 (3 for production) so nodes and endpoints survive the loss of a zone.",
        ]);
    });

    it("refuses a zone listed twice", () => {
        expect(validateNetworkArgs({ ...valid, availabilityZones: ["eu-west-1a", "eu-west-1a"] })).toEqual([
            "NetworkArgs.availabilityZones lists eu-west-1a more than once; list each zone once.",
        ]);
    });

    it("refuses zones of another region", () => {
        expect(validateNetworkArgs({ ...valid, availabilityZones: ["eu-west-1a", "us-east-1b"] })).toEqual([
            "NetworkArgs.availabilityZones us-east-1b is not in region eu-west-1; give zone names such as eu-west-1a.",
        ]);
    });

    it("refuses a CIDR that is not IPv4", () => {
        expect(validateNetworkArgs({ ...valid, cidrBlock: "10.0.0/16" })).toEqual([
            'NetworkArgs.cidrBlock "10.0.0/16" is not an IPv4 CIDR; give a block such as 10.0.0.0/16.',
        ]);
    });

    it("refuses a VPC prefix outside /16 to /24", () => {
        expect(validateNetworkArgs({ ...valid, cidrBlock: "10.0.0.0/8" })).toEqual([
            'NetworkArgs.cidrBlock "10.0.0.0/8" has prefix /8; AWS VPCs take /16 to /28 and the baseline needs room for subnets, so use /16 to /24.',
        ]);
    });

    it("refuses a CIDR with host bits set", () => {
        expect(validateNetworkArgs({ ...valid, cidrBlock: "10.0.1.0/16" })).toEqual([
            'NetworkArgs.cidrBlock "10.0.1.0/16" has host bits set; use the network address of the block.',
        ]);
    });

    it("refuses a VPC too small for its zones", () => {
        expect(
            validateNetworkArgs({
                ...valid,
                cidrBlock: "10.0.0.0/24",
                availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"],
            }),
        ).toEqual([
            'NetworkArgs.cidrBlock "10.0.0.0/24" is too small for 4 zones with a /28 public subnet each; use a larger block or fewer zones.',
        ]);
    });

    it("refuses NAT gateways without NAT egress", () => {
        expect(validateNetworkArgs({ ...valid, natGateways: "single" })).toEqual([
            'NetworkArgs.natGateways is "single" but egress is "none"; NAT gateways exist only with egress "nat", so drop natGateways or set egress to "nat".',
        ]);
    });

    it("refuses a retention CloudWatch Logs does not accept", () => {
        expect(validateNetworkArgs({ ...valid, flowLogRetentionDays: 10 })).toEqual([
            "NetworkArgs.flowLogRetentionDays 10 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (NET-5).",
        ]);
    });

    it("refuses a malformed region, account id and cluster name", () => {
        expect(
            validateNetworkArgs({ ...valid, region: "Europe", availabilityZones: ["a", "b"], accountId: "1234", clusterName: "-bad" }),
        ).toEqual([
            'NetworkArgs.region "Europe" is not an AWS region name; give one such as eu-west-1.',
            'NetworkArgs.accountId "1234" is not a 12-digit AWS account id.',
            `NetworkArgs.clusterName "-bad" is not a valid EKS cluster name; use 1-100 letters, digits, '-' or '_', starting with a letter or digit.`,
        ]);
    });
});
