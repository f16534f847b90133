import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
        globalSetup: ["test/helpers/global-setup.ts"],
        // Pulumi's mock runtime keeps process-wide state; one fork per file keeps files apart.
        pool: "forks",
        testTimeout: 60_000,
        hookTimeout: 120_000,
    },
});
