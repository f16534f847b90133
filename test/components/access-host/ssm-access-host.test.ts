import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { SsmAccessHost, SsmAccessHostArgs, portForwardCommand, validateSsmAccessHostArgs } from "../../../components/access-host";
import { capture } from "../../helpers/capture";

const clusterArn = "arn:aws:eks:eu-west-1:111122223333:cluster/dev";
const endpoint = "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com";
const ebsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/ebs";
const logsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/logs";

function baseArgs(overrides: Partial<SsmAccessHostArgs> = {}): SsmAccessHostArgs {
    return {
        enabled: true,
        cluster: {
            clusterName: pulumi.output("dev"),
            clusterArn: pulumi.output(clusterArn),
            endpoint: pulumi.output(endpoint),
        },
        vpcId: "vpc-0123",
        vpcCidr: "10.0.0.0/16",
        subnetId: "subnet-private-a",
        ebsKeyArn,
        logsKeyArn,
        sessionLogRetentionDays: 90,
        region: "eu-west-1",
        ...overrides,
    };
}

const plan = (args: SsmAccessHostArgs = baseArgs()) =>
    capture(() => {
        new SsmAccessHost("dev-access", args);
    });

const instanceType = "aws:ec2/instance:Instance";
const securityGroupType = "aws:ec2/securityGroup:SecurityGroup";

describe("SsmAccessHost", () => {
    it("gives the host no public IP and no key pair (NET-2, IAM-1)", async () => {
        const c = await plan();
        const host = c.inputsOf(instanceType);
        expect(host.associatePublicIpAddress).toBe(false);
        expect(host.keyName).toBeUndefined();
        expect(host.subnetId).toBe("subnet-private-a");
        expect(host.ami).toBe("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
    });

    it("gives the host a security group with no ingress and HTTPS egress to the VPC only (IAM-1)", async () => {
        const c = await plan();
        const securityGroup = c.one(securityGroupType);
        expect(securityGroup.inputs.ingress).toEqual([]);
        expect(securityGroup.inputs.egress).toEqual([
            {
                description: "VPC endpoints and the private EKS API",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrBlocks: ["10.0.0.0/16"],
            },
        ]);
        expect(c.inputsOf(instanceType).vpcSecurityGroupIds).toEqual([securityGroup.id]);
    });

    it("requires IMDSv2 with hop limit 1 on the host (NET-9)", async () => {
        const c = await plan();
        expect(c.inputsOf(instanceType).metadataOptions).toEqual({
            httpEndpoint: "enabled",
            httpTokens: "required",
            httpPutResponseHopLimit: 1,
            instanceMetadataTags: "disabled",
        });
    });

    it("encrypts the root volume with the EBS key (SEC-3)", async () => {
        const c = await plan();
        expect(c.inputsOf(instanceType).rootBlockDevice).toEqual({
            encrypted: true,
            kmsKeyId: ebsKeyArn,
            volumeType: "gp3",
            deleteOnTermination: true,
        });
    });

    it("protects the session log group by default and only unprotects it when asked (SEC-7)", async () => {
        const logGroupOf = async (args: SsmAccessHostArgs) => (await plan(args)).one("aws:cloudwatch/logGroup:LogGroup");
        const protectedGroup = await logGroupOf(baseArgs());
        expect([protectedGroup.protect, protectedGroup.retainOnDelete]).toEqual([true, true]);
        const devGroup = await logGroupOf(baseArgs({ protect: false }));
        expect([devGroup.protect, devGroup.retainOnDelete]).toEqual([false, false]);
    });

    it("forces encrypted session logging to a KMS-encrypted log group (IAM-2)", async () => {
        const c = await plan();
        const logGroup = c.inputsOf("aws:cloudwatch/logGroup:LogGroup");
        expect(logGroup).toMatchObject({
            name: "/baseline/ssm-sessions/dev-access",
            kmsKeyId: logsKeyArn,
            retentionInDays: 90,
        });
        const document = c.inputsOf("aws:ssm/document:Document");
        expect(document.name).toBe("SSM-SessionManagerRunShell");
        expect(document.documentType).toBe("Session");
        const content = JSON.parse(document.content);
        expect(content.schemaVersion).toBe("1.0");
        expect(content.sessionType).toBe("Standard_Stream");
        expect(content.inputs).toEqual({
            s3BucketName: "",
            s3KeyPrefix: "",
            s3EncryptionEnabled: true,
            cloudWatchLogGroupName: "/baseline/ssm-sessions/dev-access",
            cloudWatchEncryptionEnabled: true,
            cloudWatchStreamingEnabled: true,
            kmsKeyId: logsKeyArn,
            runAsEnabled: false,
            runAsDefaultUser: "",
            idleSessionTimeout: "20",
            maxSessionDuration: "60",
            shellProfile: { linux: "", windows: "" },
        });
    });

    it("knows the session preferences and the host policy at preview, naming the key by alias (IAM-2, IAM-10)", async () => {
        const c = await capture(
            () => {
                new SsmAccessHost(
                    "dev-access",
                    baseArgs({
                        cluster: {
                            clusterName: pulumi.output("dev"),
                            clusterArn: pulumi.output(clusterArn),
                            endpoint: pulumi.output(endpoint),
                        },
                        logsKeyArn: pulumi.output(logsKeyArn),
                        logsKeyAlias: "alias/dev-logs",
                        accountId: "111122223333",
                    }),
                );
            },
            { preview: true },
        );
        const content = c.one("aws:ssm/document:Document").wireInputs.content;
        expect(typeof content).toBe("string");
        expect(JSON.parse(content as string).inputs).toEqual({
            s3BucketName: "",
            s3KeyPrefix: "",
            s3EncryptionEnabled: true,
            cloudWatchLogGroupName: "/baseline/ssm-sessions/dev-access",
            cloudWatchEncryptionEnabled: true,
            cloudWatchStreamingEnabled: true,
            kmsKeyId: "alias/dev-logs",
            runAsEnabled: false,
            runAsDefaultUser: "",
            idleSessionTimeout: "20",
            maxSessionDuration: "60",
            shellProfile: { linux: "", windows: "" },
        });
        const policy = c.one("aws:iam/rolePolicy:RolePolicy", "dev-access-role-policy").wireInputs.policy;
        expect(typeof policy).toBe("string");
        const group = "arn:aws:logs:eu-west-1:111122223333:log-group:/baseline/ssm-sessions/dev-access";
        expect(JSON.parse(policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DescribeTheCluster", Effect: "Allow", Action: "eks:DescribeCluster", Resource: clusterArn },
                {
                    Sid: "WriteSessionLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [group, `${group}:*`],
                },
                { Sid: "CheckLogGroupEncryption", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
                {
                    Sid: "UseSessionKey",
                    Effect: "Allow",
                    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                    Resource: "arn:aws:kms:eu-west-1:111122223333:key/*",
                    Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/dev-logs" } },
                },
            ],
        });
        expect(c.one("aws:ssm/document:Document").dependencies).toContain(c.one("aws:cloudwatch/logGroup:LogGroup").urn);
    });

    it("keeps a session key ARN given as a string and never pairs another key's alias with it", async () => {
        const sessionKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/session";
        const c = await plan(baseArgs({ logsKeyAlias: "alias/dev-logs", accountId: "111122223333", sessionKeyArn }));
        expect(JSON.parse(c.inputsOf("aws:ssm/document:Document").content).inputs.kmsKeyId).toBe(sessionKeyArn);
        const policy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "dev-access-role-policy").policy);
        expect(policy.Statement[3]).toEqual({
            Sid: "UseSessionKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: sessionKeyArn,
        });
        // The logs key's alias does not name a session key given as an Output either.
        const outputKey = await plan(
            baseArgs({ logsKeyAlias: "alias/dev-logs", accountId: "111122223333", sessionKeyArn: pulumi.output(sessionKeyArn) }),
        );
        expect(JSON.parse(outputKey.inputsOf("aws:ssm/document:Document").content).inputs.kmsKeyId).toBe(sessionKeyArn);
        expect(JSON.parse(outputKey.inputsOf("aws:iam/rolePolicy:RolePolicy", "dev-access-role-policy").policy).Statement[3].Resource).toBe(
            sessionKeyArn,
        );
    });

    it("also logs sessions to the S3 bucket when one is given, encrypted", async () => {
        const c = await plan(baseArgs({ sessionLogsBucketName: "session-archive" }));
        const content = JSON.parse(c.inputsOf("aws:ssm/document:Document").content);
        expect(content.inputs).toMatchObject({
            s3BucketName: "session-archive",
            s3KeyPrefix: "ssm-sessions/",
            s3EncryptionEnabled: true,
        });
        const policy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "dev-access-role-policy").policy);
        expect(policy.Statement).toContainEqual({
            Sid: "WriteSessionObjects",
            Effect: "Allow",
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::session-archive/*",
        });
    });

    it("grants the host SSM core plus eks:DescribeCluster on the one cluster only", async () => {
        const c = await plan();
        expect(c.inputsOf("aws:iam/rolePolicyAttachment:RolePolicyAttachment").policyArn).toBe(
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        );
        const policy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "dev-access-role-policy").policy);
        const group = "arn:aws:logs:eu-west-1:111122223333:log-group:/baseline/ssm-sessions/dev-access";
        expect(policy).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Sid: "DescribeTheCluster", Effect: "Allow", Action: "eks:DescribeCluster", Resource: clusterArn },
                {
                    Sid: "WriteSessionLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [group, `${group}:*`],
                },
                { Sid: "CheckLogGroupEncryption", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
                { Sid: "UseSessionKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: logsKeyArn },
            ],
        });
    });

    it("outputs the exact port-forwarding command to the private API endpoint", async () => {
        const c = await capture(() => {
            const host = new SsmAccessHost("dev-access", baseArgs({ localPort: 9443 }));
            return { command: host.portForwardCommand, instanceId: host.instanceId };
        });
        expect(c.outputs.command).toBe(
            `aws ssm start-session --target ${c.outputs.instanceId} --document-name AWS-StartPortForwardingSessionToRemoteHost ` +
                `--parameters '{"host":["0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com"],"portNumber":["443"],"localPortNumber":["9443"]}' --region eu-west-1`,
        );
        expect(c.outputs.instanceId).toMatch(/^i-/);
    });

    it("renders the port-forwarding command from plain values", () => {
        expect(portForwardCommand("i-0abc", "https://example.eks.amazonaws.com/", 8443, "us-east-1")).toBe(
            `aws ssm start-session --target i-0abc --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters '{"host":["example.eks.amazonaws.com"],"portNumber":["443"],"localPortNumber":["8443"]}' --region us-east-1`,
        );
    });

    it("stops the host on the nightly schedule with a role that can stop only it (IAM-1)", async () => {
        const c = await plan(
            baseArgs({
                nightlyStop: "cron(0 20 * * ? *)",
                nightlyStopTimezone: "Europe/Berlin",
            }),
        );
        const schedule = c.inputsOf("aws:scheduler/schedule:Schedule");
        expect(schedule.scheduleExpression).toBe("cron(0 20 * * ? *)");
        expect(schedule.scheduleExpressionTimezone).toBe("Europe/Berlin");
        expect(schedule.target.arn).toBe("arn:aws:scheduler:::aws-sdk:ec2:stopInstances");
        const instance = c.one(instanceType);
        expect(JSON.parse(schedule.target.input)).toEqual({
            InstanceIds: [instance.id],
        });
        const stopPolicy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "dev-access-stop-role-policy").policy);
        expect(stopPolicy.Statement).toEqual([
            {
                Sid: "StopTheAccessHost",
                Effect: "Allow",
                Action: "ec2:StopInstances",
                Resource: `arn:aws:ec2:eu-west-1:111122223333:instance/${instance.id}`,
            },
        ]);
    });

    it("registers nothing but the component when enabled is false", async () => {
        const c = await capture(() => {
            const host = new SsmAccessHost("dev-access", {
                ...baseArgs(),
                enabled: false,
            });
            return { command: host.portForwardCommand, instanceId: host.instanceId };
        });
        expect(c.resources.map((resource) => resource.type)).toEqual(["baseline:access:SsmAccessHost"]);
        expect(c.outputs.command).toBeUndefined();
        expect(c.outputs.instanceId).toBeUndefined();
    });

    it("skips the account-wide preferences document when sessionPreferences is false", async () => {
        const c = await plan(baseArgs({ sessionPreferences: false }));
        expect(c.ofType("aws:ssm/document:Document")).toEqual([]);
    });

    it("refuses bad Args with messages that name the argument and the fix", async () => {
        const args = baseArgs({
            instanceType: "t4g.micro",
            nightlyStop: "every night",
            localPort: 80,
            sessionLogRetentionDays: 2,
        });
        expect(validateSsmAccessHostArgs(args)).toEqual([
            "SsmAccessHostArgs.instanceType t4g.micro is arm64 but amiId is x86_64; pick an instance type and AMI of one architecture.",
            "SsmAccessHostArgs.sessionLogRetentionDays is 2; use a CloudWatch retention value such as 90, 365 or 731 (IAM-2).",
            'SsmAccessHostArgs.nightlyStop is "every night"; use a six-field Scheduler cron expression such as "cron(0 20 * * ? *)".',
            "SsmAccessHostArgs.localPort is 80; use an unprivileged port from 1024 to 65535.",
        ]);
        await expect(plan(args)).rejects.toThrow(
            "SsmAccessHost: SsmAccessHostArgs.instanceType t4g.micro is arm64 but amiId is x86_64; pick an instance type and AMI of one architecture.",
        );
    });

    it("parents every child to the component and tags it with its own name", async () => {
        const c = await plan(baseArgs({ nightlyStop: "cron(0 20 * * ? *)" }));
        const component = c.one("baseline:access:SsmAccessHost");
        for (const resource of c.resources.filter((candidate) => candidate.custom)) {
            expect(resource.parent).toBe(component.urn);
            expect(resource.name.startsWith("dev-access-")).toBe(true);
            if (resource.inputs.tags !== undefined) {
                expect((resource.inputs.tags as Record<string, string>).Name).toBe(resource.name);
            }
        }
    });
});
