/**
 * Analyze sees a provider's Check output, not the inputs as registered (ANALYZER.md, "What a
 * resource looks like to the pack"): a property left unset can arrive holding the provider's
 * default. Every policy that accepts a property unset must therefore accept its default value
 * written out, and the reverse. One row per (policy, property) the survey of the pack found where
 * unset passes; the default each row writes out is the provider's documented one (named in the row).
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { flowLogAllTraffic } from "../../policypacks/baseline/policies/aws/flow-log-all-traffic";
import { kmsKeyDeletionWindow } from "../../policypacks/baseline/policies/aws/kms-key-deletion-window";
import { kmsKeyRotation } from "../../policypacks/baseline/policies/aws/kms-key-rotation";
import { s3BucketNoForceDestroy } from "../../policypacks/baseline/policies/aws/s3-bucket-no-force-destroy";
import { subnetNoPublicIpOnLaunch } from "../../policypacks/baseline/policies/aws/subnet-no-public-ip-on-launch";
import { k8sPodDefaultProcMount } from "../../policypacks/baseline/policies/kubernetes/k8s-pod-default-proc-mount";
import { k8sPodNoHostAccess } from "../../policypacks/baseline/policies/kubernetes/k8s-pod-no-host-access";
import { k8sPodNoPrivileged } from "../../policypacks/baseline/policies/kubernetes/k8s-pod-no-privileged";
import { k8sServiceExposureRestricted } from "../../policypacks/baseline/policies/kubernetes/k8s-service-exposure-restricted";
import { FixtureResource, runResourcePolicy } from "../helpers/run-policy";

interface DefaultCase {
    policy: ResourceValidationPolicy;
    /** Where the default comes from. */
    source: string;
    /** The compliant resource with the property unset. */
    unset: FixtureResource;
    /** The same resource with the provider's default written out. */
    explicit: FixtureResource;
}

const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}): FixtureResource => ({
    type: "kubernetes:core/v1:Pod",
    name: "app",
    props: {
        metadata: { name: "app", namespace: "shop" },
        spec: { serviceAccountName: "app", containers: [{ name: "app", image: "registry.k8s.io/pause:3.10", ...container }], ...spec },
    },
});

const cases: DefaultCase[] = [
    {
        policy: s3BucketNoForceDestroy,
        source: "aws.s3.BucketV2 forceDestroy: default false (Pulumi AWS registry docs)",
        unset: { type: "aws:s3/bucketV2:BucketV2", props: { bucket: "logs" } },
        explicit: { type: "aws:s3/bucketV2:BucketV2", props: { bucket: "logs", forceDestroy: false } },
    },
    {
        policy: kmsKeyDeletionWindow,
        source: "aws.kms.Key deletionWindowInDays: AWS default 30",
        unset: { type: "aws:kms/key:Key", props: { enableKeyRotation: true } },
        explicit: { type: "aws:kms/key:Key", props: { enableKeyRotation: true, deletionWindowInDays: 30 } },
    },
    {
        policy: kmsKeyRotation,
        source: 'aws.kms.Key customerMasterKeySpec: default "SYMMETRIC_DEFAULT"',
        unset: { type: "aws:kms/key:Key", props: { enableKeyRotation: true } },
        explicit: { type: "aws:kms/key:Key", props: { enableKeyRotation: true, customerMasterKeySpec: "SYMMETRIC_DEFAULT" } },
    },
    {
        policy: subnetNoPublicIpOnLaunch,
        source: "aws.ec2.Subnet mapPublicIpOnLaunch: default false",
        unset: { type: "aws:ec2/subnet:Subnet", props: { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" } },
        explicit: { type: "aws:ec2/subnet:Subnet", props: { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false } },
    },
    {
        policy: flowLogAllTraffic,
        source: 'aws.ec2.FlowLog on a transit gateway: AWS records "ALL" traffic',
        unset: { type: "aws:ec2/flowLog:FlowLog", props: { transitGatewayId: "tgw-1", logDestination: "arn:aws:s3:::logs" } },
        explicit: {
            type: "aws:ec2/flowLog:FlowLog",
            props: { transitGatewayId: "tgw-1", logDestination: "arn:aws:s3:::logs", trafficType: "ALL" },
        },
    },
    {
        policy: k8sPodNoHostAccess,
        source: "PodSpec hostNetwork, hostPID, hostIPC: default false (Kubernetes API)",
        unset: pod({}),
        explicit: pod({}, { hostNetwork: false, hostPID: false, hostIPC: false }),
    },
    {
        policy: k8sPodNoHostAccess,
        source: "ContainerPort hostPort: 0 means none (Kubernetes API)",
        unset: pod({ ports: [{ containerPort: 8080 }] }),
        explicit: pod({ ports: [{ containerPort: 8080, hostPort: 0 }] }),
    },
    {
        policy: k8sPodNoPrivileged,
        source: "SecurityContext privileged: default false (Kubernetes API)",
        unset: pod({ securityContext: {} }),
        explicit: pod({ securityContext: { privileged: false } }),
    },
    {
        policy: k8sPodDefaultProcMount,
        source: 'SecurityContext procMount: default "Default" (Kubernetes API)',
        unset: pod({ securityContext: {} }),
        explicit: pod({ securityContext: { procMount: "Default" } }),
    },
    {
        policy: k8sServiceExposureRestricted,
        source: 'ServiceSpec type: default "ClusterIP", externalIPs: none (Kubernetes API)',
        unset: {
            type: "kubernetes:core/v1:Service",
            props: { metadata: { name: "api", namespace: "payments" }, spec: { ports: [{ port: 80 }] } },
        },
        explicit: {
            type: "kubernetes:core/v1:Service",
            props: {
                metadata: { name: "api", namespace: "payments" },
                spec: { type: "ClusterIP", externalIPs: [], ports: [{ port: 80 }] },
            },
        },
    },
];

describe("policies accept a provider's default written out wherever they accept the property unset", () => {
    it.each(cases.map((c) => [`${c.policy.name}: ${c.source}`, c] as const))("%s", async (_label, c) => {
        expect(await runResourcePolicy(c.policy, c.unset)).toEqual({ violations: [] });
        expect(await runResourcePolicy(c.policy, c.explicit)).toEqual({ violations: [] });
    });
});
