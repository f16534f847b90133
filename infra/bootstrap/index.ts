/** Pulumi program entry of the bootstrap project (Pulumi.yaml `main`): the outputs are what the program returns. */
import { bootstrapProgram } from "./program";

export = bootstrapProgram();
