/**
 * Evidence for the policy pack's core: the whole-plan (stack) policies (P layer) and the
 * crawl/walk/run rollout (OPS-2, P layer).
 */
import { ControlEvidence } from "../evidence";

const stack = "policypacks/baseline/policies/stack";
const namespacesTest = "test/policypacks/stack/namespaces.test.ts";
const awsTest = "test/policypacks/stack/aws.test.ts";
const meshTest = "test/policypacks/stack/mesh.test.ts";

export const evidence: ControlEvidence[] = [
    {
        control: "IAM-5",
        layer: "P",
        implementation: `${stack}/k8s-rbac-aggregation-least-privilege.ts`,
        symbol: '"k8s-rbac-aggregation-least-privilege"',
        test: "test/policypacks/kubernetes/rbac-sidesteps.test.ts",
        testName: "flags an aggregator that pulls in a declared role with a wildcard (e.g. one the pack exempts)",
    },
    {
        control: "NET-5",
        layer: "P",
        implementation: `${stack}/ec2-vpc-flow-logs.ts`,
        symbol: '"ec2-vpc-flow-logs"',
        test: awsTest,
        testName: "reports a VPC without a flow log",
    },
    {
        control: "NET-6",
        layer: "P",
        implementation: `${stack}/eks-vpc-cni-network-policy.ts`,
        symbol: '"eks-vpc-cni-network-policy"',
        test: awsTest,
        testName: "reports NetworkPolicies without any vpc-cni add-on, once for the plan",
    },
    {
        control: "NET-7",
        layer: "P",
        implementation: `${stack}/k8s-namespace-default-deny.ts`,
        symbol: '"k8s-namespace-default-deny"',
        test: namespacesTest,
        testName: "reports both directions for a namespace without NetworkPolicies, on the namespace",
    },
    {
        control: "LOG-2",
        layer: "P",
        implementation: `${stack}/eks-cluster-log-group.ts`,
        symbol: '"eks-cluster-log-group"',
        test: awsTest,
        testName: "reports a cluster that does not depend on its log group",
    },
    {
        control: "MESH-2",
        layer: "P",
        implementation: `${stack}/mesh-peer-authentication-strict.ts`,
        symbol: '"mesh-peer-authentication-strict"',
        test: meshTest,
        testName: "reports a mesh whose mesh-wide PeerAuthentication is PERMISSIVE",
    },
    {
        control: "MESH-3",
        layer: "P",
        implementation: `${stack}/mesh-authorization-default-deny.ts`,
        symbol: '"mesh-authorization-default-deny"',
        test: meshTest,
        testName: "reports a mesh without any AuthorizationPolicy, on the istiod release",
    },
    {
        control: "SEC-7",
        layer: "P",
        implementation: `${stack}/production-resources-protected.ts`,
        symbol: '"production-resources-protected"',
        test: awsTest,
        testName: "reports an unprotected key and an unprotected bucketV2 in production",
    },
    {
        control: "OPS-2",
        layer: "P",
        implementation: "policypacks/baseline/lib/policy.ts",
        symbol: "export const baselineRollout",
        test: "test/policypacks/core/protocol.test.ts",
        testName: "crawl makes the same violations advisory, with the SDK's message format",
    },
    {
        control: "OPS-2",
        layer: "P",
        implementation: "policypacks/baseline/config/dev.json",
        symbol: '"mode": "walk"',
        test: "test/policypacks/core/rollout.test.ts",
        testName: "sets dev to walk, staging to run, prod to run with unknowns fail and production on",
    },
    // Issue 13: NET-4 judged on the union of what applies to one security group.
    {
        control: "NET-4",
        layer: "P",
        implementation: `${stack}/security-group-union-no-ingress-from-anywhere.ts`,
        symbol: '"security-group-union-no-ingress-from-anywhere"',
        test: "test/policypacks/stack/security-groups.test.ts",
        testName: "blocks halves in two separate rule resources of both kinds, and inline plus separate (NET-4)",
    },
    {
        control: "NET-4",
        layer: "P",
        implementation: `${stack}/security-group-union-no-ingress-from-anywhere.ts`,
        symbol: '"security-group-union-no-ingress-from-anywhere"',
        test: "test/policypacks/stack/security-groups.test.ts",
        testName:
            "blocks a referenced prefix list whose entries contain 0.0.0.0/0 or cover the space, inline or as entry resources (NET-4)",
    },
    {
        control: "NET-4",
        layer: "P",
        implementation: `${stack}/security-group-union-no-ingress-from-anywhere.ts`,
        symbol: '"security-group-union-no-ingress-from-anywhere"',
        test: "test/policypacks/stack/security-groups.test.ts",
        testName: "blocks an ingress rule resource attached to a VPC's default security group, by id or by edge (NET-4)",
    },
    {
        control: "MESH-3",
        layer: "P",
        implementation: `${stack}/mesh-authorization-default-deny.ts`,
        symbol: '"mesh-authorization-default-deny"',
        test: meshTest,
        testName: "reports a mesh-wide ALLOW policy whose rule any authenticated workload satisfies, next to allow-nothing",
    },
    {
        control: "MESH-2",
        layer: "P",
        implementation: `${stack}/mesh.ts`,
        symbol: "meshIndicator",
        test: meshTest,
        testName: "detects istiod whatever the release is called and wherever the chart comes from",
    },
];
