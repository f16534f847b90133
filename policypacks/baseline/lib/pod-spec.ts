/**
 * The one pod-spec walker (WL-13): finds the pod spec of every pod-bearing kind (Pod,
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController,
 * PodTemplate, in every shipped version, plain, List and Patch), and every container of its
 * three lists (containers, initContainers, ephemeralContainers) with the field path that messages
 * name. It also resolves the effective security context the way the kubelet and the Pod Security
 * Standards do: a container's securityContext field overrides the pod's.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
import { K8sObject, arrayOf, displayName, k8sObjects, objectOf } from "./k8s-objects";
import { PodSpecLocation, podSpecLocations } from "./k8s-types";
import { Props } from "./policy";

export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";

/** The three container lists of a pod spec, in the order messages report them. */
export const containerLists: readonly ContainerList[] = ["containers", "initContainers", "ephemeralContainers"];

/** One container of a pod spec. */
export interface ContainerRef {
    container: Props;
    /** `name`, or `#<index>` when absent or unknown. */
    name: string;
    list: ContainerList;
    /** Full path, e.g. `spec.template.spec.initContainers[0]`. */
    path: string;
}

/** One pod spec inside a resource. */
export interface PodSpecRef {
    spec: Props;
    /** Full path of the pod spec, e.g. `spec.template.spec` or `items[1].spec`. */
    path: string;
    /** Full path of the pod (template) metadata, e.g. `spec.template.metadata`. */
    metadataPath: string;
    /** The pod (template) metadata; annotations there are what PSS reads. */
    metadata: Props | undefined;
    /** The object that owns the pod spec (namespace, partial). */
    owner: K8sObject;
    containers: ContainerRef[];
}

/** Where the pod spec's holder sits, and the same path joined for messages (built once). */
const specPaths: Record<PodSpecLocation, { keys: readonly string[]; prefix: string }> = {
    pod: { keys: [], prefix: "" },
    template: { keys: ["spec", "template"], prefix: "spec.template" },
    jobTemplate: { keys: ["spec", "jobTemplate", "spec", "template"], prefix: "spec.jobTemplate.spec.template" },
    podTemplate: { keys: ["template"], prefix: "template" },
};

function descend(object: Props, keys: readonly string[]): Props | undefined {
    let current: Props | undefined = object;
    for (const key of keys) {
        current = objectOf(current?.[key]);
        if (current === undefined) {
            return undefined;
        }
    }
    return current;
}

/**
 * Every container of a pod spec, in list order. Plain loops: the SDK hands each of the ~20 pod
 * policies its own proxied copy of the resource, so this walk runs once per policy and resource.
 */
export function containersOf(spec: Props, specPath: string): ContainerRef[] {
    const result: ContainerRef[] = [];
    for (const list of containerLists) {
        const containers = arrayOf(spec[list]);
        for (let index = 0; index < containers.length; index++) {
            const value = objectOf(containers[index]);
            if (value === undefined) {
                continue;
            }
            result.push({
                container: value,
                name: displayName(() => value.name, `#${index}`),
                list,
                path: `${specPath}.${list}[${index}]`,
            });
        }
    }
    return result;
}

/** The pod specs a resource carries (none for types that are not pod-bearing). */
export function podSpecsOf(type: string, props: Props): PodSpecRef[] {
    const location = podSpecLocations.get(type);
    if (location === undefined) {
        return [];
    }
    const { keys, prefix } = specPaths[location];
    const result: PodSpecRef[] = [];
    for (const owner of k8sObjects(type, props)) {
        const holder = descend(owner.object, keys);
        const spec = objectOf(holder?.spec);
        if (holder === undefined || spec === undefined) {
            continue;
        }
        const base = owner.path + prefix;
        const join = (field: string) => (base === "" || base.endsWith(".") ? `${base}${field}` : `${base}.${field}`);
        const path = join("spec");
        result.push({
            spec,
            path,
            metadataPath: join("metadata"),
            metadata: objectOf(holder.metadata),
            owner,
            containers: containersOf(spec, path),
        });
    }
    return result;
}

/** Message prefix for a container finding. */
export function atContainer(container: ContainerRef): string {
    return `container "${container.name}" (${container.path})`;
}

/** Message prefix for a pod-level finding. */
export function atPod(pod: PodSpecRef): string {
    return `pod (${pod.path})`;
}

/** Security-context fields that exist on both the pod and the container and where the container wins. */
export type SharedSecurityField = "runAsNonRoot" | "runAsUser" | "seccompProfile" | "seLinuxOptions" | "appArmorProfile";

/** The effective value of a shared security-context field for a container, and where it was set. */
export interface EffectiveValue {
    value: unknown;
    /** The path of the field that set it, or undefined when neither the container nor the pod sets it. */
    setAt: string | undefined;
}

/** Container securityContext overrides the pod securityContext (PSS, kubelet). */
export function effectiveSecurityField(pod: PodSpecRef, container: ContainerRef, field: SharedSecurityField): EffectiveValue {
    const own = objectOf(container.container.securityContext)?.[field];
    if (own !== undefined && own !== null) {
        return { value: own, setAt: `${container.path}.securityContext.${field}` };
    }
    const inherited = objectOf(pod.spec.securityContext)?.[field];
    if (inherited !== undefined && inherited !== null) {
        return { value: inherited, setAt: `${pod.path}.securityContext.${field}` };
    }
    return { value: undefined, setAt: undefined };
}

/** A container's own securityContext (empty when absent). */
export function securityContextOf(container: ContainerRef): Props {
    return objectOf(container.container.securityContext) ?? {};
}

/** The pod's securityContext (empty when absent). */
export function podSecurityContextOf(pod: PodSpecRef): Props {
    return objectOf(pod.spec.securityContext) ?? {};
}

/**
 * Windows pods (`spec.os.name: windows`) are exempt from the Linux-only restricted controls
 * (allowPrivilegeEscalation, seccomp, capabilities), as in the Pod Security Standards since v1.25.
 */
export function isWindowsPod(pod: PodSpecRef): boolean {
    return objectOf(pod.spec.os)?.name === "windows";
}

/** Pod (template) annotations; PSS still reads the AppArmor and seccomp annotations. */
export function annotationsOf(pod: PodSpecRef): Props {
    return objectOf(pod.metadata?.annotations) ?? {};
}

/**
 * Reports every container of a Linux pod whose security-context flag `field` is not exactly
 * `required`. An unset flag means Kubernetes' default (`unsetMeaning`), which is reported too,
 * except in a patch, where an unset field leaves the live object's value alone.
 */
export function requireContainerFlag(
    pod: PodSpecRef,
    field: "allowPrivilegeEscalation" | "readOnlyRootFilesystem",
    required: boolean,
    unsetMeaning: string,
    report: (message: string) => void,
): void {
    if (isWindowsPod(pod)) {
        return;
    }
    for (const container of pod.containers) {
        const value = securityContextOf(container)[field];
        if (value === required) {
            continue;
        }
        if (value !== undefined && value !== null) {
            report(`${atContainer(container)}: securityContext.${field} is ${JSON.stringify(value)}; set it to ${required}.`);
        } else if (!pod.owner.partial) {
            report(`${atContainer(container)}: securityContext.${field} is not set (${unsetMeaning}); set it to ${required}.`);
        }
    }
}
