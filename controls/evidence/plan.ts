/**
 * Evidence for the offline plan: every stack is planned through the real policy pack over the
 * engine's Analyzer protocol, with no cloud access (OPS-1, layer B).
 */
import { ControlEvidence } from "../evidence";

export const evidence: ControlEvidence[] = [
    {
        control: "OPS-1",
        layer: "B",
        implementation: "tools/plan/cli.ts",
        symbol: "planProgram",
        test: "test/plan/insecure.test.ts",
        testName: "is blocked with exit code 1 by exactly the expected mandatory policies (OPS-1)",
    },
    {
        control: "OPS-1",
        layer: "B",
        implementation: "tools/plan/analysis.ts",
        symbol: "analyzeWithPack",
        test: "test/plan/analyzer.test.ts",
        testName: "makes the engine's calls in order: Remediate then Analyze per resource, AnalyzeStack once",
    },
];
