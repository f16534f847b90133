import { StackValidationPolicy } from "@pulumi/policy";
import { beforeEach, describe, expect, it } from "vitest";
import { resetPackSettings } from "../../../policypacks/baseline/lib/policy";
import {
    ec2VpcFlowLogs,
    eksClusterLogGroup,
    eksVpcCniNetworkPolicy,
    productionResourcesProtected,
} from "../../../policypacks/baseline/policies/stack";
import { UNKNOWN, runStackPolicy } from "../../helpers/run-policy";
import { changed, compliantPlan, types, urn, without } from "./fixtures";

const cni = eksVpcCniNetworkPolicy as StackValidationPolicy;
const logGroup = eksClusterLogGroup as StackValidationPolicy;
const flowLogs = ec2VpcFlowLogs as StackValidationPolicy;
const protection = productionResourcesProtected as StackValidationPolicy;

beforeEach(() => resetPackSettings());

describe("eks-vpc-cni-network-policy (NET-6)", () => {
    const untrusted =
        'the plan declares 1 NetworkPolicy resource(s) but no aws:eks/addon:Addon "vpc-cni" with enableNetworkPolicy "true", so they may not be enforced; add the vpc-cni add-on with configurationValues JSON.stringify({ enableNetworkPolicy: "true" }). [NET-6]';
    const withValues = (configurationValues: unknown) =>
        changed(compliantPlan(), "vpc-cni", (addon) => ({ ...addon, props: { ...addon.props, configurationValues } }));

    it("passes NetworkPolicies with the vpc-cni add-on enforcing them", async () => {
        expect(await runStackPolicy(cni, compliantPlan())).toEqual({ violations: [], violationUrns: [] });
    });

    it("accepts the flag in YAML configurationValues", async () => {
        expect(
            (await runStackPolicy(cni, withValues('env:\n  ENABLE_PREFIX_DELEGATION: "true"\nenableNetworkPolicy: "true"\n'))).violations,
        ).toEqual([]);
    });

    it("reports NetworkPolicies without any vpc-cni add-on, once for the plan", async () => {
        expect(await runStackPolicy(cni, without(compliantPlan(), "vpc-cni"))).toEqual({
            violations: [untrusted],
            violationUrns: [undefined],
        });
    });

    it("distrusts NetworkPolicies when the vpc-cni add-on leaves network policy off", async () => {
        for (const values of [
            undefined,
            '{"enableNetworkPolicy":"false"}',
            "{not json",
            "enableNetworkPolicy: false",
            '{"env":{"enableNetworkPolicy":"true"}}',
        ]) {
            expect((await runStackPolicy(cni, withValues(values))).violations, String(values)).toEqual([untrusted]);
        }
    });

    const autoModePlan = (enabled: unknown, controller: unknown) => {
        const plan = without(compliantPlan(), "vpc-cni");
        plan.push({ type: "aws:eks/cluster:Cluster", name: "auto", props: { name: "auto", computeConfig: { enabled, nodePools: [] } } });
        plan.push({
            type: "kubernetes:core/v1:ConfigMap",
            name: "amazon-vpc-cni",
            props: {
                metadata: { name: "amazon-vpc-cni", namespace: "kube-system" },
                data: { "enable-network-policy-controller": controller },
            },
        });
        return plan;
    };

    it("trusts NetworkPolicies on an Auto Mode cluster whose network policy controller is on", async () => {
        expect((await runStackPolicy(cni, autoModePlan(true, "true"))).violations).toEqual([]);
    });

    it("distrusts the Auto Mode ConfigMap when the controller is off or the cluster is not in Auto Mode", async () => {
        expect((await runStackPolicy(cni, autoModePlan(true, "false"))).violations).toEqual([untrusted]);
        expect((await runStackPolicy(cni, autoModePlan(false, "true"))).violations).toEqual([untrusted]);
    });

    it("ignores other add-ons and a plan without NetworkPolicies", async () => {
        const plan = without(compliantPlan(), "apps-default-deny", "vpc-cni");
        plan.push({ type: types.addon, name: "coredns", props: { addonName: "coredns", clusterName: "prod" } });
        expect((await runStackPolicy(cni, plan)).violations).toEqual([]);
    });
});

describe("eks-cluster-log-group (LOG-2)", () => {
    const clusterUrn = urn(types.cluster, "cluster");
    const logsUrn = urn(types.logGroup, "cluster-logs");

    it("passes a cluster that depends on its encrypted log group with retention", async () => {
        expect(await runStackPolicy(logGroup, compliantPlan())).toEqual({ violations: [], violationUrns: [] });
    });

    it("reports a cluster without its log group in the plan", async () => {
        const plan = changed(without(compliantPlan(), "cluster-logs"), "cluster", (cluster) => ({ ...cluster, dependencies: [] }));
        expect(await runStackPolicy(logGroup, plan)).toEqual({
            violations: [
                'EKS cluster aws:eks/cluster:Cluster "cluster": no aws:cloudwatch/logGroup:LogGroup named "/aws/eks/prod/cluster" in the plan, so EKS creates it unencrypted and without retention; declare it with retentionInDays and kmsKeyId and add it to the cluster\'s dependsOn. [LOG-2]',
            ],
            violationUrns: [clusterUrn],
        });
    });

    it("does not take a log group of another cluster", async () => {
        const plan = changed(compliantPlan(), "cluster", (cluster) => ({ ...cluster, props: { name: "staging" } }));
        expect((await runStackPolicy(logGroup, plan)).violations).toEqual([
            'EKS cluster aws:eks/cluster:Cluster "cluster": no aws:cloudwatch/logGroup:LogGroup named "/aws/eks/staging/cluster" in the plan, so EKS creates it unencrypted and without retention; declare it with retentionInDays and kmsKeyId and add it to the cluster\'s dependsOn. [LOG-2]',
        ]);
    });

    it("reports a cluster that does not depend on its log group", async () => {
        const plan = changed(compliantPlan(), "cluster", (cluster) => ({ ...cluster, dependencies: [] }));
        expect(await runStackPolicy(logGroup, plan)).toEqual({
            violations: [
                'EKS cluster aws:eks/cluster:Cluster "cluster": does not depend on its log group aws:cloudwatch/logGroup:LogGroup "cluster-logs", so EKS may create the group first; add the log group to the cluster\'s dependsOn. [LOG-2]',
            ],
            violationUrns: [clusterUrn],
        });
    });

    it("accepts the dependency as a per-property dependency", async () => {
        const plan = changed(compliantPlan(), "cluster", (cluster) => ({
            ...cluster,
            dependencies: [],
            propertyDependencies: { enabledClusterLogTypes: [logsUrn] },
        }));
        expect((await runStackPolicy(logGroup, plan)).violations).toEqual([]);
    });

    it("finds a log group whose name is unknown during preview through the cluster's dependency", async () => {
        const plan = changed(compliantPlan(), "cluster-logs", (group) => ({ ...group, props: { ...group.props, name: UNKNOWN } }));
        expect(await runStackPolicy(logGroup, plan)).toEqual({ violations: [], violationUrns: [] });
    });
});

describe("ec2-vpc-flow-logs (NET-5)", () => {
    const vpcUrn = urn(types.vpc, "vpc");
    const noFlowLog =
        'VPC aws:ec2/vpc:Vpc "vpc": no aws:ec2/flowLog:FlowLog references it (vpcId), so its traffic is not recorded; add a FlowLog with vpcId set to this VPC\'s id. [NET-5]';

    it("passes a VPC whose flow log references its id", async () => {
        expect(await runStackPolicy(flowLogs, compliantPlan())).toEqual({ violations: [], violationUrns: [] });
    });

    it("reports a VPC without a flow log", async () => {
        expect(await runStackPolicy(flowLogs, without(compliantPlan(), "vpc-flow-log"))).toEqual({
            violations: [noFlowLog],
            violationUrns: [vpcUrn],
        });
    });

    it("does not count a flow log of another VPC, even if it depends on this one", async () => {
        const plan = changed(compliantPlan(), "vpc-flow-log", (flowLog) => ({
            ...flowLog,
            props: { ...flowLog.props, vpcId: "vpc-other" },
        }));
        expect((await runStackPolicy(flowLogs, plan)).violations).toEqual([noFlowLog]);
    });

    it("does not count a subnet flow log", async () => {
        const plan = changed(compliantPlan(), "vpc-flow-log", (flowLog) => ({
            ...flowLog,
            props: { subnetId: "subnet-1", trafficType: "ALL", logDestination: flowLog.props.logDestination },
        }));
        expect((await runStackPolicy(flowLogs, plan)).violations).toEqual([noFlowLog]);
    });

    it("matches a flow log through its vpcId's property dependency when the VPC's outputs carry no id, as the engine sends them", async () => {
        const withoutId = changed(compliantPlan(), "vpc", (vpc) => ({ ...vpc, props: { ...vpc.props, id: undefined } }));
        const plan = changed(withoutId, "vpc-flow-log", (flowLog) => ({ ...flowLog, propertyDependencies: { vpcId: [vpcUrn] } }));
        expect(await runStackPolicy(flowLogs, plan)).toEqual({ violations: [], violationUrns: [] });
        expect((await runStackPolicy(flowLogs, withoutId)).violations).toEqual([noFlowLog]);
    });

    it("matches a flow log whose vpcId is unknown during preview through its dependency on the VPC", async () => {
        const plan = changed(compliantPlan(), "vpc-flow-log", (flowLog) => ({ ...flowLog, props: { ...flowLog.props, vpcId: UNKNOWN } }));
        const unknownVpc = changed(plan, "vpc", (vpc) => ({ ...vpc, props: { ...vpc.props, id: UNKNOWN } }));
        expect(await runStackPolicy(flowLogs, unknownVpc)).toEqual({ violations: [], violationUrns: [] });
    });
});

describe("production-resources-protected (SEC-7)", () => {
    const production = { production: true };

    it("passes protected keys, log groups and buckets in production", async () => {
        expect(await runStackPolicy(protection, compliantPlan(), production)).toEqual({ violations: [], violationUrns: [] });
    });

    it("reports an unprotected key and an unprotected bucketV2 in production", async () => {
        const plan = changed(compliantPlan(), "cluster-key", (key) => ({ ...key, protect: false }));
        plan.push({ type: types.bucketV2, name: "old-archive", props: { bucket: "prod-old-archive" } });
        expect(await runStackPolicy(protection, plan, production)).toEqual({
            violations: [
                'aws:kms/key:Key "cluster-key": protect is not set in a production stack, so a destroy or replacement deletes it; add { protect: true } to its resource options. [SEC-7]',
                'aws:s3/bucketV2:BucketV2 "old-archive": protect is not set in a production stack, so a destroy or replacement deletes it; add { protect: true } to its resource options. [SEC-7]',
            ],
            violationUrns: [urn(types.key, "cluster-key"), urn(types.bucketV2, "old-archive")],
        });
    });

    it("reports an unprotected log group in production", async () => {
        const plan = changed(compliantPlan(), "cluster-logs", (group) => ({ ...group, protect: false }));
        expect((await runStackPolicy(protection, plan, production)).violations).toEqual([
            'aws:cloudwatch/logGroup:LogGroup "cluster-logs": protect is not set in a production stack, so a destroy or replacement deletes it; add { protect: true } to its resource options. [SEC-7]',
        ]);
    });

    it("requires nothing outside production (the default)", async () => {
        const plan = compliantPlan().map((resource) => ({ ...resource, protect: false }));
        expect((await runStackPolicy(protection, plan)).violations).toEqual([]);
    });
});
