import { describe, expect, it } from "vitest";
import { awsNativeResourcesBlocked } from "../../../policypacks/baseline/policies/aws/aws-native-resources-blocked";
import { cloudwatchLogGroupEncryptedRetention } from "../../../policypacks/baseline/policies/aws/cloudwatch-log-group-encrypted-retention";
import { ecrRepositoryScanImmutable } from "../../../policypacks/baseline/policies/aws/ecr-repository-scan-immutable";
import { iamAdminAttachmentBreakGlass } from "../../../policypacks/baseline/policies/aws/iam-admin-attachment-break-glass";
import { iamPolicyNoAdmin } from "../../../policypacks/baseline/policies/aws/iam-policy-no-admin";
import { kmsKeyDeletionWindow } from "../../../policypacks/baseline/policies/aws/kms-key-deletion-window";
import { kmsKeyPolicyNoPublicPrincipal } from "../../../policypacks/baseline/policies/aws/kms-key-policy-no-public-principal";
import { kmsKeyRotation } from "../../../policypacks/baseline/policies/aws/kms-key-rotation";
import { s3BucketNoForceDestroy } from "../../../policypacks/baseline/policies/aws/s3-bucket-no-force-destroy";
import { ssmSessionLoggingEncrypted } from "../../../policypacks/baseline/policies/aws/ssm-session-logging-encrypted";
import { FixtureResource, runResourcePolicy, UNKNOWN } from "../../helpers/run-policy";
import { commonBehaviour, remove, violationsOf, withProp } from "./harness";

const iam10 = (message: string) => `${message} [IAM-10]`;
const grantFix = "grant the specific actions on the specific resources the role needs.";
const readOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::logs/*" }] };
const policyResource: FixtureResource = {
    type: "aws:iam/policy:Policy",
    name: "reader",
    props: { path: "/", policy: JSON.stringify(readOnly) },
};

describe("iam-policy-no-admin (IAM-10)", () => {
    const policy = iamPolicyNoAdmin;

    it("passes least-privilege documents, as strings or objects, including an unknown resource ARN", async () => {
        expect(await violationsOf(policy, policyResource)).toEqual([]);
        expect(
            await violationsOf(
                policy,
                withProp(policyResource, ["policy"], { ...readOnly, Statement: { Effect: "Allow", Action: "iam:*", Resource: "*" } }),
            ),
        ).toEqual([]);
        const objectForm = withProp(policyResource, ["policy"], {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:*", Resource: [UNKNOWN] }],
        });
        expect(await violationsOf(policy, objectForm, { unknowns: "fail" })).toEqual([]);
        expect(
            await violationsOf(
                policy,
                withProp(policyResource, ["policy"], JSON.stringify({ Statement: { Effect: "Deny", Action: "*", Resource: "*" } })),
            ),
        ).toEqual([]);
    });

    it("blocks Action * on Resource * and NotAction grants (IAM-10)", async () => {
        const admin = { Version: "2012-10-17", Statement: { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" } };
        expect(await violationsOf(policy, withProp(policyResource, ["policy"], JSON.stringify(admin)))).toEqual([
            iam10(`policy Statement[0] (Sid "Admin") allows Action "*" on Resource "*"; ${grantFix}`),
        ]);
        const mixed = {
            Statement: [
                readOnly.Statement[0],
                { Effect: "Allow", NotAction: ["iam:*"], Resource: ["*"] },
                { Effect: "Allow", Action: ["*:*"], NotResource: "arn:aws:s3:::x" },
            ],
        };
        expect(await violationsOf(policy, { type: "aws:iam/rolePolicy:RolePolicy", props: { role: "app", policy: mixed } })).toEqual([
            iam10(`policy Statement[1] allows NotAction on Resource "*" (every action except those listed); ${grantFix}`),
            iam10(`policy Statement[2] allows Action "*" with NotResource (every resource except those listed); ${grantFix}`),
        ]);
        const role: FixtureResource = {
            type: "aws:iam/role:Role",
            props: {
                assumeRolePolicy: "{}",
                inlinePolicies: [
                    { name: "ok", policy: JSON.stringify(readOnly) },
                    { name: "admin", policy: JSON.stringify(admin) },
                ],
            },
        };
        expect(await violationsOf(policy, role)).toEqual([
            iam10(`inlinePolicies[1].policy Statement[0] (Sid "Admin") allows Action "*" on Resource "*"; ${grantFix}`),
        ]);
    });

    it("judges every resource that carries an inline policy, permission sets included, against its least-privilege twin (IAM-10)", async () => {
        const admin = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
        const carriers: [string, string, Record<string, unknown>][] = [
            ["aws:iam/rolePolicy:RolePolicy", "policy", { role: "app" }],
            ["aws:iam/userPolicy:UserPolicy", "policy", { user: "alice" }],
            ["aws:iam/groupPolicy:GroupPolicy", "policy", { group: "ops" }],
            ["aws:iam/policy:Policy", "policy", { path: "/" }],
            [
                "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
                "inlinePolicy",
                { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1" },
            ],
        ];
        for (const [type, field, rest] of carriers) {
            expect(await violationsOf(policy, { type, props: { ...rest, [field]: JSON.stringify(readOnly) } }), type).toEqual([]);
            expect(await violationsOf(policy, { type, props: { ...rest, [field]: admin } }), type).toEqual([
                iam10(`${field} Statement[0] allows Action "*" on Resource "*"; ${grantFix}`),
            ]);
        }
    });

    commonBehaviour({
        policy,
        suffix: "[IAM-10]",
        compliant: policyResource,
        violating: withProp(policyResource, ["policy"], JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })),
        message: iam10(`policy Statement[0] allows Action "*" on Resource "*"; ${grantFix}`),
        unknownPath: ["policy"],
    });
});

describe("iam-admin-attachment-break-glass (IAM-10)", () => {
    const policy = iamAdminAttachmentBreakGlass;
    const adminArn = "arn:aws:iam::aws:policy/AdministratorAccess";
    const attachment: FixtureResource = {
        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        name: "break-glass-admin",
        props: { role: "break-glass", policyArn: adminArn },
    };
    const config = { breakGlassRoles: ["break-glass"] };
    const attachFix = "attach least-privilege policies, or list the break-glass role in breakGlassRoles.";

    it("passes AdministratorAccess on the allow-listed break-glass role and unknown policy ARNs", async () => {
        expect(await violationsOf(policy, attachment, config)).toEqual([]);
        expect(await violationsOf(policy, withProp(attachment, ["role"], "break-glass-1a2b3c4"), config)).toEqual([]);
        expect(
            await violationsOf(policy, withProp(withProp(attachment, ["policyArn"], UNKNOWN), ["role"], UNKNOWN), { unknowns: "fail" }),
        ).toEqual([]);
    });

    it("blocks AdministratorAccess outside the break-glass role (IAM-10)", async () => {
        expect(await violationsOf(policy, withProp(attachment, ["role"], "ci"), config)).toEqual([
            iam10(`policyArn attaches AdministratorAccess to role "ci", which is not in breakGlassRoles; ${attachFix}`),
        ]);
        expect(
            await violationsOf(
                policy,
                { type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", props: { user: "alice", policyArn: adminArn } },
                config,
            ),
        ).toEqual([
            iam10(
                `policyArn attaches AdministratorAccess to user "alice"; admin goes only to the break-glass role, never to a user; ${attachFix}`,
            ),
        ]);
        expect(
            await violationsOf(
                policy,
                {
                    type: "aws:iam/role:Role",
                    name: "ci",
                    props: { assumeRolePolicy: "{}", managedPolicyArns: [UNKNOWN, "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"] },
                },
                config,
            ),
        ).toEqual([iam10(`managedPolicyArns attaches AdministratorAccess to role "ci", which is not in breakGlassRoles; ${attachFix}`)]);
        expect(
            await violationsOf(
                policy,
                {
                    type: "aws:iam/policyAttachment:PolicyAttachment",
                    props: { policyArn: adminArn, roles: ["break-glass"], groups: ["ops"] },
                },
                config,
            ),
        ).toEqual([
            iam10(
                `policyArn attaches AdministratorAccess to group "ops"; admin goes only to the break-glass role, never to a group; ${attachFix}`,
            ),
        ]);
        expect(
            await violationsOf(
                policy,
                {
                    type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
                    props: { roleName: "app", policyArns: [adminArn] },
                },
                config,
            ),
        ).toEqual([iam10(`policyArns attaches AdministratorAccess to role "app", which is not in breakGlassRoles; ${attachFix}`)]);
    });

    describe("through IAM Identity Center permission sets", () => {
        const permissionSetArn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef";
        const ssoAttachment: FixtureResource = {
            type: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
            name: "ops-readonly",
            props: {
                instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
                permissionSetArn,
                managedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
            },
        };
        const ssoMessage = (field: string, holder: string) =>
            iam10(
                `${field} attaches AdministratorAccess to IAM Identity Center permission set ${JSON.stringify(holder)}, which grants it to everyone assigned; admin goes only to the break-glass role; attach least-privilege policies to the permission set.`,
            );

        it("passes least-privilege managed policies on a permission set, and an unknown policy ARN", async () => {
            expect(await violationsOf(policy, ssoAttachment, config)).toEqual([]);
            expect(await violationsOf(policy, withProp(ssoAttachment, ["managedPolicyArn"], UNKNOWN), { unknowns: "fail" })).toEqual([]);
            expect(
                await violationsOf(policy, {
                    type: "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
                    props: { permissionSetArn, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
                }),
            ).toEqual([]);
        });

        it("blocks AdministratorAccess on a permission set, even one named like the break-glass role (IAM-10)", async () => {
            expect(await violationsOf(policy, withProp(ssoAttachment, ["managedPolicyArn"], adminArn), config)).toEqual([
                ssoMessage("managedPolicyArn", permissionSetArn),
            ]);
            const unknownSet = withProp(withProp(ssoAttachment, ["managedPolicyArn"], adminArn), ["permissionSetArn"], UNKNOWN);
            expect(await violationsOf(policy, { ...unknownSet, name: "break-glass" }, config)).toEqual([
                ssoMessage("managedPolicyArn", "break-glass"),
            ]);
            expect(
                await violationsOf(
                    policy,
                    {
                        type: "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
                        props: {
                            permissionSetArn,
                            managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-cn:iam::aws:policy/AdministratorAccess"],
                        },
                    },
                    config,
                ),
            ).toEqual([ssoMessage("managedPolicyArns", permissionSetArn)]);
        });
    });

    commonBehaviour({
        policy,
        suffix: "[IAM-10]",
        compliant: attachment,
        violating: withProp(attachment, ["role"], "ci"),
        message: iam10(`policyArn attaches AdministratorAccess to role "ci", which is not in breakGlassRoles; ${attachFix}`),
        unknownPath: ["role"],
    });
});

describe("ssm-session-logging-encrypted (IAM-2)", () => {
    const policy = ssmSessionLoggingEncrypted;
    const iam2 = (message: string) => `${message} [IAM-2]`;
    const inputs = {
        cloudWatchLogGroupName: "/ssm/sessions",
        cloudWatchEncryptionEnabled: true,
        cloudWatchStreamingEnabled: true,
        s3BucketName: "",
        kmsKeyId: "alias/ssm",
        runAsEnabled: false,
    };
    const preferences: FixtureResource = {
        type: "aws:ssm/document:Document",
        name: "session-preferences",
        props: {
            name: "SSM-SessionManagerRunShell",
            documentType: "Session",
            documentFormat: "JSON",
            content: JSON.stringify({ schemaVersion: "1.0", sessionType: "Standard_Stream", inputs }),
        },
    };
    const contentWith = (changes: object) =>
        withProp(
            preferences,
            ["content"],
            JSON.stringify({ schemaVersion: "1.0", sessionType: "Standard_Stream", inputs: { ...inputs, ...changes } }),
        );

    it("passes session preferences logging to an encrypted log group or bucket", async () => {
        expect(await violationsOf(policy, preferences)).toEqual([]);
        expect(
            await violationsOf(
                policy,
                contentWith({ cloudWatchLogGroupName: "", s3BucketName: "session-logs", s3EncryptionEnabled: true }),
            ),
        ).toEqual([]);
        expect(
            await violationsOf(policy, {
                type: "aws:ssm/document:Document",
                props: { name: "run", documentType: "Command", content: "{}" },
            }),
        ).toEqual([]);
    });

    it("requires encrypted session logging in Session Manager preferences (IAM-2)", async () => {
        expect(await violationsOf(policy, contentWith({ cloudWatchEncryptionEnabled: false }))).toEqual([
            iam2(
                "content.inputs.cloudWatchEncryptionEnabled is false; set it to true so sessions are logged only to an encrypted log group.",
            ),
        ]);
        expect(await violationsOf(policy, contentWith({ s3BucketName: "session-logs" }))).toEqual([
            iam2("content.inputs.s3EncryptionEnabled is unset; set it to true so sessions are logged only to an encrypted bucket."),
        ]);
        expect(await violationsOf(policy, contentWith({ cloudWatchLogGroupName: "" }))).toEqual([
            iam2(
                "content.inputs has neither cloudWatchLogGroupName nor s3BucketName (sessions are not logged); set cloudWatchLogGroupName with cloudWatchEncryptionEnabled true.",
            ),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[IAM-2]",
        compliant: preferences,
        violating: contentWith({ cloudWatchEncryptionEnabled: false }),
        message: iam2(
            "content.inputs.cloudWatchEncryptionEnabled is false; set it to true so sessions are logged only to an encrypted log group.",
        ),
        unknownPath: ["content"],
    });
});

const key: FixtureResource = {
    type: "aws:kms/key:Key",
    name: "secrets",
    props: {
        description: "EKS Secrets",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
            ],
        }),
    },
};

describe("kms-key-rotation (SEC-2)", () => {
    const policy = kmsKeyRotation;

    it("passes a rotating key and skips asymmetric keys", async () => {
        expect(await violationsOf(policy, key)).toEqual([]);
        expect(
            await violationsOf(policy, withProp(withProp(key, ["enableKeyRotation"], remove), ["customerMasterKeySpec"], "RSA_2048")),
        ).toEqual([]);
    });

    it("requires KMS key rotation (SEC-2)", async () => {
        expect(await violationsOf(policy, withProp(key, ["enableKeyRotation"], remove))).toEqual([
            "enableKeyRotation is unset (default: false); set it to true. [SEC-2]",
        ]);
    });

    it("remediates key rotation", async () => {
        const remediate = policy.remediateResource!;
        const fixed = (await remediate({
            type: key.type,
            name: "k",
            urn: "u",
            props: { ...key.props, enableKeyRotation: false },
            getConfig: () => ({}),
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
        } as any)) as Record<string, unknown>;
        expect(fixed.enableKeyRotation).toBe(true);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-2]",
        compliant: key,
        violating: withProp(key, ["enableKeyRotation"], false),
        message: "enableKeyRotation is false; set it to true. [SEC-2]",
        unknownPath: ["enableKeyRotation"],
    });
});

describe("kms-key-deletion-window (SEC-2)", () => {
    const policy = kmsKeyDeletionWindow;

    it("passes the 30-day window, explicit or by default", async () => {
        expect(await violationsOf(policy, key)).toEqual([]);
        expect(await violationsOf(policy, withProp(key, ["deletionWindowInDays"], remove))).toEqual([]);
    });

    it("requires a 30-day KMS deletion window (SEC-2)", async () => {
        expect(await violationsOf(policy, withProp(key, ["deletionWindowInDays"], 7))).toEqual([
            "deletionWindowInDays is 7, below 30; remove it or set it to 30. [SEC-2, SEC-7]",
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-2, SEC-7]",
        compliant: key,
        violating: withProp(key, ["deletionWindowInDays"], 10),
        message: "deletionWindowInDays is 10, below 30; remove it or set it to 30. [SEC-2, SEC-7]",
        unknownPath: ["deletionWindowInDays"],
    });
});

describe("kms-key-policy-no-public-principal (SEC-2)", () => {
    const policy = kmsKeyPolicyNoPublicPrincipal;
    const open = (principal: unknown, condition?: object) =>
        withProp(
            key,
            ["policy"],
            JSON.stringify({
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: principal,
                        Action: "kms:Decrypt",
                        Resource: "*",
                        ...(condition ? { Condition: condition } : {}),
                    },
                ],
            }),
        );

    it("passes named principals, a conditioned * principal and the default key policy", async () => {
        expect(await violationsOf(policy, key)).toEqual([]);
        expect(await violationsOf(policy, open("*", { StringEquals: { "kms:CallerAccount": "111122223333" } }))).toEqual([]);
        expect(await violationsOf(policy, withProp(key, ["policy"], remove))).toEqual([]);
    });

    it("blocks key policies open to any principal (SEC-2)", async () => {
        const message =
            'policy Statement[0] allows Principal "*" without a Condition; name the principals or pin them with StringEquals on kms:CallerAccount or aws:PrincipalOrgID (a concrete value). [SEC-2]';
        expect(await violationsOf(policy, open("*"))).toEqual([message]);
        expect(await violationsOf(policy, open({ AWS: ["arn:aws:iam::111122223333:root", "*"] }))).toEqual([message]);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-2]",
        compliant: key,
        violating: open({ AWS: "*" }),
        message:
            'policy Statement[0] allows Principal "*" without a Condition; name the principals or pin them with StringEquals on kms:CallerAccount or aws:PrincipalOrgID (a concrete value). [SEC-2]',
        unknownPath: ["policy"],
    });
});

describe("cloudwatch-log-group-encrypted-retention (LOG-2, NET-5, IAM-2)", () => {
    const policy = cloudwatchLogGroupEncryptedRetention;
    const suffix = "[LOG-2, NET-5, IAM-2]";
    const group: FixtureResource = {
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "cluster-logs",
        props: { name: "/aws/eks/prod/cluster", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc" },
    };

    it("passes an encrypted log group with retention, even when the key ARN is unknown", async () => {
        expect(await violationsOf(policy, group)).toEqual([]);
        expect(await violationsOf(policy, withProp(group, ["retentionInDays"], 0))).toEqual([]);
        expect(await violationsOf(policy, withProp(group, ["kmsKeyId"], UNKNOWN), { unknowns: "fail" })).toEqual([]);
    });

    it("requires KMS encryption and retention on log groups (LOG-2)", async () => {
        expect(await violationsOf(policy, withProp(group, ["kmsKeyId"], remove))).toEqual([
            `kmsKeyId is unset (service-owned key); set it to a customer-managed KMS key ARN. ${suffix}`,
        ]);
        expect(await violationsOf(policy, withProp(group, ["retentionInDays"], 30))).toEqual([
            `retentionInDays is 30, below 365; set it to at least 365. ${suffix}`,
        ]);
        expect(await violationsOf(policy, withProp(group, ["retentionInDays"], remove))).toEqual([
            `retentionInDays is unset (never expires by default, no decision); set it to at least 365. ${suffix}`,
        ]);
        expect(await violationsOf(policy, withProp(group, ["retentionInDays"], 30), { minimumRetentionDays: 30 })).toEqual([]);
    });

    commonBehaviour({
        policy,
        suffix,
        compliant: group,
        violating: withProp(group, ["retentionInDays"], 7),
        message: `retentionInDays is 7, below 365; set it to at least 365. ${suffix}`,
        unknownPath: ["retentionInDays"],
    });
});

describe("ecr-repository-scan-immutable (NODE-4)", () => {
    const policy = ecrRepositoryScanImmutable;
    const repo: FixtureResource = {
        type: "aws:ecr/repository:Repository",
        name: "app",
        props: { name: "app", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } },
    };

    it("passes a scanning repository with immutable tags", async () => {
        expect(await violationsOf(policy, repo)).toEqual([]);
        expect(
            await violationsOf(policy, {
                type: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
                props: { prefix: "ROOT", appliedFors: ["PULL_THROUGH_CACHE"], imageTagMutability: "IMMUTABLE" },
            }),
        ).toEqual([]);
    });

    it("requires scan on push and immutable tags on ECR repositories (NODE-4)", async () => {
        expect(await violationsOf(policy, { ...repo, props: { name: "app" } })).toEqual([
            'imageTagMutability is unset (default: "MUTABLE"); set it to "IMMUTABLE" so a tag always names the image that was scanned. [NODE-4]',
            "imageScanningConfiguration.scanOnPush is unset (default: false); set it to true. [NODE-4]",
        ]);
        expect(await violationsOf(policy, withProp(repo, ["imageTagMutability"], "IMMUTABLE_WITH_EXCLUSION"))).toEqual([
            'imageTagMutability is "IMMUTABLE_WITH_EXCLUSION"; set it to "IMMUTABLE" so a tag always names the image that was scanned. [NODE-4]',
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NODE-4]",
        compliant: repo,
        violating: withProp(repo, ["imageScanningConfiguration", "scanOnPush"], false),
        message: "imageScanningConfiguration.scanOnPush is false; set it to true. [NODE-4]",
        unknownPath: ["imageTagMutability"],
    });
});

describe("s3-bucket-no-force-destroy (SEC-7)", () => {
    const policy = s3BucketNoForceDestroy;
    const bucket: FixtureResource = {
        type: "aws:s3/bucket:Bucket",
        name: "audit-archive",
        props: { bucket: "audit-archive", objectLockEnabled: true },
    };
    const message = "forceDestroy is true; remove it so the bucket and its archived objects cannot be deleted by a destroy. [SEC-7]";

    it("passes buckets without forceDestroy", async () => {
        expect(await violationsOf(policy, bucket)).toEqual([]);
        expect(
            await violationsOf(
                policy,
                { ...withProp(bucket, ["forceDestroy"], true), type: "aws:s3/bucketV2:BucketV2" },
                { allowForceDestroy: true },
            ),
        ).toEqual([]);
    });

    it("blocks forceDestroy on buckets, including the deprecated BucketV2 (SEC-7)", async () => {
        expect(await violationsOf(policy, withProp(bucket, ["forceDestroy"], true))).toEqual([message]);
        expect(await violationsOf(policy, { ...withProp(bucket, ["forceDestroy"], true), type: "aws:s3/bucketV2:BucketV2" })).toEqual([
            message,
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-7]",
        compliant: withProp(bucket, ["forceDestroy"], false),
        violating: withProp(bucket, ["forceDestroy"], true),
        message,
        unknownPath: ["forceDestroy"],
    });
});

describe("aws-native-resources-blocked (provider sidestep)", () => {
    const policy = awsNativeResourcesBlocked;
    const suffix =
        "[NET-1, NET-2, NET-4, NET-5, NET-6, NET-9, IAM-1, IAM-2, IAM-4, IAM-10, SEC-1, SEC-2, SEC-3, SEC-7, LOG-1, LOG-2, NODE-2, NODE-3, NODE-4]";

    it("blocks aws-native and Cloud Control equivalents of checked types", async () => {
        expect(
            await violationsOf(policy, { type: "aws-native:eks:Cluster", props: { resourcesVpcConfig: { endpointPublicAccess: true } } }),
        ).toEqual([
            `aws-native:eks:Cluster is not checked by the baseline; declare it as aws:eks/cluster:Cluster (@pulumi/aws) so its controls are enforced. ${suffix}`,
        ]);
        expect(await violationsOf(policy, { type: "aws-native:ec2:SecurityGroupIngress", props: {} })).toEqual([
            `aws-native:ec2:SecurityGroupIngress is not checked by the baseline; declare it as aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule (@pulumi/aws) so its controls are enforced. ${suffix}`,
        ]);
        expect(
            await violationsOf(policy, {
                type: "aws:cloudcontrol/resource:Resource",
                props: { typeName: "AWS::KMS::Key", desiredState: "{}" },
            }),
        ).toEqual([
            `typeName is "AWS::KMS::Key", which the baseline checks only through @pulumi/aws; declare it as aws:kms/key:Key instead of a Cloud Control resource. ${suffix}`,
        ]);
    });

    it("blocks the aws-native types that attach or carry IAM policies (IAM-10)", async () => {
        const native = (type: string, equivalent: string) =>
            `${type} is not checked by the baseline; declare it as ${equivalent} (@pulumi/aws) so its controls are enforced. ${suffix}`;
        const cases: [string, string][] = [
            ["aws-native:iam:Role", "aws:iam/role:Role"],
            ["aws-native:iam:ManagedPolicy", "aws:iam/policy:Policy"],
            ["aws-native:iam:RolePolicy", "aws:iam/rolePolicy:RolePolicy"],
            ["aws-native:iam:UserPolicy", "aws:iam/userPolicy:UserPolicy"],
            ["aws-native:iam:GroupPolicy", "aws:iam/groupPolicy:GroupPolicy"],
            ["aws-native:iam:User", "aws:iam/user:User with aws:iam/userPolicyAttachment:UserPolicyAttachment"],
            ["aws-native:iam:Group", "aws:iam/group:Group with aws:iam/groupPolicyAttachment:GroupPolicyAttachment"],
            [
                "aws-native:sso:PermissionSet",
                "aws:ssoadmin/permissionSet:PermissionSet with aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment and aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
            ],
        ];
        for (const [type, equivalent] of cases) {
            expect(
                await violationsOf(policy, { type, props: { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] } }),
                type,
            ).toEqual([native(type, equivalent)]);
        }
        expect(
            await violationsOf(policy, {
                type: "aws:cloudcontrol/resource:Resource",
                props: {
                    typeName: "AWS::SSO::PermissionSet",
                    desiredState: '{"ManagedPolicies":["arn:aws:iam::aws:policy/AdministratorAccess"]}',
                },
            }),
        ).toEqual([
            `typeName is "AWS::SSO::PermissionSet", which the baseline checks only through @pulumi/aws; declare it as ${cases[7][1]} instead of a Cloud Control resource. ${suffix}`,
        ]);
    });

    it("blocks the aws-native Elastic IP and prefix-list types that NET-2 and NET-4 judge", async () => {
        for (const [type, equivalent] of [
            ["aws-native:ec2:EIP", "aws:ec2/eip:Eip"],
            ["aws-native:ec2:EIPAssociation", "aws:ec2/eipAssociation:EipAssociation"],
            ["aws-native:ec2:PrefixList", "aws:ec2/managedPrefixList:ManagedPrefixList"],
        ]) {
            expect(await violationsOf(policy, { type, props: {} }), type).toEqual([
                `${type} is not checked by the baseline; declare it as ${equivalent} (@pulumi/aws) so its controls are enforced. ${suffix}`,
            ]);
        }
    });

    it("passes unrelated Cloud Control and aws-native types", async () => {
        expect(
            await violationsOf(policy, {
                type: "aws:cloudcontrol/resource:Resource",
                props: { typeName: "AWS::SNS::Topic", desiredState: "{}" },
            }),
        ).toEqual([]);
        expect((await runResourcePolicy(policy, { type: "aws-native:sns:Topic", props: {} })).violations).toEqual([]);
    });

    commonBehaviour({
        policy,
        suffix,
        compliant: { type: "aws:cloudcontrol/resource:Resource", props: { typeName: "AWS::SNS::Topic", desiredState: "{}" } },
        violating: { type: "aws-native:kms:Key", props: {} },
        message: `aws-native:kms:Key is not checked by the baseline; declare it as aws:kms/key:Key (@pulumi/aws) so its controls are enforced. ${suffix}`,
        unknownPath: ["typeName"],
    });
});
