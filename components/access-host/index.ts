/**
 * SsmAccessHost: the only human path into the private network (IAM-1). An instance in a private
 * subnet with no public IP, no key pair and no inbound rule, reached only through Session
 * Manager, whose every session is logged encrypted (IAM-2). `portForwardCommand` reaches the
 * private API endpoint from a laptop.
 *
 * ```ts
 * const host = new SsmAccessHost("prod-access", {
 *     enabled: true, cluster, region: "eu-west-1",
 *     vpcId: network.vpcId, vpcCidr: "10.0.0.0/16", subnetId: network.privateSubnetIds[0],
 *     ebsKeyArn: keys.ebsKeyArn, logsKeyArn: keys.logsKeyArn, nightlyStop: "cron(0 20 * * ? *)",
 * });
 * ```
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArnScope, KmsKeyRef, eksClusterArn, logGroupArn, managedPolicyArn } from "../shared/arns";
import { assertNoProblems } from "../shared/errors";
import { toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { SsmAccessHostArgs, defaultAccessHostAmi, validateSsmAccessHostArgs } from "./args";
import {
    accessHostInlinePolicy,
    accessHostManagedPolicy,
    accessHostTrustPolicy,
    schedulerTrustPolicy,
    stopInstancePolicy,
    stopInstancesTargetArn,
} from "./policies";
import { portForwardCommand, sessionPreferencesDocument, sessionPreferencesDocumentName } from "./session";

export * from "./args";
export * from "./policies";
export * from "./session";

/** IMDSv2 only, hop limit 1 (NET-9). */
export const accessHostMetadataOptions = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: "disabled",
} as const;

/** SSM-only access host. Type token `baseline:access:SsmAccessHost`. */
export class SsmAccessHost extends pulumi.ComponentResource {
    /** Instance id (the `--target` of `aws ssm start-session`); undefined when disabled. */
    public readonly instanceId: pulumi.Output<string> | undefined;
    /** Security group of the host (no ingress); undefined when disabled. */
    public readonly securityGroupId: pulumi.Output<string> | undefined;
    /** Instance role ARN; undefined when disabled. */
    public readonly roleArn: pulumi.Output<string> | undefined;
    /** Encrypted session log group; undefined when disabled. */
    public readonly sessionLogGroupName: pulumi.Output<string> | undefined;
    /** Port-forwarding command to the private API endpoint; undefined when disabled. */
    public readonly portForwardCommand: pulumi.Output<string> | undefined;

    constructor(name: string, args: SsmAccessHostArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("SsmAccessHost", validateSsmAccessHostArgs(args));
        super("baseline:access:SsmAccessHost", name, {}, opts);

        if (!args.enabled) {
            this.registerOutputs({});
            return;
        }

        const partition = args.partition ?? "aws";
        const tags = (resourceName: string) => ({
            ...(args.tags ?? {}),
            ...baselineTags(resourceName),
        });
        const child = (part: string) => childName(name, part);
        const sessionKeyArn = args.sessionKeyArn ?? args.logsKeyArn;
        const sessionKeyAlias = args.sessionKeyArn !== undefined ? args.sessionKeyAlias : args.logsKeyAlias;
        const accountId = args.accountId;
        const scope: ArnScope | undefined = accountId !== undefined ? { partition, region: args.region, accountId } : undefined;
        // The documents below name their resources by ARNs written from names where the names are
        // known, so they are known at preview and the pack can judge them (IAM-2, IAM-10).
        // A key ARN given as a plain string is used as it is; otherwise the key goes by its alias.
        const sessionKeyId: pulumi.Input<string> =
            typeof sessionKeyArn !== "string" && sessionKeyAlias !== undefined ? sessionKeyAlias : sessionKeyArn;
        const sessionKey: pulumi.Output<KmsKeyRef> =
            typeof sessionKeyArn !== "string" && sessionKeyAlias !== undefined && scope !== undefined
                ? pulumi.output(sessionKeyAlias).apply((alias): KmsKeyRef => ({ alias, scope }))
                : pulumi.output(sessionKeyArn);
        const clusterArn: pulumi.Output<string> =
            typeof args.cluster.clusterArn !== "string" && scope !== undefined
                ? pulumi.output(args.cluster.clusterName).apply((clusterName) => eksClusterArn(scope, clusterName))
                : pulumi.output(args.cluster.clusterArn);

        const sessionLogGroupName = `/baseline/ssm-sessions/${name}`;
        const logGroupName = child("session-logs");
        const logGroup = new aws.cloudwatch.LogGroup(
            logGroupName,
            {
                name: sessionLogGroupName,
                kmsKeyId: args.logsKeyArn,
                retentionInDays: args.sessionLogRetentionDays ?? 365,
                tags: tags(logGroupName),
            },
            // SEC-7: session logs are audit evidence; production keeps them through destroys.
            { parent: this, protect: args.protect ?? true, retainOnDelete: args.protect ?? true },
        );

        if (args.sessionPreferences ?? true) {
            const documentName = child("session-preferences");
            new aws.ssm.Document(
                documentName,
                {
                    name: sessionPreferencesDocumentName,
                    documentType: "Session",
                    documentFormat: "JSON",
                    content: pulumi.all([sessionKeyId, args.sessionLogsBucketName]).apply(([key, bucket]) =>
                        JSON.stringify(
                            sessionPreferencesDocument({
                                logGroupName: sessionLogGroupName,
                                kmsKeyId: key,
                                bucketName: bucket,
                                idleSessionTimeoutMinutes: args.idleSessionTimeoutMinutes ?? 20,
                                maxSessionDurationMinutes: args.maxSessionDurationMinutes ?? 60,
                            }),
                        ),
                    ),
                    tags: tags(documentName),
                },
                // Sessions must not start before the group they are logged to exists.
                { parent: this, dependsOn: [logGroup] },
            );
        }

        // IAM-1: no ingress at all (the explicit empty list also removes rules added by hand);
        // egress only HTTPS inside the VPC, where the endpoints and the API server live.
        const securityGroupName = child("sg");
        const securityGroup = new aws.ec2.SecurityGroup(
            securityGroupName,
            {
                vpcId: args.vpcId,
                description: "SSM access host: no ingress, HTTPS egress to the VPC only",
                ingress: [],
                egress: [
                    {
                        description: "VPC endpoints and the private EKS API",
                        protocol: "tcp",
                        fromPort: 443,
                        toPort: 443,
                        cidrBlocks: [args.vpcCidr],
                    },
                    ...(args.s3PrefixListId
                        ? [
                              {
                                  description: "S3 gateway endpoint",
                                  protocol: "tcp",
                                  fromPort: 443,
                                  toPort: 443,
                                  prefixListIds: [args.s3PrefixListId],
                              },
                          ]
                        : []),
                ],
                revokeRulesOnDelete: true,
                tags: tags(securityGroupName),
            },
            { parent: this },
        );

        const roleName = child("role");
        const role = new aws.iam.Role(
            roleName,
            {
                assumeRolePolicy: toJson(accessHostTrustPolicy()),
                description: `SSM access host ${name}`,
                tags: tags(roleName),
            },
            { parent: this },
        );
        new aws.iam.RolePolicyAttachment(
            child(`role-${accessHostManagedPolicy}`),
            {
                role: role.name,
                policyArn: managedPolicyArn(accessHostManagedPolicy, partition),
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            child("role-policy"),
            {
                role: role.name,
                policy: pulumi
                    .all([
                        clusterArn,
                        scope ? logGroupArn(scope, sessionLogGroupName) : logGroup.arn,
                        sessionKey,
                        args.sessionLogsBucketName,
                    ])
                    .apply(([cluster, sessionLogGroupArn, key, bucket]) =>
                        toJson(
                            accessHostInlinePolicy({
                                clusterArn: cluster,
                                sessionLogGroupArn,
                                sessionKeyArn: key,
                                sessionLogsBucketArn: bucket ? `arn:${partition}:s3:::${bucket}` : undefined,
                            }),
                        ),
                    ),
            },
            { parent: this },
        );
        const profileName = child("profile");
        const profile = new aws.iam.InstanceProfile(profileName, { role: role.name, tags: tags(profileName) }, { parent: this });

        const hostName = child("host");
        const instance = new aws.ec2.Instance(
            hostName,
            {
                ami: args.amiId ?? defaultAccessHostAmi,
                instanceType: args.instanceType ?? "t3.micro",
                subnetId: args.subnetId,
                vpcSecurityGroupIds: [securityGroup.id],
                iamInstanceProfile: profile.name,
                // NET-2 / IAM-1: no public address, no key pair; Session Manager is the only way in.
                associatePublicIpAddress: false,
                metadataOptions: { ...accessHostMetadataOptions },
                // SEC-3: root volume encrypted with the customer-managed key; size from the AMI.
                rootBlockDevice: {
                    encrypted: true,
                    kmsKeyId: args.ebsKeyArn,
                    volumeType: "gp3",
                    deleteOnTermination: true,
                },
                monitoring: false,
                tags: tags(hostName),
                volumeTags: tags(hostName),
            },
            { parent: this },
        );

        if (args.nightlyStop !== undefined) {
            const schedulerRoleName = child("stop-role");
            const schedulerRole = new aws.iam.Role(
                schedulerRoleName,
                {
                    assumeRolePolicy: toJson(schedulerTrustPolicy()),
                    description: `Stops access host ${name}`,
                    tags: tags(schedulerRoleName),
                },
                { parent: this },
            );
            new aws.iam.RolePolicy(
                child("stop-role-policy"),
                {
                    role: schedulerRole.name,
                    policy: instance.arn.apply((arn) => toJson(stopInstancePolicy(arn))),
                },
                { parent: this },
            );
            new aws.scheduler.Schedule(
                child("nightly-stop"),
                {
                    description: `Stops access host ${name} when nobody should need it (IAM-1).`,
                    scheduleExpression: args.nightlyStop,
                    scheduleExpressionTimezone: args.nightlyStopTimezone ?? "UTC",
                    flexibleTimeWindow: { mode: "OFF" },
                    target: {
                        arn: stopInstancesTargetArn(partition),
                        roleArn: schedulerRole.arn,
                        input: instance.id.apply((id) => JSON.stringify({ InstanceIds: [id] })),
                    },
                },
                { parent: this },
            );
        }

        const localPort = args.localPort ?? 8443;
        this.instanceId = instance.id;
        this.securityGroupId = securityGroup.id;
        this.roleArn = role.arn;
        this.sessionLogGroupName = logGroup.name;
        this.portForwardCommand = pulumi
            .all([instance.id, args.cluster.endpoint])
            .apply(([id, endpoint]) => portForwardCommand(id, endpoint, localPort, args.region));
        this.registerOutputs({
            instanceId: this.instanceId,
            securityGroupId: this.securityGroupId,
            roleArn: this.roleArn,
            sessionLogGroupName: this.sessionLogGroupName,
            portForwardCommand: this.portForwardCommand,
        });
    }
}
