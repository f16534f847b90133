/**
 * No policy of the pack ever throws on any input (a throw aborts the whole preview): random and
 * malformed resources (nulls, wrong types, unknown sentinels, huge arrays, deep nesting) go to
 * every resource policy for each of its types and to every stack policy. The only error allowed
 * out is the SDK's UnknownValueError, which the run helpers turn into "can't run during preview".
 */
import { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { resetPackSettings, resourceTypesOf, setPackSettings } from "../../../policypacks/baseline/lib/policy";
import { baselinePolicies } from "../../../policypacks/baseline/policies";
import { FixtureResource, UNKNOWN, runResourcePolicy, runStackPolicy } from "../../helpers/run-policy";

const isStack = (policy: Policy): policy is StackValidationPolicy =>
    typeof (policy as StackValidationPolicy).validateStack === "function" &&
    typeof (policy as ResourceValidationPolicy).validateResource !== "function";
const resourcePolicies = baselinePolicies.filter((policy) => !isStack(policy)) as ResourceValidationPolicy[];
const stackPolicies = baselinePolicies.filter(isStack);

const stackTypes = [
    "kubernetes:core/v1:Namespace",
    "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    "aws:eks/addon:Addon",
    "aws:eks/cluster:Cluster",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:kms/key:Key",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/flowLog:FlowLog",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "kubernetes:helm.sh/v3:Release",
    "kubernetes:helm.sh/v4:Chart",
    "kubernetes:security.istio.io/v1:PeerAuthentication",
    "kubernetes:security.istio.io/v1:AuthorizationPolicy",
    "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
    "kubernetes:karpenter.sh/v1:NodePool",
    "aws:ec2/launchTemplate:LaunchTemplate",
];
const allTypes = [...new Set([...stackTypes, ...resourcePolicies.flatMap((policy) => resourceTypesOf(policy))])];

/** Property names the policies look for, so random shapes reach deep into their rules. */
const keys = fc.oneof(
    fc.constantFrom(
        "metadata",
        "name",
        "namespace",
        "labels",
        "annotations",
        "spec",
        "template",
        "jobTemplate",
        "containers",
        "initContainers",
        "ephemeralContainers",
        "securityContext",
        "privileged",
        "runAsNonRoot",
        "runAsUser",
        "capabilities",
        "add",
        "drop",
        "volumes",
        "hostPath",
        "hostNetwork",
        "image",
        "resources",
        "limits",
        "requests",
        "podSelector",
        "policyTypes",
        "ingress",
        "egress",
        "selector",
        "matchLabels",
        "mtls",
        "mode",
        "action",
        "rules",
        "vpcConfig",
        "endpointPublicAccess",
        "publicAccessCidrs",
        "cidrBlocks",
        "ipv6CidrBlocks",
        "fromPort",
        "toPort",
        "protocol",
        "policy",
        "Statement",
        "Action",
        "NotAction",
        "Resource",
        "Effect",
        "Principal",
        "Condition",
        "tags",
        "retentionInDays",
        "kmsKeyId",
        "vpcId",
        "id",
        "arn",
        "addonName",
        "configurationValues",
        "chart",
        "version",
        "repositoryOpts",
        "repo",
        "enableKeyRotation",
        "deletionWindowInDays",
        "metadataOptions",
        "httpTokens",
        "httpPutResponseHopLimit",
        "nodeClassRef",
        "amiSelectorTerms",
        "alias",
        "amiFamily",
        "blockDeviceMappings",
        "ebs",
        "associatePublicIPAddress",
        "subnetSelectorTerms",
        "ephemeralStorage",
        "kmsKeyID",
        "advancedNetworking",
        "provisioner",
        "parameters",
        "launchTemplate",
        "mixedInstancesPolicy",
        "launchTemplateSpecification",
        "overrides",
        "launchConfiguration",
        "computeConfig",
        "nodePools",
        "encrypted",
        "enabledClusterLogTypes",
        "accessConfig",
        "authenticationMode",
        "remoteAccess",
        "type",
        "externalIPs",
        "ports",
        "hostPort",
        "kind",
        "apiVersion",
        "roleRef",
        "subjects",
        "verbs",
        "apiGroups",
        "data",
        "env",
        "value",
        "logDestination",
        "logGroupName",
        "encryptionConfig",
        "kubernetesVersion",
        "imageTagMutability",
        "imageScanningConfiguration",
        "scanOnPush",
    ),
    fc.string({ maxLength: 8 }),
);
const leaf = fc.oneof(
    fc.constant(null),
    fc.constant(UNKNOWN),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
        "",
        "*",
        "0.0.0.0/0",
        "::/0",
        "10.0.0.0/8",
        "true",
        "false",
        "restricted",
        "privileged",
        "STRICT",
        "PERMISSIVE",
        "vpc-cni",
        "istiod",
        "latest",
        "nginx",
        "ALL",
        "Ingress",
        "Egress",
        '{"enableNetworkPolicy":"true"}',
        "{not json",
        "-1",
    ),
);
const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(keys, tie("value"), { maxKeys: 6 }),
    ),
}));
const props = fc.dictionary(keys, value, { maxKeys: 8 }) as fc.Arbitrary<Record<string, unknown>>;
const settings = fc.record({ mode: fc.constantFrom("crawl", "walk", "run"), unknowns: fc.constantFrom("preview", "fail") });

/** A single chain of `depth` levels through the paths policies walk (spec, template, containers). */
function deeplyNested(depth: number): Record<string, unknown> {
    let node: Record<string, unknown> = { name: UNKNOWN, securityContext: { privileged: true } };
    for (let level = 0; level < depth; level++) {
        node = level % 3 === 0 ? { spec: node } : level % 3 === 1 ? { template: node, metadata: { labels: node } } : { containers: [node] };
    }
    return node;
}

const hugeArray = (length: number) =>
    Array.from({ length }, (_, index) => ({ name: `c${index}`, image: "nginx", securityContext: { privileged: index % 2 === 0 } }));

afterEach(() => resetPackSettings());

describe("robustness of every policy", () => {
    it("has policies to test", () => {
        expect(stackPolicies.length).toBeGreaterThanOrEqual(7);
    });

    for (const policy of resourcePolicies) {
        const types = resourceTypesOf(policy).length > 0 ? resourceTypesOf(policy) : allTypes.slice(0, 5);
        it(`${policy.name} never throws on random inputs of its types`, async () => {
            await fc.assert(
                fc.asyncProperty(fc.constantFrom(...types), props, settings, async (type, randomProps, mode) => {
                    setPackSettings(mode);
                    const outcome = await runResourcePolicy(policy, { type, name: "random", props: randomProps });
                    expect(Array.isArray(outcome.violations)).toBe(true);
                }),
                { numRuns: 40 },
            );
        });

        it(`${policy.name} never throws on huge arrays, deep nesting or a non-object spec`, async () => {
            for (const type of types) {
                for (const randomProps of [
                    {
                        spec: { containers: hugeArray(2_000), template: { spec: { containers: hugeArray(2_000) } } },
                        tags: hugeArray(1_000),
                    },
                    deeplyNested(60),
                    { spec: "not an object", metadata: 7, ingress: { 0: "x" }, policy: "{not json" },
                    { spec: null, metadata: null, tags: null, policy: null },
                ]) {
                    await runResourcePolicy(policy, { type, name: "edge", props: randomProps });
                }
            }
        });
    }

    const resource = fc.record({
        type: fc.oneof(fc.constantFrom(...allTypes), fc.string({ maxLength: 20 })),
        name: fc.constantFrom("a", "b", "c", "istiod", "vpc-cni"),
        props,
        protect: fc.boolean(),
    });
    for (const policy of stackPolicies) {
        it(`${policy.name} never throws on random plans`, async () => {
            await fc.assert(
                fc.asyncProperty(
                    fc.array(resource, { maxLength: 12 }),
                    fc.array(fc.nat(11), { maxLength: 6 }),
                    fc.boolean(),
                    settings,
                    async (resources, edges, production, mode) => {
                        setPackSettings(mode);
                        const plan: FixtureResource[] = resources.map((item, index) => ({
                            ...item,
                            name: `${item.name}${index}`,
                            dependencies: edges
                                .filter((edge) => edge < resources.length)
                                .map((edge) => `urn:pulumi:test::baseline::${resources[edge].type}::${resources[edge].name}${edge}`),
                        }));
                        const outcome = await runStackPolicy(policy, plan, { production });
                        expect(Array.isArray(outcome.violations)).toBe(true);
                    },
                ),
                { numRuns: 40 },
            );
        });

        it(`${policy.name} never throws on a plan of huge and deeply nested resources`, async () => {
            const plan: FixtureResource[] = stackTypes.flatMap((type, index) => [
                {
                    type,
                    name: `huge${index}`,
                    props: { metadata: { name: "apps", labels: hugeArray(500) }, spec: { rules: hugeArray(500) } },
                },
                { type, name: `deep${index}`, props: deeplyNested(60) },
                { type, name: `null${index}`, props: { metadata: null, spec: null, name: null, vpcId: null } },
            ]);
            await runStackPolicy(policy, plan, { production: true });
        });
    }
});
