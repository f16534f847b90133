/**
 * `--graph`: a Mermaid flowchart of the component tree. Components are nodes; their custom
 * children are grouped by type into one node with a count; dashed edges show dependencies that
 * cross components (for example cluster -> log group -> key).
 */
import { PlanResult } from "./plan";

type Resource = PlanResult["resources"][number];

function label(text: string): string {
    return text.replace(/"/g, "#quot;");
}

/** Renders the Mermaid source (deterministic for a given plan). */
export function mermaidGraph(plan: PlanResult): string {
    const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
    const isComponent = (resource: Resource) => !resource.custom;
    const componentIds = new Map<string, string>();
    const groupIds = new Map<string, string>();
    const lines = ["flowchart TD"];

    plan.resources.filter(isComponent).forEach((component, index) => {
        const id = `c${index}`;
        componentIds.set(component.urn, id);
        lines.push(`    ${id}["${label(`${component.name}<br/>${component.type}`)}"]`);
    });
    /** Nearest component ancestor (or the resource itself if a component). */
    const ownerOf = (resource: Resource): string => {
        let current: Resource | undefined = resource;
        while (current && !isComponent(current)) {
            current = current.parent ? byUrn.get(current.parent) : undefined;
        }
        return current?.urn ?? plan.resources[0]?.urn ?? "";
    };
    const groupKey = (resource: Resource) => (isComponent(resource) ? resource.urn : `${ownerOf(resource)}|${resource.type}`);

    const counts = new Map<string, { owner: string; type: string; count: number }>();
    for (const resource of plan.resources) {
        if (isComponent(resource)) {
            continue;
        }
        const key = groupKey(resource);
        const entry = counts.get(key) ?? { owner: ownerOf(resource), type: resource.type, count: 0 };
        entry.count++;
        counts.set(key, entry);
    }
    // Groups in component order, then by type: registration order of children depends on when
    // their inputs resolve, so it is not stable from one run to the next.
    const componentOrder = (urn: string) => [...componentIds.keys()].indexOf(urn);
    const groups = [...counts.entries()].sort(
        ([, a], [, b]) => componentOrder(a.owner) - componentOrder(b.owner) || a.type.localeCompare(b.type),
    );
    groups.forEach(([key, entry], index) => {
        const id = `g${index}`;
        groupIds.set(key, id);
        lines.push(`    ${id}(["${label(`${entry.count} × ${entry.type}`)}"])`);
    });

    for (const component of plan.resources.filter(isComponent)) {
        if (component.parent && componentIds.has(component.parent)) {
            lines.push(`    ${componentIds.get(component.parent)} --> ${componentIds.get(component.urn)}`);
        }
    }
    for (const [key, entry] of groups) {
        const owner = componentIds.get(entry.owner);
        if (owner) {
            lines.push(`    ${owner} --> ${groupIds.get(key)}`);
        }
    }
    const crossEdges = new Set<string>();
    for (const resource of plan.resources) {
        for (const dependency of resource.dependencies) {
            const target = byUrn.get(dependency);
            if (!target || ownerOf(target) === ownerOf(resource)) {
                continue;
            }
            const from = groupIds.get(groupKey(resource)) ?? componentIds.get(resource.urn);
            const to = groupIds.get(groupKey(target)) ?? componentIds.get(target.urn);
            if (from && to && from !== to) {
                crossEdges.add(`    ${from} -.-> ${to}`);
            }
        }
    }
    lines.push(...[...crossEdges].sort());
    return `${lines.join("\n")}\n`;
}
