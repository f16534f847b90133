/**
 * Renders a PlanResult: the text report (resource tree with counts per type, opt-outs,
 * diagnostics by enforcement level, compliance table, summary line) and the stable JSON report
 * documented in docs/plan-report.md.
 */
import { PlanDiagnostic } from "./analyzer-client";
import { ControlCompliance, statusText } from "./compliance";
import { OptOut, PlanResult } from "./plan";

/** Version of the JSON report shape; bumped on any incompatible change. */
export const REPORT_VERSION = 1;

export interface JsonReport {
    version: typeof REPORT_VERSION;
    stack: string;
    project: string;
    preview: boolean;
    policyPack: { name: string; version: string };
    resources: {
        urn: string;
        type: string;
        name: string;
        parent: string | null;
        provider: string | null;
        protect: boolean;
        retainOnDelete: boolean;
        dependencies: string[];
        inputs: Record<string, unknown>;
    }[];
    optOuts: OptOut[];
    diagnostics: {
        policyName: string;
        policyPackName: string;
        enforcementLevel: string;
        severity: string;
        urn: string | null;
        message: string;
        tags: string[];
    }[];
    compliance: ControlCompliance[];
    summary: { resources: number; mandatory: number; advisory: number; exitCode: 0 | 1 };
}

/** The stable JSON report. */
export function jsonReport(plan: PlanResult): JsonReport {
    return {
        version: REPORT_VERSION,
        stack: plan.stack,
        project: plan.project,
        preview: plan.preview,
        policyPack: { name: plan.policyPack.name, version: plan.policyPack.version },
        resources: plan.resources.map((resource) => ({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            parent: resource.parent,
            provider: resource.provider,
            protect: resource.protect,
            retainOnDelete: resource.retainOnDelete,
            dependencies: resource.dependencies,
            inputs: resource.inputs,
        })),
        optOuts: plan.optOuts,
        diagnostics: plan.diagnostics.map((diagnostic) => ({
            policyName: diagnostic.policyName,
            policyPackName: diagnostic.policyPackName,
            enforcementLevel: diagnostic.enforcementLevel,
            severity: diagnostic.severity,
            urn: diagnostic.urn,
            message: diagnostic.detail,
            tags: diagnostic.tags ?? [],
        })),
        compliance: plan.compliance,
        summary: plan.summary,
    };
}

/** `type::name` of a URN, for compact display. */
export function shortUrn(urn: string | null): string {
    if (!urn) {
        return "(stack)";
    }
    const parts = urn.split("::");
    const qualifiedType = parts[2] ?? "";
    const type = qualifiedType.split("$").pop() ?? qualifiedType;
    return `${type}::${parts.slice(3).join("::")}`;
}

function countBy<T>(items: T[], key: (item: T) => string): [string, number][] {
    const counts = new Map<string, number>();
    for (const item of items) {
        counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    }
    return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Resource tree: components as nodes, custom children summarised per type with counts. */
export function renderTree(plan: PlanResult): string[] {
    const children = new Map<string, PlanResult["resources"]>();
    for (const resource of plan.resources) {
        const parent = resource.parent ?? "";
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const lines: string[] = [];
    const walk = (resource: PlanResult["resources"][number], prefix: string, last: boolean, root: boolean) => {
        const own = children.get(resource.urn) ?? [];
        lines.push(
            `${root ? "" : `${prefix}${last ? "└─ " : "├─ "}`}${resource.type} ${resource.name}${own.length ? ` (${own.length} direct children)` : ""}`,
        );
        const childPrefix = root ? "" : `${prefix}${last ? "   " : "│  "}`;
        const components = own.filter((child) => !child.custom && (children.get(child.urn)?.length ?? 0) > 0);
        const leaves = own.filter((child) => !components.includes(child));
        const leafLines = countBy(leaves, (leaf) => leaf.type).map(([type, count]) => `${type} ×${count}`);
        const total = leafLines.length + components.length;
        leafLines.forEach((text, index) => lines.push(`${childPrefix}${index === total - 1 ? "└─ " : "├─ "}${text}`));
        components.forEach((component, index) => walk(component, childPrefix, leafLines.length + index === total - 1, false));
    };
    for (const root of children.get("") ?? []) {
        walk(root, "", true, true);
    }
    return lines;
}

function renderDiagnostic(diagnostic: PlanDiagnostic): string[] {
    const [first, ...rest] = diagnostic.detail.split("\n");
    return [
        `  ${shortUrn(diagnostic.urn)}  [${diagnostic.policyName}, ${diagnostic.severity}]`,
        `      ${first}`,
        ...rest.map((line) => `      ${line}`),
    ];
}

function renderCompliance(row: ControlCompliance): string {
    const detail: string[] = [];
    if (row.status === "violated") {
        detail.push(`by ${row.violatedBy.map(shortUrn).join(", ")}`);
    }
    if (row.status === "unverifiable") {
        detail.push(`can't run during preview: ${row.unverifiable.map((entry) => `${entry.policy} on ${shortUrn(entry.urn)}`).join(", ")}`);
    }
    for (const exemption of row.exemptions) {
        detail.push(
            `exemption ${exemption.resource ?? `namespace ${exemption.namespace}`} (${exemption.policy}): "${exemption.reason}" until ${exemption.expires}${exemption.expired ? " EXPIRED" : ""}`,
        );
    }
    if (row.status === "not-covered") {
        detail.push("no enabled policy carries this control's tag");
    }
    return `  ${row.control.padEnd(8)}${statusText(row).padEnd(16)}${detail.join("; ")}`;
}

/** The human-readable report. */
export function textReport(plan: PlanResult): string {
    const lines: string[] = [];
    lines.push(
        `Offline plan of stack ${plan.stack} (project ${plan.project}${plan.preview ? ", preview" : ""}) through policy pack ${plan.policyPack.name}@${plan.policyPack.version}`,
        "",
        `Resources (${plan.resources.length}):`,
        ...renderTree(plan).map((line) => `  ${line}`),
        "",
        "Counts per type:",
        ...countBy(plan.resources, (resource) => resource.type).map(([type, count]) => `  ${String(count).padStart(4)}  ${type}`),
        "",
        "Opt-outs in force:",
        ...(plan.optOuts.length === 0
            ? ["  none"]
            : plan.optOuts.map((optOut) => `  ${optOut.key} weakens ${optOut.weakens.join(", ") || "-"}: ${optOut.detail}`)),
        "",
    );
    for (const level of ["mandatory", "advisory"] as const) {
        const diagnostics = plan.diagnostics.filter((diagnostic) => diagnostic.enforcementLevel === level);
        lines.push(`${level === "mandatory" ? "Mandatory violations" : "Advisory"} (${diagnostics.length}):`);
        lines.push(...(diagnostics.length === 0 ? ["  none"] : diagnostics.flatMap(renderDiagnostic)), "");
    }
    if (plan.compliance.length > 0) {
        lines.push("Compliance (controls with a preview-policy layer):", ...plan.compliance.map(renderCompliance), "");
    }
    if (plan.warnings.length > 0) {
        lines.push(...plan.warnings, "");
    }
    lines.push(summaryLine(plan));
    return lines.join("\n");
}

/** One line: counts and the verdict. */
export function summaryLine(plan: PlanResult): string {
    const { resources, mandatory, advisory, exitCode } = plan.summary;
    const verdict = exitCode === 0 ? "passes the policy pack" : "BLOCKED by mandatory violations";
    return `Summary: ${resources} resources, ${mandatory} mandatory, ${advisory} advisory; stack ${plan.stack} ${verdict} (exit ${exitCode})`;
}
