/** `npm run docs` part: regenerates docs/controls.md. */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadCatalogue } from "./catalogue";
import { gaps } from "./gaps";
import { loadEvidence } from "./mapping";
import { renderControlsDoc } from "./render";

writeFileSync(path.join(__dirname, "..", "docs", "controls.md"), renderControlsDoc(loadCatalogue(), loadEvidence(), gaps));
