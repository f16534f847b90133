/**
 * Evidence for NET-11 (exposure outside the cluster: P and A) and IAM-11 (role trust policies:
 * B and P), plus the SEC-2 "conditions that pin nothing" class that shares IAM-11's reading.
 */
import { ControlEvidence } from "../evidence";

const aws = "policypacks/baseline/policies/aws";
const k8s = "policypacks/baseline/policies/kubernetes";
const awsTests = "test/policypacks/aws";
const k8sTests = "test/policypacks/kubernetes/exposure.test.ts";
const admission = "components/admission/exposure.ts";
const admissionTest = "test/components/admission/admission-policies.test.ts";
const trustTest = "test/components/shared/trust-policies.test.ts";

function trustB(implementation: string, symbol: string): ControlEvidence {
    return {
        control: "IAM-11",
        layer: "B",
        implementation,
        symbol,
        test: trustTest,
        // One row per role of the test's table (it.each); the comment after each entry names its row.
        testName: "writes the exact trust policy of the $role",
    };
}

export const evidence: ControlEvidence[] = [
    // NET-11, P: Kubernetes objects the AWS controllers turn into internet-facing load balancers.
    {
        control: "NET-11",
        layer: "P",
        implementation: `${k8s}/k8s-ingress-internet-facing-restricted.ts`,
        symbol: "k8s-ingress-internet-facing-restricted",
        test: k8sTests,
        testName: "blocks an internet-facing %s outside the allow-list and allows it inside",
    },
    {
        control: "NET-11",
        layer: "P",
        implementation: `${k8s}/k8s-ingress-internet-facing-restricted.ts`,
        symbol: "selectorPinsAllowed",
        test: k8sTests,
        testName: "blocks internet-facing IngressClassParams open to other namespaces",
    },
    {
        control: "NET-11",
        layer: "P",
        implementation: `${k8s}/k8s-ingress-internet-facing-restricted.ts`,
        symbol: "loadBalancerConfigurationTypes",
        test: k8sTests,
        testName: "keeps an internet-facing Gateway API LoadBalancerConfiguration to allow-listed namespaces",
    },
    {
        control: "NET-11",
        layer: "P",
        implementation: `${k8s}/k8s-service-internet-facing-restricted.ts`,
        symbol: "k8s-service-internet-facing-restricted",
        test: k8sTests,
        testName: "blocks an LBC internet-facing NLB and the in-tree default outside the allow-list",
    },
    {
        control: "NET-11",
        layer: "P",
        implementation: `${k8s}/k8s-gateway-exposure-restricted.ts`,
        symbol: "k8s-gateway-exposure-restricted",
        test: k8sTests,
        testName: "keeps a Gateway API %s to allow-listed namespaces",
    },
    {
        control: "NET-8",
        layer: "P",
        implementation: `${k8s}/k8s-gateway-exposure-restricted.ts`,
        symbol: "k8s-gateway-exposure-restricted",
        test: k8sTests,
        testName: "keeps an Istio %s to allow-listed namespaces (no sidestep of NET-8)",
    },
    {
        control: "NET-8",
        layer: "P",
        implementation: `${k8s}/k8s-service-internet-facing-restricted.ts`,
        symbol: "serviceInternetFacing",
        test: k8sTests,
        testName: "blocks a ServicePatch that turns an existing Service internet-facing",
    },
    // NET-11, P: load balancers the program declares itself.
    {
        control: "NET-11",
        layer: "P",
        implementation: `${aws}/lb-internal-unless-allow-listed.ts`,
        symbol: "lb-internal-unless-allow-listed",
        test: `${awsTests}/exposure.test.ts`,
        testName: "blocks an internet-facing %s, set or by the provider's default",
    },
    {
        control: "NET-11",
        layer: "P",
        implementation: `${aws}/aws-native-resources-blocked.ts`,
        symbol: "AWS::ElasticLoadBalancingV2::LoadBalancer",
        test: `${awsTests}/exposure.test.ts`,
        testName: "refuses aws-native load balancers with a pointer to the checked type",
    },
    // NET-11, A: the admission rules, their behaviour and their parity with the pack.
    {
        control: "NET-11",
        layer: "A",
        implementation: admission,
        symbol: "ingressExposureValidations",
        test: admissionTest,
        testName: "rejects internet-facing Ingresses, Services and Gateways outside the allow-list with their own messages (NET-11)",
    },
    {
        control: "NET-11",
        layer: "A",
        implementation: "components/admission/manifests.ts",
        symbol: "baseline-net-11-gateway-exposure",
        test: "test/components/admission/parity.test.ts",
        testName: "agrees with the pack on every",
    },
    // IAM-11, B: every component role's trust policy, exact shape, passing the pack.
    trustB("components/identity/policies.ts", "export function podIdentityTrustPolicy"), // identity: Pod Identity role (one cluster, namespace and service account)
    trustB("components/identity/policies.ts", "export function irsaTrustPolicy"), // identity: IRSA role (the irsa option)
    trustB("components/identity/policies.ts", "export function breakGlassTrustPolicy"), // identity: break-glass role (named principals, MFA)
    trustB("components/cluster/policies.ts", "export function clusterTrustPolicy"), // cluster: control-plane role
    trustB("components/cluster/policies.ts", "export function nodeTrustPolicy"), // cluster: node role
    trustB("components/access-host/policies.ts", "export function accessHostTrustPolicy"), // access-host: instance role
    trustB("components/access-host/policies.ts", "export function schedulerTrustPolicy"), // access-host: stop-schedule role
    trustB("components/audit/policies.ts", "export function firehoseTrustPolicy"), // audit: Firehose delivery role
    trustB("components/audit/policies.ts", "export function logsSubscriptionTrustPolicy"), // audit: CloudWatch Logs subscription role
    trustB("components/network/flow-logs.ts", "export function flowLogsTrustPolicy"), // network: flow-logs delivery role
    {
        control: "IAM-11",
        layer: "B",
        implementation: "components/shared/iam.ts",
        symbol: "export function serviceTrustPolicy",
        test: trustTest,
        testName: "passes iam-role-trust-policy-pinned with the $role",
    },
    // IAM-11, P: the trust-policy policy, and the aws-native / Cloud Control forms refused.
    {
        control: "IAM-11",
        layer: "P",
        implementation: `${aws}/iam-role-trust-policy-pinned.ts`,
        symbol: "iam-role-trust-policy-pinned",
        test: `${awsTests}/trust.test.ts`,
        testName: "blocks a * principal with $title",
    },
    {
        control: "IAM-11",
        layer: "P",
        implementation: "policypacks/baseline/lib/iam-trust.ts",
        symbol: "webIdentityProblems",
        test: `${awsTests}/trust.test.ts`,
        testName: "pins IRSA trusts with StringEquals on :sub (one service account) and :aud",
    },
    {
        control: "IAM-11",
        layer: "P",
        implementation: "policypacks/baseline/lib/iam-trust.ts",
        symbol: "podIdentityProblems",
        test: `${awsTests}/trust.test.ts`,
        testName: "keeps a Pod Identity role to pods.eks.amazonaws.com with exactly sts:AssumeRole and sts:TagSession",
    },
    {
        control: "IAM-11",
        layer: "P",
        implementation: `${aws}/aws-native-resources-blocked.ts`,
        symbol: "AWS::IAM::Role",
        test: `${awsTests}/exposure.test.ts`,
        testName: "refuses Cloud Control load balancers and roles (a trust policy there would go unjudged)",
    },
    // SEC-2, P: conditions that pin nothing (issue 13), through the shared reading.
    {
        control: "SEC-2",
        layer: "P",
        implementation: "policypacks/baseline/lib/iam-conditions.ts",
        symbol: "export function conditionPinning",
        test: `${awsTests}/trust.test.ts`,
        testName: "blocks kms:ViaService alone (any account calling through the service)",
    },
];
