import { show } from "../../lib/aws-props";
import { ec2FlowLog } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NET-5: flow logs capture accepted and rejected traffic. `trafficType` is required for VPC,
 * subnet and ENI flow logs; transit-gateway flow logs have none and always capture everything.
 * Whether every VPC has a flow log, and that its log group is encrypted with retention, is
 * judged by the stack policy and cloudwatch-log-group-encrypted-retention.
 */
export const flowLogAllTraffic = resourcePolicy({
    name: "flow-log-all-traffic",
    description:
        'VPC flow logs record all traffic (trafficType "ALL"), not only accepted or rejected packets. CIS AWS Foundations Benchmark (ensure VPC flow logging is enabled in all VPCs); NSA/CISA Kubernetes Hardening Guide, Audit logging and threat detection.',
    severity: "medium",
    controls: ["NET-5"],
    remediationSteps: 'Set trafficType: "ALL" on the flow log.',
    example: 'new aws.ec2.FlowLog("vpc", { vpcId: vpc.id, trafficType: "ALL", logDestination: logGroup.arn, iamRoleArn: role.arn });',
    resourceTypes: [ec2FlowLog],
    validate: ({ props }, report) => {
        const transitGateway = "transitGatewayId" in props || "transitGatewayAttachmentId" in props;
        const traffic = props.trafficType;
        if (traffic === undefined && transitGateway) {
            return;
        }
        if (traffic !== "ALL") {
            report(`trafficType is ${show(traffic)}; set it to "ALL" so both accepted and rejected traffic are recorded.`);
        }
    },
});
