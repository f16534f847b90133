/* eslint-disable @typescript-eslint/no-explicit-any -- the custom resources are untyped manifests */
import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { PrivateCluster } from "../../../components/cluster";
import { ClusterCompute, autoModeNodeClass, ec2NodeClass, nodePool } from "../../../components/compute";
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

describe("ClusterCompute", () => {
    const run = (mode: "autoMode" | "karpenter" | "managedNodeGroups") =>
        capture(() => {
            const system = {
                name: "system",
                sensitivity: "system" as const,
                instanceTypes: ["m7i.large"],
                scaling: { min: 2, max: 3, desired: 2 },
            };
            const cluster = new PrivateCluster("prod", {
                environment: "prod",
                version: "1.33",
                minimumVersion: "1.33",
                subnetIds: ["subnet-a", "subnet-b"],
                secretsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/secrets",
                logsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/logs",
                ebsKeyArn,
                accountId: "111122223333",
                region: "eu-west-1",
                compute: { mode },
                nodeGroups:
                    mode === "autoMode"
                        ? []
                        : mode === "karpenter"
                          ? [system]
                          : [system, { ...system, name: "workloads", sensitivity: "internal" }],
            });
            const provider = new k8s.Provider("prod-k8s", { kubeconfig: "{}" });
            new ClusterCompute("prod", { provider, cluster });
        });

    it("installs Karpenter from its OCI chart at the pinned version on the system nodes before the node class", async () => {
        const c = await run("karpenter");
        const release = c.one("kubernetes:helm.sh/v3:Release");
        expect(release.inputs).toMatchObject({
            chart: "oci://public.ecr.aws/karpenter/karpenter",
            version: "1.8.3",
            namespace: "kube-system",
        });
        expect(release.inputs.values).toMatchObject({
            settings: { clusterName: "prod", interruptionQueue: "prod" },
            nodeSelector: { "baseline.io/sensitivity": "system" },
        });
        const nodeClass = c.one("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass");
        expect(nodeClass.dependencies).toContain(release.urn);
        expect((nodeClass.inputs as any).spec.role).toBe("prod-karpenter-node");
        expect(
            c
                .ofType("kubernetes:karpenter.sh/v1:NodePool")
                .map((pool) => (pool.inputs as any).metadata.name)
                .sort(),
        ).toEqual(["internal", "internet-facing", "system"]);
        expect(c.one("kubernetes:storage.k8s.io/v1:StorageClass").inputs.provisioner).toBe("ebs.csi.aws.com");
    });

    it("turns on Auto Mode's network policy controller and uses its own EBS provisioner", async () => {
        const c = await run("autoMode");
        expect(c.one("kubernetes:core/v1:ConfigMap").inputs.data).toEqual({ "enable-network-policy-controller": "true" });
        expect(c.inputsOf("kubernetes:eks.amazonaws.com/v1:NodeClass").spec.networkPolicyEventLogs).toBe("Enabled");
        expect(c.one("kubernetes:storage.k8s.io/v1:StorageClass").inputs.provisioner).toBe("ebs.csi.eks.amazonaws.com");
        expect(c.ofType("kubernetes:helm.sh/v3:Release")).toEqual([]);
    });

    it("creates only the encrypted default StorageClass with managed node groups", async () => {
        const c = await run("managedNodeGroups");
        expect(
            c.resources
                .filter((resource) => resource.type.startsWith("kubernetes:") && !resource.type.startsWith("pulumi:"))
                .map((r) => r.type),
        ).toEqual(["kubernetes:storage.k8s.io/v1:StorageClass"]);
    });
});
