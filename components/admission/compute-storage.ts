/**
 * Admission rules for node classes and EBS StorageClasses (NODE-5, SEC-8): the same checks as the
 * pack's k8s-karpenter-node-class-hardened, k8s-eks-auto-node-class-hardened and
 * k8s-storage-class-ebs-encrypted, in CEL over the custom resources, so an object applied by hand
 * or by another tool meets the rule the preview enforces. The catalogue lists both controls as
 * B P; these rules are an extra layer (defence in depth), not a mapped one.
 */
import { CelValidation, CelVariable, celStringList } from "./cel";
import type { AdmissionRule, ResourceRule } from "./manifests";

const writes = ["CREATE", "UPDATE"];

/** Provisioners that create EBS volumes (as the pack's ebsProvisioners). */
export const EBS_PROVISIONERS: readonly string[] = ["ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs"];

/** AMI families (lower case) whose Karpenter default block devices are encrypted; `custom` has none. */
export const ENCRYPTED_DEFAULT_FAMILIES: readonly string[] = ["al2", "al2023", "bottlerocket", "windows2019", "windows2022"];

/** The subnet tag that marks public subnets (internet-facing load balancers). */
export const PUBLIC_SUBNET_TAG = "kubernetes.io/role/elb";

export const STORAGE_CLASS_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: ["storage.k8s.io"], apiVersions: ["v1"], operations: writes, resources: ["storageclasses"] },
];
export const EC2_NODE_CLASS_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: ["karpenter.k8s.aws"], apiVersions: ["v1", "v1beta1"], operations: writes, resources: ["ec2nodeclasses"] },
];
export const NODE_CLASS_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: ["eks.amazonaws.com"], apiVersions: ["v1"], operations: writes, resources: ["nodeclasses"] },
];

const specVariable: CelVariable = { name: "spec", expression: "has(object.spec) ? object.spec : {}" };

const noPublicSubnetTag: CelValidation = {
    expression: `!has(variables.spec.subnetSelectorTerms) || variables.spec.subnetSelectorTerms.all(t, !has(t.tags) || !('${PUBLIC_SUBNET_TAG}' in t.tags))`,
    message: `NODE-5: spec.subnetSelectorTerms selects "${PUBLIC_SUBNET_TAG}" (public subnets); select the private subnets.`,
};

/** The EC2NodeClass variables: alias terms and the AMI family (lower case) as Karpenter resolves it. */
function ec2NodeClassVariables(): CelVariable[] {
    return [
        specVariable,
        {
            name: "aliases",
            expression: "has(variables.spec.amiSelectorTerms) ? variables.spec.amiSelectorTerms.filter(t, has(t.alias)) : []",
        },
        {
            name: "family",
            expression:
                "size(variables.aliases) > 0" +
                " ? (variables.aliases[0].alias.indexOf('@') >= 0 ? variables.aliases[0].alias.substring(0, variables.aliases[0].alias.indexOf('@')) : variables.aliases[0].alias).lowerAscii()" +
                " : has(variables.spec.amiFamily) ? variables.spec.amiFamily.lowerAscii() : ''",
        },
        {
            name: "imds",
            expression:
                "has(variables.spec.metadataOptions) && !(has(variables.spec.metadataOptions.httpEndpoint) && variables.spec.metadataOptions.httpEndpoint == 'disabled') ? variables.spec.metadataOptions : {}",
        },
    ];
}

/** NODE-5 on Karpenter EC2NodeClass objects. */
export function ec2NodeClassValidations(): CelValidation[] {
    return [
        {
            expression: "variables.family == 'bottlerocket'",
            message: 'NODE-5: the EC2NodeClass does not use Bottlerocket; set amiSelectorTerms to [{ alias: "bottlerocket@<version>" }].',
        },
        {
            expression: "!has(variables.imds.httpTokens) || variables.imds.httpTokens == 'required'",
            message: 'NODE-5: spec.metadataOptions.httpTokens is not "required"; set it to "required" or leave it unset.',
        },
        {
            expression: "!has(variables.imds.httpPutResponseHopLimit) || variables.imds.httpPutResponseHopLimit == 1",
            message: "NODE-5: spec.metadataOptions.httpPutResponseHopLimit is not 1; set it to 1 or leave it unset.",
        },
        {
            expression:
                "has(variables.spec.blockDeviceMappings)" +
                " ? variables.spec.blockDeviceMappings.all(m, has(m.ebs) && has(m.ebs.encrypted) && m.ebs.encrypted == true)" +
                ` : variables.family == '' || variables.family in ${celStringList(ENCRYPTED_DEFAULT_FAMILIES)}`,
            message:
                "NODE-5: a block device of the EC2NodeClass is not encrypted; set ebs.encrypted true (with kmsKeyID) on every blockDeviceMappings entry.",
        },
        {
            expression: "!has(variables.spec.associatePublicIPAddress) || variables.spec.associatePublicIPAddress != true",
            message: "NODE-5: spec.associatePublicIPAddress is true; set it to false.",
        },
        noPublicSubnetTag,
    ];
}

/** NODE-5 on EKS Auto Mode NodeClass objects. */
export function nodeClassValidations(): CelValidation[] {
    return [
        {
            expression:
                "has(variables.spec.ephemeralStorage) && has(variables.spec.ephemeralStorage.kmsKeyID) && variables.spec.ephemeralStorage.kmsKeyID != ''",
            message: "NODE-5: spec.ephemeralStorage.kmsKeyID is unset; set it to the ARN of the EBS key.",
        },
        {
            expression: "has(variables.spec.subnetSelectorTerms) && size(variables.spec.subnetSelectorTerms) > 0",
            message: "NODE-5: spec.subnetSelectorTerms is unset or empty; select the private subnets.",
        },
        noPublicSubnetTag,
        {
            expression:
                "!has(variables.spec.advancedNetworking) || !has(variables.spec.advancedNetworking.associatePublicIPAddress) || variables.spec.advancedNetworking.associatePublicIPAddress != true",
            message: "NODE-5: spec.advancedNetworking.associatePublicIPAddress is true; set it to false.",
        },
    ];
}

/** SEC-8 on EBS StorageClasses (only the exact string "true" encrypts on every driver release). */
export function storageClassValidations(): CelValidation[] {
    return [
        {
            expression: "has(object.parameters) && has(object.parameters.encrypted) && object.parameters.encrypted == 'true'",
            message: 'SEC-8: the EBS StorageClass does not set parameters.encrypted "true"; set it (with kmsKeyId of the EBS key).',
        },
    ];
}

/** The three rules, appended to admissionRules(). Cluster-scoped objects: no namespace exclusion. */
export function computeStorageRules(): AdmissionRule[] {
    return [
        {
            name: "baseline-node-5-ec2-node-class",
            controls: ["NODE-5"],
            resourceRules: EC2_NODE_CLASS_RESOURCE_RULES,
            excludeSystemNamespaces: false,
            matchConditions: [],
            variables: ec2NodeClassVariables(),
            validations: ec2NodeClassValidations(),
        },
        {
            name: "baseline-node-5-node-class",
            controls: ["NODE-5"],
            resourceRules: NODE_CLASS_RESOURCE_RULES,
            excludeSystemNamespaces: false,
            matchConditions: [],
            variables: [specVariable],
            validations: nodeClassValidations(),
        },
        {
            name: "baseline-sec-8-ebs-storage-class",
            controls: ["SEC-8"],
            resourceRules: STORAGE_CLASS_RESOURCE_RULES,
            excludeSystemNamespaces: false,
            matchConditions: [{ name: "ebs-provisioner", expression: `object.provisioner in ${celStringList(EBS_PROVISIONERS)}` }],
            variables: [],
            validations: storageClassValidations(),
        },
    ];
}
