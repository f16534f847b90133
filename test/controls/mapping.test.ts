import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../controls/catalogue";
import { gaps } from "../../controls/gaps";
import { loadEvidence } from "../../controls/mapping";
import { renderControlsDoc } from "../../controls/render";

const root = path.resolve(__dirname, "..", "..");
const catalogue = loadCatalogue();
const evidence = loadEvidence();

describe("control mapping", () => {
    it("reads every control of the catalogue", () => {
        expect(catalogue.map((control) => control.id)).toContain("NET-1");
        expect(catalogue.map((control) => control.id)).toContain("OPS-3");
        expect(catalogue.length).toBe(61);
    });

    it("maps every layer of every control to evidence or a declared gap", () => {
        const missing: string[] = [];
        for (const control of catalogue) {
            for (const layer of control.layers) {
                const proven = evidence.some((entry) => entry.control === control.id && entry.layer === layer);
                const declared = gaps.some((gap) => gap.control === control.id && gap.layer === layer);
                if (!proven && !declared) {
                    missing.push(`${control.id}/${layer}`);
                }
            }
        }
        expect(missing).toEqual([]);
    });

    it("names only control IDs and layers that exist in the catalogue", () => {
        const known = new Map(catalogue.map((control) => [control.id, control.layers]));
        const unknown = evidence
            .filter((entry) => !known.get(entry.control)?.includes(entry.layer))
            .map((entry) => `${entry.control}/${entry.layer} (${entry.implementation})`);
        expect(unknown).toEqual([]);
    });

    it("points every entry at code that contains its symbol and a test that contains its test name", () => {
        const broken: string[] = [];
        for (const entry of evidence) {
            const implementation = path.join(root, entry.implementation);
            const test = path.join(root, entry.test);
            if (!existsSync(implementation) || !readFileSync(implementation, "utf8").includes(entry.symbol)) {
                broken.push(`${entry.control}/${entry.layer}: ${entry.implementation} lacks "${entry.symbol}"`);
            }
            if (!existsSync(test) || !readFileSync(test, "utf8").includes(entry.testName)) {
                broken.push(`${entry.control}/${entry.layer}: ${entry.test} lacks test "${entry.testName}"`);
            }
        }
        expect(broken).toEqual([]);
    });

    it("declares no gap for a layer that has evidence", () => {
        const stale = gaps
            .filter((gap) => evidence.some((entry) => entry.control === gap.control && entry.layer === gap.layer))
            .map((gap) => `${gap.control}/${gap.layer}`);
        expect(stale).toEqual([]);
    });
});

describe("docs/controls.md", () => {
    it("is regenerated from the mapping (run npm run docs)", () => {
        const committed = readFileSync(path.join(root, "docs", "controls.md"), "utf8");
        expect(committed).toBe(renderControlsDoc(catalogue, evidence, gaps));
    });
});
