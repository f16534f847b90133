/**
 * Shared reading of a whole plan for the stack policies: resources grouped by type once (so each
 * policy stays linear in the number of resources), dependency edges, and reads of reference
 * values (ids, ARNs, names) that may be unknown during preview without failing the policy.
 */
import { PolicyResource, UnknownValueError } from "@pulumi/policy";

/** Marks a value that is unknown during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

/**
 * Reads a value that only links resources together (an id, ARN or name). An unknown one is
 * returned as UNKNOWN instead of failing the policy: the link is then found through the
 * dependency edges, which are always known.
 */
export function peek<T>(read: () => T): T | typeof UNKNOWN | undefined {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return UNKNOWN;
        }
        if (error instanceof TypeError) {
            return undefined;
        }
        throw error;
    }
}

/** A string read through `peek`, or undefined when it is not a known string. */
export function knownString(read: () => unknown): string | undefined {
    const value = peek(read);
    return typeof value === "string" ? value : undefined;
}

/** True when the value is an object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The plan's resources grouped by exact type token, built in one pass. */
export class PlanIndex {
    private readonly byType = new Map<string, PolicyResource[]>();

    constructor(resources: readonly PolicyResource[]) {
        for (const resource of Array.isArray(resources) ? resources : []) {
            if (!resource || typeof resource.type !== "string") {
                continue;
            }
            const list = this.byType.get(resource.type);
            if (list) {
                list.push(resource);
            } else {
                this.byType.set(resource.type, [resource]);
            }
        }
    }

    /** Every resource of the given types, in plan order per type. */
    ofType(...types: string[]): PolicyResource[] {
        return types.flatMap((type) => this.byType.get(type) ?? []);
    }

    /** Every resource whose type token satisfies the predicate (one test per distinct type). */
    matching(predicate: (type: string) => boolean): PolicyResource[] {
        const result: PolicyResource[] = [];
        for (const [type, list] of this.byType) {
            if (predicate(type)) {
                result.push(...list);
            }
        }
        return result;
    }
}

/**
 * The resources `resource` depends on (plain and per-property dependencies), by URN. Linear in
 * the resource's own edges.
 */
export function dependencyUrns(resource: PolicyResource): Set<string> {
    const urns = new Set<string>();
    for (const dependency of Array.isArray(resource.dependencies) ? resource.dependencies : []) {
        if (dependency && typeof dependency.urn === "string") {
            urns.add(dependency.urn);
        }
    }
    const perProperty = isObject(resource.propertyDependencies) ? resource.propertyDependencies : {};
    for (const dependencies of Object.values(perProperty)) {
        for (const dependency of Array.isArray(dependencies) ? dependencies : []) {
            if (dependency && typeof dependency.urn === "string") {
                urns.add(dependency.urn);
            }
        }
    }
    return urns;
}

/** "type \"name\"", how messages name a resource of the plan. */
export function describe(resource: PolicyResource): string {
    return `${resource.type} "${resource.name}"`;
}

/** Adds `value` to the list stored under `key`. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}
