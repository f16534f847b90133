/**
 * Pure builders of the CEL the admission rules run. Every expression sticks to what both the
 * Kubernetes CEL environment (standard macros, `has()`, the strings extension: `indexOf`,
 * `lastIndexOf`, `substring`, `lowerAscii`; RE2 `matches`) and the test evaluator support, so the
 * behaviour tests evaluate exactly the text the API server will.
 * https://kubernetes.io/docs/reference/using-api/cel/
 */

/** A named CEL variable of a policy (`spec.variables`), read as `variables.<name>`. */
export interface CelVariable {
    name: string;
    expression: string;
}

/** One validation: the request is admitted when `expression` is true. */
export interface CelValidation {
    expression: string;
    /** Returned to the client (Deny/Warn) and written to the audit log (Audit). */
    message: string;
}

/** `has(a.b.c)` for every prefix of a field path, so a missing parent never errors. */
export function hasPath(root: string, path: string[]): string {
    return path.map((_, index) => `has(${[root, ...path.slice(0, index + 1)].join(".")})`).join(" && ");
}

/** A CEL string literal. */
export function celString(value: string): string {
    return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** A CEL list of string literals. */
export function celStringList(values: readonly string[]): string {
    return `[${values.map(celString).join(", ")}]`;
}

/**
 * The pod spec of every pod-bearing kind (WL-13): CronJob `spec.jobTemplate.spec.template.spec`;
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, Job and ReplicationController
 * `spec.template.spec`; PodTemplate `template.spec`; Pod `spec`.
 */
export const podSpecExpression =
    "has(object.spec) && has(object.spec.jobTemplate) ? object.spec.jobTemplate.spec.template.spec" +
    " : has(object.spec) && has(object.spec.template) ? object.spec.template.spec" +
    " : has(object.template) ? object.template.spec" +
    " : object.spec";

function listOrEmpty(field: string): string {
    return `(has(variables.podSpec.${field}) ? variables.podSpec.${field} : [])`;
}

/** The variables every pod rule reads. */
export function podVariables(): CelVariable[] {
    return [
        { name: "podSpec", expression: podSpecExpression },
        // Every container of the three lists (containers, initContainers, ephemeralContainers).
        {
            name: "containers",
            expression: [listOrEmpty("containers"), listOrEmpty("initContainers"), listOrEmpty("ephemeralContainers")].join(" + "),
        },
        // Ephemeral containers cannot declare resources, so WL-9 reads only these.
        { name: "resourceContainers", expression: [listOrEmpty("containers"), listOrEmpty("initContainers")].join(" + ") },
        // Windows pods are exempt from the Linux-only restricted controls, as in the standard.
        {
            name: "windows",
            expression: "has(variables.podSpec.os) && has(variables.podSpec.os.name) && variables.podSpec.os.name == 'windows'",
        },
    ];
}

/** Container field is unset or not `true`. */
function notTrue(container: string, path: string[]): string {
    return `!(${hasPath(container, path)}) || ${[container, ...path].join(".")} != true`;
}

/** WL-1: no privileged container in any list. */
export function noPrivilegedValidations(): CelValidation[] {
    return [
        {
            expression: `variables.containers.all(c, ${notTrue("c", ["securityContext", "privileged"])})`,
            message:
                "WL-1: a container (containers, initContainers or ephemeralContainers) sets securityContext.privileged to true; set it to false.",
        },
    ];
}

/** WL-2: no host namespaces, host ports or Windows HostProcess. */
export function noHostAccessValidations(): CelValidation[] {
    const hostNamespace = (field: string): CelValidation => ({
        expression: notTrue("variables.podSpec", [field]),
        message: `WL-2: the pod sets ${field} to true; remove it or set it to false.`,
    });
    return [
        hostNamespace("hostNetwork"),
        hostNamespace("hostPID"),
        hostNamespace("hostIPC"),
        {
            expression: "variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))",
            message: "WL-2: a container sets ports[].hostPort; remove hostPort and expose the pod through a Service.",
        },
        {
            expression:
                `(${notTrue("variables.podSpec", ["securityContext", "windowsOptions", "hostProcess"])}) && ` +
                `variables.containers.all(c, ${notTrue("c", ["securityContext", "windowsOptions", "hostProcess"])})`,
            message: "WL-2: the pod or a container sets securityContext.windowsOptions.hostProcess to true; remove it.",
        },
    ];
}

/**
 * Volume sources outside the restricted Pod Security Standard (WL-3): everything but configMap,
 * csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret.
 */
export const FORBIDDEN_VOLUME_SOURCES: readonly string[] = [
    "hostPath",
    "awsElasticBlockStore",
    "azureDisk",
    "azureFile",
    "cephfs",
    "cinder",
    "fc",
    "flexVolume",
    "flocker",
    "gcePersistentDisk",
    "gitRepo",
    "glusterfs",
    "image",
    "iscsi",
    "nfs",
    "photonPersistentDisk",
    "portworxVolume",
    "quobyte",
    "rbd",
    "scaleIO",
    "storageos",
    "vsphereVolume",
];

/** WL-3: no hostPath and only the restricted volume types. */
export function restrictedVolumeValidations(): CelValidation[] {
    return [
        {
            expression: "!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, !has(v.hostPath))",
            message:
                "WL-3: a volume uses hostPath, which exposes the node's filesystem; use a persistentVolumeClaim, emptyDir or csi volume.",
        },
        {
            expression: `!has(variables.podSpec.volumes) || variables.podSpec.volumes.all(v, ${FORBIDDEN_VOLUME_SOURCES.filter(
                (source) => source !== "hostPath",
            )
                .map((source) => `!has(v.${source})`)
                .join(" && ")})`,
            message:
                "WL-3: a volume uses a type outside configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret; use one of those.",
        },
    ];
}

/**
 * WL-4: effective runAsNonRoot true (the container's own field, else the pod's), and never an
 * explicit false on the pod (Pod Security Standards: the pod field may only be true or unset);
 * runAsUser never 0.
 */
export function runAsNonRootValidations(): CelValidation[] {
    return [
        {
            expression:
                "!has(variables.podSpec.securityContext) || !has(variables.podSpec.securityContext.runAsNonRoot) || variables.podSpec.securityContext.runAsNonRoot == true",
            message: "WL-4: the pod sets securityContext.runAsNonRoot to false; set it to true or remove it and set it on every container.",
        },
        {
            expression:
                "variables.containers.all(c, has(c.securityContext) && has(c.securityContext.runAsNonRoot) ? c.securityContext.runAsNonRoot == true : " +
                "has(variables.podSpec.securityContext) && has(variables.podSpec.securityContext.runAsNonRoot) && variables.podSpec.securityContext.runAsNonRoot == true)",
            message:
                "WL-4: a container may run as root: securityContext.runAsNonRoot is not true on the container or, where the container leaves it unset, on the pod; set it to true.",
        },
        {
            expression:
                "(!has(variables.podSpec.securityContext) || !has(variables.podSpec.securityContext.runAsUser) || variables.podSpec.securityContext.runAsUser != 0) && " +
                "variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.runAsUser) || c.securityContext.runAsUser != 0)",
            message: "WL-4: the pod or a container sets securityContext.runAsUser to 0 (root); set a non-zero UID.",
        },
    ];
}

/** WL-5: allowPrivilegeEscalation explicitly false (unset means true); Windows pods exempt. */
export function noPrivilegeEscalationValidations(): CelValidation[] {
    return [
        {
            expression:
                "variables.windows || variables.containers.all(c, has(c.securityContext) && has(c.securityContext.allowPrivilegeEscalation) && c.securityContext.allowPrivilegeEscalation == false)",
            message:
                "WL-5: a container does not set securityContext.allowPrivilegeEscalation to false (unset means true); set it to false.",
        },
    ];
}

/** WL-6: drop ALL, add back at most NET_BIND_SERVICE; Windows pods exempt. */
export function dropAllCapabilitiesValidations(): CelValidation[] {
    return [
        {
            expression: `variables.windows || variables.containers.all(c, ${hasPath("c", ["securityContext", "capabilities", "drop"])} && 'ALL' in c.securityContext.capabilities.drop)`,
            message: 'WL-6: a container does not drop ALL capabilities; set securityContext.capabilities.drop to ["ALL"].',
        },
        {
            expression:
                `variables.windows || variables.containers.all(c, !(${hasPath("c", ["securityContext", "capabilities", "add"])}) || ` +
                "c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE'))",
            message: "WL-6: a container adds a capability other than NET_BIND_SERVICE; remove it from securityContext.capabilities.add.",
        },
    ];
}

/** WL-9: CPU and memory requests (a limit counts, Kubernetes defaults the request to it) and a memory limit. */
export function resourcesSetValidations(): CelValidation[] {
    const requestOrLimit = (resource: string) =>
        `variables.resourceContainers.all(c, (${hasPath("c", ["resources", "requests", resource])}) || (${hasPath("c", ["resources", "limits", resource])}))`;
    return [
        {
            expression: requestOrLimit("cpu"),
            message: "WL-9: a container or init container has no resources.requests.cpu; set CPU and memory requests and a memory limit.",
        },
        {
            expression: requestOrLimit("memory"),
            message:
                "WL-9: a container or init container has no resources.requests.memory; set CPU and memory requests and a memory limit.",
        },
        {
            expression: `variables.resourceContainers.all(c, ${hasPath("c", ["resources", "limits", "memory"])})`,
            message: "WL-9: a container or init container has no resources.limits.memory; set CPU and memory requests and a memory limit.",
        },
    ];
}

/** A pinned content digest: sha256 (64 hex) or sha512 (128 hex). */
export const DIGEST_PATTERN = "^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$";

const dockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io"];

/**
 * The normalised repository of an image's repository part `r` (no tag, no digest), lower-cased:
 * the way the container runtime reads it and the pack's `parseImage` does. A first segment
 * without `.` or `:` (and not `localhost`) is a Docker Hub path, and a single Docker Hub name
 * lives under `library/`; so `nginx` is `docker.io/library/nginx` and cannot pass as
 * `docker.io/istio`.
 */
export function normalisedRepositoryExpression(r: string): string {
    const slash = `${r}.indexOf('/')`;
    const first = `${r}.substring(0, ${slash})`;
    const rest = `${r}.substring(${slash} + 1)`;
    const explicit = `(${slash} >= 0 && (${first}.contains('.') || ${first}.contains(':') || ${first} == 'localhost'))`;
    const library = (path: string) => `(${path}.contains('/') ? ${path} : 'library/' + ${path})`;
    return (
        `(${explicit} ? (${first}.lowerAscii() in ${celStringList(dockerHubHosts)} ? 'docker.io/' + ${library(rest)} : ${first} + '/' + ${rest})` +
        ` : 'docker.io/' + ${library(r)}).lowerAscii()`
    );
}

/** The image variables WL-10 reads; each list is in container order. */
export function imageVariables(): CelVariable[] {
    const at = "i.indexOf('@')";
    const name = `(${at} >= 0 ? i.substring(0, ${at}) : i)`;
    const tagged = `${name}.lastIndexOf(':') > ${name}.lastIndexOf('/')`;
    return [
        { name: "images", expression: "variables.containers.map(c, has(c.image) ? c.image : '')" },
        {
            name: "imageParts",
            expression:
                `variables.images.map(i, {'repository': string(${tagged} ? ${name}.substring(0, ${name}.lastIndexOf(':')) : ${name}), ` +
                `'tag': string(${tagged} ? ${name}.substring(${name}.lastIndexOf(':') + 1) : ''), ` +
                `'digest': string(${at} >= 0 ? i.substring(${at} + 1) : '')})`,
        },
        { name: "imageRepositories", expression: `variables.imageParts.map(p, ${normalisedRepositoryExpression("p.repository")})` },
    ];
}

function escapeRegex(text: string): string {
    return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * RE2 pattern matching a normalised repository under one of the registries: whole path
 * segments, `*` within one segment, case-insensitive by lower-casing both sides.
 */
export function registryPattern(registries: readonly string[]): string {
    const entries = registries.map((entry) => escapeRegex(entry.replace(/\/+$/, "").toLowerCase()).replace(/\*/g, "[^/]*"));
    return `^(${entries.join("|")})(/|$)`;
}

/** WL-10: images set, from allow-listed registries, pinned by a non-latest tag or a digest (or digest only). */
export function imageAllowedValidations(registries: readonly string[], requireDigest: boolean): CelValidation[] {
    const validations: CelValidation[] = [
        {
            expression: "variables.images.all(i, i != '')",
            message: "WL-10: a container has no image; set an image from an allow-listed registry, pinned by tag or digest.",
        },
        {
            expression: `variables.imageRepositories.all(r, r.matches(${celString(registryPattern(registries))}))`,
            message: `WL-10: an image is not from an allow-listed registry (${registries.join(", ")}); mirror it to one of them.`,
        },
        {
            expression: `variables.imageParts.all(p, p.digest.matches(${celString(DIGEST_PATTERN)}) || (p.tag != '' && p.tag != 'latest'))`,
            message: "WL-10: an image has no tag or uses the latest tag; pin a version tag or a digest.",
        },
    ];
    if (requireDigest) {
        validations.push({
            expression: `variables.imageParts.all(p, p.digest.matches(${celString(DIGEST_PATTERN)}))`,
            message: "WL-10: an image is not pinned by digest; reference it as <repository>@sha256:<digest>.",
        });
    }
    return validations;
}

/** WL-11: nothing pod-bearing in `default`. `request.namespace` is the namespace the object is created in. */
export function notDefaultNamespaceValidations(): CelValidation[] {
    return [
        {
            expression: "request.namespace != 'default'",
            message: "WL-11: workloads do not run in the default namespace; deploy to the workload's own namespace.",
        },
    ];
}

/** NET-8: LoadBalancer/NodePort Services and externalIPs only in the allow-listed namespaces. */
export function serviceExposureValidations(allowedNamespaces: readonly string[]): CelValidation[] {
    const exempt = allowedNamespaces.length > 0 ? `request.namespace in ${celStringList(allowedNamespaces)} || ` : "";
    const where = allowedNamespaces.length > 0 ? `namespaces ${allowedNamespaces.join(", ")}` : "no namespace (none is allow-listed)";
    return [
        {
            expression: `${exempt}!(has(object.spec.type) && object.spec.type in ['LoadBalancer', 'NodePort'])`,
            message: `NET-8: Services of type LoadBalancer or NodePort are allowed only in ${where}; use a ClusterIP Service behind the gateway.`,
        },
        {
            expression: `${exempt}!has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0`,
            message: `NET-8: Service externalIPs are allowed only in ${where}; remove spec.externalIPs.`,
        },
    ];
}

/** `Kind:name`, or `ServiceAccount:namespace/name`: the breakGlassSubjects form. */
export const subjectKeyExpression =
    "s.kind == 'ServiceAccount' ? 'ServiceAccount:' + (has(s.namespace) ? s.namespace : '') + '/' + s.name : s.kind + ':' + s.name";

/**
 * IAM-5: cluster-admin bound only to break-glass subjects, whatever the roleRef kind (a namespaced
 * Role named cluster-admin is refused too); system:masters never.
 */
export function bindingNoClusterAdminValidations(breakGlassSubjects: readonly string[]): CelValidation[] {
    const subjectsAllowed =
        breakGlassSubjects.length > 0
            ? `object.subjects.all(s, (${subjectKeyExpression}) in ${celStringList(breakGlassSubjects)})`
            : "size(object.subjects) == 0";
    return [
        {
            expression: "!has(object.subjects) || object.subjects.all(s, !(s.kind == 'Group' && s.name == 'system:masters'))",
            message: "IAM-5: the binding names Group system:masters, which bypasses RBAC; bind a least-privilege role.",
        },
        {
            expression: `object.roleRef.name != 'cluster-admin' || !has(object.subjects) || ${subjectsAllowed}`,
            message:
                "IAM-5: the binding grants cluster-admin (the ClusterRole, or a Role of that name) to a subject that is not break-glass; bind a least-privilege role.",
        },
    ];
}
