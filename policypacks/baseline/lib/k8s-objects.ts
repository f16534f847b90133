/**
 * The Kubernetes objects inside one Pulumi resource: the resource itself, or each item of a
 * `*List` resource. Every Kubernetes policy iterates these, so List and Patch variants are judged
 * with the same rules as the plain kind.
 */
import { Props } from "./policy";

/** One Kubernetes object under review. */
export interface K8sObject {
    /** The object (behind the SDK's unknown-checking proxy). */
    object: Props;
    /** Prefix for field paths in messages: "" or "items[2]." for a List item. */
    path: string;
    /**
     * Effective namespace: `metadata.namespace`, or "default" when absent (the provider's default).
     * A function: the namespace is often another resource's output, unknown during preview, so
     * only rules that depend on it read it, and only when they need it.
     */
    namespace(): string;
    /** True for `*Patch` types: absent fields keep their live value, so absence is not a default. */
    partial: boolean;
}

/** True when the type token is a `*List` resource. */
export function isListType(type: string): boolean {
    return type.endsWith("List");
}

/** True when the type token is a server-side apply `*Patch` resource. */
export function isPatchType(type: string): boolean {
    return type.endsWith("Patch");
}

/** The provider's default namespace when `metadata.namespace` is absent (WL-11). */
export const defaultNamespace = "default";

/** `metadata.namespace` of an object, or "default" when absent. */
export function namespaceOfObject(object: Props): string {
    const namespace = object?.metadata?.namespace;
    return typeof namespace === "string" && namespace !== "" ? namespace : defaultNamespace;
}

/** The Kubernetes objects a resource carries. */
export function k8sObjects(type: string, props: Props): K8sObject[] {
    const partial = isPatchType(type);
    if (isListType(type)) {
        const items = props?.items;
        if (!Array.isArray(items)) {
            return [];
        }
        return items.map((item: Props, index: number) => ({
            object: item ?? {},
            path: `items[${index}].`,
            namespace: () => namespaceOfObject(item),
            partial,
        }));
    }
    return [{ object: props ?? {}, path: "", namespace: () => namespaceOfObject(props), partial }];
}

/**
 * A value used only to name something in a message (a container name): unknown during preview
 * must not stop the policy, so the SDK's UnknownValueError is swallowed here and only here.
 */
export function displayName(read: () => unknown, fallback: string): string {
    try {
        const value = read();
        return typeof value === "string" && value !== "" ? value : fallback;
    } catch {
        return fallback;
    }
}

/** Array.isArray that tolerates anything (null, strings, objects of the wrong shape). */
export function arrayOf(value: unknown): unknown[] {
    return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A plain object (not an array, not null), else undefined. */
export function objectOf(value: unknown): Props | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Props) : undefined;
}

/** `metadata.name` of an object when it is a string. */
export function nameOf(object: Props): string | undefined {
    const name = object?.metadata?.name;
    return typeof name === "string" ? name : undefined;
}
