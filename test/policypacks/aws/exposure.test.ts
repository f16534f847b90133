/**
 * NET-11 on the AWS side: load balancers the program declares are internal unless allow-listed,
 * and the aws-native / Cloud Control forms of load balancers and roles are refused.
 */
import { describe, expect, it } from "vitest";
import { awsNativeResourcesBlocked } from "../../../policypacks/baseline/policies/aws/aws-native-resources-blocked";
import { lbInternalUnlessAllowListed } from "../../../policypacks/baseline/policies/aws/lb-internal-unless-allow-listed";
import { FixtureResource } from "../../helpers/run-policy";
import { commonBehaviour, remove, violationsOf, withProp } from "./harness";

const types = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer", "aws:elb/loadBalancer:LoadBalancer"];
const internal = (type: string): FixtureResource => ({
    type,
    name: "api",
    props: { name: "api-internal", internal: true, subnets: ["subnet-0a", "subnet-0b"] },
});
const fix = (name: string) =>
    `set internal to true, or add "${name}" to allowedInternetFacingLoadBalancers if it is a reviewed public entry point. [NET-11]`;

describe("lb-internal-unless-allow-listed (NET-11)", () => {
    const policy = lbInternalUnlessAllowListed;

    it.each(types)("passes an internal %s", async (type) => {
        expect(await violationsOf(policy, internal(type))).toEqual([]);
    });

    it.each(types)("blocks an internet-facing %s, set or by the provider's default", async (type) => {
        expect(await violationsOf(policy, withProp(internal(type), ["internal"], false))).toEqual([`internal is false; ${fix("api")}`]);
        expect(await violationsOf(policy, withProp(internal(type), ["internal"], remove))).toEqual([
            `internal is unset (default: false, internet-facing); ${fix("api")}`,
        ]);
    });

    it.each(types)(
        "allows an internet-facing %s named in allowedInternetFacingLoadBalancers (resource name or name input)",
        async (type) => {
            const open = withProp(internal(type), ["internal"], false);
            expect(await violationsOf(policy, open, { allowedInternetFacingLoadBalancers: ["api"] })).toEqual([]);
            expect(await violationsOf(policy, open, { allowedInternetFacingLoadBalancers: ["api-internal"] })).toEqual([]);
            expect(await violationsOf(policy, open, { allowedInternetFacingLoadBalancers: ["web"] })).toEqual([
                `internal is false; ${fix("api")}`,
            ]);
        },
    );

    it("skips a Gateway Load Balancer, which has no scheme", async () => {
        const gateway = withProp(withProp(internal(types[0]!), ["internal"], remove), ["loadBalancerType"], "gateway");
        expect(await violationsOf(policy, gateway)).toEqual([]);
    });

    commonBehaviour({
        policy,
        suffix: "[NET-11]",
        compliant: internal(types[0]!),
        violating: withProp(internal(types[0]!), ["internal"], false),
        message: `internal is false; ${fix("x")}`,
        unknownPath: ["internal"],
    });
});

describe("aws-native-resources-blocked: load balancers and roles (NET-11, IAM-11)", () => {
    const suffix =
        "[NET-1, NET-2, NET-4, NET-5, NET-6, NET-9, IAM-1, IAM-2, IAM-4, IAM-10, SEC-1, SEC-2, SEC-3, SEC-7, LOG-1, LOG-2, NODE-2, NODE-3, NODE-4]";

    it("refuses aws-native load balancers with a pointer to the checked type", async () => {
        expect(
            await violationsOf(awsNativeResourcesBlocked, {
                type: "aws-native:elasticloadbalancingv2:LoadBalancer",
                props: { scheme: "internet-facing" },
            }),
        ).toEqual([
            `aws-native:elasticloadbalancingv2:LoadBalancer is not checked by the baseline; declare it as aws:lb/loadBalancer:LoadBalancer (@pulumi/aws) so its controls are enforced. ${suffix}`,
        ]);
        expect(await violationsOf(awsNativeResourcesBlocked, { type: "aws-native:elasticloadbalancing:LoadBalancer", props: {} })).toEqual([
            `aws-native:elasticloadbalancing:LoadBalancer is not checked by the baseline; declare it as aws:elb/loadBalancer:LoadBalancer (@pulumi/aws) so its controls are enforced. ${suffix}`,
        ]);
    });

    it("refuses Cloud Control load balancers and roles (a trust policy there would go unjudged)", async () => {
        const cloudControl = (typeName: string) => ({
            type: "aws:cloudcontrol/resource:Resource",
            props: {
                typeName,
                desiredState: JSON.stringify({ AssumeRolePolicyDocument: { Statement: [{ Effect: "Allow", Principal: "*" }] } }),
            },
        });
        expect(await violationsOf(awsNativeResourcesBlocked, cloudControl("AWS::ElasticLoadBalancingV2::LoadBalancer"))).toEqual([
            `typeName is "AWS::ElasticLoadBalancingV2::LoadBalancer", which the baseline checks only through @pulumi/aws; declare it as aws:lb/loadBalancer:LoadBalancer instead of a Cloud Control resource. ${suffix}`,
        ]);
        expect(await violationsOf(awsNativeResourcesBlocked, cloudControl("AWS::IAM::Role"))).toEqual([
            `typeName is "AWS::IAM::Role", which the baseline checks only through @pulumi/aws; declare it as aws:iam/role:Role instead of a Cloud Control resource. ${suffix}`,
        ]);
    });

    it("lists IAM-11 and NET-11 among its tags", () => {
        expect(awsNativeResourcesBlocked.tags).toEqual(expect.arrayContaining(["IAM-11", "NET-11"]));
    });
});
