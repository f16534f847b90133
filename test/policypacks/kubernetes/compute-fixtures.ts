/**
 * Hardened NODE-5 / SEC-8 custom resources as the baseline's compute modes declare them; each
 * violating fixture in the tests changes one field of these.
 */
import { FixtureResource } from "../../helpers/run-policy";

export const kmsArn = "arn:aws:kms:eu-west-1:111122223333:key/0d4f3c6e-1111-2222-3333-444455556666";

/** The hardened EC2NodeClass the baseline's karpenter compute mode declares. */
export const hardenedEc2NodeClass: FixtureResource = {
    type: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
    name: "nodes-internal",
    props: {
        apiVersion: "karpenter.k8s.aws/v1",
        kind: "EC2NodeClass",
        metadata: { name: "internal" },
        spec: {
            role: "prod-karpenter-node",
            amiSelectorTerms: [{ alias: "bottlerocket@v1.39.1" }],
            metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [
                { deviceName: "/dev/xvda", ebs: { volumeSize: "4Gi", volumeType: "gp3", encrypted: true, kmsKeyID: kmsArn } },
                { deviceName: "/dev/xvdb", ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, kmsKeyID: kmsArn } },
            ],
            associatePublicIPAddress: false,
            subnetSelectorTerms: [{ tags: { "kubernetes.io/role/internal-elb": "1", "karpenter.sh/discovery": "prod" } }],
            securityGroupSelectorTerms: [{ id: "sg-0123" }],
        },
    },
};

/** The hardened Auto Mode NodeClass the baseline's autoMode compute declares. */
export const hardenedAutoNodeClass: FixtureResource = {
    type: "kubernetes:eks.amazonaws.com/v1:NodeClass",
    name: "auto-internal",
    props: {
        apiVersion: "eks.amazonaws.com/v1",
        kind: "NodeClass",
        metadata: { name: "internal" },
        spec: {
            role: "prod-auto-node",
            subnetSelectorTerms: [{ id: "subnet-0a" }, { id: "subnet-0b" }],
            securityGroupSelectorTerms: [{ id: "sg-0cluster" }],
            ephemeralStorage: { size: "80Gi", kmsKeyID: kmsArn },
            advancedNetworking: { associatePublicIPAddress: false },
            networkPolicy: "DefaultAllow",
            networkPolicyEventLogs: "Enabled",
        },
    },
};

/** The baseline's default StorageClass. */
export const encryptedStorageClass: FixtureResource = {
    type: "kubernetes:storage.k8s.io/v1:StorageClass",
    name: "gp3-encrypted",
    props: {
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: "gp3-encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
        provisioner: "ebs.csi.aws.com",
        parameters: { type: "gp3", encrypted: "true", kmsKeyId: kmsArn },
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
    },
};
