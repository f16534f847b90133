/**
 * IAM documents of the access host and its stop schedule.
 */
import { KmsKeyRef, kmsKeyResource } from "../shared/arns";
import { IamPolicyDocument, IamStatement, policyDocument, serviceTrustPolicy } from "../shared/iam";

/** The host is an EC2 instance; nothing else assumes its role. */
export function accessHostTrustPolicy(): IamPolicyDocument {
    return serviceTrustPolicy("ec2.amazonaws.com");
}

/**
 * Managed policy for the SSM agent (register, control and data channels). Session logging and
 * cluster access are granted separately below, each on its one resource.
 */
export const accessHostManagedPolicy = "AmazonSSMManagedInstanceCore";

/** Resources the host's inline policy is scoped to. */
export interface AccessHostPolicyTargets {
    clusterArn: string;
    sessionLogGroupArn: string;
    /** The session key: its ARN, or its alias in scope while the key is created in the same run. */
    sessionKeyArn: KmsKeyRef;
    sessionLogsBucketArn?: string;
}

/**
 * What Session Manager logging and `aws eks update-kubeconfig` need, and nothing else (IAM-10):
 * describe the one cluster; write streams of the one session log group; use the session key;
 * optionally put objects into the session bucket. `logs:DescribeLogGroups` has no resource-level
 * form, which is why it alone takes `*`.
 */
export function accessHostInlinePolicy(targets: AccessHostPolicyTargets): IamPolicyDocument {
    const statements: IamStatement[] = [
        {
            Sid: "DescribeTheCluster",
            Effect: "Allow",
            Action: "eks:DescribeCluster",
            Resource: targets.clusterArn,
        },
        {
            Sid: "WriteSessionLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [targets.sessionLogGroupArn, `${targets.sessionLogGroupArn}:*`],
        },
        {
            Sid: "CheckLogGroupEncryption",
            Effect: "Allow",
            Action: "logs:DescribeLogGroups",
            Resource: "*",
        },
        {
            Sid: "UseSessionKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            ...kmsKeyResource(targets.sessionKeyArn),
        },
    ];
    if (targets.sessionLogsBucketArn !== undefined) {
        statements.push(
            {
                Sid: "WriteSessionObjects",
                Effect: "Allow",
                Action: "s3:PutObject",
                Resource: `${targets.sessionLogsBucketArn}/*`,
            },
            {
                Sid: "CheckBucketEncryption",
                Effect: "Allow",
                Action: "s3:GetEncryptionConfiguration",
                Resource: targets.sessionLogsBucketArn,
            },
        );
    }
    return policyDocument(...statements);
}

/** EventBridge Scheduler assumes the stop role. */
export function schedulerTrustPolicy(): IamPolicyDocument {
    return serviceTrustPolicy("scheduler.amazonaws.com");
}

/** The stop schedule may stop this one instance and do nothing else. */
export function stopInstancePolicy(instanceArn: string): IamPolicyDocument {
    return policyDocument({
        Sid: "StopTheAccessHost",
        Effect: "Allow",
        Action: "ec2:StopInstances",
        Resource: instanceArn,
    });
}

/** Scheduler universal target for `ec2:StopInstances`. */
export function stopInstancesTargetArn(partition = "aws"): string {
    return `arn:${partition}:scheduler:::aws-sdk:ec2:stopInstances`;
}
