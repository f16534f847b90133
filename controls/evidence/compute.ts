/**
 * Evidence for the compute modes and persistent volumes: PrivateCluster's Auto Mode and Karpenter
 * resources, ClusterCompute's node classes and pools, the default StorageClass and the account's
 * EBS encryption defaults. B layer only; the P layer lives with the policy pack.
 * Registered in controls/mapping.ts once controls/catalogue.md lists NODE-5 and SEC-8 (they
 * arrive with the NODE-5/SEC-8 policies).
 */
import { ControlEvidence } from "../evidence";

const autoMode = "components/cluster/auto-mode.ts";
const karpenter = "components/cluster/karpenter.ts";
const cluster = "components/cluster/index.ts";
const addons = "components/cluster/addons.ts";
const ebsCsi = "components/cluster/ebs-csi.ts";
const nodeClasses = "components/compute/node-classes.ts";
const storageClass = "components/storage/storage-class.ts";
const storage = "components/storage/index.ts";
const modesTest = "test/components/cluster/compute-modes.test.ts";
const computeTest = "test/components/compute/cluster-compute.test.ts";

export const evidence: ControlEvidence[] = [
    {
        control: "NODE-5",
        layer: "B",
        implementation: autoMode,
        symbol: "autoModeClusterSettings",
        test: modesTest,
        testName: "turns Auto Mode on with compute, block storage and load balancing together and no built-in pools",
    },
    {
        control: "NODE-5",
        layer: "B",
        implementation: nodeClasses,
        symbol: "autoModeNodeClass",
        test: computeTest,
        testName: "encrypts ephemeral storage with the EBS key, assigns no public IP and logs network policy events",
    },
    {
        control: "NODE-5",
        layer: "B",
        implementation: nodeClasses,
        symbol: "ec2NodeClass",
        test: computeTest,
        testName: "requires IMDSv2 with hop limit 1 and no public IP",
    },
    {
        control: "NODE-5",
        layer: "B",
        implementation: nodeClasses,
        symbol: "bottlerocket@",
        test: computeTest,
        testName: "encrypts both Bottlerocket devices with the EBS key",
    },
    {
        control: "NODE-5",
        layer: "B",
        implementation: karpenter,
        symbol: "karpenterControllerPolicy",
        test: modesTest,
        testName: "lets the Karpenter controller pass only its node role and write only tagged resources of its cluster",
    },
    {
        control: "SEC-8",
        layer: "B",
        implementation: addons,
        symbol: "aws-ebs-csi-driver",
        test: modesTest,
        testName: "keeps managed node groups the default, with the EBS CSI add-on",
    },
    {
        control: "SEC-8",
        layer: "B",
        implementation: ebsCsi,
        symbol: "ebsKeyUseStatements",
        test: modesTest,
        testName: "keeps managed node groups the default, with the EBS CSI add-on",
    },
    {
        control: "SEC-8",
        layer: "B",
        implementation: storageClass,
        symbol: "defaultStorageClass",
        test: computeTest,
        testName: "makes the default StorageClass encrypted gp3 with the EBS key, bound on first consumer, expandable",
    },
    {
        control: "SEC-8",
        layer: "B",
        implementation: storage,
        symbol: "EbsEncryptionDefaults",
        test: computeTest,
        testName: "turns account EBS encryption by default on with the EBS key as the default key",
    },
    {
        control: "NODE-5",
        layer: "B",
        implementation: cluster,
        symbol: "autoModeNodeResources",
        test: modesTest,
        testName: "gives Auto Mode nodes only the minimal worker and ECR pull-only policies and an EC2 access entry",
    },
];
