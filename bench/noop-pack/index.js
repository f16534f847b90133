// The floor of @pulumi/policy over the Analyzer protocol: policies that do nothing.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-noop", {
    policies: [
        { name: "noop-resource", description: "Does nothing.", enforcementLevel: "mandatory", validateResource: () => undefined },
        { name: "noop-stack", description: "Does nothing.", enforcementLevel: "mandatory", validateStack: () => undefined },
    ],
});
