/**
 * IAM documents for VPC flow-log delivery to CloudWatch Logs (NET-5). Pure builders; the
 * component serialises them with `toJson`.
 * See https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
import { IamPolicyDocument, policyDocument } from "../shared/iam";

/**
 * Trust policy for the delivery role: only the flow-logs service, and only for flow logs in
 * this account and region (aws:SourceAccount / aws:SourceArn guard against the confused deputy).
 */
export function flowLogsTrustPolicy(partition: string, region: string, accountId: string): IamPolicyDocument {
    return policyDocument({
        Sid: "FlowLogsDelivery",
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
        },
    });
}

/** `arn:...:log-group:*` of the account and region a log-group ARN belongs to. */
export function accountLogGroupsArn(logGroupArn: string): string {
    return logGroupArn.replace(/:log-group:.*$/, ":log-group:*");
}

/** Permissions of the delivery role: write streams and events to this one log group, nothing else. */
export function flowLogsDeliveryPolicy(logGroupArn: string): IamPolicyDocument {
    return policyDocument(
        {
            Sid: "WriteFlowLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [logGroupArn, `${logGroupArn}:*`],
        },
        {
            // DescribeLogGroups lists groups, so it scopes only to the account's log groups, not to one.
            Sid: "FindLogGroup",
            Effect: "Allow",
            Action: "logs:DescribeLogGroups",
            Resource: accountLogGroupsArn(logGroupArn),
        },
    );
}
