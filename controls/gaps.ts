import { Layer } from "./catalogue";

/** A control layer the baseline does not deliver yet, and why. Listed so the gap is visible. */
export interface ControlGap {
    control: string;
    layer: Layer;
    reason: string;
}

export const gaps: ControlGap[] = [];
