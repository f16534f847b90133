/** Pulumi program entry of the example (Pulumi.yaml `main`). */
import { consumerProgram } from "./program";

export = consumerProgram();
