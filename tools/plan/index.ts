/** The offline plan as a library: run a program under mocks and through a policy pack. */
export { planProgram, optOutsOf, repoRoot } from "./plan";
export type { OptOut, PlanOptions, PlanResource, PlanResult, PlanSummary } from "./plan";
export { startPackProcess, PackProcessError } from "./pack-process";
export type { PackProcess } from "./pack-process";
export { AnalyzerConnection, AnalyzerCallError } from "./analyzer-client";
export type { AnalyzerInfo, PlanDiagnostic } from "./analyzer-client";
export { analyzeWithPack } from "./analysis";
export { engineResources } from "./engine-view";
export { PolicyConfigError, parsePolicyConfig, loadPolicyConfigFile, reconcilePolicyConfig } from "./policy-config";
export { loadStackConfig, parseStackConfig, listStacks } from "./stack-config";
export { jsonReport, textReport, REPORT_VERSION } from "./report";
export type { JsonReport } from "./report";
export { mermaidGraph } from "./graph";
export { computeCompliance, parseCatalogue } from "./compliance";
export type { ControlCompliance } from "./compliance";
export { runProgramUnderMocks } from "./run-program";
export type { CapturedResource } from "./capture";
