import { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { PlanIndex, addTo, dependencyUrns, describe, knownString, peek } from "./plan";

const vpcType = "aws:ec2/vpc:Vpc";
const flowLogType = "aws:ec2/flowLog:FlowLog";

/**
 * The resources the flow log's vpcId comes from. Per-property edges are exact; when the engine
 * sends none and the id is unknown (preview), every dependency of the flow log stands in.
 */
function vpcIdSources(flowLog: PolicyResource, vpcIdKnown: boolean): Set<string> {
    const perProperty = peek(() => flowLog.propertyDependencies?.vpcId);
    if (Array.isArray(perProperty) && perProperty.length > 0) {
        return new Set(perProperty.flatMap((dependency) => (typeof dependency?.urn === "string" ? [dependency.urn] : [])));
    }
    return vpcIdKnown ? new Set() : dependencyUrns(flowLog);
}

/**
 * NET-5: VPC flow logs are the network audit trail; without them an incident cannot be traced
 * across pods, nodes and endpoints.
 */
export const ec2VpcFlowLogs = stackPolicy({
    name: "ec2-vpc-flow-logs",
    description:
        "Every VPC has a flow log (aws.ec2.FlowLog with its vpcId); its traffic type and log group are judged by flow-log-all-traffic and cloudwatch-log-group-encrypted-retention. CIS AWS Foundations Benchmark 3.7 (VPC flow logging); NSA/CISA Kubernetes Hardening Guide: Logging.",
    severity: "medium",
    controls: ["NET-5"],
    remediationSteps:
        "Declare an aws.ec2.FlowLog with vpcId set to the VPC's id, trafficType ALL, writing to a CloudWatch log group with kmsKeyId and retentionInDays (the baseline's network component does).",
    example: [
        'new aws.ec2.FlowLog("vpc-flow-logs", {',
        "    vpcId: vpc.id,",
        '    trafficType: "ALL",',
        "    logDestination: flowLogGroup.arn,",
        "    iamRoleArn: flowLogRole.arn,",
        "});",
    ].join("\n"),
    validate: (resources, report) => {
        const plan = new PlanIndex(resources);
        const vpcs = plan.ofType(vpcType);
        if (vpcs.length === 0) {
            return;
        }
        // A flow log finds its VPC by the id value, or by the edges of its vpcId: the engine sends
        // a VPC's outputs without its id, and during preview the flow log's vpcId may be unknown.
        // Subnet and interface flow logs have no vpcId and never count.
        const flowLogsByVpc = new Map<string, PolicyResource[]>();
        for (const flowLog of plan.ofType(flowLogType)) {
            const vpcId = peek(() => flowLog.props?.vpcId);
            if (vpcId === undefined || vpcId === null) {
                continue;
            }
            if (typeof vpcId === "string") {
                addTo(flowLogsByVpc, `id:${vpcId}`, flowLog);
            }
            for (const urn of vpcIdSources(flowLog, typeof vpcId === "string")) {
                addTo(flowLogsByVpc, `urn:${urn}`, flowLog);
            }
        }
        for (const vpc of vpcs) {
            const vpcId = knownString(() => vpc.props?.id);
            const hasFlowLog = (vpcId !== undefined && flowLogsByVpc.has(`id:${vpcId}`)) || flowLogsByVpc.has(`urn:${vpc.urn}`);
            if (!hasFlowLog) {
                report(
                    `VPC ${describe(vpc)}: no ${flowLogType} references it (vpcId), so its traffic is not recorded; add a FlowLog with vpcId set to this VPC's id.`,
                    vpc.urn,
                );
            }
        }
    },
});
