/**
 * A generated stack of mixed AWS and Kubernetes resources in the engine's view (root Stack,
 * default providers, components with children), with realistic, compliant input shapes, for the
 * pack benchmark.
 */
import { EngineResource, defaultOptions, defaultProviderResource, rootStackResource } from "../tools/plan/engine-view";

const project = "eks-baseline";
const stack = "bench";
const stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;

const restrictedContainer = (name: string) => ({
    name,
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2",
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    securityContext: {
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    },
});

/**
 * Namespaced objects of block i (ten consecutive indexes) live in the block's own namespace (index
 * i - i % 10 + 5), declared before them with its default-deny NetworkPolicy, so the stack is
 * compliant as a whole, not only resource by resource.
 */
const namespaceOf = (i: number) => `ns-${i - (i % 10) + 5}`;

/** The one vpc-cni add-on that makes the stack's NetworkPolicies enforced (NET-6). */
const vpcCniAddon = {
    type: "aws:eks/addon:Addon",
    inputs: () => ({
        clusterName: "bench",
        addonName: "vpc-cni",
        addonVersion: "v1.19.2-eksbuild.1",
        configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
    }),
};

/** One template per kind: type token and inputs for index i. */
const templates: { type: string; inputs: (i: number) => Record<string, unknown> }[] = [
    { type: "aws:kms/key:Key", inputs: (i) => ({ description: `key ${i}`, enableKeyRotation: true, deletionWindowInDays: 30 }) },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        inputs: (i) => ({ name: `/bench/${i}`, retentionInDays: 365, kmsKeyId: `arn:aws:kms:eu-west-1:111122223333:key/${i}` }),
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        inputs: (i) => ({
            vpcId: "vpc-1",
            description: `sg ${i}`,
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }],
            egress: [],
        }),
    },
    {
        type: "aws:ec2/subnet:Subnet",
        inputs: (i) => ({ vpcId: "vpc-1", cidrBlock: `10.${Math.floor(i / 250) % 250}.${i % 250}.0/24`, mapPublicIpOnLaunch: false }),
    },
    {
        type: "aws:iam/role:Role",
        inputs: (i) => ({
            name: `role-${i}`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
            }),
        }),
    },
    {
        type: "kubernetes:core/v1:Namespace",
        inputs: (i) => ({ metadata: { name: `ns-${i}`, labels: { "pod-security.kubernetes.io/enforce": "restricted" } } }),
    },
    {
        type: "kubernetes:apps/v1:Deployment",
        inputs: (i) => ({
            metadata: { name: `app-${i}`, namespace: namespaceOf(i) },
            spec: {
                replicas: 2,
                selector: { matchLabels: { app: `app-${i}` } },
                template: {
                    metadata: { labels: { app: `app-${i}` } },
                    spec: {
                        automountServiceAccountToken: false,
                        serviceAccountName: `app-${i}`,
                        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [restrictedContainer("app"), restrictedContainer("sidecar")],
                    },
                },
            },
        }),
    },
    {
        type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        inputs: (i) => ({
            metadata: { name: "default-deny", namespace: namespaceOf(i) },
            spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
        }),
    },
    {
        type: "kubernetes:core/v1:ConfigMap",
        inputs: (i) => ({ metadata: { name: `cfg-${i}`, namespace: namespaceOf(i) }, data: { LOG_LEVEL: "info", FEATURE: "on" } }),
    },
    {
        type: "kubernetes:core/v1:ServiceAccount",
        inputs: (i) => ({ metadata: { name: `app-${i}`, namespace: namespaceOf(i) }, automountServiceAccountToken: false }),
    },
];

/**
 * What makes a resource of each kind violate, for the "many violations" variant: a key without
 * rotation, a log group kept one day without a key, SSH from anywhere, a public subnet, a
 * privileged container, a service account that mounts its token. Kinds not listed stay compliant.
 */
const violations: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
    "aws:kms/key:Key": (inputs) => ({ ...inputs, enableKeyRotation: false, deletionWindowInDays: 7 }),
    "aws:cloudwatch/logGroup:LogGroup": ({ kmsKeyId: _key, ...inputs }) => ({ ...inputs, retentionInDays: 1 }),
    "aws:ec2/securityGroup:SecurityGroup": (inputs) => ({
        ...inputs,
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    }),
    "aws:ec2/subnet:Subnet": (inputs) => ({ ...inputs, mapPublicIpOnLaunch: true }),
    "kubernetes:apps/v1:Deployment": (inputs) => {
        const copy = structuredClone(inputs) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
        copy.spec.template.spec.containers[0]!.securityContext = { privileged: true, allowPrivilegeEscalation: true };
        return copy;
    },
    "kubernetes:core/v1:ServiceAccount": (inputs) => ({ ...inputs, automountServiceAccountToken: true }),
};

/**
 * `count` resources (excluding the Stack and providers), in registration order. With
 * `violatingEvery` n, every n-th resource of a kind listed in `violations` breaks its policies.
 */
export function generateStack(count: number, options: { violatingEvery?: number } = {}): EngineResource[] {
    const resources: EngineResource[] = [rootStackResource(stackUrn, `${project}-${stack}`, {})];
    const providers = new Map<string, string>();
    let component = stackUrn;
    let componentType = "";
    for (let i = 0; resources.length - 1 - providers.size < count; i++) {
        if (i % 50 === 0) {
            componentType = `baseline:bench:Group`;
            component = `urn:pulumi:${stack}::${project}::${componentType}::group-${i / 50}`;
            resources.push({
                urn: component,
                type: componentType,
                name: `group-${i / 50}`,
                custom: false,
                parent: stackUrn,
                protect: false,
                retainOnDelete: false,
                dependencies: [],
                propertyDependencies: {},
                wireInputs: {},
                wireOutputs: {},
                inputs: {},
                options: defaultOptions(stackUrn),
            });
            continue;
        }
        const template = i === 1 ? vpcCniAddon : templates[i % templates.length]!;
        const pkg = template.type.split(":")[0]!;
        if (!providers.has(pkg)) {
            const providerUrn = `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::default`;
            providers.set(pkg, providerUrn);
            resources.push(defaultProviderResource(providerUrn, pkg, pkg === "aws" ? { region: "eu-west-1" } : {}));
        }
        const violate = options.violatingEvery && i % options.violatingEvery === 0 ? violations[template.type] : undefined;
        const inputs = violate ? violate(template.inputs(i)) : template.inputs(i);
        const name = `r${i}`;
        resources.push({
            urn: `urn:pulumi:${stack}::${project}::${componentType}$${template.type}::${name}`,
            type: template.type,
            name,
            custom: true,
            parent: component,
            providerUrn: providers.get(pkg),
            protect: false,
            retainOnDelete: false,
            dependencies: [],
            propertyDependencies: {},
            wireInputs: inputs,
            wireOutputs: inputs,
            inputs,
            options: defaultOptions(component),
        });
    }
    return resources;
}
