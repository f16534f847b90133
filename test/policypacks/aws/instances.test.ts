import { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { ebsVolumeEncrypted } from "../../../policypacks/baseline/policies/aws/ebs-volume-encrypted";
import { ec2InstanceEbsEncrypted } from "../../../policypacks/baseline/policies/aws/ec2-instance-ebs-encrypted";
import { ec2InstanceImdsv2 } from "../../../policypacks/baseline/policies/aws/ec2-instance-imdsv2";
import { ec2InstanceNoKeyPair } from "../../../policypacks/baseline/policies/aws/ec2-instance-no-key-pair";
import { launchTemplateEbsEncrypted } from "../../../policypacks/baseline/policies/aws/launch-template-ebs-encrypted";
import { launchTemplateImdsv2 } from "../../../policypacks/baseline/policies/aws/launch-template-imdsv2";
import { FixtureResource, UNKNOWN } from "../../helpers/run-policy";
import { commonBehaviour, remove, violationsOf, withProp } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(props: T): T };

const kmsArn = "arn:aws:kms:eu-west-1:111122223333:key/0d4f3c6e-1111-2222-3333-444455556666";

/** A node launch template as @pulumi/aws 7 sends it (EBS flags are strings there). */
const launchTemplate: FixtureResource = {
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    name: "nodes",
    props: {
        namePrefix: "nodes-",
        updateDefaultVersion: true,
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
        blockDeviceMappings: [
            {
                deviceName: "/dev/xvda",
                ebs: { encrypted: "true", kmsKeyId: kmsArn, volumeSize: 20, volumeType: "gp3", deleteOnTermination: "true" },
            },
            {
                deviceName: "/dev/xvdb",
                ebs: { encrypted: "true", kmsKeyId: kmsArn, volumeSize: 50, volumeType: "gp3", deleteOnTermination: "true" },
            },
        ],
        vpcSecurityGroupIds: ["sg-0123"],
    },
};

/** The access host as @pulumi/aws 7 sends it. */
const instance: FixtureResource = {
    type: "aws:ec2/instance:Instance",
    name: "access-host",
    props: {
        ami: "ami-0abc",
        instanceType: "t3.micro",
        subnetId: "subnet-0a",
        iamInstanceProfile: "access-host",
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        rootBlockDevice: { encrypted: true, kmsKeyId: kmsArn, volumeSize: 20, volumeType: "gp3" },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, volumeSize: 10 }],
    },
};

function remediationOf(policy: ResourceValidationPolicy, resource: FixtureResource) {
    return policy.remediateResource!({
        type: resource.type,
        name: resource.name ?? "fixture",
        urn: `urn:pulumi:test::baseline::${resource.type}::${resource.name ?? "fixture"}`,
        props: unknownCheckingProxy(structuredClone(resource.props)),
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({}) as T,
        notApplicable: () => {
            throw new Error("unused");
        },
    } as unknown as Parameters<NonNullable<ResourceValidationPolicy["remediateResource"]>>[0]);
}

describe("launch-template-imdsv2 (NET-9)", () => {
    const policy = launchTemplateImdsv2;
    const net9 = (message: string) => `${message} [NET-9]`;

    it("passes IMDSv2 with hop limit 1, and IMDS turned off", async () => {
        expect(await violationsOf(policy, launchTemplate)).toEqual([]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["metadataOptions"], { httpEndpoint: "disabled" }))).toEqual([]);
    });

    it("requires IMDSv2 and hop limit 1 on node launch templates (NET-9)", async () => {
        expect(await violationsOf(policy, withProp(launchTemplate, ["metadataOptions", "httpTokens"], "optional"))).toEqual([
            net9('metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only).'),
        ]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["metadataOptions", "httpPutResponseHopLimit"], 2))).toEqual([
            net9("metadataOptions.httpPutResponseHopLimit is 2; set it to 1 so pods cannot reach the instance metadata service."),
        ]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["metadataOptions"], { httpTokens: "required" }))).toEqual([
            net9("metadataOptions.httpPutResponseHopLimit is unset (IMDSv2-only AMIs default to 2, reachable from pods); set it to 1."),
        ]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["metadataOptions"], { httpPutResponseHopLimit: 1 }))).toEqual([
            net9('metadataOptions.httpTokens is unset (default "optional"); set it to "required" (IMDSv2 only).'),
        ]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["metadataOptions"], remove))).toEqual([
            net9(
                'metadataOptions is unset (httpTokens defaults to "optional": IMDSv1 allowed); set httpTokens "required" and httpPutResponseHopLimit 1.',
            ),
        ]);
    });

    it("remediates IMDSv2 on a launch template, keeping unknown inputs as they are", async () => {
        const weak = withProp(
            withProp(launchTemplate, ["metadataOptions"], { httpEndpoint: "enabled", httpTokens: "optional" }),
            ["imageId"],
            UNKNOWN,
        );
        const fixed = await remediationOf(policy, weak);
        expect(fixed?.metadataOptions).toEqual({ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
        expect(fixed?.imageId).toBe(UNKNOWN);
        expect(await violationsOf(policy, { ...weak, props: fixed as Record<string, unknown> })).toEqual([]);
        expect(await remediationOf(policy, launchTemplate)).toBeUndefined();
    });

    commonBehaviour({
        policy,
        suffix: "[NET-9]",
        compliant: launchTemplate,
        violating: withProp(launchTemplate, ["metadataOptions", "httpTokens"], "optional"),
        message: net9('metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only).'),
        unknownPath: ["metadataOptions", "httpTokens"],
    });
});

describe("ec2-instance-imdsv2 (NET-9)", () => {
    const policy = ec2InstanceImdsv2;
    const net9 = (message: string) => `${message} [NET-9]`;

    it("passes instances requiring IMDSv2 or taking options from a launch template", async () => {
        expect(await violationsOf(policy, instance)).toEqual([]);
        expect(
            await violationsOf(
                policy,
                withProp(withProp(instance, ["metadataOptions"], remove), ["launchTemplate"], { id: UNKNOWN, version: "$Latest" }),
            ),
        ).toEqual([]);
        expect(
            await violationsOf(policy, {
                type: "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults",
                props: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            }),
        ).toEqual([]);
    });

    it("requires IMDSv2 on instances (NET-9)", async () => {
        expect(await violationsOf(policy, withProp(instance, ["metadataOptions", "httpTokens"], "optional"))).toEqual([
            net9('metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only).'),
        ]);
        expect(await violationsOf(policy, withProp(instance, ["metadataOptions"], remove))).toEqual([
            net9(
                'metadataOptions is unset (httpTokens defaults to "optional": IMDSv1 allowed); set metadataOptions.httpTokens to "required".',
            ),
        ]);
        expect(
            await violationsOf(policy, {
                type: "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults",
                props: { httpTokens: "optional", httpPutResponseHopLimit: 2 },
            }),
        ).toEqual([
            net9('httpTokens is "optional" (account default allows IMDSv1); set it to "required".'),
            net9("httpPutResponseHopLimit is 2; set it to 1 (or leave it unset) so pods cannot reach the instance metadata service."),
        ]);
    });

    it("remediates IMDSv2 on an instance", async () => {
        const fixed = await remediationOf(policy, withProp(instance, ["metadataOptions"], remove));
        expect(fixed?.metadataOptions).toEqual({ httpTokens: "required" });
    });

    commonBehaviour({
        policy,
        suffix: "[NET-9]",
        compliant: instance,
        violating: withProp(instance, ["metadataOptions", "httpTokens"], "optional"),
        message: net9('metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only).'),
        unknownPath: ["metadataOptions", "httpTokens"],
    });
});

describe("ec2-instance-no-key-pair (IAM-1)", () => {
    const policy = ec2InstanceNoKeyPair;
    const message = "keyName is set (SSH key pair); remove it and reach the host through SSM Session Manager. [IAM-1]";

    it("passes instances and launch templates without a key pair", async () => {
        expect(await violationsOf(policy, instance)).toEqual([]);
        expect(await violationsOf(policy, launchTemplate)).toEqual([]);
    });

    it("blocks SSH key pairs on instances and launch templates (IAM-1)", async () => {
        expect(await violationsOf(policy, withProp(instance, ["keyName"], "ops"))).toEqual([message]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["keyName"], UNKNOWN))).toEqual([message]);
    });

    it("key pair: exemption by name, expired exemption reported again", async () => {
        const resource = { ...withProp(instance, ["keyName"], "ops"), name: "x" };
        expect(await violationsOf(policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2099-01-01" }] })).toEqual([]);
        expect(await violationsOf(policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2000-01-01" }] })).toEqual([
            `${message} (exemption "r" expired on 2000-01-01; renew it in the pack config or fix the resource)`,
        ]);
    });
});

describe("launch-template-ebs-encrypted (SEC-3)", () => {
    const policy = launchTemplateEbsEncrypted;
    const sec3 = (message: string) => `${message} [SEC-3]`;

    it("passes node volumes encrypted with a customer-managed key, even when its ARN is unknown", async () => {
        expect(await violationsOf(policy, launchTemplate)).toEqual([]);
        expect(
            await violationsOf(policy, withProp(launchTemplate, ["blockDeviceMappings", 0, "ebs", "kmsKeyId"], UNKNOWN), {
                unknowns: "fail",
            }),
        ).toEqual([]);
    });

    it("requires encrypted EBS with a KMS key in node launch templates (SEC-3)", async () => {
        expect(await violationsOf(policy, withProp(launchTemplate, ["blockDeviceMappings", 1, "ebs", "encrypted"], "false"))).toEqual([
            sec3('blockDeviceMappings[1].ebs.encrypted is "false"; set it to "true".'),
        ]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["blockDeviceMappings", 0, "ebs", "encrypted"], remove))).toEqual([
            sec3('blockDeviceMappings[0].ebs.encrypted is unset (default: false); set it to "true".'),
        ]);
        expect(await violationsOf(policy, withProp(launchTemplate, ["blockDeviceMappings"], remove))).toEqual([
            sec3(
                'blockDeviceMappings is unset (the root volume is as unencrypted as the AMI snapshot); map the root device with ebs.encrypted "true".',
            ),
        ]);
    });

    // SEC-3 asks for EBS "encrypted with KMS"; the AWS managed aws/ebs key is KMS encryption too,
    // and the Volume and Instance policies never required a customer-managed key.
    it("accepts encrypted volumes under the AWS managed aws/ebs key (kmsKeyId unset)", async () => {
        expect(await violationsOf(policy, withProp(launchTemplate, ["blockDeviceMappings", 0, "ebs", "kmsKeyId"], remove))).toEqual([]);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-3]",
        compliant: launchTemplate,
        violating: withProp(launchTemplate, ["blockDeviceMappings", 0, "ebs", "encrypted"], "false"),
        message: sec3('blockDeviceMappings[0].ebs.encrypted is "false"; set it to "true".'),
        unknownPath: ["blockDeviceMappings", 0, "ebs", "encrypted"],
    });
});

describe("ec2-instance-ebs-encrypted (SEC-3)", () => {
    const policy = ec2InstanceEbsEncrypted;
    const sec3 = (message: string) => `${message} [SEC-3]`;

    it("passes an instance with encrypted root and data volumes", async () => {
        expect(await violationsOf(policy, instance)).toEqual([]);
    });

    it("requires encrypted root and EBS block devices on instances (SEC-3)", async () => {
        expect(await violationsOf(policy, withProp(instance, ["rootBlockDevice", "encrypted"], false))).toEqual([
            sec3("rootBlockDevice.encrypted is false; set it to true."),
        ]);
        expect(await violationsOf(policy, withProp(instance, ["ebsBlockDevices", 0, "encrypted"], remove))).toEqual([
            sec3("ebsBlockDevices[0].encrypted is unset (default: false); set it to true."),
        ]);
        expect(await violationsOf(policy, withProp(instance, ["rootBlockDevice"], remove))).toEqual([
            sec3(
                "rootBlockDevice is unset (the root volume is as unencrypted as the AMI snapshot); set rootBlockDevice.encrypted to true.",
            ),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-3]",
        compliant: instance,
        violating: withProp(instance, ["rootBlockDevice", "encrypted"], false),
        message: sec3("rootBlockDevice.encrypted is false; set it to true."),
        unknownPath: ["rootBlockDevice", "encrypted"],
    });
});

describe("ebs-volume-encrypted (SEC-3)", () => {
    const policy = ebsVolumeEncrypted;
    const volume: FixtureResource = {
        type: "aws:ebs/volume:Volume",
        name: "data",
        props: { availabilityZone: "eu-west-1a", size: 20, encrypted: true, kmsKeyId: kmsArn },
    };

    it("passes an encrypted volume and account encryption by default", async () => {
        expect(await violationsOf(policy, volume)).toEqual([]);
        expect(await violationsOf(policy, { type: "aws:ebs/encryptionByDefault:EncryptionByDefault", props: {} })).toEqual([]);
    });

    it("blocks unencrypted EBS volumes (SEC-3)", async () => {
        expect(await violationsOf(policy, withProp(volume, ["encrypted"], remove))).toEqual([
            "encrypted is unset (default: false); set it to true with kmsKeyId of a customer-managed KMS key. [SEC-3]",
        ]);
        expect(await violationsOf(policy, { type: "aws:ebs/encryptionByDefault:EncryptionByDefault", props: { enabled: false } })).toEqual([
            "enabled is false (new EBS volumes in the region are not encrypted by default); set it to true. [SEC-3]",
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-3]",
        compliant: volume,
        violating: withProp(volume, ["encrypted"], false),
        message: "encrypted is false; set it to true with kmsKeyId of a customer-managed KMS key. [SEC-3]",
        unknownPath: ["encrypted"],
    });
});
