/**
 * Type coverage: walks the installed @pulumi/aws, finds every resource type that can express a
 * P-layer control (by name pattern, so a provider upgrade that adds one is found), and fails when
 * such a type is in no AWS policy's resourceTypes and not excluded below with a reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { resourceTypesOf } from "../../../policypacks/baseline/lib/policy";
import { awsPolicies } from "../../../policypacks/baseline/policies/aws";
import { securityGroupUnionTypes } from "../../../policypacks/baseline/policies/stack/security-group-union-no-ingress-from-anywhere";

function pulumiTypesIn(folder: string, found: Set<string>): Set<string> {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules") {
            pulumiTypesIn(full, found);
        } else if (entry.isFile() && entry.name.endsWith(".js")) {
            for (const match of readFileSync(full, "utf8").matchAll(/__pulumiType = '([^']+)'/g)) {
                found.add(match[1]);
            }
        }
    }
    return found;
}

const installed = [...pulumiTypesIn(path.dirname(require.resolve("@pulumi/aws/package.json")), new Set())].sort();

/** What can express each P-layer control, by type-token pattern. */
const expressers: { controls: string; pattern: RegExp }[] = [
    { controls: "NET-1 IAM-4 SEC-1 LOG-1 NODE-3 NODE-5", pattern: /^aws:eks\/cluster:/ },
    { controls: "NET-6 NODE-3", pattern: /^aws:eks\/addon:/ },
    { controls: "NODE-2 SEC-3 NET-9", pattern: /^aws:eks\/nodeGroup:/ },
    { controls: "IAM-5 (AWS side)", pattern: /^aws:eks\/access(Entry|PolicyAssociation):/ },
    {
        controls: "NET-2 NET-9 IAM-1 SEC-3",
        pattern: /^aws:ec2\/(instance|spotInstanceRequest|launchTemplate|launchConfiguration|instanceMetadataDefaults):/,
    },
    { controls: "NET-2", pattern: /^aws:ec2\/(default)?[sS]ubnet:/ },
    { controls: "NET-4", pattern: /^aws:(ec2|vpc)\/\w*[sS]ecurityGroup\w*:/ },
    { controls: "NET-5", pattern: /^aws:ec2\/flowLog:/ },
    { controls: "SEC-3 SEC-8", pattern: /^aws:ebs\/(volume|encryptionByDefault):/ },
    { controls: "SEC-2", pattern: /^aws:kms\/(\w*[kK]ey|keyPolicy):/ },
    { controls: "LOG-2 NET-5 IAM-2", pattern: /^aws:cloudwatch\/logGroup:/ },
    { controls: "IAM-2", pattern: /^aws:ssm\/document:/ },
    { controls: "NODE-4", pattern: /^aws:ecr\/repository(CreationTemplate)?:/ },
    { controls: "SEC-7", pattern: /^aws:s3\/bucket(V2)?:/ },
    { controls: "IAM-10", pattern: /^aws:iam\/(policy|rolePolicy|userPolicy|groupPolicy|role|\w*PolicyAttachment\w*):/ },
    { controls: "IAM-10", pattern: /^aws:ssoadmin\/(permissionSet\w*|\w*PolicyAttachment\w*|permissionsBoundaryAttachment):/ },
    { controls: "NET-2", pattern: /^aws:ec2\/eip(Association)?:/ },
    { controls: "NET-4", pattern: /^aws:ec2\/managedPrefixList(Entry)?:/ },
    { controls: "provider sidestep", pattern: /^aws:cloudcontrol\/resource:/ },
    { controls: "NET-11", pattern: /^aws:(lb|alb|elb|elasticloadbalancing|elasticloadbalancingv2)\/loadBalancer:/ },
    { controls: "IAM-11", pattern: /^aws:iam\/role:/ },
    { controls: "NODE-5", pattern: /^aws:autoscaling\/group:/ },
];

/** Types a pattern finds that cannot express the control, and why. */
const notExpressing: Record<string, string> = {
    "aws:ec2/securityGroupAssociation:SecurityGroupAssociation": "associates a group with a VPC endpoint; holds no rules",
    "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment": "attaches a group to an ENI; holds no rules",
    "aws:ec2/vpcSecurityGroupRulesExclusive:VpcSecurityGroupRulesExclusive": "lists rule ids only; the rules are separate resources",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "egress only; NET-4 is about ingress",
    "aws:vpc/securityGroupVpcAssociation:SecurityGroupVpcAssociation": "associates a group with a VPC; holds no rules",
    "aws:ssoadmin/permissionSet:PermissionSet": "holds no policy; its managed and inline policies are the attachment resources",
    "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment":
        "a boundary only limits a permission set; it grants nothing",
    "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment":
        "names a customer-managed policy by name and path; its document is an aws:iam/policy:Policy judged by iam-policy-no-admin where it is declared",
    "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive":
        "names customer-managed policies by name and path; their documents are aws:iam/policy:Policy resources judged by iam-policy-no-admin",
    "aws:kms/alias:Alias": "names a key; no rotation, window or policy",
    "aws:kms/customKeyStore:CustomKeyStore": "a key store, not a key",
    "aws:kms/ciphertext:Ciphertext": "encrypts data with an existing key",
    "aws:ec2/subnetCidrReservation:SubnetCidrReservation": "reserves addresses; assigns no public IPs",
};

// Managed prefix lists are judged by their entries where a rule references them, in the stack policy.
const covered = new Set([...awsPolicies.flatMap((policy) => [...resourceTypesOf(policy)]), ...securityGroupUnionTypes]);

describe("type coverage of @pulumi/aws", () => {
    it("finds the provider's resource types, including deprecated aliases such as aws:s3/bucketV2", () => {
        expect(installed.length).toBeGreaterThan(1000);
        expect(installed).toContain("aws:s3/bucket:Bucket");
        expect(installed).toContain("aws:s3/bucketV2:BucketV2");
        expect(installed).toContain("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    });

    it("every type that can express an AWS P-layer control has a policy", () => {
        const expressing = installed.filter((type) => expressers.some((expresser) => expresser.pattern.test(type)));
        const holes = expressing.filter((type) => !covered.has(type) && !(type in notExpressing));
        expect(holes).toEqual([]);
        // The exclusions stay honest: each names an installed type that no policy judges.
        expect(Object.keys(notExpressing).filter((type) => !installed.includes(type) || covered.has(type))).toEqual([]);
    });

    it("every type an AWS policy names exists in the installed provider (or is an aws-native token)", () => {
        const unknown = [...covered].filter((type) => !type.startsWith("aws-native:") && !installed.includes(type));
        expect(unknown).toEqual([]);
    });
});
