import { describe, expect, it } from "vitest";
import { eksAccessEntryNoClusterAdmin } from "../../../policypacks/baseline/policies/aws/eks-access-entry-no-cluster-admin";
import { eksAddonVersionPinned } from "../../../policypacks/baseline/policies/aws/eks-addon-version-pinned";
import { eksAddonVpcCniNetworkPolicy } from "../../../policypacks/baseline/policies/aws/eks-addon-vpc-cni-network-policy";
import { eksClusterAccessEntries } from "../../../policypacks/baseline/policies/aws/eks-cluster-access-entries";
import { eksClusterEndpointPrivate } from "../../../policypacks/baseline/policies/aws/eks-cluster-endpoint-private";
import { eksClusterLogsAllTypes } from "../../../policypacks/baseline/policies/aws/eks-cluster-logs-all-types";
import { eksClusterSecretsEncryption } from "../../../policypacks/baseline/policies/aws/eks-cluster-secrets-encryption";
import { eksClusterVersionMinimum } from "../../../policypacks/baseline/policies/aws/eks-cluster-version-minimum";
import { eksNodeGroupLaunchTemplate } from "../../../policypacks/baseline/policies/aws/eks-node-group-launch-template";
import { eksNodeGroupNoRemoteAccess } from "../../../policypacks/baseline/policies/aws/eks-node-group-no-remote-access";
import { FixtureResource, runResourcePolicy, UNKNOWN } from "../../helpers/run-policy";
import { commonBehaviour, remove, violationsOf, withProp } from "./harness";

const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/0d4f3c6e-1111-2222-3333-444455556666";

/** An EKS cluster as @pulumi/aws 7 sends it, with every control met. */
const cluster: FixtureResource = {
    type: "aws:eks/cluster:Cluster",
    name: "prod-cluster",
    props: {
        name: "prod",
        roleArn: "arn:aws:iam::111122223333:role/prod-cluster",
        version: "1.33",
        vpcConfig: { subnetIds: ["subnet-0a", "subnet-0b"], endpointPrivateAccess: true, endpointPublicAccess: false },
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn } },
        enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        bootstrapSelfManagedAddons: false,
    },
};

describe("eks-cluster-endpoint-private (NET-1)", () => {
    const policy = eksClusterEndpointPrivate;
    const net1 = (message: string) => `${message} [NET-1]`;

    it("passes a cluster with a private-only endpoint", async () => {
        expect(await violationsOf(policy, cluster)).toEqual([]);
    });

    it("blocks a public endpoint (NET-1)", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["vpcConfig", "endpointPublicAccess"], true))).toEqual([
            net1("vpcConfig.endpointPublicAccess is true; set it to false, or (non-prod only) list allowedPublicCidrs."),
        ]);
    });

    it("treats an unset endpointPublicAccess as public, the AWS default", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["vpcConfig", "endpointPublicAccess"], remove))).toEqual([
            net1(
                "vpcConfig.endpointPublicAccess is unset (AWS default: true); set it to false, or (non-prod only) list allowedPublicCidrs.",
            ),
        ]);
    });

    it("requires private access, which AWS leaves off by default", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["vpcConfig", "endpointPrivateAccess"], remove))).toEqual([
            net1(
                "vpcConfig.endpointPrivateAccess is unset (AWS default: false); set it to true so nodes and operators reach the API inside the VPC.",
            ),
        ]);
    });

    it("allows a public endpoint restricted to allowedPublicCidrs, and nothing wider", async () => {
        const config = { allowedPublicCidrs: ["203.0.113.0/24", "0.0.0.0/0"] };
        const open = withProp(cluster, ["vpcConfig", "endpointPublicAccess"], true);
        expect(await violationsOf(policy, withProp(open, ["vpcConfig", "publicAccessCidrs"], ["203.0.113.8/29"]), config)).toEqual([]);
        expect(
            await violationsOf(
                policy,
                withProp(open, ["vpcConfig", "publicAccessCidrs"], ["0.0.0.0/0", "::/0", "198.51.100.0/24"]),
                config,
            ),
        ).toEqual([
            net1('vpcConfig.publicAccessCidrs contains "0.0.0.0/0" (anywhere); list only CIDRs within allowedPublicCidrs, never a /0.'),
            net1('vpcConfig.publicAccessCidrs contains "::/0" (anywhere); list only CIDRs within allowedPublicCidrs, never a /0.'),
            net1(
                'vpcConfig.publicAccessCidrs contains "198.51.100.0/24", which is not within allowedPublicCidrs; remove it or add it to allowedPublicCidrs (non-prod only).',
            ),
        ]);
        expect(await violationsOf(policy, open, config)).toEqual([
            net1(
                'vpcConfig.publicAccessCidrs is unset (AWS default: ["0.0.0.0/0"]) with a public endpoint; list only CIDRs within allowedPublicCidrs, or set endpointPublicAccess to false.',
            ),
        ]);
    });

    it("ignores a /0 listed in allowedPublicCidrs", async () => {
        const open = withProp(
            withProp(cluster, ["vpcConfig", "endpointPublicAccess"], true),
            ["vpcConfig", "publicAccessCidrs"],
            ["0.0.0.0/0"],
        );
        expect(await violationsOf(policy, open, { allowedPublicCidrs: ["0.0.0.0/0"] })).toEqual([
            net1("vpcConfig.endpointPublicAccess is true; set it to false, or (non-prod only) list allowedPublicCidrs."),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NET-1]",
        compliant: cluster,
        violating: withProp(cluster, ["vpcConfig", "endpointPublicAccess"], true),
        message: net1("vpcConfig.endpointPublicAccess is true; set it to false, or (non-prod only) list allowedPublicCidrs."),
        unknownPath: ["vpcConfig", "endpointPublicAccess"],
    });
});

describe("eks-cluster-access-entries (IAM-4)", () => {
    const policy = eksClusterAccessEntries;
    const iam4 = (message: string) => `${message} [IAM-4]`;

    it("passes a cluster in API mode without creator admin", async () => {
        expect(await violationsOf(policy, cluster)).toEqual([]);
    });

    it("blocks the aws-auth ConfigMap modes and creator admin (IAM-4)", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["accessConfig", "authenticationMode"], "API_AND_CONFIG_MAP"))).toEqual([
            iam4(
                'accessConfig.authenticationMode is "API_AND_CONFIG_MAP"; set it to "API" so access is granted only through EKS access entries, not the aws-auth ConfigMap.',
            ),
        ]);
        expect(await violationsOf(policy, withProp(cluster, ["accessConfig", "bootstrapClusterCreatorAdminPermissions"], true))).toEqual([
            iam4(
                "accessConfig.bootstrapClusterCreatorAdminPermissions is true; set it to false and grant admin through an explicit access entry for the break-glass role.",
            ),
        ]);
    });

    it("treats a missing accessConfig as CONFIG_MAP with creator admin", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["accessConfig"], remove))).toEqual([
            iam4(
                'accessConfig.authenticationMode is unset (AWS default: "CONFIG_MAP"); set it to "API" so access is granted only through EKS access entries, not the aws-auth ConfigMap.',
            ),
            iam4(
                "accessConfig.bootstrapClusterCreatorAdminPermissions is unset (AWS default: true); set it to false and grant admin through an explicit access entry for the break-glass role.",
            ),
        ]);
    });

    it("still reports a known problem when another control property is unknown", async () => {
        const resource = withProp(
            withProp(cluster, ["accessConfig", "authenticationMode"], UNKNOWN),
            ["accessConfig", "bootstrapClusterCreatorAdminPermissions"],
            true,
        );
        const outcome = await runResourcePolicy(policy, resource);
        expect(outcome.violations).toEqual([
            iam4(
                "accessConfig.bootstrapClusterCreatorAdminPermissions is true; set it to false and grant admin through an explicit access entry for the break-glass role.",
            ),
        ]);
        expect(outcome.cannotRunDuringPreview).toBe("string value at .accessConfig.authenticationMode can't be known during preview");
    });

    commonBehaviour({
        policy,
        suffix: "[IAM-4]",
        compliant: cluster,
        violating: withProp(cluster, ["accessConfig", "authenticationMode"], "CONFIG_MAP"),
        message: iam4(
            'accessConfig.authenticationMode is "CONFIG_MAP"; set it to "API" so access is granted only through EKS access entries, not the aws-auth ConfigMap.',
        ),
        unknownPath: ["accessConfig", "authenticationMode"],
    });
});

describe("eks-cluster-secrets-encryption (SEC-1)", () => {
    const policy = eksClusterSecretsEncryption;
    const sec1 = (message: string) => `${message} [SEC-1]`;

    it("passes Secrets encrypted with a customer-managed key, even when the key ARN is unknown", async () => {
        expect(await violationsOf(policy, cluster)).toEqual([]);
        expect(
            await violationsOf(policy, withProp(cluster, ["encryptionConfig", "provider", "keyArn"], UNKNOWN), { unknowns: "fail" }),
        ).toEqual([]);
    });

    it("blocks a cluster without Secrets envelope encryption (SEC-1)", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["encryptionConfig"], remove))).toEqual([
            sec1(
                'encryptionConfig is unset (Secrets use an AWS-owned key); set encryptionConfig with resources ["secrets"] and provider.keyArn of a customer-managed KMS key.',
            ),
        ]);
        expect(await violationsOf(policy, withProp(cluster, ["encryptionConfig", "resources"], []))).toEqual([
            sec1('encryptionConfig.resources does not include "secrets"; add "secrets".'),
        ]);
        expect(await violationsOf(policy, withProp(cluster, ["encryptionConfig", "provider"], {}))).toEqual([
            sec1("encryptionConfig.provider.keyArn is unset; set it to the ARN of a customer-managed KMS key."),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[SEC-1]",
        compliant: cluster,
        violating: withProp(cluster, ["encryptionConfig", "resources"], []),
        message: sec1('encryptionConfig.resources does not include "secrets"; add "secrets".'),
        unknownPath: ["encryptionConfig", "resources", 0],
    });
});

describe("eks-cluster-logs-all-types (LOG-1)", () => {
    const policy = eksClusterLogsAllTypes;
    const log1 = (message: string) => `${message} [LOG-1]`;

    it("passes a cluster with all five log types", async () => {
        expect(await violationsOf(policy, cluster)).toEqual([]);
    });

    it("blocks a cluster missing control-plane log types (LOG-1)", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["enabledClusterLogTypes"], ["api", "audit"]))).toEqual([
            log1(
                'enabledClusterLogTypes lacks "authenticator", "controllerManager", "scheduler"; enable "authenticator", "controllerManager", "scheduler".',
            ),
        ]);
        expect(await violationsOf(policy, withProp(cluster, ["enabledClusterLogTypes"], remove))).toEqual([
            log1(
                'enabledClusterLogTypes is unset (no control-plane logs); enable "api", "audit", "authenticator", "controllerManager", "scheduler".',
            ),
        ]);
    });

    it("requires only the configured requiredLogTypes", async () => {
        expect(
            await violationsOf(policy, withProp(cluster, ["enabledClusterLogTypes"], ["audit"]), { requiredLogTypes: ["audit"] }),
        ).toEqual([]);
    });

    commonBehaviour({
        policy,
        suffix: "[LOG-1]",
        compliant: cluster,
        violating: withProp(cluster, ["enabledClusterLogTypes"], ["api", "audit", "authenticator", "controllerManager"]),
        message: log1('enabledClusterLogTypes lacks "scheduler"; enable "scheduler".'),
        unknownPath: ["enabledClusterLogTypes", 1],
    });
});

describe("eks-cluster-version-minimum (NODE-3)", () => {
    const policy = eksClusterVersionMinimum;
    const node3 = (message: string) => `${message} [NODE-3]`;

    it("passes a pinned version at or above the minimum", async () => {
        expect(await violationsOf(policy, cluster)).toEqual([]);
        expect(await violationsOf(policy, withProp(cluster, ["version"], "1.31"))).toEqual([]);
    });

    it("blocks an unpinned or outdated Kubernetes version (NODE-3)", async () => {
        expect(await violationsOf(policy, withProp(cluster, ["version"], remove))).toEqual([
            node3('version is unset (EKS picks its default at creation); pin it to "1.31" or later.'),
        ]);
        expect(await violationsOf(policy, withProp(cluster, ["version"], "1.29"))).toEqual([
            node3('version is "1.29", below minimumVersion "1.31"; upgrade to "1.31" or later.'),
        ]);
        expect(await violationsOf(policy, withProp(cluster, ["version"], "latest"))).toEqual([
            node3('version is "latest", not a "1.NN" Kubernetes version; pin it to "1.31" or later.'),
        ]);
        expect(await violationsOf(policy, cluster, { minimumVersion: "1.34" })).toEqual([
            node3('version is "1.33", below minimumVersion "1.34"; upgrade to "1.34" or later.'),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NODE-3]",
        compliant: cluster,
        violating: withProp(cluster, ["version"], "1.28"),
        message: node3('version is "1.28", below minimumVersion "1.31"; upgrade to "1.31" or later.'),
        unknownPath: ["version"],
    });
});

const cniAddon: FixtureResource = {
    type: "aws:eks/addon:Addon",
    name: "vpc-cni",
    props: {
        clusterName: "prod",
        addonName: "vpc-cni",
        addonVersion: "v1.19.2-eksbuild.1",
        configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
        resolveConflictsOnUpdate: "OVERWRITE",
    },
};

describe("eks-addon-version-pinned (NODE-3)", () => {
    const policy = eksAddonVersionPinned;

    it("passes a pinned add-on", async () => {
        expect(await violationsOf(policy, cniAddon)).toEqual([]);
    });

    it("blocks an add-on without addonVersion (NODE-3)", async () => {
        expect(await violationsOf(policy, withProp(cniAddon, ["addonVersion"], remove))).toEqual([
            "addonVersion is unset (EKS installs its default version); pin an exact add-on version. [NODE-3]",
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NODE-3]",
        compliant: cniAddon,
        violating: withProp(cniAddon, ["addonVersion"], ""),
        message: "addonVersion is unset (EKS installs its default version); pin an exact add-on version. [NODE-3]",
        unknownPath: ["addonVersion"],
    });
});

describe("eks-addon-vpc-cni-network-policy (NET-6)", () => {
    const policy = eksAddonVpcCniNetworkPolicy;
    const net6 = (message: string) => `${message} [NET-6]`;

    it("passes vpc-cni with network policy on, as JSON or YAML, and ignores other add-ons", async () => {
        expect(await violationsOf(policy, cniAddon)).toEqual([]);
        expect(
            await violationsOf(
                policy,
                withProp(cniAddon, ["configurationValues"], 'enableNetworkPolicy: "true"\nenv:\n  ENABLE_PREFIX_DELEGATION: "true"\n'),
            ),
        ).toEqual([]);
        expect(await violationsOf(policy, withProp(withProp(cniAddon, ["addonName"], "coredns"), ["configurationValues"], remove))).toEqual(
            [],
        );
    });

    it("blocks vpc-cni without NetworkPolicy enforcement (NET-6)", async () => {
        expect(await violationsOf(policy, withProp(cniAddon, ["configurationValues"], remove))).toEqual([
            net6('configurationValues is unset (vpc-cni default: enableNetworkPolicy "false"); set it to {"enableNetworkPolicy": "true"}.'),
        ]);
        expect(
            await violationsOf(policy, withProp(cniAddon, ["configurationValues"], JSON.stringify({ enableNetworkPolicy: "false" }))),
        ).toEqual([net6('configurationValues.enableNetworkPolicy is "false"; set it to "true".')]);
        expect(
            await violationsOf(policy, withProp(cniAddon, ["configurationValues"], JSON.stringify({ env: { WARM_IP_TARGET: "5" } }))),
        ).toEqual([net6('configurationValues.enableNetworkPolicy is unset (default "false"); set it to "true".')]);
        expect(
            await violationsOf(
                policy,
                withProp(
                    cniAddon,
                    ["configurationValues"],
                    JSON.stringify({ enableNetworkPolicy: "true", nodeAgent: { enabled: "false" } }),
                ),
            ),
        ).toEqual([
            net6(
                'configurationValues.nodeAgent.enabled is "false"; remove it or set it to "true" (the node agent enforces NetworkPolicy).',
            ),
        ]);
        expect(await violationsOf(policy, withProp(cniAddon, ["configurationValues"], "[1, 2"))).toEqual([
            net6('configurationValues is not a JSON or YAML object; set it to {"enableNetworkPolicy": "true"}.'),
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[NET-6]",
        compliant: cniAddon,
        violating: withProp(cniAddon, ["configurationValues"], "{}"),
        message: net6('configurationValues.enableNetworkPolicy is unset (default "false"); set it to "true".'),
        unknownPath: ["configurationValues"],
    });
});

const adminAssociation: FixtureResource = {
    type: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    name: "break-glass-admin",
    props: {
        clusterName: "prod",
        policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
        principalArn: "arn:aws:iam::111122223333:role/break-glass",
        accessScope: { type: "cluster" },
    },
};

describe("eks-access-entry-no-cluster-admin (IAM-5)", () => {
    const policy = eksAccessEntryNoClusterAdmin;
    const config = { breakGlassPrincipals: ["break-glass"] };
    const message =
        'policyArn is AmazonEKSClusterAdminPolicy for principal "arn:aws:iam::111122223333:role/ops", which is not in breakGlassPrincipals; associate a least-privilege access policy. [IAM-5, IAM-4]';

    it("passes cluster-admin for the break-glass role and other policies for anyone", async () => {
        expect(await violationsOf(policy, adminAssociation, config)).toEqual([]);
        const view = withProp(
            withProp(adminAssociation, ["policyArn"], "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"),
            ["principalArn"],
            UNKNOWN,
        );
        expect(await violationsOf(policy, view, { unknowns: "fail" })).toEqual([]);
        expect(await violationsOf(policy, withProp(adminAssociation, ["policyArn"], UNKNOWN), { unknowns: "fail" })).toEqual([]);
    });

    it("blocks cluster-admin access entries outside break-glass (IAM-5)", async () => {
        expect(await violationsOf(policy, adminAssociation)).toEqual([
            'policyArn is AmazonEKSClusterAdminPolicy for principal "arn:aws:iam::111122223333:role/break-glass", which is not in breakGlassPrincipals; associate a least-privilege access policy. [IAM-5, IAM-4]',
        ]);
        expect(
            await violationsOf(policy, withProp(adminAssociation, ["principalArn"], "arn:aws:iam::111122223333:role/ops"), config),
        ).toEqual([message]);
        const entry: FixtureResource = {
            type: "aws:eks/accessEntry:AccessEntry",
            props: {
                clusterName: "prod",
                principalArn: "arn:aws:iam::111122223333:role/ops",
                kubernetesGroups: ["ops", "system:masters"],
                type: "STANDARD",
            },
        };
        expect(await violationsOf(policy, entry)).toEqual([
            'kubernetesGroups contains "system:masters" (cluster-admin that no RBAC can revoke); map a least-privilege group or associate an access policy. [IAM-5, IAM-4]',
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[IAM-5, IAM-4]",
        compliant: { ...adminAssociation, props: { ...adminAssociation.props } },
        violating: withProp(adminAssociation, ["principalArn"], "arn:aws:iam::111122223333:role/ops"),
        message:
            'policyArn is AmazonEKSClusterAdminPolicy for principal "arn:aws:iam::111122223333:role/ops", which is not in breakGlassPrincipals; associate a least-privilege access policy. [IAM-5, IAM-4]',
        unknownPath: ["principalArn"],
    });
});

const nodeGroup: FixtureResource = {
    type: "aws:eks/nodeGroup:NodeGroup",
    name: "system-nodes",
    props: {
        clusterName: "prod",
        nodeRoleArn: "arn:aws:iam::111122223333:role/prod-node",
        subnetIds: ["subnet-0a", "subnet-0b"],
        scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 4 },
        amiType: "BOTTLEROCKET_x86_64",
        launchTemplate: { id: "lt-0123456789abcdef0", version: "1" },
    },
};

describe("eks-node-group-no-remote-access (NODE-2)", () => {
    const policy = eksNodeGroupNoRemoteAccess;
    const message = "remoteAccess is set (SSH to the nodes); remove it and use SSM Session Manager. [NODE-2, IAM-1]";

    it("passes a node group without remoteAccess", async () => {
        expect(await violationsOf(policy, nodeGroup)).toEqual([]);
    });

    it("blocks SSH remote access on node groups (NODE-2)", async () => {
        expect(await violationsOf(policy, withProp(nodeGroup, ["remoteAccess"], { ec2SshKey: "ops" }))).toEqual([message]);
        expect(
            await violationsOf(policy, withProp(nodeGroup, ["remoteAccess"], { ec2SshKey: UNKNOWN, sourceSecurityGroupIds: [UNKNOWN] })),
        ).toEqual([message]);
    });

    it("node group: exemption by name, expired exemption reported again", async () => {
        const resource = { ...withProp(nodeGroup, ["remoteAccess"], { ec2SshKey: "ops" }), name: "x" };
        expect(await violationsOf(policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2099-01-01" }] })).toEqual([]);
        expect(await violationsOf(policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2000-01-01" }] })).toEqual([
            `${message} (exemption "r" expired on 2000-01-01; renew it in the pack config or fix the resource)`,
        ]);
    });
});

describe("eks-node-group-launch-template (SEC-3, NET-9)", () => {
    const policy = eksNodeGroupLaunchTemplate;
    const message =
        "launchTemplate is unset (the EKS-generated template allows IMDSv1, hop limit 2 and unencrypted volumes); set a launch template that requires IMDSv2 and encrypts EBS. [SEC-3, NET-9]";

    it("passes a node group with a launch template, even when its id is unknown", async () => {
        expect(await violationsOf(policy, nodeGroup)).toEqual([]);
        expect(await violationsOf(policy, withProp(nodeGroup, ["launchTemplate", "id"], UNKNOWN), { unknowns: "fail" })).toEqual([]);
    });

    it("blocks a node group on the EKS-generated launch template (SEC-3)", async () => {
        expect(await violationsOf(policy, withProp(nodeGroup, ["launchTemplate"], remove))).toEqual([message]);
    });

    it("node group launch template: exemption by name, expired exemption reported again", async () => {
        const resource = { ...withProp(nodeGroup, ["launchTemplate"], remove), name: "x" };
        expect(await violationsOf(policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2099-01-01" }] })).toEqual([]);
        expect(await violationsOf(policy, resource, { exemptions: [{ resource: "x", reason: "r", expires: "2000-01-01" }] })).toEqual([
            `${message} (exemption "r" expired on 2000-01-01; renew it in the pack config or fix the resource)`,
        ]);
    });
});
