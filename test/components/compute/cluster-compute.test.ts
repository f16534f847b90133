/* eslint-disable @typescript-eslint/no-explicit-any -- the custom resources are untyped manifests */
import { describe, expect, it } from "vitest";
import { autoModeNodeClass, ec2NodeClass, nodePool } from "../../../components/compute";
import { EbsEncryptionDefaults, defaultStorageClass } from "../../../components/storage";
import { capture } from "../../helpers/capture";

const ebsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/ebs";
const inputs = { role: "prod-karpenter-node", subnetIds: ["subnet-a", "subnet-b"], securityGroupId: "sg-cluster", ebsKeyArn, tags: {} };

describe("EC2NodeClass (NODE-5)", () => {
    const spec = ec2NodeClass(inputs, "v1.46.0").spec as Record<string, any>;

    it("pins Bottlerocket by a versioned alias", () => {
        expect(spec.amiSelectorTerms).toEqual([{ alias: "bottlerocket@v1.46.0" }]);
    });

    it("requires IMDSv2 with hop limit 1 and no public IP", () => {
        expect(spec.metadataOptions).toEqual({
            httpEndpoint: "enabled",
            httpProtocolIPv6: "disabled",
            httpPutResponseHopLimit: 1,
            httpTokens: "required",
        });
        expect(spec.associatePublicIPAddress).toBe(false);
    });

    it("encrypts both Bottlerocket devices with the EBS key", () => {
        expect(spec.blockDeviceMappings.map((mapping: any) => [mapping.deviceName, mapping.ebs.encrypted, mapping.ebs.kmsKeyID])).toEqual([
            ["/dev/xvda", true, ebsKeyArn],
            ["/dev/xvdb", true, ebsKeyArn],
        ]);
    });

    it("selects the private subnets and the cluster security group by id, with the node role", () => {
        expect(spec.subnetSelectorTerms).toEqual([{ id: "subnet-a" }, { id: "subnet-b" }]);
        expect(spec.securityGroupSelectorTerms).toEqual([{ id: "sg-cluster" }]);
        expect(spec.role).toBe("prod-karpenter-node");
        expect(spec.userData).toContain("[settings.host-containers.control]\nenabled = false");
    });
});

describe("Auto Mode NodeClass (NODE-5)", () => {
    const spec = autoModeNodeClass(inputs).spec as Record<string, any>;

    it("encrypts ephemeral storage with the EBS key, assigns no public IP and logs network policy events", () => {
        expect(spec.ephemeralStorage).toEqual({ size: "80Gi", kmsKeyID: ebsKeyArn });
        expect(spec.advancedNetworking).toEqual({ associatePublicIPAddress: false });
        expect(spec.networkPolicyEventLogs).toBe("Enabled");
        expect(spec.subnetSelectorTerms).toEqual([{ id: "subnet-a" }, { id: "subnet-b" }]);
    });
});

describe("NodePools per sensitivity (NET-10)", () => {
    it("labels and taints each pool as the managed node groups and points at the baseline's node class", () => {
        const edge = nodePool("karpenter", "internet-facing").spec as Record<string, any>;
        expect(edge.template.metadata.labels).toEqual({ "baseline.io/sensitivity": "internet-facing" });
        expect(edge.template.spec.taints).toEqual([{ key: "dedicated", value: "internet-facing", effect: "NoSchedule" }]);
        expect(edge.template.spec.nodeClassRef).toEqual({ group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "baseline" });
        const system = nodePool("autoMode", "system").spec as Record<string, any>;
        expect(system.template.spec.taints).toEqual([{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]);
        expect(system.template.spec.nodeClassRef).toEqual({ group: "eks.amazonaws.com", kind: "NodeClass", name: "baseline" });
        expect((nodePool("autoMode", "internal").spec as any).template.spec.taints).toEqual([]);
    });
});

describe("persistent volumes (SEC-8)", () => {
    it("makes the default StorageClass encrypted gp3 with the EBS key, bound on first consumer, expandable", () => {
        expect(defaultStorageClass("ebs.csi.aws.com", ebsKeyArn)).toEqual({
            metadata: { name: "gp3-encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", kmsKeyId: ebsKeyArn },
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            reclaimPolicy: "Delete",
        });
        expect(defaultStorageClass("ebs.csi.eks.amazonaws.com", ebsKeyArn).provisioner).toBe("ebs.csi.eks.amazonaws.com");
    });

    it("turns account EBS encryption by default on with the EBS key as the default key", async () => {
        const c = await capture(() => new EbsEncryptionDefaults("prod", { ebsKeyArn }));
        expect(c.inputsOf("aws:ebs/encryptionByDefault:EncryptionByDefault").enabled).toBe(true);
        expect(c.inputsOf("aws:ebs/defaultKmsKey:DefaultKmsKey").keyArn).toBe(ebsKeyArn);
    });
});
