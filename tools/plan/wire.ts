/**
 * Property values in the form the engine marshals them for an analyzer (Go `MarshalProperties`
 * with KeepUnknowns, KeepSecrets, and SkipInternalKeys except in Remediate): unknowns stay the
 * unknown sentinel, secrets stay in signature form, resource references become the referenced
 * resource's id (or URN for components), output values become their value, and top-level keys
 * starting with `__` are dropped (the engine's SkipInternalKeys looks only at the property map's
 * own keys; nested `__` keys are kept).
 */

/** `@pulumi/pulumi/runtime/rpc` signatures. */
export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";
export const specialResourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
export const specialOutputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The engine's unknown sentinel per value type (Go `plugin.Unknown*Value`, the same strings as
 * @pulumi/policy's proxy.js `unknown*Value`): an unknown marshalled with KeepUnknowns becomes the
 * sentinel of its expected type. Values the language SDK sends as unknown arrive typed as
 * strings; providers' Check output can carry the others.
 */
export const unknownSentinels = {
    string: unknownValue,
    bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
} as const;

const sentinelValues = new Set<unknown>(Object.values(unknownSentinels));

/** True for any of the unknown sentinels. */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && sentinelValues.has(value);
}

export type WireObject = Record<string, unknown>;

/** Converts one wire value; `keepInternalKeys` is true only for Remediate; `__` keys are dropped only at the top level. */
export function toAnalyzerWire(value: unknown, keepInternalKeys = false, topLevel = false): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => toAnalyzerWire(item, keepInternalKeys));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const object = value as WireObject;
    switch (object[specialSigKey]) {
        case specialSecretSig:
            return { [specialSigKey]: specialSecretSig, value: toAnalyzerWire(object.value, keepInternalKeys) };
        case specialResourceSig:
            // The engine sends the id when the reference has one (custom resources), else the URN.
            return "id" in object ? toAnalyzerWire(object.id, keepInternalKeys) : object.urn;
        case specialOutputValueSig: {
            const inner = "value" in object ? toAnalyzerWire(object.value, keepInternalKeys) : unknownValue;
            return object.secret === true ? { [specialSigKey]: specialSecretSig, value: inner } : inner;
        }
        case undefined:
            break;
        default:
            // Assets and archives travel as they are.
            return object;
    }
    const result: WireObject = {};
    for (const [key, item] of Object.entries(object)) {
        if (topLevel && !keepInternalKeys && key.startsWith("__")) {
            continue;
        }
        result[key] = toAnalyzerWire(item, keepInternalKeys);
    }
    return result;
}

/** Converts a property map (top-level object): its own `__` keys are dropped, nested ones kept. */
export function toAnalyzerProperties(properties: WireObject, keepInternalKeys = false): WireObject {
    return toAnalyzerWire(properties, keepInternalKeys, true) as WireObject;
}

/** Plain JSON (program outputs) to wire form: `undefined` (unknown) becomes the unknown sentinel. */
export function plainToWire(value: unknown): unknown {
    if (value === undefined) {
        return unknownValue;
    }
    if (Array.isArray(value)) {
        return value.map(plainToWire);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value as WireObject).map(([key, item]) => [key, plainToWire(item)]));
    }
    if (typeof value === "bigint") {
        return Number(value);
    }
    if (typeof value === "function" || typeof value === "symbol") {
        return null;
    }
    return value;
}

/** Wire form back to plain JSON for reports: secrets shown as "[secret]", unknowns as "[unknown]". */
export function wireToDisplay(value: unknown): unknown {
    if (isUnknownSentinel(value)) {
        return "[unknown]";
    }
    if (Array.isArray(value)) {
        return value.map(wireToDisplay);
    }
    if (value !== null && typeof value === "object") {
        const object = value as WireObject;
        if (object[specialSigKey] === specialSecretSig) {
            return "[secret]";
        }
        return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, wireToDisplay(item)]));
    }
    return value;
}
