/**
 * The floor of an offline plan (bench (a)): a bare Node process that loads the same SDKs as the
 * baseline program (@pulumi/pulumi, @pulumi/aws, @pulumi/kubernetes), installs trivial mocks and
 * registers as many resources as the plan has (argv[2]), then exits when the runtime has seen them
 * all. Plain JavaScript, so nothing is transpiled: what is left is SDK load and registration.
 */
"use strict";
const count = Number(process.argv[2] ?? "200");
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks(
    {
        newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: (args) => args.inputs,
    },
    "eks-baseline",
    "prod",
    false,
);
const aws = require("@pulumi/aws");
const k8s = require("@pulumi/kubernetes");

for (let index = 0; index < count; index++) {
    if (index % 2 === 0) {
        new aws.s3.Bucket(`bucket-${index}`, { tags: { index: String(index) } });
    } else {
        new k8s.core.v1.ConfigMap(`config-${index}`, { metadata: { namespace: "shop" }, data: { index: String(index) } });
    }
}
// The mock monitor answers every registration on the event loop; the process exits once all are done.
