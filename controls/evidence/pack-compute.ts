import { ControlEvidence } from "../evidence";

const aws = "policypacks/baseline/policies/aws";
const kubernetes = "policypacks/baseline/policies/kubernetes";
const stack = "policypacks/baseline/policies/stack";
const awsTest = "test/policypacks/aws/compute.test.ts";
const kubernetesTest = "test/policypacks/kubernetes/compute-storage.test.ts";
const stackTest = "test/policypacks/stack/compute.test.ts";

/**
 * P-layer evidence of the compute and persistent-volume policies (NODE-5, SEC-8). The admission
 * rules for the same objects (components/admission) are an extra layer the catalogue does not
 * list for these controls (B P), so they are not mapped here.
 */
export const evidence: ControlEvidence[] = [
    {
        control: "NODE-5",
        layer: "P",
        implementation: `${kubernetes}/k8s-karpenter-node-class-hardened.ts`,
        symbol: "k8s-karpenter-node-class-hardened",
        test: kubernetesTest,
        testName: "blocks explicit IMDS weakening, non-Bottlerocket AMIs, unencrypted volumes and public IPs on EC2NodeClasses (NODE-5)",
    },
    {
        control: "NODE-5",
        layer: "P",
        implementation: `${kubernetes}/k8s-eks-auto-node-class-hardened.ts`,
        symbol: "k8s-eks-auto-node-class-hardened",
        test: kubernetesTest,
        testName: "requires the customer EBS key on Auto Mode ephemeral storage (NODE-5)",
    },
    {
        control: "NODE-5",
        layer: "P",
        implementation: `${stack}/k8s-node-pool-hardened-node-class.ts`,
        symbol: "k8s-node-pool-hardened-node-class",
        test: stackTest,
        testName: "blocks NodePools on node classes that fail their policy, with the node class's findings (NODE-5)",
    },
    {
        control: "NODE-5",
        layer: "P",
        implementation: `${aws}/eks-cluster-auto-mode-no-built-in-node-pools.ts`,
        symbol: "eks-cluster-auto-mode-no-built-in-node-pools",
        test: awsTest,
        testName: "blocks the built-in node pools on an Auto Mode cluster (NODE-5)",
    },
    {
        control: "NODE-5",
        layer: "P",
        implementation: `${aws}/autoscaling-group-no-launch-configuration.ts`,
        symbol: "autoscaling-group-no-launch-configuration",
        test: awsTest,
        testName: "blocks Auto Scaling groups on launch configurations (NODE-5)",
    },
    {
        control: "NODE-5",
        layer: "P",
        implementation: `${stack}/autoscaling-group-hardened-launch-template.ts`,
        symbol: "autoscaling-group-hardened-launch-template",
        test: stackTest,
        testName: "blocks Auto Scaling groups whose launch template fails the launch-template rules, once per failing rule (NODE-5)",
    },
    {
        control: "SEC-8",
        layer: "P",
        implementation: `${kubernetes}/k8s-storage-class-ebs-encrypted.ts`,
        symbol: "k8s-storage-class-ebs-encrypted",
        test: kubernetesTest,
        testName:
            "blocks unencrypted EBS StorageClasses, a kmsKeyId without encrypted, and spellings the driver does not read as true (SEC-8)",
    },
    {
        control: "SEC-8",
        layer: "P",
        implementation: `${aws}/ebs-volume-encrypted.ts`,
        symbol: "ebs-volume-encrypted",
        test: awsTest,
        testName: "keeps account-level EBS encryption by default on (SEC-8)",
    },
];
