import { defineConfig } from "vitest/config";

export default defineConfig({
    // policypacks/baseline is its own package; with its node_modules installed (`npm ci` in that
    // folder, for the Pulumi CLI) the pack sources the tests import would load second copies of
    // the SDKs, whose unknown-value and proxy checks differ from the harness's. One copy: the root's.
    resolve: { dedupe: ["@pulumi/policy", "@pulumi/pulumi"] },
    test: {
        include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
        globalSetup: ["test/helpers/global-setup.ts"],
        // Pulumi's mock runtime keeps process-wide state; one fork per file keeps files apart.
        pool: "forks",
        testTimeout: 60_000,
        hookTimeout: 120_000,
    },
});
