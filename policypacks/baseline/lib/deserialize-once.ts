/**
 * Cost over the Analyzer protocol (issue 7, "Performance": at most 1.3x the no-op pack's time).
 *
 * For every Analyze call @pulumi/policy (1.21) deserialises the request's protobuf inputs again
 * for each resource policy, 60 here, and the provider's inputs as often; for AnalyzeStack it
 * deserialises every resource once per stack validation, 9 here. On a quiet 2-core machine that
 * work alone put the pack at 1.3-1.5x the no-op pack, whose single policy deserialises once; the
 * policies' own code costs about 0.05 ms per resource of the ~0.45 ms the pack added.
 *
 * The result depends only on the protobuf Struct, which lives as long as the request, so this
 * memoises the SDK's `deserializeProperties(struct, false)` by Struct identity: each policy still
 * gets its own unknown-checking proxy (unknowns throw exactly as before), over one plain copy shared
 * by the policies of that call. Policies only read their inputs (`Props` in lib/policy.ts).
 * Remediate deserialises with `proxySecrets` true and its remediations may hand back modified
 * inputs, so it keeps a fresh copy per call. Installed by the entry only, in the pack process; if
 * the SDK no longer has this function the pack runs as before.
 */

type Deserialize = (struct: unknown, proxySecrets: boolean) => unknown;

interface DeserializeModule {
    deserializeProperties?: Deserialize & { sharedPerStruct?: true };
}

function installDeserializeOnce(): void {
    let sdk: DeserializeModule;
    try {
        // The module the SDK's server calls through (`deserialize_1.deserializeProperties(...)`).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        sdk = require("@pulumi/policy/deserialize") as DeserializeModule;
    } catch {
        return;
    }
    const original = sdk.deserializeProperties;
    if (typeof original !== "function" || original.sharedPerStruct) {
        return;
    }
    // Weak keys: an entry goes with its request.
    const byStruct = new WeakMap<object, unknown>();
    const shared: Deserialize & { sharedPerStruct?: true } = (struct, proxySecrets) => {
        if (proxySecrets || struct === null || typeof struct !== "object") {
            return original(struct, proxySecrets);
        }
        if (byStruct.has(struct)) {
            return byStruct.get(struct);
        }
        const value = original(struct, false);
        byStruct.set(struct, value);
        return value;
    };
    shared.sharedPerStruct = true;
    sdk.deserializeProperties = shared;
}

installDeserializeOnce();
