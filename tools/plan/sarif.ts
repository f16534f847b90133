/**
 * The plan's diagnostics as a SARIF 2.1.0 log, the format GitHub code scanning ingests
 * (`github/codeql-action/upload-sarif`): one rule per policy of the pack, with its description,
 * remediation steps as help text and its control IDs as tags, and one result per diagnostic,
 * located at the resource's URN (a logical location) and at the stack's config file (the physical
 * location code scanning needs to show an alert).
 *
 * Levels follow the enforcement level: mandatory is `error` (it blocks the preview), advisory
 * `warning`, anything else `note`.
 */
import { PlanDiagnostic } from "./analyzer-client";
import { PlanResult } from "./plan";
import { EnforcementLevel, PolicyInfo } from "./policy-config";

/** The SARIF 2.1.0 schema the log names in `$schema` (OASIS errata 01). */
export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** A SARIF level (section 3.27.10). */
export type SarifLevel = "error" | "warning" | "note" | "none";

/** One reporting descriptor (section 3.49): a policy of the pack. */
export interface SarifRule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription: { text: string };
    help: { text: string; markdown: string };
    helpUri?: string;
    defaultConfiguration: { enabled: boolean; level: SarifLevel };
    properties: { tags: string[]; severity?: string; "security-severity"?: string };
}

/** One result (section 3.27): a diagnostic of the plan. */
export interface SarifResult {
    ruleId: string;
    /** Index into the driver's rules; absent for a policy GetAnalyzerInfo did not list. */
    ruleIndex?: number;
    level: SarifLevel;
    message: { text: string };
    locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations: { fullyQualifiedName: string; name: string; kind: string }[];
    }[];
    partialFingerprints: { "eksBaselineUrnPolicy/v1": string };
    properties: { enforcementLevel: EnforcementLevel; stack: string; source: PlanDiagnostic["source"] };
}

/** A SARIF 2.1.0 log with one run. */
export interface SarifLog {
    $schema: string;
    version: "2.1.0";
    runs: {
        tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
        automationDetails: { id: string };
        results: SarifResult[];
    }[];
}

export interface SarifOptions {
    /**
     * Repository-relative path (forward slashes) of the file results point at: the stack's config
     * file, whose values decide what the plan contains.
     */
    artifactUri: string;
}

/** `mandatory` -> error, `advisory` -> warning, `remediate` -> note, `disabled` -> none. */
export function sarifLevel(level: EnforcementLevel): SarifLevel {
    return level === "mandatory" ? "error" : level === "advisory" ? "warning" : level === "disabled" ? "none" : "note";
}

/** GitHub's `security-severity` scores (0-10) for the pack's severities. */
const securitySeverity: Record<string, string> = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" };

function rule(policy: PolicyInfo, level: EnforcementLevel): SarifRule {
    const help = policy.remediationSteps?.trim() || policy.description;
    // SARIF's helpUri must be an absolute URI; the pack's urls are repository paths (docs/policies.md#...).
    const absolute = policy.url !== undefined && /^https?:\/\//.test(policy.url);
    const link = policy.url && !absolute ? `\n\nSee [${policy.url}](${policy.url}).` : "";
    return {
        id: policy.name,
        name: policy.name,
        shortDescription: { text: policy.description },
        fullDescription: { text: policy.description },
        help: { text: `${help}${policy.url && !absolute ? `\n\nSee ${policy.url}.` : ""}`, markdown: `${help}${link}` },
        ...(absolute ? { helpUri: policy.url } : {}),
        defaultConfiguration: { enabled: level !== "disabled", level: sarifLevel(level) },
        properties: {
            tags: [...policy.tags],
            ...(policy.severity ? { severity: policy.severity, "security-severity": securitySeverity[policy.severity]! } : {}),
        },
    };
}

/** The resource name at the end of a URN (`...::<type>::<name>`). */
function urnName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Converts a plan to a SARIF log. Stack-wide violations (no URN) are located at the stack. */
export function sarifLog(plan: PlanResult, options: SarifOptions): SarifLog {
    const policies = [...plan.policies].sort((a, b) => a.name.localeCompare(b.name));
    const index = new Map(policies.map((policy, position) => [policy.name, position]));
    const rules = policies.map((policy) => rule(policy, plan.policyConfig[policy.name]?.enforcementLevel ?? policy.enforcementLevel));
    const stackUrn = plan.resources.find((resource) => resource.implicit === "stack")?.urn;
    const results = plan.diagnostics.map((diagnostic): SarifResult => {
        const urn =
            diagnostic.urn ?? stackUrn ?? `urn:pulumi:${plan.stack}::${plan.project}::pulumi:pulumi:Stack::${plan.project}-${plan.stack}`;
        return {
            ruleId: diagnostic.policyName,
            ...(index.has(diagnostic.policyName) ? { ruleIndex: index.get(diagnostic.policyName)! } : {}),
            level: sarifLevel(diagnostic.enforcementLevel),
            message: { text: diagnostic.detail || diagnostic.message },
            locations: [
                {
                    physicalLocation: { artifactLocation: { uri: options.artifactUri }, region: { startLine: 1 } },
                    logicalLocations: [{ fullyQualifiedName: urn, name: urnName(urn), kind: "resource" }],
                },
            ],
            partialFingerprints: { "eksBaselineUrnPolicy/v1": `${urn}#${diagnostic.policyName}` },
            properties: { enforcementLevel: diagnostic.enforcementLevel, stack: plan.stack, source: diagnostic.source },
        };
    });
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: plan.policyPack.name, version: plan.policyPack.version, rules } },
                automationDetails: { id: `eks-baseline-plan/${plan.stack}/` },
                results,
            },
        ],
    };
}
