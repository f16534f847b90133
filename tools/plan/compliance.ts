/**
 * The per-control compliance table: for every control of controls/catalogue.md with layer P,
 * what the pack said about this stack (met, violated, exempted, unverifiable at preview, not
 * applicable), from the policies' `tags`, their diagnostics and the exemptions in the pack config.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PlanDiagnostic } from "./analyzer-client";
import { PolicyInfo, ResolvedPolicyConfig } from "./policy-config";

export interface CatalogueControl {
    id: string;
    title: string;
    layers: string[];
}

/**
 * `weakened`: the policies found nothing, but a stack-config opt-out in force weakens the control
 * (the pack was configured to accept it), so it is never reported as `met`.
 */
export type ComplianceStatus = "met" | "weakened" | "violated" | "exempted" | "unverifiable" | "not-applicable" | "not-covered";

export interface ComplianceExemption {
    policy: string;
    resource?: string;
    namespace?: string;
    reason: string;
    expires: string;
    expired: boolean;
}

export interface ControlCompliance {
    control: string;
    title: string;
    status: ComplianceStatus;
    /** Enabled policies tagged with the control. */
    policies: string[];
    /** URNs of resources with a violation (null entry = stack-wide). */
    violatedBy: (string | null)[];
    /** Resources whose policy could not run during preview. */
    unverifiable: { policy: string; urn: string | null }[];
    exemptions: ComplianceExemption[];
    /** Opt-out keys in force that weaken the control (`baseline:cluster.publicEndpoint`). */
    weakenedBy: string[];
}

/** The status as the text report shows it: `weakened (opt-out <key>)` names the opt-out. */
export function statusText(row: Pick<ControlCompliance, "status" | "weakenedBy">): string {
    return row.status === "weakened" ? `weakened (opt-out ${row.weakenedBy.join(", ")})` : row.status;
}

/** Parses the controls tables of controls/catalogue.md (`| ID | Control | Layers | Seeds |`). */
export function parseCatalogue(markdown: string): CatalogueControl[] {
    const controls: CatalogueControl[] = [];
    for (const line of markdown.split("\n")) {
        const cells = line.split("|").map((cell) => cell.trim());
        const id = cells[1];
        if (!id || !/^[A-Z]+-\d+$/.test(id)) {
            continue;
        }
        controls.push({ id, title: cells[2] ?? "", layers: (cells[3] ?? "").split(/\s+/).filter(Boolean) });
    }
    return controls;
}

/** Reads the catalogue from `<root>/controls/catalogue.md`; empty if missing. */
export function loadCatalogue(root: string): CatalogueControl[] {
    const file = path.join(root, "controls", "catalogue.md");
    return fs.existsSync(file) ? parseCatalogue(fs.readFileSync(file, "utf8")) : [];
}

/** True for the SDK's "can't run policy ... during preview" outcomes. */
export function isCannotRunDuringPreview(diagnostic: PlanDiagnostic): boolean {
    return /^can't run (policy|remediation) '[^']*' from policy pack .* during preview/s.test(diagnostic.message);
}

function today(): string {
    return new Date().toISOString().slice(0, 10);
}

interface Exemptible {
    urn: string;
    name: string;
    type: string;
    inputs: Record<string, unknown>;
}

function namespaceOf(resource: Exemptible): string | undefined {
    const metadata = resource.inputs.metadata as { namespace?: unknown } | undefined;
    return typeof metadata?.namespace === "string" ? metadata.namespace : undefined;
}

export interface ComplianceInput {
    catalogue: CatalogueControl[];
    policies: PolicyInfo[];
    policyConfig: Record<string, ResolvedPolicyConfig>;
    diagnostics: PlanDiagnostic[];
    resources: Exemptible[];
    /** Resource types each resource policy judges, when the pack exposes them. */
    resourceTypesByPolicy?: Map<string, readonly string[]>;
    /** Date the exemptions are judged on (YYYY-MM-DD); default today (UTC). */
    today?: string;
    /** Opt-outs in force (the program's `optOuts` output): a control they weaken is never `met`. */
    optOuts?: readonly { key: string; weakens: readonly string[] }[];
}

/** Computes one row per P-layer control. */
export function computeCompliance(input: ComplianceInput): ControlCompliance[] {
    const date = input.today ?? today();
    const typesPresent = new Set(input.resources.map((resource) => resource.type));
    return input.catalogue
        .filter((control) => control.layers.includes("P"))
        .map((control) => {
            const policies = input.policies.filter(
                (policy) =>
                    policy.tags.includes(control.id) &&
                    (input.policyConfig[policy.name]?.enforcementLevel ?? policy.enforcementLevel) !== "disabled",
            );
            const names = new Set(policies.map((policy) => policy.name));
            const relevant = input.diagnostics.filter((diagnostic) => names.has(diagnostic.policyName));
            const unverifiable = relevant
                .filter(isCannotRunDuringPreview)
                .map((diagnostic) => ({ policy: diagnostic.policyName, urn: diagnostic.urn }));
            const violatedBy = [
                ...new Set(relevant.filter((diagnostic) => !isCannotRunDuringPreview(diagnostic)).map((diagnostic) => diagnostic.urn)),
            ];
            const exemptions: ComplianceExemption[] = [];
            let activeExemptionMatches = false;
            for (const policy of policies) {
                const configured = input.policyConfig[policy.name]?.properties.exemptions;
                for (const exemption of Array.isArray(configured) ? (configured as Record<string, unknown>[]) : []) {
                    const expired = typeof exemption.expires === "string" && exemption.expires < date;
                    exemptions.push({
                        policy: policy.name,
                        ...(typeof exemption.resource === "string" ? { resource: exemption.resource } : {}),
                        ...(typeof exemption.namespace === "string" ? { namespace: exemption.namespace } : {}),
                        reason: String(exemption.reason ?? ""),
                        expires: String(exemption.expires ?? ""),
                        expired,
                    });
                    const matches = input.resources.some(
                        (resource) =>
                            (exemption.resource !== undefined &&
                                (exemption.resource === resource.name || exemption.resource === resource.urn)) ||
                            (exemption.namespace !== undefined && namespaceOf(resource) === exemption.namespace),
                    );
                    activeExemptionMatches ||= matches && !expired;
                }
            }
            const knownTypes = policies.map((policy) =>
                policy.type === "resource" ? input.resourceTypesByPolicy?.get(policy.name) : undefined,
            );
            const applicable = knownTypes.some((types) => types === undefined || types.some((type) => typesPresent.has(type)));
            const weakenedBy = (input.optOuts ?? []).filter((optOut) => optOut.weakens.includes(control.id)).map((optOut) => optOut.key);
            let status: ComplianceStatus;
            if (policies.length === 0) {
                status = "not-covered";
            } else if (violatedBy.length > 0) {
                status = "violated";
            } else if (unverifiable.length > 0) {
                status = "unverifiable";
            } else if (activeExemptionMatches) {
                status = "exempted";
            } else if (weakenedBy.length > 0) {
                status = "weakened";
            } else if (!applicable) {
                status = "not-applicable";
            } else {
                status = "met";
            }
            return {
                control: control.id,
                title: control.title,
                status,
                policies: [...names],
                violatedBy,
                unverifiable,
                exemptions,
                weakenedBy,
            };
        });
}

/**
 * Resource types per policy for packs built with the baseline's `resourcePolicy` helper, read
 * from the compiled pack (`bin/policies.js` + `bin/lib/policy.js`); empty for other packs.
 */
export function loadPolicyResourceTypes(packDir: string): Map<string, readonly string[]> {
    const result = new Map<string, readonly string[]>();
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const helper = require(path.join(packDir, "bin", "lib", "policy.js")) as {
            resourceTypesOf?: (policy: object) => readonly string[];
        };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const list = require(path.join(packDir, "bin", "policies.js")) as Record<string, unknown>;
        const policies = Object.values(list).find(Array.isArray) as { name: string }[] | undefined;
        for (const policy of policies ?? []) {
            const types = helper.resourceTypesOf?.(policy) ?? [];
            if (types.length > 0) {
                result.set(policy.name, types);
            }
        }
    } catch {
        // Not a baseline-style pack: every control counts as applicable.
    }
    return result;
}
