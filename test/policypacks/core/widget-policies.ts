/**
 * Two tiny policies on a made-up resource type, one critical and one medium, for the rollout
 * tests in-process and over the protocol.
 */
import { resourcePolicy } from "../../../policypacks/baseline/lib/policy";

export const widgetType = "test:index/widget:Widget";

/** A critical and a medium policy on a test type, declared like every pack policy. */
export const criticalPolicy = resourcePolicy({
    name: "widget-not-open",
    description: "Widgets are closed.",
    severity: "critical",
    controls: ["NET-1"],
    remediationSteps: "Set open to false.",
    resourceTypes: [widgetType],
    validate: ({ props }, report) => {
        if (props.open !== false) report(`open is ${JSON.stringify(props.open)}; set it to false.`);
    },
    remediate: ({ props }) => ({ ...props, open: false }),
});
export const mediumPolicy = resourcePolicy({
    name: "widget-labelled",
    description: "Widgets are labelled.",
    severity: "medium",
    controls: ["WL-9"],
    remediationSteps: "Set label.",
    resourceTypes: [widgetType],
    validate: ({ props }, report) => {
        if (typeof props.label !== "string") report("label is not set; set a label.");
    },
});
