/**
 * Reads the control catalogue (controls/catalogue.md, the team's copy of shared/CONTROLS.md):
 * every control ID with the layers it needs.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

export type Layer = "B" | "P" | "A" | "R" | "D";

export interface CatalogueControl {
    id: string;
    title: string;
    layers: Layer[];
}

const rowPattern = /^\|\s*([A-Z]+-\d+)\s*\|\s*(.+?)\s*\|\s*([BPARD ]+)\s*\|/;

/** Parses the markdown tables of the catalogue into controls, in catalogue order. */
export function parseCatalogue(markdown: string): CatalogueControl[] {
    const controls: CatalogueControl[] = [];
    for (const line of markdown.split("\n")) {
        const match = rowPattern.exec(line);
        if (match) {
            const layers = match[3]!.trim().split(/\s+/) as Layer[];
            controls.push({ id: match[1]!, title: match[2]!, layers });
        }
    }
    return controls;
}

/** The catalogue shipped with the repository. */
export function loadCatalogue(): CatalogueControl[] {
    return parseCatalogue(readFileSync(path.join(__dirname, "catalogue.md"), "utf8"));
}
