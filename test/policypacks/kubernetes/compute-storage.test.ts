/**
 * NODE-5 and SEC-8 on in-cluster custom resources: Karpenter EC2NodeClass (v1, v1beta1), EKS Auto
 * Mode NodeClass and EBS StorageClasses, in the shapes `apiextensions.CustomResource` and
 * @pulumi/kubernetes send them (`kubernetes:<apiVersion>:<kind>`, List and Patch variants).
 */
import { describe, expect, it } from "vitest";
import { k8sEksAutoNodeClassHardened } from "../../../policypacks/baseline/policies/kubernetes/k8s-eks-auto-node-class-hardened";
import { k8sKarpenterNodeClassHardened } from "../../../policypacks/baseline/policies/kubernetes/k8s-karpenter-node-class-hardened";
import { k8sStorageClassEbsEncrypted } from "../../../policypacks/baseline/policies/kubernetes/k8s-storage-class-ebs-encrypted";
import { FixtureResource, UNKNOWN, runResourcePolicy } from "../../helpers/run-policy";
import { encryptedStorageClass, hardenedAutoNodeClass, hardenedEc2NodeClass } from "./compute-fixtures";
import { commonBehaviour, remove, violationsOf, withProp } from "../aws/harness";

const node5 = (message: string) => `${message} [NODE-5]`;
const sec8 = (message: string) => `${message} [SEC-8]`;

describe("k8s-karpenter-node-class-hardened (NODE-5)", () => {
    const policy = k8sKarpenterNodeClassHardened;
    const where = 'EC2NodeClass "internal"';

    it("passes the hardened form, Karpenter's secure defaults (no metadataOptions, no blockDeviceMappings) and IMDS off", async () => {
        expect(await violationsOf(policy, hardenedEc2NodeClass)).toEqual([]);
        let defaults = withProp(hardenedEc2NodeClass, ["spec", "metadataOptions"], remove);
        defaults = withProp(defaults, ["spec", "blockDeviceMappings"], remove);
        defaults = withProp(defaults, ["spec", "associatePublicIPAddress"], remove);
        expect(await violationsOf(policy, defaults)).toEqual([]);
        expect(
            await violationsOf(
                policy,
                withProp(hardenedEc2NodeClass, ["spec", "metadataOptions"], { httpEndpoint: "disabled", httpTokens: "optional" }),
            ),
        ).toEqual([]);
        expect(await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "metadataOptions"], { httpTokens: "required" }))).toEqual(
            [],
        );
    });

    it("passes v1beta1 with amiFamily Bottlerocket", async () => {
        const beta: FixtureResource = {
            type: "kubernetes:karpenter.k8s.aws/v1beta1:EC2NodeClass",
            name: "beta",
            props: {
                apiVersion: "karpenter.k8s.aws/v1beta1",
                kind: "EC2NodeClass",
                metadata: { name: "internal" },
                spec: { ...structuredClone(hardenedEc2NodeClass.props.spec), amiSelectorTerms: undefined, amiFamily: "Bottlerocket" },
            },
        };
        delete beta.props.spec.amiSelectorTerms;
        expect(await violationsOf(policy, beta)).toEqual([]);
        expect(await violationsOf(policy, withProp(beta, ["spec", "amiFamily"], "AL2023"))).toEqual([
            node5(`${where}: spec.amiFamily is "AL2023"; use Bottlerocket (alias "bottlerocket@<version>").`),
        ]);
    });

    it("blocks explicit IMDS weakening, non-Bottlerocket AMIs, unencrypted volumes and public IPs on EC2NodeClasses (NODE-5)", async () => {
        expect(await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "metadataOptions", "httpTokens"], "optional"))).toEqual([
            node5(`${where}: spec.metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only) or leave it unset.`),
        ]);
        expect(
            await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "metadataOptions", "httpPutResponseHopLimit"], 2)),
        ).toEqual([
            node5(
                `${where}: spec.metadataOptions.httpPutResponseHopLimit is 2; set it to 1 (or leave it unset) so pods cannot reach the instance metadata service.`,
            ),
        ]);
    });

    it("requires Bottlerocket by alias or family", async () => {
        expect(
            await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "amiSelectorTerms"], [{ alias: "al2023@latest" }])),
        ).toEqual([
            node5(`${where}: spec.amiSelectorTerms[0].alias is "al2023@latest"; use Bottlerocket (alias "bottlerocket@<version>").`),
        ]);
        expect(await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "amiSelectorTerms"], [{ id: "ami-0abc" }]))).toEqual([
            node5(`${where}: spec.amiSelectorTerms has no alias and amiFamily is unset; use the alias "bottlerocket@<version>".`),
        ]);
    });

    it("requires every block device encrypted, and explicit mappings for a Custom AMI family", async () => {
        expect(
            await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "blockDeviceMappings", 1, "ebs", "encrypted"], false)),
        ).toEqual([node5(`${where}: spec.blockDeviceMappings[1].ebs.encrypted is false; set it to true with kmsKeyID of the EBS key.`)]);
        expect(
            await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "blockDeviceMappings", 0, "ebs", "encrypted"], remove)),
        ).toEqual([
            node5(
                `${where}: spec.blockDeviceMappings[0].ebs.encrypted is unset (unencrypted); set it to true with kmsKeyID of the EBS key.`,
            ),
        ]);
        let custom = withProp(hardenedEc2NodeClass, ["spec", "amiSelectorTerms"], [{ id: "ami-0abc" }]);
        custom = withProp(withProp(custom, ["spec", "amiFamily"], "Custom"), ["spec", "blockDeviceMappings"], remove);
        expect(await violationsOf(policy, custom)).toEqual([
            node5(`${where}: spec.amiFamily is "Custom"; use Bottlerocket (alias "bottlerocket@<version>").`),
            node5(
                `${where}: spec.blockDeviceMappings is unset and spec.amiFamily "Custom" has no Karpenter defaults (the AMI's own volumes, encrypted only if its snapshot is); map each volume with ebs.encrypted true.`,
            ),
        ]);
    });

    it("reports public IPs and public subnet selection", async () => {
        expect(await violationsOf(policy, withProp(hardenedEc2NodeClass, ["spec", "associatePublicIPAddress"], true))).toEqual([
            node5(`${where}: spec.associatePublicIPAddress is true; set it to false (or leave it unset with private subnets).`),
        ]);
        expect(
            await violationsOf(
                policy,
                withProp(hardenedEc2NodeClass, ["spec", "subnetSelectorTerms"], [{ tags: { "kubernetes.io/role/elb": "1" } }]),
            ),
        ).toEqual([
            node5(
                `${where}: spec.subnetSelectorTerms[0].tags selects "kubernetes.io/role/elb" (public subnets); select the private subnets (for example by "kubernetes.io/role/internal-elb").`,
            ),
        ]);
    });

    it("judges List items and Patch objects on the fields they set", async () => {
        const list: FixtureResource = {
            type: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClassList",
            name: "classes",
            props: {
                items: [
                    hardenedEc2NodeClass.props,
                    { ...hardenedEc2NodeClass.props, spec: { ...hardenedEc2NodeClass.props.spec, associatePublicIPAddress: true } },
                ],
            },
        };
        expect(await violationsOf(policy, list)).toEqual([
            node5(`${where}: items[1].spec.associatePublicIPAddress is true; set it to false (or leave it unset with private subnets).`),
        ]);
        const patch = (spec: object): FixtureResource => ({
            type: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClassPatch",
            name: "patch",
            props: { metadata: { name: "internal" }, spec },
        });
        expect(await violationsOf(policy, patch({ role: "other" }))).toEqual([]);
        expect(await violationsOf(policy, patch({ metadataOptions: { httpTokens: "optional" } }))).toEqual([
            node5(`${where}: spec.metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only) or leave it unset.`),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NODE-5]",
        compliant: hardenedEc2NodeClass,
        violating: withProp(hardenedEc2NodeClass, ["spec", "metadataOptions", "httpTokens"], "optional"),
        message: node5(`${where}: spec.metadataOptions.httpTokens is "optional"; set it to "required" (IMDSv2 only) or leave it unset.`),
        unknownPath: ["spec", "metadataOptions", "httpTokens"],
    });
});

describe("k8s-eks-auto-node-class-hardened (NODE-5)", () => {
    const policy = k8sEksAutoNodeClassHardened;
    const where = 'NodeClass "internal"';

    it("passes the hardened form, and associatePublicIPAddress left to the private subnets", async () => {
        expect(await violationsOf(policy, hardenedAutoNodeClass)).toEqual([]);
        // The EBS key ARN is another resource's output, unknown during preview.
        expect(await violationsOf(policy, withProp(hardenedAutoNodeClass, ["spec", "ephemeralStorage", "kmsKeyID"], UNKNOWN))).toEqual([]);
        expect(await violationsOf(policy, withProp(hardenedAutoNodeClass, ["spec", "advancedNetworking"], remove))).toEqual([]);
    });

    it("requires the customer EBS key on Auto Mode ephemeral storage (NODE-5)", async () => {
        expect(await violationsOf(policy, withProp(hardenedAutoNodeClass, ["spec", "ephemeralStorage", "kmsKeyID"], remove))).toEqual([
            node5(`${where}: spec.ephemeralStorage.kmsKeyID is unset (the AWS managed key); set it to the ARN of the EBS key.`),
        ]);
        expect(await violationsOf(policy, withProp(hardenedAutoNodeClass, ["spec", "ephemeralStorage"], remove))).toEqual([
            node5(`${where}: spec.ephemeralStorage.kmsKeyID is unset (the AWS managed key); set it to the ARN of the EBS key.`),
        ]);
    });

    it("requires explicit private subnet selection and no public IPs", async () => {
        expect(await violationsOf(policy, withProp(hardenedAutoNodeClass, ["spec", "subnetSelectorTerms"], remove))).toEqual([
            node5(
                `${where}: spec.subnetSelectorTerms is unset or empty; select the private subnets by id or by the "kubernetes.io/role/internal-elb" tag.`,
            ),
        ]);
        expect(
            await violationsOf(
                policy,
                withProp(hardenedAutoNodeClass, ["spec", "subnetSelectorTerms"], [{ tags: { "kubernetes.io/role/elb": "1" } }]),
            ),
        ).toEqual([
            node5(
                `${where}: spec.subnetSelectorTerms[0].tags selects "kubernetes.io/role/elb" (public subnets); select the private subnets (for example by "kubernetes.io/role/internal-elb").`,
            ),
        ]);
        expect(
            await violationsOf(policy, withProp(hardenedAutoNodeClass, ["spec", "advancedNetworking", "associatePublicIPAddress"], true)),
        ).toEqual([node5(`${where}: spec.advancedNetworking.associatePublicIPAddress is true; set it to false.`)]);
    });

    it("judges a Patch only on the fields it sets", async () => {
        const patch = (spec: object): FixtureResource => ({
            type: "kubernetes:eks.amazonaws.com/v1:NodeClassPatch",
            name: "patch",
            props: { metadata: { name: "internal" }, spec },
        });
        expect(await violationsOf(policy, patch({ networkPolicyEventLogs: "Enabled" }))).toEqual([]);
        expect(await violationsOf(policy, patch({ ephemeralStorage: { kmsKeyID: "" } }))).toEqual([
            node5(`${where}: spec.ephemeralStorage.kmsKeyID is ""; set it to the ARN of the EBS key.`),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NODE-5]",
        compliant: hardenedAutoNodeClass,
        violating: withProp(hardenedAutoNodeClass, ["spec", "advancedNetworking", "associatePublicIPAddress"], true),
        message: node5(`${where}: spec.advancedNetworking.associatePublicIPAddress is true; set it to false.`),
        unknownPath: ["spec", "advancedNetworking", "associatePublicIPAddress"],
    });
});

describe("k8s-storage-class-ebs-encrypted (SEC-8)", () => {
    const policy = k8sStorageClassEbsEncrypted;
    const where = (provisioner = "ebs.csi.aws.com") => `StorageClass "gp3-encrypted" (${provisioner})`;

    it("passes encrypted EBS StorageClasses of every EBS provisioner, and ignores other provisioners", async () => {
        for (const provisioner of ["ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs"]) {
            expect(await violationsOf(policy, withProp(encryptedStorageClass, ["provisioner"], provisioner))).toEqual([]);
        }
        expect(await violationsOf(policy, withProp(encryptedStorageClass, ["parameters", "kmsKeyId"], remove))).toEqual([]);
        const efs = withProp(withProp(encryptedStorageClass, ["provisioner"], "efs.csi.aws.com"), ["parameters"], {
            provisioningMode: "efs-ap",
        });
        expect(await violationsOf(policy, efs)).toEqual([]);
    });

    it("blocks unencrypted EBS StorageClasses, a kmsKeyId without encrypted, and spellings the driver does not read as true (SEC-8)", async () => {
        expect(await violationsOf(policy, withProp(encryptedStorageClass, ["parameters"], { type: "gp3" }))).toEqual([
            sec8(
                `${where()}: parameters.encrypted is unset (volumes are created unencrypted); set it to the string "true" with kmsKeyId of the EBS key.`,
            ),
        ]);
        expect(await violationsOf(policy, withProp(encryptedStorageClass, ["parameters", "encrypted"], remove))).toEqual([
            sec8(
                `${where()}: parameters.encrypted is unset (a kmsKeyId alone does not encrypt); set it to the string "true" with kmsKeyId of the EBS key.`,
            ),
        ]);
        for (const value of ["false", "True", "yes"]) {
            expect(await violationsOf(policy, withProp(encryptedStorageClass, ["parameters", "encrypted"], value))).toEqual([
                sec8(`${where()}: parameters.encrypted is "${value}"; set it to the string "true" with kmsKeyId of the EBS key.`),
            ]);
        }
        const legacy = withProp(withProp(encryptedStorageClass, ["provisioner"], "kubernetes.io/aws-ebs"), ["parameters"], remove);
        expect(await violationsOf(policy, legacy)).toEqual([
            sec8(
                `${where("kubernetes.io/aws-ebs")}: parameters.encrypted is unset (volumes are created unencrypted); set it to the string "true" with kmsKeyId of the EBS key.`,
            ),
        ]);
    });

    it("judges v1beta1, List and Patch variants", async () => {
        const beta = {
            ...withProp(encryptedStorageClass, ["parameters", "encrypted"], "false"),
            type: "kubernetes:storage.k8s.io/v1beta1:StorageClass",
        };
        expect(await violationsOf(policy, beta)).toEqual([
            sec8(`${where()}: parameters.encrypted is "false"; set it to the string "true" with kmsKeyId of the EBS key.`),
        ]);
        const patch = (props: object): FixtureResource => ({
            type: "kubernetes:storage.k8s.io/v1:StorageClassPatch",
            name: "patch",
            props,
        });
        expect(
            await violationsOf(
                policy,
                patch({ metadata: { name: "gp3-encrypted" }, provisioner: "ebs.csi.aws.com", allowVolumeExpansion: true }),
            ),
        ).toEqual([]);
        expect(
            await violationsOf(
                policy,
                patch({ metadata: { name: "gp3-encrypted" }, provisioner: "ebs.csi.aws.com", parameters: { encrypted: "false" } }),
            ),
        ).toEqual([sec8(`${where()}: parameters.encrypted is "false"; set it to the string "true" with kmsKeyId of the EBS key.`)]);
        const list: FixtureResource = {
            type: "kubernetes:storage.k8s.io/v1:StorageClassList",
            name: "classes",
            props: { items: [encryptedStorageClass.props, { ...encryptedStorageClass.props, parameters: { type: "gp3" } }] },
        };
        expect(await violationsOf(policy, list)).toEqual([
            sec8(
                `${where()}: items[1].parameters.encrypted is unset (volumes are created unencrypted); set it to the string "true" with kmsKeyId of the EBS key.`,
            ),
        ]);
    });

    it("cannot judge an unknown provisioner during preview", async () => {
        expect((await runResourcePolicy(policy, withProp(encryptedStorageClass, ["provisioner"], UNKNOWN))).cannotRunDuringPreview).toBe(
            "string value at .provisioner can't be known during preview",
        );
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-8]",
        compliant: encryptedStorageClass,
        violating: withProp(encryptedStorageClass, ["parameters", "encrypted"], "false"),
        message: sec8(`${where()}: parameters.encrypted is "false"; set it to the string "true" with kmsKeyId of the EBS key.`),
        unknownPath: ["parameters", "encrypted"],
    });
});
