import { ControlEvidence } from "../evidence";

export const evidence: ControlEvidence[] = [
    {
        control: "NODE-4",
        layer: "B",
        implementation: "components/registry/index.ts",
        symbol: 'imageTagMutability: "IMMUTABLE"',
        test: "test/components/registry/image-repositories.test.ts",
        testName: "scans on push and keeps tags immutable on every repository (NODE-4)",
    },
];
