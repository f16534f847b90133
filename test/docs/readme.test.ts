import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { optOutCatalogue } from "../../infra/config/opt-outs";
import { repoRoot } from "../../tools/plan/plan";

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

/** Rows of the README's opt-out table: the key cell, the weakens cell and the prod cell. */
function optOutRows(): { keys: string; weakens: string; prod: string }[] {
    const start = readme.indexOf("| Opt-out key |");
    expect(start).toBeGreaterThan(-1);
    const rows = readme.slice(start).split("\n").filter((line) => line.startsWith("|")).slice(2);
    return rows.map((row) => {
        const [keys = "", weakens = "", prod = ""] = row.split("|").slice(1, -1).map((cell) => cell.trim());
        return { keys, weakens, prod };
    });
}

/** True when `cell` lists `control` by ID or through a family wildcard such as `MESH-*`. */
function listsControl(cell: string, control: string): boolean {
    const ids = cell.split(/[,\s]+/);
    return ids.includes(control) || ids.includes(`${control.split("-")[0]}-*`);
}

describe("README.md", () => {
    it("lists every opt-out the config parser knows, with the controls it weakens and whether prod refuses it", () => {
        const rows = optOutRows();
        for (const optOut of optOutCatalogue) {
            const row = rows.find((candidate) => candidate.keys.includes(`\`${optOut.key}`));
            expect(row, `${optOut.key} has no row in the README's opt-out table`).toBeDefined();
            for (const control of optOut.weakens) {
                expect(listsControl(row!.weakens, control), `${optOut.key}: README does not list ${control}`).toBe(true);
            }
            expect(row!.prod.startsWith("no"), `${optOut.key}: README says "${row!.prod}" for prod`).toBe(optOut.refusedInProd);
        }
    });

    it("names every ComponentResource class of components/ in its component list", () => {
        const list = readme.slice(readme.indexOf("- **components/**"), readme.indexOf("- **policypacks/"));
        const componentsDir = path.join(repoRoot, "components");
        const classes = readdirSync(componentsDir, { recursive: true, encoding: "utf8" })
            .filter((file) => file.endsWith(".ts"))
            .flatMap((file) => [...readFileSync(path.join(componentsDir, file), "utf8").matchAll(/export class (\w+) extends pulumi\.ComponentResource/g)])
            .map((match) => match[1]!);
        expect(classes.length).toBeGreaterThan(10);
        for (const name of classes) {
            expect(list, `README's component list misses ${name}`).toContain(`\`${name}\``);
        }
    });
});
