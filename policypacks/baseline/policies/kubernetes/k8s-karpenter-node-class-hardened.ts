import { booleanOf, show } from "../../lib/aws-props";
import { arrayOf, displayName, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { karpenterNodeClassTypes } from "../../lib/k8s-types";
import { publicSubnetSelections } from "../../lib/node-class";
import { Props, resourcePolicy } from "../../lib/policy";

/**
 * AMI families whose Karpenter default block device mappings are encrypted EBS volumes (AL2,
 * AL2023 and Windows: one root volume; Bottlerocket: /dev/xvda and /dev/xvdb). `Custom` has no
 * defaults: the AMI's own mappings apply, encrypted only if its snapshot is.
 * https://karpenter.sh/docs/concepts/nodeclasses/ (spec.blockDeviceMappings)
 */
const encryptedDefaultFamilies = new Set(["AL2", "AL2023", "Bottlerocket", "Windows2019", "Windows2022"]);

/** The AMI family as Karpenter resolves it: an `alias` term (v1) wins over amiFamily. */
function amiFamilyOf(spec: Props): { family?: string; source: string; value?: string } {
    const aliases = arrayOf(spec.amiSelectorTerms)
        .map((term, index) => ({ alias: objectOf(term)?.alias, index }))
        .filter((entry) => typeof entry.alias === "string");
    if (aliases.length > 0) {
        const { alias, index } = aliases[0];
        const family = (alias as string).split("@")[0].toLowerCase();
        const known: Record<string, string> = {
            bottlerocket: "Bottlerocket",
            al2023: "AL2023",
            al2: "AL2",
            windows2019: "Windows2019",
            windows2022: "Windows2022",
        };
        return { family: known[family] ?? family, source: `spec.amiSelectorTerms[${index}].alias`, value: alias as string };
    }
    const family = spec.amiFamily;
    return { family: typeof family === "string" ? family : undefined, source: "spec.amiFamily", value: family };
}

/**
 * NODE-5 (with NET-9, SEC-3, NET-2 on Karpenter nodes): a Karpenter EC2NodeClass launches
 * Bottlerocket nodes with IMDSv2 and hop limit 1, encrypted block devices and no public IP.
 * Karpenter's own defaults are secure: "If metadataOptions are omitted from this EC2NodeClass,
 * the following default settings are applied: httpEndpoint: enabled, httpProtocolIPv6: disabled,
 * httpPutResponseHopLimit: 1, httpTokens: required" (karpenter.sh/docs/concepts/nodeclasses), so
 * only an explicit weakening is reported; IMDS turned off passes. Unset blockDeviceMappings use
 * the family's encrypted defaults (not for `Custom`). Unset `associatePublicIPAddress` follows the
 * subnet's MapPublicIpOnLaunch, which subnet-no-public-ip-on-launch keeps off for the baseline's
 * subnets; a selector term on the public-subnet tag is reported. `*Patch` objects are judged on
 * the fields they set.
 */
export const k8sKarpenterNodeClassHardened = resourcePolicy({
    name: "k8s-karpenter-node-class-hardened",
    description:
        'Karpenter EC2NodeClass (karpenter.k8s.aws v1 and v1beta1) launches Bottlerocket nodes (alias "bottlerocket@<version>" or amiFamily Bottlerocket), never weakens the IMDSv2 default (httpTokens "required", httpPutResponseHopLimit 1), encrypts every block device and assigns no public IP. Amazon EKS Best Practices Guide, Security (restrict IMDS, Bottlerocket); Karpenter docs, NodeClasses.',
    severity: "high",
    controls: ["NODE-5"],
    remediationSteps:
        'Use amiSelectorTerms [{ alias: "bottlerocket@v1.x.y" }], drop metadataOptions or set httpTokens "required" with httpPutResponseHopLimit 1, set ebs.encrypted true (with kmsKeyID) on every blockDeviceMappings entry, leave associatePublicIPAddress unset or false and select private subnets.',
    example: [
        "spec:",
        "  amiSelectorTerms: [{ alias: bottlerocket@v1.39.1 }]",
        "  metadataOptions: { httpEndpoint: enabled, httpTokens: required, httpPutResponseHopLimit: 1 }",
        "  blockDeviceMappings:",
        "    - { deviceName: /dev/xvda, ebs: { volumeSize: 4Gi, volumeType: gp3, encrypted: true, kmsKeyID: <EBS key ARN> } }",
        "    - { deviceName: /dev/xvdb, ebs: { volumeSize: 50Gi, volumeType: gp3, encrypted: true, kmsKeyID: <EBS key ARN> } }",
        "  subnetSelectorTerms: [{ tags: { kubernetes.io/role/internal-elb: '1' } }]",
    ].join("\n"),
    resourceTypes: karpenterNodeClassTypes,
    validate: ({ type, name, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const spec = objectOf(object.object.spec) ?? {};
            const where = `EC2NodeClass "${displayName(() => object.object.metadata?.name, name)}"`;
            const path = object.path;
            const ami = amiFamilyOf(spec);
            if (ami.value === undefined) {
                if (!object.partial) {
                    report(
                        `${where}: ${path}spec.amiSelectorTerms has no alias and amiFamily is unset; use the alias "bottlerocket@<version>".`,
                    );
                }
            } else if (ami.family !== "Bottlerocket") {
                report(`${where}: ${path}${ami.source} is ${show(ami.value)}; use Bottlerocket (alias "bottlerocket@<version>").`);
            }
            const options = objectOf(spec.metadataOptions);
            if (options !== undefined && options.httpEndpoint !== "disabled") {
                if (options.httpTokens !== undefined && options.httpTokens !== "required") {
                    report(
                        `${where}: ${path}spec.metadataOptions.httpTokens is ${show(options.httpTokens)}; set it to "required" (IMDSv2 only) or leave it unset.`,
                    );
                }
                const hops = options.httpPutResponseHopLimit;
                if (hops !== undefined && hops !== 1) {
                    report(
                        `${where}: ${path}spec.metadataOptions.httpPutResponseHopLimit is ${show(hops)}; set it to 1 (or leave it unset) so pods cannot reach the instance metadata service.`,
                    );
                }
            }
            const mappings = spec.blockDeviceMappings;
            if (mappings === undefined) {
                if (!object.partial && ami.family !== undefined && !encryptedDefaultFamilies.has(ami.family)) {
                    report(
                        `${where}: ${path}spec.blockDeviceMappings is unset and ${ami.source} ${show(ami.value)} has no Karpenter defaults (the AMI's own volumes, encrypted only if its snapshot is); map each volume with ebs.encrypted true.`,
                    );
                }
            } else {
                arrayOf(mappings).forEach((mapping, index) => {
                    const ebs = objectOf(objectOf(mapping)?.ebs) ?? {};
                    if (booleanOf(ebs.encrypted) !== true) {
                        const value = ebs.encrypted === undefined ? "unset (unencrypted)" : show(ebs.encrypted);
                        report(
                            `${where}: ${path}spec.blockDeviceMappings[${index}].ebs.encrypted is ${value}; set it to true with kmsKeyID of the EBS key.`,
                        );
                    }
                });
            }
            if (booleanOf(spec.associatePublicIPAddress) === true) {
                report(`${where}: ${path}spec.associatePublicIPAddress is true; set it to false (or leave it unset with private subnets).`);
            }
            for (const finding of publicSubnetSelections(spec, path)) {
                report(`${where}: ${finding}; select the private subnets (for example by "kubernetes.io/role/internal-elb").`);
            }
        }
    },
});
