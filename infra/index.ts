/** Pulumi program entry (Pulumi.yaml `main`): the stack outputs are whatever the program returns. */
import { baselineProgram } from "./program";

export = baselineProgram();
