import { booleanOf, referenceSet, show } from "../../lib/aws-props";
import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { eksAutoNodeClassTypes } from "../../lib/k8s-types";
import { publicSubnetSelections } from "../../lib/node-class";
import { resourcePolicy } from "../../lib/policy";

/**
 * NODE-5: an EKS Auto Mode NodeClass (`eks.amazonaws.com/v1`) encrypts ephemeral storage with the
 * customer's EBS key (`ephemeralStorage.kmsKeyID`; without it Auto Mode uses the AWS managed key),
 * selects subnets explicitly (`subnetSelectorTerms`; none of them on the public-subnet tag) and
 * never asks for public IPs (`advancedNetworking.associatePublicIPAddress` true). Unset
 * associatePublicIPAddress follows the selected subnets' MapPublicIpOnLaunch, which
 * subnet-no-public-ip-on-launch keeps off. Fields: docs.aws.amazon.com/eks/latest/userguide/create-node-class.html.
 * `*Patch` objects are judged on the fields they set.
 */
export const k8sEksAutoNodeClassHardened = resourcePolicy({
    name: "k8s-eks-auto-node-class-hardened",
    description:
        "EKS Auto Mode NodeClass (eks.amazonaws.com/v1) encrypts ephemeral storage with a customer-managed key (ephemeralStorage.kmsKeyID), selects private subnets explicitly (subnetSelectorTerms, never the public-subnet tag) and never sets advancedNetworking.associatePublicIPAddress true. Amazon EKS user guide: Create a Node Class for Amazon EKS.",
    severity: "high",
    controls: ["NODE-5"],
    remediationSteps:
        'Set ephemeralStorage.kmsKeyID to the EBS key ARN, subnetSelectorTerms to the private subnets (ids or the "kubernetes.io/role/internal-elb" tag) and advancedNetworking.associatePublicIPAddress to false.',
    example: [
        "spec:",
        "  role: <node role name>",
        "  subnetSelectorTerms: [{ tags: { kubernetes.io/role/internal-elb: '1' } }]",
        "  securityGroupSelectorTerms: [{ id: <cluster security group id> }]",
        "  ephemeralStorage: { size: 80Gi, kmsKeyID: <EBS key ARN> }",
        "  advancedNetworking: { associatePublicIPAddress: false }",
        "  networkPolicyEventLogs: Enabled",
    ].join("\n"),
    resourceTypes: eksAutoNodeClassTypes,
    validate: ({ type, name, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const spec = objectOf(object.object.spec) ?? {};
            const where = `NodeClass "${displayName(() => object.object.metadata?.name, name)}"`;
            const path = object.path;
            const storage = objectOf(spec.ephemeralStorage);
            // The key ARN is usually another resource's output, unknown during preview: unknown counts as set.
            if (!referenceSet(storage, "kmsKeyID") && (!object.partial || (storage !== undefined && "kmsKeyID" in storage))) {
                const key = storage?.kmsKeyID;
                const value = key === undefined ? "unset (the AWS managed key)" : show(key);
                report(`${where}: ${path}spec.ephemeralStorage.kmsKeyID is ${value}; set it to the ARN of the EBS key.`);
            }
            if (arrayOf(spec.subnetSelectorTerms).length === 0 && (!object.partial || "subnetSelectorTerms" in spec)) {
                report(
                    `${where}: ${path}spec.subnetSelectorTerms is unset or empty; select the private subnets by id or by the "kubernetes.io/role/internal-elb" tag.`,
                );
            }
            for (const finding of publicSubnetSelections(spec, path)) {
                report(`${where}: ${finding}; select the private subnets (for example by "kubernetes.io/role/internal-elb").`);
            }
            if (booleanOf(objectOf(spec.advancedNetworking)?.associatePublicIPAddress) === true) {
                report(`${where}: ${path}spec.advancedNetworking.associatePublicIPAddress is true; set it to false.`);
            }
        }
    },
});
