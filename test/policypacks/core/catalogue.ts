/** Reads the control catalogue (controls/catalogue.md) for the pack-wide tests and the docs. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseControls } from "../../../tools/docs/generate";

export const catalogue = parseControls(fs.readFileSync(path.resolve(__dirname, "../../../controls/catalogue.md"), "utf8"));
