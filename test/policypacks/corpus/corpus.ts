/**
 * A third-party-style corpus of secure and insecure resources, written the way other teams and
 * upstream examples write them (Kubernetes docs, Bitnami charts rendered by helm.v4.Chart,
 * @pulumi/aws 7 programs), not in the shapes of this pack's own fixtures. Every entry names the
 * exact set of pack policies that must fire on it: an empty set means the resource is secure.
 */
import { FixtureResource } from "../../helpers/run-policy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface CorpusEntry {
    name: string;
    resource: FixtureResource;
    /** Exactly the policies that must report on the resource (empty: secure). */
    fires: string[];
}

const ecrImage = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.25.3";

/**
 * The Pod Security Standards "restricted" pod, hardened the way the Kubernetes docs' security
 * context task does it, plus the catalogue's best practice (own namespace and service account,
 * no token, read-only root, requests and a memory limit, allow-listed registry).
 */
function restrictedPodSpec(): Json {
    return {
        serviceAccountName: "web",
        automountServiceAccountToken: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 3000,
            fsGroup: 2000,
            seccompProfile: { type: "RuntimeDefault" },
        },
        containers: [
            {
                name: "web",
                image: ecrImage,
                ports: [{ containerPort: 8080, name: "http", protocol: "TCP" }],
                securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ["ALL"] },
                },
                resources: { requests: { cpu: "250m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                livenessProbe: { httpGet: { path: "/healthz", port: "http" } },
            },
        ],
        volumes: [{ name: "tmp", emptyDir: {} }],
    };
}

function deployment(mutate: (spec: Json, deploymentObject: Json) => void = () => undefined): FixtureResource {
    const spec = restrictedPodSpec();
    const object: Json = {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "shop", labels: { "app.kubernetes.io/name": "web" } },
        spec: {
            replicas: 3,
            selector: { matchLabels: { "app.kubernetes.io/name": "web" } },
            template: { metadata: { labels: { "app.kubernetes.io/name": "web" } }, spec },
        },
    };
    mutate(spec, object);
    return { type: "kubernetes:apps/v1:Deployment", name: "web", props: object };
}

const web = (spec: Json): Json => spec.containers[0];

/** A Bitnami PostgreSQL primary StatefulSet as helm.v4.Chart renders it (values hardened, image mirrored). */
function bitnamiStatefulSet(): FixtureResource {
    return {
        type: "kubernetes:apps/v1:StatefulSet",
        name: "data/postgresql",
        props: {
            apiVersion: "apps/v1",
            kind: "StatefulSet",
            metadata: {
                name: "postgresql",
                namespace: "data",
                labels: {
                    "app.kubernetes.io/instance": "postgresql",
                    "app.kubernetes.io/managed-by": "Helm",
                    "helm.sh/chart": "postgresql-16.2.1",
                },
            },
            spec: {
                replicas: 1,
                serviceName: "postgresql-hl",
                podManagementPolicy: "",
                updateStrategy: { rollingUpdate: {}, type: "RollingUpdate" },
                selector: { matchLabels: { "app.kubernetes.io/instance": "postgresql", "app.kubernetes.io/component": "primary" } },
                template: {
                    metadata: { labels: { "app.kubernetes.io/instance": "postgresql", "app.kubernetes.io/component": "primary" } },
                    spec: {
                        serviceAccountName: "postgresql",
                        automountServiceAccountToken: false,
                        affinity: { podAffinity: null, nodeAffinity: null },
                        securityContext: { fsGroup: 1001, fsGroupChangePolicy: "Always", supplementalGroups: [], sysctls: [] },
                        hostNetwork: false,
                        hostIPC: false,
                        containers: [
                            {
                                name: "postgresql",
                                image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/bitnami/postgresql:16.4.0-debian-12-r14",
                                imagePullPolicy: "IfNotPresent",
                                securityContext: {
                                    allowPrivilegeEscalation: false,
                                    capabilities: { drop: ["ALL"] },
                                    privileged: false,
                                    readOnlyRootFilesystem: true,
                                    runAsGroup: 1001,
                                    runAsNonRoot: true,
                                    runAsUser: 1001,
                                    seLinuxOptions: {},
                                    seccompProfile: { type: "RuntimeDefault" },
                                },
                                env: [
                                    { name: "BITNAMI_DEBUG", value: "false" },
                                    { name: "POSTGRESQL_PORT_NUMBER", value: "5432" },
                                    { name: "POSTGRESQL_VOLUME_DIR", value: "/bitnami/postgresql" },
                                    { name: "PGDATA", value: "/bitnami/postgresql/data" },
                                    { name: "POSTGRES_PASSWORD_FILE", value: "/opt/bitnami/postgresql/secrets/postgres-password" },
                                    { name: "POSTGRESQL_ENABLE_LDAP", value: "no" },
                                    { name: "POSTGRESQL_ENABLE_TLS", value: "no" },
                                    { name: "POSTGRESQL_LOG_HOSTNAME", value: "false" },
                                    { name: "POSTGRESQL_PGAUDIT_LOG_CATALOG", value: "off" },
                                    { name: "POSTGRESQL_CLIENT_MIN_MESSAGES", value: "error" },
                                    { name: "POSTGRESQL_SHARED_PRELOAD_LIBRARIES", value: "pgaudit" },
                                ],
                                ports: [{ name: "tcp-postgresql", containerPort: 5432 }],
                                resources: {
                                    requests: { cpu: "100m", "ephemeral-storage": "50Mi", memory: "128Mi" },
                                    limits: { cpu: "150m", "ephemeral-storage": "2Gi", memory: "192Mi" },
                                },
                                volumeMounts: [
                                    { name: "empty-dir", mountPath: "/tmp", subPath: "tmp-dir" },
                                    { name: "postgresql-password", mountPath: "/opt/bitnami/postgresql/secrets/" },
                                    { name: "dshm", mountPath: "/dev/shm" },
                                    { name: "data", mountPath: "/bitnami/postgresql" },
                                ],
                            },
                        ],
                        volumes: [
                            { name: "empty-dir", emptyDir: {} },
                            { name: "postgresql-password", secret: { secretName: "postgresql" } },
                            { name: "dshm", emptyDir: { medium: "Memory" } },
                        ],
                    },
                },
                volumeClaimTemplates: [
                    {
                        apiVersion: "v1",
                        kind: "PersistentVolumeClaim",
                        metadata: { name: "data" },
                        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "8Gi" } } },
                    },
                ],
            },
        },
    };
}

function cronJob(): FixtureResource {
    const spec = restrictedPodSpec();
    spec.restartPolicy = "OnFailure";
    spec.serviceAccountName = "report";
    web(spec).name = "report";
    web(spec).image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/report:2024.11.1";
    web(spec).command = ["/report", "--daily"];
    delete web(spec).ports;
    delete web(spec).livenessProbe;
    return {
        type: "kubernetes:batch/v1:CronJob",
        name: "report",
        props: {
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: { name: "report", namespace: "finance" },
            spec: {
                schedule: "0 3 * * *",
                concurrencyPolicy: "Forbid",
                jobTemplate: { spec: { backoffLimit: 2, template: { metadata: {}, spec } } },
            },
        },
    };
}

/** A pod where only the pod-level securityContext sets the shared fields (runAsNonRoot, seccomp). */
function podLevelOnlyPod(): FixtureResource {
    return {
        type: "kubernetes:core/v1:Pod",
        name: "pod-level",
        props: {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "pod-level", namespace: "shop" },
            spec: {
                serviceAccountName: "pod-level",
                automountServiceAccountToken: false,
                securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: "RuntimeDefault" } },
                containers: [
                    {
                        name: "app",
                        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/agnhost:2.52",
                        args: ["netexec", "--http-port=8080"],
                        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                        resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "32Mi" } },
                    },
                ],
            },
        },
    };
}

function pod(mutate: (spec: Json) => void): FixtureResource {
    const resource = podLevelOnlyPod();
    mutate(resource.props.spec);
    return resource;
}

/** prometheus-node-exporter DaemonSet as the community chart renders it. */
function nodeExporter(): FixtureResource {
    return {
        type: "kubernetes:apps/v1:DaemonSet",
        name: "monitoring/node-exporter",
        props: {
            apiVersion: "apps/v1",
            kind: "DaemonSet",
            metadata: { name: "node-exporter", namespace: "monitoring" },
            spec: {
                selector: { matchLabels: { app: "node-exporter" } },
                template: {
                    metadata: { labels: { app: "node-exporter" } },
                    spec: {
                        serviceAccountName: "node-exporter",
                        automountServiceAccountToken: false,
                        securityContext: { fsGroup: 65534, runAsGroup: 65534, runAsNonRoot: true, runAsUser: 65534 },
                        hostNetwork: true,
                        hostPID: true,
                        containers: [
                            {
                                name: "node-exporter",
                                image: "quay.io/prometheus/node-exporter:v1.8.2",
                                args: ["--path.procfs=/host/proc", "--path.sysfs=/host/sys", "--path.rootfs=/host/root"],
                                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
                                ports: [{ name: "http-metrics", containerPort: 9100, hostPort: 9100, protocol: "TCP" }],
                                volumeMounts: [
                                    { name: "proc", mountPath: "/host/proc", readOnly: true },
                                    { name: "sys", mountPath: "/host/sys", readOnly: true },
                                ],
                            },
                        ],
                        volumes: [
                            { name: "proc", hostPath: { path: "/proc" } },
                            { name: "sys", hostPath: { path: "/sys" } },
                        ],
                    },
                },
            },
        },
    };
}

function k8s(type: string, name: string, props: Json): FixtureResource {
    return { type, name, props };
}

const restrictedNamespace = (name: string): Json => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
        name,
        labels: { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" },
    },
});

export const kubernetesCorpus: CorpusEntry[] = [
    // Workloads: the hardened base and one insecure change at a time.
    { name: "restricted Deployment (Kubernetes docs + catalogue best practice)", resource: deployment(), fires: [] },
    {
        name: "Deployment adding NET_BIND_SERVICE back",
        resource: deployment((spec) => (web(spec).securityContext.capabilities.add = ["NET_BIND_SERVICE"])),
        fires: [],
    },
    {
        name: "Deployment with seccomp and runAsNonRoot on the container only",
        resource: deployment((spec) => {
            spec.securityContext = { fsGroup: 2000 };
            Object.assign(web(spec).securityContext, { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } });
        }),
        fires: [],
    },
    {
        name: "Deployment with Localhost seccomp and RuntimeDefault AppArmor",
        resource: deployment((spec) => {
            spec.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/audit.json" };
            spec.securityContext.appArmorProfile = { type: "RuntimeDefault" };
        }),
        fires: [],
    },
    {
        name: "Deployment with an explicit false/zero for every host field",
        resource: deployment((spec) => {
            Object.assign(spec, { hostNetwork: false, hostPID: false, hostIPC: false });
            web(spec).securityContext.privileged = false;
        }),
        fires: [],
    },
    {
        name: "privileged container",
        resource: deployment((spec) => (web(spec).securityContext.privileged = true)),
        fires: ["k8s-pod-no-privileged"],
    },
    {
        name: "allowPrivilegeEscalation left unset",
        resource: deployment((spec) => delete web(spec).securityContext.allowPrivilegeEscalation),
        fires: ["k8s-pod-no-privilege-escalation"],
    },
    {
        name: "capability SYS_ADMIN added",
        resource: deployment((spec) => (web(spec).securityContext.capabilities.add = ["SYS_ADMIN"])),
        fires: ["k8s-pod-drop-all-capabilities"],
    },
    {
        name: "capabilities not dropped",
        resource: deployment((spec) => delete web(spec).securityContext.capabilities),
        fires: ["k8s-pod-drop-all-capabilities"],
    },
    {
        name: "runAsNonRoot unset everywhere",
        resource: deployment((spec) => delete spec.securityContext.runAsNonRoot),
        fires: ["k8s-pod-run-as-non-root"],
    },
    {
        name: "container runAsUser 0",
        resource: deployment((spec) => {
            delete spec.securityContext.runAsNonRoot;
            web(spec).securityContext.runAsUser = 0;
        }),
        fires: ["k8s-pod-run-as-non-root"],
    },
    {
        name: "container runAsNonRoot false overriding the pod's true",
        resource: deployment((spec) => (web(spec).securityContext.runAsNonRoot = false)),
        fires: ["k8s-pod-run-as-non-root"],
    },
    {
        name: "pod runAsNonRoot false even though the container sets true (PSS: pod-level false is forbidden)",
        resource: deployment((spec) => {
            spec.securityContext.runAsNonRoot = false;
            web(spec).securityContext.runAsNonRoot = true;
        }),
        fires: ["k8s-pod-run-as-non-root"],
    },
    {
        name: "seccomp unset everywhere",
        resource: deployment((spec) => delete spec.securityContext.seccompProfile),
        fires: ["k8s-pod-seccomp-profile"],
    },
    {
        name: "container seccomp Unconfined",
        resource: deployment((spec) => (web(spec).securityContext.seccompProfile = { type: "Unconfined" })),
        fires: ["k8s-pod-seccomp-profile"],
    },
    {
        name: "AppArmor Unconfined annotation",
        resource: deployment((_spec, object) => {
            object.spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/web": "unconfined" };
        }),
        fires: ["k8s-pod-apparmor-profile"],
    },
    {
        name: "SELinux type spc_t",
        resource: deployment((spec) => (web(spec).securityContext.seLinuxOptions = { type: "spc_t" })),
        fires: ["k8s-pod-selinux-options"],
    },
    {
        name: "unsafe sysctl",
        resource: deployment((spec) => (spec.securityContext.sysctls = [{ name: "kernel.msgmax", value: "65536" }])),
        fires: ["k8s-pod-safe-sysctls"],
    },
    {
        name: "safe sysctl",
        resource: deployment((spec) => (spec.securityContext.sysctls = [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }])),
        fires: [],
    },
    {
        name: "procMount Unmasked",
        resource: deployment((spec) => (web(spec).securityContext.procMount = "Unmasked")),
        fires: ["k8s-pod-default-proc-mount"],
    },
    { name: "hostNetwork", resource: deployment((spec) => (spec.hostNetwork = true)), fires: ["k8s-pod-no-host-access"] },
    { name: "hostPID", resource: deployment((spec) => (spec.hostPID = true)), fires: ["k8s-pod-no-host-access"] },
    { name: "hostIPC", resource: deployment((spec) => (spec.hostIPC = true)), fires: ["k8s-pod-no-host-access"] },
    { name: "hostPort", resource: deployment((spec) => (web(spec).ports[0].hostPort = 8080)), fires: ["k8s-pod-no-host-access"] },
    {
        name: "hostPath volume",
        resource: deployment((spec) => spec.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock", type: "Socket" } })),
        fires: ["k8s-pod-restricted-volumes"],
    },
    {
        name: "readOnlyRootFilesystem false",
        resource: deployment((spec) => (web(spec).securityContext.readOnlyRootFilesystem = false)),
        fires: ["k8s-pod-read-only-root-filesystem"],
    },
    {
        name: "readOnlyRootFilesystem unset",
        resource: deployment((spec) => delete web(spec).securityContext.readOnlyRootFilesystem),
        fires: ["k8s-pod-read-only-root-filesystem"],
    },
    { name: "no resources", resource: deployment((spec) => delete web(spec).resources), fires: ["k8s-pod-resources-set"] },
    {
        name: "limits only (requests default to the limits)",
        resource: deployment((spec) => (web(spec).resources = { limits: { cpu: "500m", memory: "128Mi" } })),
        fires: [],
    },
    {
        name: "requests without a memory limit",
        resource: deployment((spec) => (web(spec).resources = { requests: { cpu: "250m", memory: "64Mi" } })),
        fires: ["k8s-pod-resources-set"],
    },
    { name: "image nginx:latest", resource: deployment((spec) => (web(spec).image = "nginx:latest")), fires: ["k8s-pod-image-allowed"] },
    {
        name: "allow-listed image without a tag",
        resource: deployment((spec) => (web(spec).image = "registry.k8s.io/sig-storage/livenessprobe")),
        fires: ["k8s-pod-image-allowed"],
    },
    {
        name: "allow-listed image with a digest",
        resource: deployment((spec) => (web(spec).image = `registry.k8s.io/sig-storage/livenessprobe@sha256:${"9".repeat(64)}`)),
        fires: [],
    },
    {
        name: "image from another AWS account's ECR (WL-10)",
        resource: deployment((spec) => (web(spec).image = "210987654321.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.25.3")),
        fires: ["k8s-pod-image-allowed"],
    },
    {
        name: "image from another publisher on ECR Public (WL-10)",
        resource: deployment((spec) => (web(spec).image = "public.ecr.aws/bitnami/nginx:1.27.3")),
        fires: ["k8s-pod-image-allowed"],
    },
    {
        name: "namespace default",
        resource: deployment((_spec, object) => (object.metadata.namespace = "default")),
        fires: ["k8s-workload-not-in-default-namespace"],
    },
    {
        name: "namespace missing (provider default)",
        resource: deployment((_spec, object) => delete object.metadata.namespace),
        fires: ["k8s-workload-not-in-default-namespace"],
    },
    {
        name: "automountServiceAccountToken true",
        resource: deployment((spec) => (spec.automountServiceAccountToken = true)),
        fires: ["k8s-pod-service-account-token"],
    },
    {
        name: "default service account",
        resource: deployment((spec) => (spec.serviceAccountName = "default")),
        fires: ["k8s-pod-service-account-token"],
    },
    {
        name: "literal password in env",
        resource: deployment((spec) => (web(spec).env = [{ name: "DB_PASSWORD", value: "s3cr3t-Pa55" }])),
        fires: ["k8s-pod-no-secret-env"],
    },
    {
        name: "env settings that only mention secrets",
        resource: deployment((spec) => {
            web(spec).env = [
                { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
                { name: "DB_PASSWORD_FILE", value: "/var/run/secrets/db/password" },
                { name: "TOKEN_AUDIENCE", value: "sts.amazonaws.com" },
                { name: "AWS_WEB_IDENTITY_TOKEN_FILE", value: "/var/run/secrets/eks.amazonaws.com/serviceaccount/token" },
                { name: "SECRETS_BACKEND", value: "aws-secrets-manager" },
                { name: "PASSWORD_HASH_ALGORITHM", value: "argon2id" },
                { name: "TOKENIZER", value: "cl100k_base" },
            ];
        }),
        fires: [],
    },
    {
        name: "init container without a security context",
        resource: deployment((spec) => {
            spec.initContainers = [
                {
                    name: "init",
                    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/busybox:1.36",
                    command: ["sh", "-c", "true"],
                    resources: { limits: { cpu: "10m", memory: "16Mi" } },
                },
            ];
        }),
        fires: ["k8s-pod-no-privilege-escalation", "k8s-pod-drop-all-capabilities", "k8s-pod-read-only-root-filesystem"],
    },
    { name: "Bitnami-style PostgreSQL StatefulSet (helm.v4.Chart, hardened values)", resource: bitnamiStatefulSet(), fires: [] },
    { name: "hardened CronJob", resource: cronJob(), fires: [] },
    { name: "Pod with only pod-level runAsNonRoot and seccomp", resource: podLevelOnlyPod(), fires: [] },
    {
        name: "Pod whose container overrides seccomp to Unconfined",
        resource: pod((spec) => (spec.containers[0].securityContext.seccompProfile = { type: "Unconfined" })),
        fires: ["k8s-pod-seccomp-profile"],
    },
    {
        name: "Pod whose container overrides runAsUser to 0",
        resource: pod((spec) => (spec.containers[0].securityContext.runAsUser = 0)),
        fires: ["k8s-pod-run-as-non-root"],
    },
    {
        name: "Pod with ephemeral debug container without a security context",
        resource: pod(
            (spec) =>
                (spec.ephemeralContainers = [
                    {
                        name: "debugger",
                        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/busybox:1.36.1-1",
                        stdin: true,
                        tty: true,
                    },
                ]),
        ),
        fires: ["k8s-pod-no-privilege-escalation", "k8s-pod-drop-all-capabilities", "k8s-pod-read-only-root-filesystem"],
    },
    {
        name: "Windows pod (Linux-only restricted controls do not apply)",
        resource: pod((spec) => {
            spec.os = { name: "windows" };
            spec.securityContext = { runAsNonRoot: true, windowsOptions: { runAsUserName: "ContainerUser" } };
            spec.containers[0].securityContext = {};
            spec.containers[0].image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/agnhost:2.52";
        }),
        fires: [],
    },
    {
        name: "node-exporter DaemonSet (hostNetwork, hostPID, hostPort, hostPath, quay.io)",
        resource: nodeExporter(),
        fires: [
            "k8s-pod-no-host-access",
            "k8s-pod-restricted-volumes",
            "k8s-pod-image-allowed",
            "k8s-pod-seccomp-profile",
            "k8s-pod-drop-all-capabilities",
            "k8s-pod-resources-set",
        ],
    },
    {
        name: "bare Pod from a tutorial (no security context at all)",
        resource: k8s("kubernetes:core/v1:Pod", "nginx", {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "nginx" },
            spec: { containers: [{ name: "nginx", image: "nginx:1.14.2", ports: [{ containerPort: 80 }] }] },
        }),
        fires: [
            "k8s-pod-no-privilege-escalation",
            "k8s-pod-drop-all-capabilities",
            "k8s-pod-run-as-non-root",
            "k8s-pod-seccomp-profile",
            "k8s-pod-read-only-root-filesystem",
            "k8s-pod-resources-set",
            "k8s-pod-image-allowed",
            "k8s-workload-not-in-default-namespace",
            "k8s-pod-service-account-token",
        ],
    },

    // RBAC
    {
        name: "Role with * verbs",
        resource: k8s("kubernetes:rbac.authorization.k8s.io/v1:Role", "pod-admin", {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "Role",
            metadata: { name: "pod-admin", namespace: "shop" },
            rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }],
        }),
        fires: ["k8s-rbac-role-least-privilege"],
    },
    {
        name: "read-only Role",
        resource: k8s("kubernetes:rbac.authorization.k8s.io/v1:Role", "pod-reader", {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "Role",
            metadata: { name: "pod-reader", namespace: "shop" },
            rules: [
                { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] },
                { apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"], verbs: ["get"] },
            ],
        }),
        fires: [],
    },
    {
        name: "aggregated ClusterRole (rules filled in by the controller)",
        resource: k8s("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "monitoring", {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRole",
            metadata: { name: "monitoring" },
            aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }] },
            rules: [],
        }),
        fires: [],
    },
    {
        name: "ClusterRole that can impersonate users",
        resource: k8s("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "impersonator", {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRole",
            metadata: { name: "impersonator" },
            rules: [{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }],
        }),
        fires: ["k8s-rbac-role-least-privilege"],
    },
    {
        name: "ClusterRoleBinding of cluster-admin to a user",
        resource: k8s("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "alice-admin", {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRoleBinding",
            metadata: { name: "alice-admin" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "alice@example.com" }],
        }),
        fires: ["k8s-rbac-binding-no-cluster-admin"],
    },
    {
        name: "RoleBinding of the built-in view ClusterRole to a group",
        resource: k8s("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "devs-view", {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "RoleBinding",
            metadata: { name: "devs-view", namespace: "shop" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "oidc:shop-developers" }],
        }),
        fires: [],
    },
    {
        name: "ClusterRoleBinding granting system:unauthenticated the view role",
        resource: k8s("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "anon-view", {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRoleBinding",
            metadata: { name: "anon-view" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
            subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:unauthenticated" }],
        }),
        fires: ["k8s-rbac-binding-no-anonymous"],
    },

    // Services, config, service accounts, namespaces
    {
        name: "Service of type LoadBalancer",
        resource: k8s("kubernetes:core/v1:Service", "web-lb", {
            apiVersion: "v1",
            kind: "Service",
            metadata: {
                name: "web",
                namespace: "shop",
                annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" },
            },
            spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ port: 443, targetPort: 8443 }] },
        }),
        // No aws-load-balancer-type "external": the in-tree controller ignores the scheme annotation and makes it public (NET-11).
        fires: ["k8s-service-exposure-restricted", "k8s-service-internet-facing-restricted"],
    },
    {
        name: "ClusterIP Service",
        resource: k8s("kubernetes:core/v1:Service", "web", {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "web", namespace: "shop" },
            spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }] },
        }),
        fires: [],
    },
    {
        name: "ConfigMap with a password",
        resource: k8s("kubernetes:core/v1:ConfigMap", "db-config", {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "db-config", namespace: "shop" },
            data: { DB_HOST: "db.shop.svc", DB_USER: "app", DB_PASSWORD: "hunter2" },
        }),
        fires: ["k8s-configmap-no-secrets"],
    },
    {
        name: "ConfigMap with an embedded properties file holding a password",
        resource: k8s("kubernetes:core/v1:ConfigMap", "app-props", {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "app-props", namespace: "shop" },
            data: {
                "application.properties": "spring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.password=Sup3rS3cret\n",
            },
        }),
        fires: ["k8s-configmap-no-secrets"],
    },
    {
        name: "ConfigMap with ordinary settings",
        resource: k8s("kubernetes:core/v1:ConfigMap", "web-config", {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "web-config", namespace: "shop" },
            data: {
                LOG_LEVEL: "info",
                "nginx.conf": "server {\n  listen 8080;\n  location / { proxy_pass http://127.0.0.1:3000; }\n}\n",
                SECRETS_STORE_PROVIDER: "aws",
                TOKEN_ENDPOINT: "https://auth.example.com/oauth2/token",
                PASSWORD_MIN_LENGTH: "12",
                PASSWORD_POLICY: "strong",
                "oidc.tokenIssuer": "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
            },
        }),
        fires: [],
    },
    {
        name: "ServiceAccount that disables token automount",
        resource: k8s("kubernetes:core/v1:ServiceAccount", "web-sa", {
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: {
                name: "web",
                namespace: "shop",
                annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/web" },
            },
            automountServiceAccountToken: false,
        }),
        fires: [],
    },
    {
        name: "ServiceAccount with the default automount",
        resource: k8s("kubernetes:core/v1:ServiceAccount", "legacy-sa", {
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: { name: "legacy", namespace: "shop" },
        }),
        fires: ["k8s-service-account-no-token-automount"],
    },
    {
        name: "Namespace enforcing restricted",
        resource: k8s("kubernetes:core/v1:Namespace", "shop", restrictedNamespace("shop")),
        fires: [],
    },
    {
        name: "Namespace without Pod Security labels",
        resource: k8s("kubernetes:core/v1:Namespace", "legacy", { apiVersion: "v1", kind: "Namespace", metadata: { name: "legacy" } }),
        fires: ["k8s-namespace-pod-security-restricted"],
    },
    {
        name: "Namespace enforcing privileged",
        resource: k8s("kubernetes:core/v1:Namespace", "tools", {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: "tools", labels: { "pod-security.kubernetes.io/enforce": "privileged" } },
        }),
        fires: ["k8s-namespace-pod-security-restricted"],
    },
    {
        name: "default-deny NetworkPolicy",
        resource: k8s("kubernetes:networking.k8s.io/v1:NetworkPolicy", "default-deny", {
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: { name: "default-deny", namespace: "shop" },
            spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
        }),
        fires: [],
    },

    // Istio
    {
        name: "PeerAuthentication PERMISSIVE",
        resource: k8s("kubernetes:security.istio.io/v1beta1:PeerAuthentication", "permissive", {
            apiVersion: "security.istio.io/v1beta1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "shop" },
            spec: { mtls: { mode: "PERMISSIVE" } },
        }),
        fires: ["k8s-istio-peer-authentication-strict"],
    },
    {
        name: "PeerAuthentication with a DISABLE port override",
        resource: k8s("kubernetes:security.istio.io/v1:PeerAuthentication", "metrics-port", {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "web", namespace: "shop" },
            spec: { selector: { matchLabels: { app: "web" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "9090": { mode: "DISABLE" } } },
        }),
        fires: ["k8s-istio-peer-authentication-strict"],
    },
    {
        // The node class most Karpenter getting-started templates ship: AL2023, and IMDS opened to pods.
        name: "Karpenter EC2NodeClass on AL2023 with httpTokens optional and hop limit 2",
        resource: k8s("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "default-nodeclass", {
            apiVersion: "karpenter.k8s.aws/v1",
            kind: "EC2NodeClass",
            metadata: { name: "default" },
            spec: {
                role: "KarpenterNodeRole-demo",
                amiSelectorTerms: [{ alias: "al2023@latest" }],
                subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "demo" } }],
                securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "demo" } }],
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: "30Gi", volumeType: "gp3", encrypted: true } }],
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpProtocolIPv6: "disabled",
                    httpPutResponseHopLimit: 2,
                    httpTokens: "optional",
                },
            },
        }),
        fires: ["k8s-karpenter-node-class-hardened"],
    },
    {
        // Karpenter's Bottlerocket example: alias, default IMDS and default (encrypted) block devices.
        name: "Karpenter EC2NodeClass on Bottlerocket with Karpenter's defaults",
        resource: k8s("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "bottlerocket", {
            apiVersion: "karpenter.k8s.aws/v1",
            kind: "EC2NodeClass",
            metadata: { name: "bottlerocket" },
            spec: {
                role: "KarpenterNodeRole-demo",
                amiSelectorTerms: [{ alias: "bottlerocket@latest" }],
                subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "demo" } }],
                securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "demo" } }],
            },
        }),
        fires: [],
    },
    {
        // The EBS CSI driver's own example StorageClass, as written in many blog posts.
        name: "default gp2 StorageClass of the EBS CSI driver with encrypted 'true'",
        resource: k8s("kubernetes:storage.k8s.io/v1:StorageClass", "gp2-encrypted", {
            apiVersion: "storage.k8s.io/v1",
            kind: "StorageClass",
            metadata: { name: "gp2-encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp2", fsType: "ext4", encrypted: "true" },
            volumeBindingMode: "WaitForFirstConsumer",
            reclaimPolicy: "Delete",
        }),
        fires: [],
    },
    {
        name: "EBS CSI StorageClass without encryption (the driver's bare example)",
        resource: k8s("kubernetes:storage.k8s.io/v1:StorageClass", "ebs-sc", {
            apiVersion: "storage.k8s.io/v1",
            kind: "StorageClass",
            metadata: { name: "ebs-sc" },
            provisioner: "ebs.csi.aws.com",
            volumeBindingMode: "WaitForFirstConsumer",
        }),
        fires: ["k8s-storage-class-ebs-encrypted"],
    },
    {
        name: "PeerAuthentication STRICT",
        resource: k8s("kubernetes:security.istio.io/v1:PeerAuthentication", "strict", {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "shop" },
            spec: { mtls: { mode: "STRICT" } },
        }),
        fires: [],
    },
    {
        name: "AuthorizationPolicy allow-all",
        resource: k8s("kubernetes:security.istio.io/v1:AuthorizationPolicy", "allow-all", {
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-all", namespace: "shop" },
            spec: { rules: [{}] },
        }),
        fires: ["k8s-istio-authorization-no-allow-all"],
    },
    {
        name: "AuthorizationPolicy allowing one caller",
        resource: k8s("kubernetes:security.istio.io/v1:AuthorizationPolicy", "web-from-frontend", {
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "web", namespace: "shop" },
            spec: {
                selector: { matchLabels: { app: "web" } },
                action: "ALLOW",
                rules: [
                    {
                        from: [{ source: { principals: ["cluster.local/ns/shop/sa/frontend"] } }],
                        to: [{ operation: { methods: ["GET"], paths: ["/api/*"] } }],
                    },
                ],
            },
        }),
        fires: [],
    },
    {
        name: "AuthorizationPolicy allow-nothing",
        resource: k8s("kubernetes:security.istio.io/v1:AuthorizationPolicy", "allow-nothing", {
            apiVersion: "security.istio.io/v1",
            kind: "AuthorizationPolicy",
            metadata: { name: "allow-nothing", namespace: "istio-system" },
            spec: {},
        }),
        fires: [],
    },
];

// ------------------------------------------------------------------------------------------
// AWS (@pulumi/aws 7 input shapes)

function aws(type: string, name: string, props: Json): FixtureResource {
    return { type, name, props };
}

const hardenedCluster: Json = {
    name: "prod",
    roleArn: "arn:aws:iam::123456789012:role/prod-cluster",
    version: "1.33",
    vpcConfig: { subnetIds: ["subnet-0a1", "subnet-0b2"], endpointPrivateAccess: true, endpointPublicAccess: false },
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    encryptionConfig: {
        resources: ["secrets"],
        provider: { keyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    },
};

const adminDocument = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };

export const awsCorpus: CorpusEntry[] = [
    {
        name: "EKS cluster with provider defaults",
        resource: aws("aws:eks/cluster:Cluster", "defaults", {
            roleArn: "arn:aws:iam::123456789012:role/eks",
            vpcConfig: { subnetIds: ["subnet-0a1", "subnet-0b2"] },
        }),
        fires: [
            "eks-cluster-endpoint-private",
            "eks-cluster-access-entries",
            "eks-cluster-logs-all-types",
            "eks-cluster-secrets-encryption",
            "eks-cluster-version-minimum",
        ],
    },
    { name: "hardened EKS cluster", resource: aws("aws:eks/cluster:Cluster", "prod", hardenedCluster), fires: [] },
    {
        name: "EKS cluster with a public endpoint open to the world",
        resource: aws("aws:eks/cluster:Cluster", "public", {
            ...hardenedCluster,
            vpcConfig: {
                subnetIds: ["subnet-0a1"],
                endpointPrivateAccess: true,
                endpointPublicAccess: true,
                publicAccessCidrs: ["0.0.0.0/0"],
            },
        }),
        fires: ["eks-cluster-endpoint-private"],
    },
    {
        name: "security group with HTTPS ingress from 0.0.0.0/0",
        resource: aws("aws:ec2/securityGroup:SecurityGroup", "web", {
            vpcId: "vpc-0abc",
            description: "web",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        }),
        fires: ["security-group-no-ingress-from-anywhere"],
    },
    {
        name: "security group with IPv6 ingress from ::/0",
        resource: aws("aws:ec2/securityGroup:SecurityGroup", "web6", {
            vpcId: "vpc-0abc",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }],
        }),
        fires: ["security-group-no-ingress-from-anywhere"],
    },
    {
        name: "security group with VPC-only ingress and open egress",
        resource: aws("aws:ec2/securityGroup:SecurityGroup", "internal", {
            vpcId: "vpc-0abc",
            ingress: [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] },
                { protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: ["sg-0123"] },
                { protocol: "-1", fromPort: 0, toPort: 0, self: true },
            ],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
        }),
        fires: [],
    },
    {
        name: "security group rule of type egress to 0.0.0.0/0",
        resource: aws("aws:ec2/securityGroupRule:SecurityGroupRule", "egress", {
            type: "egress",
            securityGroupId: "sg-0123",
            protocol: "-1",
            fromPort: 0,
            toPort: 0,
            cidrBlocks: ["0.0.0.0/0"],
        }),
        fires: [],
    },
    {
        name: "security group rule of type ingress from 0.0.0.0/0 on SSH",
        resource: aws("aws:ec2/securityGroupRule:SecurityGroupRule", "ssh", {
            type: "ingress",
            securityGroupId: "sg-0123",
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlocks: ["0.0.0.0/0"],
        }),
        fires: ["security-group-no-ingress-from-anywhere"],
    },
    {
        name: "VPC ingress rule from ::/0",
        resource: aws("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "https6", {
            securityGroupId: "sg-0123",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv6: "::/0",
        }),
        fires: ["security-group-no-ingress-from-anywhere"],
    },
    {
        name: "VPC egress rule to 0.0.0.0/0",
        resource: aws("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "all-out", {
            securityGroupId: "sg-0123",
            ipProtocol: "-1",
            cidrIpv4: "0.0.0.0/0",
        }),
        fires: [],
    },
    {
        name: "KMS key with enableKeyRotation unset",
        resource: aws("aws:kms/key:Key", "data", { description: "data key", deletionWindowInDays: 30 }),
        fires: ["kms-key-rotation"],
    },
    {
        name: "KMS key with rotation and the default deletion window",
        resource: aws("aws:kms/key:Key", "rotated", { description: "rotated", enableKeyRotation: true }),
        fires: [],
    },
    {
        name: "KMS key with a 7-day deletion window",
        resource: aws("aws:kms/key:Key", "short", { enableKeyRotation: true, deletionWindowInDays: 7 }),
        fires: ["kms-key-deletion-window"],
    },
    {
        name: "asymmetric signing key (rotation not supported)",
        resource: aws("aws:kms/key:Key", "signing", {
            customerMasterKeySpec: "RSA_3072",
            keyUsage: "SIGN_VERIFY",
            deletionWindowInDays: 30,
        }),
        fires: [],
    },
    {
        name: "KMS key policy with Principal * and no Condition",
        resource: aws("aws:kms/key:Key", "public", {
            enableKeyRotation: true,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "Everyone", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }],
            }),
        }),
        fires: ["kms-key-policy-no-public-principal"],
    },
    {
        name: "KMS key policy with Principal * narrowed by kms:CallerAccount",
        resource: aws("aws:kms/key:Key", "account", {
            enableKeyRotation: true,
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                    {
                        Sid: "EBS",
                        Effect: "Allow",
                        Principal: { AWS: "*" },
                        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
                        Resource: "*",
                        Condition: {
                            StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "ec2.eu-west-1.amazonaws.com" },
                        },
                    },
                ],
            }),
        }),
        fires: [],
    },
    {
        name: "IAM policy object with a single Statement object and Action *",
        resource: aws("aws:iam/policy:Policy", "admin-object", { policy: adminDocument }),
        fires: ["iam-policy-no-admin"],
    },
    {
        name: "IAM policy JSON string with Action *",
        resource: aws("aws:iam/policy:Policy", "admin-string", { policy: JSON.stringify(adminDocument) }),
        fires: ["iam-policy-no-admin"],
    },
    {
        name: "IAM role policy with NotAction on *",
        resource: aws("aws:iam/rolePolicy:RolePolicy", "not-action", {
            role: "app",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }] }),
        }),
        fires: ["iam-policy-no-admin"],
    },
    {
        name: "IAM policy denying everything with NotAction (a guard rail)",
        resource: aws("aws:iam/policy:Policy", "deny-guard", {
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Deny",
                        NotAction: ["iam:*", "sts:*"],
                        Resource: "*",
                        Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } },
                    },
                ],
            }),
        }),
        fires: [],
    },
    {
        name: "least-privilege IAM policy",
        resource: aws("aws:iam/policy:Policy", "reader", {
            policy: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Action: ["s3:GetObject", "s3:ListBucket"],
                        Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
                    },
                    { Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
                ],
            },
        }),
        fires: [],
    },
    {
        name: "IAM role with an EKS trust policy and AdministratorAccess",
        resource: aws("aws:iam/role:Role", "ci", {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        }),
        fires: ["iam-admin-attachment-break-glass"],
    },
    {
        name: "IAM role for a node group",
        resource: aws("aws:iam/role:Role", "node", {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        }),
        fires: [],
    },
    {
        name: "launch template with httpTokens optional",
        resource: aws("aws:ec2/launchTemplate:LaunchTemplate", "nodes-optional", {
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [
                {
                    deviceName: "/dev/xvda",
                    ebs: { encrypted: "true", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/abc", volumeSize: 50, volumeType: "gp3" },
                },
            ],
        }),
        fires: ["launch-template-imdsv2"],
    },
    {
        name: "hardened node launch template",
        resource: aws("aws:ec2/launchTemplate:LaunchTemplate", "nodes", {
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [
                {
                    deviceName: "/dev/xvda",
                    ebs: {
                        encrypted: "true",
                        kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/abc",
                        volumeSize: 50,
                        volumeType: "gp3",
                        deleteOnTermination: "true",
                    },
                },
            ],
            tagSpecifications: [{ resourceType: "instance", tags: { Name: "node" } }],
        }),
        fires: [],
    },
    {
        name: "EC2 instance with IMDSv2 and an encrypted root volume",
        resource: aws("aws:ec2/instance:Instance", "access", {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.micro",
            subnetId: "subnet-0a1",
            iamInstanceProfile: "access",
            metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            rootBlockDevice: { encrypted: true, volumeType: "gp3" },
        }),
        fires: [],
    },
    {
        name: "EC2 instance with defaults, a key pair and a public IP",
        resource: aws("aws:ec2/instance:Instance", "bastion", {
            ami: "ami-0123456789abcdef0",
            instanceType: "t3.micro",
            keyName: "ops",
            associatePublicIpAddress: true,
        }),
        fires: ["ec2-instance-imdsv2", "ec2-instance-ebs-encrypted", "ec2-instance-no-key-pair", "ec2-instance-no-public-ip"],
    },
    { name: "S3 bucket (aws 7 Bucket) with defaults", resource: aws("aws:s3/bucket:Bucket", "logs", { bucket: "acme-logs" }), fires: [] },
    {
        name: "S3 bucket with forceDestroy",
        resource: aws("aws:s3/bucket:Bucket", "scratch", { forceDestroy: true }),
        fires: ["s3-bucket-no-force-destroy"],
    },
    {
        name: "unencrypted EBS volume",
        resource: aws("aws:ebs/volume:Volume", "data", { availabilityZone: "eu-west-1a", size: 10 }),
        fires: ["ebs-volume-encrypted"],
    },
    {
        name: "public subnet",
        resource: aws("aws:ec2/subnet:Subnet", "public", { vpcId: "vpc-0abc", cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: true }),
        fires: ["subnet-no-public-ip-on-launch"],
    },
    {
        name: "private subnet",
        resource: aws("aws:ec2/subnet:Subnet", "private", { vpcId: "vpc-0abc", cidrBlock: "10.0.1.0/24" }),
        fires: [],
    },
    {
        name: "log group with a customer key and a year of retention",
        resource: aws("aws:cloudwatch/logGroup:LogGroup", "audit", {
            kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/abc",
            retentionInDays: 365,
        }),
        fires: [],
    },
    {
        name: "log group with defaults",
        resource: aws("aws:cloudwatch/logGroup:LogGroup", "app", {}),
        fires: ["cloudwatch-log-group-encrypted-retention"],
    },
    {
        name: "flow log of all traffic",
        resource: aws("aws:ec2/flowLog:FlowLog", "vpc", {
            vpcId: "vpc-0abc",
            trafficType: "ALL",
            logDestination: "arn:aws:logs:eu-west-1:123456789012:log-group:flow",
            iamRoleArn: "arn:aws:iam::123456789012:role/flow",
        }),
        fires: [],
    },
    {
        name: "node group with SSH remote access and no launch template",
        resource: aws("aws:eks/nodeGroup:NodeGroup", "ssh", {
            clusterName: "prod",
            nodeRoleArn: "arn:aws:iam::123456789012:role/node",
            subnetIds: ["subnet-0a1"],
            scalingConfig: { desiredSize: 2, maxSize: 3, minSize: 1 },
            remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [] },
        }),
        fires: ["eks-node-group-launch-template", "eks-node-group-no-remote-access"],
    },
    {
        name: "ECR repository with scan on push and immutable tags",
        resource: aws("aws:ecr/repository:Repository", "web", {
            imageScanningConfiguration: { scanOnPush: true },
            imageTagMutability: "IMMUTABLE",
        }),
        fires: [],
    },
];
