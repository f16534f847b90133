/**
 * Start-up of the pack process (issue 7, "Performance": under 2 s as the CLI starts it).
 *
 * @pulumi/policy's deserialiser does `require("@pulumi/pulumi")` for two names only: `asset` (the
 * asset and archive classes) and `Output` (`Output.isInstance` when serialising a remediation).
 * The package index also loads the Automation API and the closure serialiser, which pull in npm's
 * arborist, pacote, sigstore and friends: about 0.4 s of a 1.3 s start on a quiet 2-core machine,
 * twice that under load, and nothing a policy pack ever calls.
 *
 * Imported by the entry before @pulumi/policy, this puts a stand-in for that index module in
 * Node's module cache: `asset` and `Output` load their own submodules (the same module instances
 * the index would re-export, so `instanceof` and `isInstance` agree), and any other name, key
 * enumeration or write loads the real index on first use and forwards to it. Nothing changes for
 * a caller but when the index loads. The stand-in is installed only in the pack process, only when
 * the index is not loaded yet; tests and other importers of `policies.ts` never see it.
 */
import Module from "node:module";
import * as path from "node:path";

type Exports = Record<PropertyKey, unknown>;

function installLazyPulumiIndex(): void {
    let indexFile: string;
    try {
        // Resolved from @pulumi/policy's own directory: the very file its deserialiser requires.
        const policyDir = path.dirname(require.resolve("@pulumi/policy"));
        indexFile = require.resolve("@pulumi/pulumi", { paths: [policyDir] });
    } catch {
        return;
    }
    if (require.cache[indexFile] !== undefined) {
        return;
    }
    const sdkDir = path.dirname(indexFile);
    const stub = new Module(indexFile, module);
    stub.filename = indexFile;
    stub.loaded = true;

    let real: Exports | undefined;
    const load = (): Exports => {
        if (real === undefined) {
            delete require.cache[indexFile];
            try {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                real = require(indexFile) as Exports;
            } catch (error) {
                require.cache[indexFile] = stub;
                throw error;
            }
        }
        return real;
    };
    // The names @pulumi/policy reads, each from the submodule the index re-exports it from.
    const direct: Record<string, () => unknown> = {
        __esModule: () => true,
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        asset: () => (real ? real.asset : require(path.join(sdkDir, "asset"))),
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        Output: () => (real ? real.Output : (require(path.join(sdkDir, "output")) as Exports).Output),
    };
    stub.exports = new Proxy({} as Exports, {
        get: (_target, key) =>
            typeof key === "string" && Object.prototype.hasOwnProperty.call(direct, key) ? direct[key]!() : load()[key],
        has: (_target, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_target, key) => {
            const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
            // The (empty, extensible) target never holds the key, so the proxy must call it configurable.
            return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
        },
        set: (_target, key, value) => Reflect.set(load(), key, value),
        defineProperty: (_target, key, descriptor) => Reflect.defineProperty(load(), key, descriptor),
        deleteProperty: (_target, key) => Reflect.deleteProperty(load(), key),
    });
    require.cache[indexFile] = stub;
}

installLazyPulumiIndex();
