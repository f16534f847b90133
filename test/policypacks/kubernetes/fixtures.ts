/**
 * Realistic Kubernetes resource inputs as @pulumi/kubernetes sends them, for the Kubernetes policy
 * tests. `compliantPodSpec()` passes every pod-spec policy; each violating case changes one field.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";

/** The container name used in each list of the compliant pod spec. */
export const containerNames: Record<ContainerList, string> = {
    containers: "app",
    initContainers: "migrate",
    ephemeralContainers: "debugger",
};

export const lists: ContainerList[] = ["containers", "initContainers", "ephemeralContainers"];

function hardenedSecurityContext(): Json {
    return { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };
}

/** A pod spec that every pod-spec policy accepts. */
export function compliantPodSpec(): Json {
    return {
        serviceAccountName: "web",
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
            {
                name: "app",
                image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
                ports: [{ containerPort: 8080, name: "http" }],
                env: [
                    { name: "LOG_LEVEL", value: "info" },
                    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
                ],
                resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
                securityContext: hardenedSecurityContext(),
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
        ],
        initContainers: [
            {
                name: "migrate",
                image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/migrate:2.0.1",
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "64Mi" } },
                securityContext: hardenedSecurityContext(),
            },
        ],
        ephemeralContainers: [
            {
                name: "debugger",
                image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/busybox:1.36.1-1",
                securityContext: hardenedSecurityContext(),
            },
        ],
        volumes: [
            { name: "tmp", emptyDir: {} },
            { name: "config", configMap: { name: "web" } },
            { name: "token", projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3600 } }] } },
        ],
    };
}

/** A pod-bearing kind: its type token, how its props wrap a pod spec, and the pod spec's path. */
export interface WorkloadKind {
    type: string;
    specPath: string;
    metadataPath: string;
    wrap(spec: Json, podMetadata?: Json, namespace?: string): Json;
}

function metadata(namespace: string | undefined): Json {
    return namespace === undefined ? { name: "web" } : { name: "web", namespace };
}

const selector = { matchLabels: { app: "web" } };

function template(spec: Json, podMetadata: Json = {}): Json {
    return { metadata: { labels: { app: "web" }, ...podMetadata }, spec };
}

function templated(type: string): WorkloadKind {
    return {
        type,
        specPath: "spec.template.spec",
        metadataPath: "spec.template.metadata",
        wrap: (spec, podMetadata, namespace = "apps") => ({
            apiVersion: type.split(":")[1],
            kind: type.split(":")[2],
            metadata: metadata(namespace),
            spec: { selector, replicas: 2, template: template(spec, podMetadata) },
        }),
    };
}

function cronJob(type: string): WorkloadKind {
    return {
        type,
        specPath: "spec.jobTemplate.spec.template.spec",
        metadataPath: "spec.jobTemplate.spec.template.metadata",
        wrap: (spec, podMetadata, namespace = "apps") => ({
            metadata: metadata(namespace),
            spec: {
                schedule: "0 3 * * *",
                jobTemplate: { spec: { template: template({ restartPolicy: "Never", ...spec }, podMetadata) } },
            },
        }),
    };
}

/** The pod-bearing kinds the pod-spec tests run on (every current kind plus deprecated versions). */
export const workloadKinds: WorkloadKind[] = [
    {
        type: "kubernetes:core/v1:Pod",
        specPath: "spec",
        metadataPath: "metadata",
        wrap: (spec, podMetadata = {}, namespace = "apps") => ({ metadata: { ...metadata(namespace), ...podMetadata }, spec }),
    },
    templated("kubernetes:apps/v1:Deployment"),
    templated("kubernetes:apps/v1:StatefulSet"),
    templated("kubernetes:apps/v1:DaemonSet"),
    templated("kubernetes:apps/v1:ReplicaSet"),
    templated("kubernetes:batch/v1:Job"),
    cronJob("kubernetes:batch/v1:CronJob"),
    templated("kubernetes:core/v1:ReplicationController"),
    {
        type: "kubernetes:core/v1:PodTemplate",
        specPath: "template.spec",
        metadataPath: "template.metadata",
        wrap: (spec, podMetadata, namespace = "apps") => ({ metadata: metadata(namespace), template: template(spec, podMetadata) }),
    },
    templated("kubernetes:apps/v1beta1:Deployment"),
    templated("kubernetes:apps/v1beta2:StatefulSet"),
    templated("kubernetes:extensions/v1beta1:DaemonSet"),
    cronJob("kubernetes:batch/v1beta1:CronJob"),
    cronJob("kubernetes:batch/v2alpha1:CronJob"),
];

export const deployment = workloadKinds[1];

/** Deep copy with a change applied. */
export function changed<T extends Json>(base: T, change: (copy: T) => void): T {
    const copy = structuredClone(base);
    change(copy);
    return copy;
}
