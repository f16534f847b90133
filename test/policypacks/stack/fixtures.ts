/**
 * A compliant whole plan (outputs, as AnalyzeStack sees them) for the stack policies; each
 * violating fixture changes one thing of it.
 */
import { FixtureResource } from "../../helpers/run-policy";

export function urn(type: string, name: string): string {
    return `urn:pulumi:test::baseline::${type}::${name}`;
}

export const types = {
    namespace: "kubernetes:core/v1:Namespace",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    addon: "aws:eks/addon:Addon",
    cluster: "aws:eks/cluster:Cluster",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    key: "aws:kms/key:Key",
    vpc: "aws:ec2/vpc:Vpc",
    flowLog: "aws:ec2/flowLog:FlowLog",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    release: "kubernetes:helm.sh/v3:Release",
    peerAuthentication: "kubernetes:security.istio.io/v1:PeerAuthentication",
    authorizationPolicy: "kubernetes:security.istio.io/v1:AuthorizationPolicy",
} as const;

const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-aaaa-bbbb-cccc-111122223333";
const clusterLogGroupArn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/eks/prod/cluster";
const flowLogGroupArn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/prod-flow-logs";

/** A fresh compliant plan; tests mutate their copy. */
export function compliantPlan(): FixtureResource[] {
    return [
        {
            type: types.key,
            name: "cluster-key",
            protect: true,
            props: { arn: keyArn, enableKeyRotation: true, deletionWindowInDays: 30 },
        },
        {
            type: types.vpc,
            name: "vpc",
            props: { id: "vpc-0abc", cidrBlock: "10.0.0.0/16" },
        },
        {
            type: types.logGroup,
            name: "flow-logs",
            protect: true,
            props: { name: "/aws/vpc/prod-flow-logs", arn: flowLogGroupArn, retentionInDays: 365, kmsKeyId: keyArn },
        },
        {
            type: types.flowLog,
            name: "vpc-flow-log",
            props: { vpcId: "vpc-0abc", trafficType: "ALL", logDestination: flowLogGroupArn, logDestinationType: "cloud-watch-logs" },
            dependencies: [urn(types.vpc, "vpc"), urn(types.logGroup, "flow-logs")],
        },
        {
            type: types.logGroup,
            name: "cluster-logs",
            protect: true,
            props: { name: "/aws/eks/prod/cluster", arn: clusterLogGroupArn, retentionInDays: 365, kmsKeyId: keyArn },
        },
        {
            type: types.cluster,
            name: "cluster",
            props: { name: "prod", enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
            dependencies: [urn(types.logGroup, "cluster-logs"), urn(types.key, "cluster-key")],
        },
        {
            type: types.addon,
            name: "vpc-cni",
            props: { clusterName: "prod", addonName: "vpc-cni", configurationValues: '{"enableNetworkPolicy":"true"}' },
            dependencies: [urn(types.cluster, "cluster")],
        },
        {
            type: types.bucket,
            name: "audit-archive",
            protect: true,
            props: { bucket: "prod-audit-archive", objectLockEnabled: true },
        },
        {
            type: types.namespace,
            name: "apps",
            props: { metadata: { name: "apps", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
        },
        {
            type: types.networkPolicy,
            name: "apps-default-deny",
            props: {
                metadata: { name: "default-deny", namespace: "apps" },
                spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
            },
            dependencies: [urn(types.namespace, "apps")],
        },
        {
            type: types.release,
            name: "istiod",
            props: { name: "istiod", chart: "istiod", version: "1.27.1", namespace: "istio-system" },
        },
        {
            type: types.peerAuthentication,
            name: "mesh-mtls",
            props: { metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } },
        },
        {
            type: types.authorizationPolicy,
            name: "mesh-allow-nothing",
            props: { metadata: { name: "allow-nothing", namespace: "istio-system" }, spec: {} },
        },
    ];
}

/** The plan with one resource (by name) replaced or changed. */
export function changed(
    plan: FixtureResource[],
    name: string,
    change: (resource: FixtureResource) => FixtureResource | undefined,
): FixtureResource[] {
    return plan.flatMap((resource) => {
        if (resource.name !== name) {
            return [resource];
        }
        const result = change(structuredClone(resource));
        return result ? [result] : [];
    });
}

/** The plan without the named resources. */
export function without(plan: FixtureResource[], ...names: string[]): FixtureResource[] {
    return plan.filter((resource) => !names.includes(resource.name ?? ""));
}
