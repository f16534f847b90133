import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
    PrivateCluster,
    PrivateClusterArgs,
    bottlerocketAmiType,
    defaultAddonVersions,
    validatePrivateClusterArgs,
} from "../../../components/cluster";
import { InvalidArgsError } from "../../../components/shared/errors";
import { capture } from "../../helpers/capture";

const secretsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/secrets";
const logsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/logs";
const ebsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/ebs";

function baseArgs(overrides: Partial<PrivateClusterArgs> = {}): PrivateClusterArgs {
    return {
        environment: "dev",
        version: "1.33",
        minimumVersion: "1.31",
        subnetIds: ["subnet-a", "subnet-b"],
        secretsKeyArn,
        logsKeyArn,
        ebsKeyArn,
        logRetentionDays: 90,
        nodeGroups: [
            {
                name: "system",
                sensitivity: "system",
                instanceTypes: ["m7g.large"],
                scaling: { min: 2, max: 3, desired: 2 },
            },
            {
                name: "workloads",
                sensitivity: "internal",
                instanceTypes: ["m7i.xlarge"],
                scaling: { min: 2, max: 6, desired: 3 },
                diskSizeGiB: 80,
            },
            {
                name: "edge",
                sensitivity: "internet-facing",
                instanceTypes: ["c7g.large"],
                scaling: { min: 1, max: 3, desired: 1 },
            },
        ],
        ...overrides,
    };
}

const clusterType = "aws:eks/cluster:Cluster";
const logGroupType = "aws:cloudwatch/logGroup:LogGroup";
const launchTemplateType = "aws:ec2/launchTemplate:LaunchTemplate";
const nodeGroupType = "aws:eks/nodeGroup:NodeGroup";
const addonType = "aws:eks/addon:Addon";
const attachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

function plan(args: PrivateClusterArgs = baseArgs(), name = "dev") {
    return capture(() => {
        new PrivateCluster(name, args);
    });
}

describe("PrivateCluster", () => {
    it("keeps the API endpoint private by default (NET-1)", async () => {
        const c = await plan();
        const vpcConfig = c.inputsOf(clusterType).vpcConfig;
        expect(vpcConfig.endpointPrivateAccess).toBe(true);
        expect(vpcConfig.endpointPublicAccess).toBe(false);
        expect(vpcConfig.publicAccessCidrs).toBeUndefined();
        expect(vpcConfig.subnetIds).toEqual(["subnet-a", "subnet-b"]);
    });

    it("opens the endpoint only to the listed CIDRs when publicEndpoint is set outside prod", async () => {
        const c = await plan(baseArgs({ publicEndpoint: { cidrs: ["203.0.113.0/24"] } }));
        const vpcConfig = c.inputsOf(clusterType).vpcConfig;
        expect(vpcConfig.endpointPrivateAccess).toBe(true);
        expect(vpcConfig.endpointPublicAccess).toBe(true);
        expect(vpcConfig.publicAccessCidrs).toEqual(["203.0.113.0/24"]);
    });

    it("refuses publicEndpoint for prod", () => {
        expect(
            validatePrivateClusterArgs(
                "prod",
                baseArgs({
                    environment: "prod",
                    publicEndpoint: { cidrs: ["203.0.113.0/24"] },
                }),
            ),
        ).toEqual([
            "PrivateClusterArgs.publicEndpoint is set for environment prod; the prod API endpoint stays private (NET-1): drop publicEndpoint and reach the API through the access host.",
        ]);
    });

    it("refuses 0.0.0.0/0 and ::/0 in publicEndpoint.cidrs", () => {
        expect(validatePrivateClusterArgs("dev", baseArgs({ publicEndpoint: { cidrs: ["0.0.0.0/0", "::/0"] } }))).toEqual([
            "PrivateClusterArgs.publicEndpoint.cidrs contains 0.0.0.0/0; list your VPN CIDRs, or drop publicEndpoint to keep the API private.",
            "PrivateClusterArgs.publicEndpoint.cidrs contains ::/0; list your VPN CIDRs, or drop publicEndpoint to keep the API private.",
        ]);
    });

    it("refuses every /0 network in publicEndpoint.cidrs, IPv4 or IPv6", () => {
        fc.assert(
            fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => {
                const cidr = `${address}/0`;
                expect(validatePrivateClusterArgs("dev", baseArgs({ publicEndpoint: { cidrs: ["198.51.100.0/24", cidr] } }))).toEqual([
                    `PrivateClusterArgs.publicEndpoint.cidrs contains ${cidr}; list your VPN CIDRs, or drop publicEndpoint to keep the API private.`,
                ]);
            }),
        );
    });

    it("refuses an empty or malformed publicEndpoint.cidrs", () => {
        expect(validatePrivateClusterArgs("dev", baseArgs({ publicEndpoint: { cidrs: [] } }))).toEqual([
            "PrivateClusterArgs.publicEndpoint.cidrs is empty; list your VPN CIDRs, or drop publicEndpoint to keep the API private.",
        ]);
        expect(validatePrivateClusterArgs("dev", baseArgs({ publicEndpoint: { cidrs: ["office"] } }))).toEqual([
            'PrivateClusterArgs.publicEndpoint.cidrs contains "office", which is not a CIDR; write it as 203.0.113.0/24.',
        ]);
    });

    it("throws before registering any child when Args are invalid", async () => {
        const run = plan(baseArgs({ publicEndpoint: { cidrs: ["0.0.0.0/0"] } }));
        await expect(run).rejects.toThrow(InvalidArgsError);
        await expect(run).rejects.toThrow(
            "PrivateCluster: PrivateClusterArgs.publicEndpoint.cidrs contains 0.0.0.0/0; list your VPN CIDRs, or drop publicEndpoint to keep the API private.",
        );
    });

    it("creates the control-plane log group first, KMS-encrypted with retention, and the cluster depends on it (LOG-2)", async () => {
        const c = await plan();
        const logGroup = c.one(logGroupType);
        expect(logGroup.inputs.name).toBe("/aws/eks/dev/cluster");
        expect(logGroup.inputs.kmsKeyId).toBe(logsKeyArn);
        expect(logGroup.inputs.retentionInDays).toBe(90);
        expect(c.one(clusterType).dependencies).toContain(logGroup.urn);
        expect(c.inputsOf(clusterType).name).toBe("dev");
    });

    it("turns on all five control-plane log types (LOG-1)", async () => {
        const c = await plan();
        expect(c.inputsOf(clusterType).enabledClusterLogTypes).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    });

    it("envelope-encrypts Secrets with the customer-managed key (SEC-1)", async () => {
        const c = await plan();
        expect(c.inputsOf(clusterType).encryptionConfig).toEqual({
            resources: ["secrets"],
            provider: { keyArn: secretsKeyArn },
        });
    });

    it("uses API authentication and gives the creator no admin (IAM-4)", async () => {
        const c = await plan();
        expect(c.inputsOf(clusterType).accessConfig).toEqual({
            authenticationMode: "API",
            bootstrapClusterCreatorAdminPermissions: false,
        });
    });

    it("pins the Kubernetes version and sets the upgrade support type explicitly (NODE-3)", async () => {
        const c = await plan();
        const inputs = c.inputsOf(clusterType);
        expect(inputs.version).toBe("1.33");
        expect(inputs.upgradePolicy).toEqual({ supportType: "STANDARD" });
        expect(inputs.bootstrapSelfManagedAddons).toBe(false);
    });

    it("refuses a version below the minimum or not of the form 1.NN", () => {
        expect(
            validatePrivateClusterArgs("dev", baseArgs({ version: "1.30", addonVersions: { kubeProxy: "v1.30.14-eksbuild.2" } })),
        ).toEqual(["PrivateClusterArgs.version 1.30 is below minimumVersion 1.31; upgrade version (NODE-3)."]);
        expect(validatePrivateClusterArgs("dev", baseArgs({ version: "latest" }))).toEqual([
            'PrivateClusterArgs.version is "latest"; use "1.NN", for example "1.33" (NODE-3).',
        ]);
    });

    it("requires kube-proxy to match a non-default Kubernetes version", () => {
        expect(validatePrivateClusterArgs("dev", baseArgs({ version: "1.32" }))).toEqual([
            "PrivateClusterArgs.addonVersions.kubeProxy is v1.33.0-eksbuild.2 but version is 1.32; set addonVersions.kubeProxy to a v1.32.x-eksbuild.N build.",
        ]);
        expect(
            validatePrivateClusterArgs(
                "dev",
                baseArgs({
                    version: "1.32",
                    addonVersions: { kubeProxy: "v1.32.6-eksbuild.2" },
                }),
            ),
        ).toEqual([]);
        expect(validatePrivateClusterArgs("dev", baseArgs({ addonVersions: { coredns: "latest" } }))).toEqual([
            'PrivateClusterArgs.addonVersions.coredns is "latest"; pin an exact EKS build such as v1.20.0-eksbuild.1 (NODE-3).',
        ]);
    });

    it("turns on deletion protection, protect and retainOnDelete in prod", async () => {
        const c = await plan(baseArgs({ environment: "prod" }), "prod");
        const cluster = c.one(clusterType);
        expect(cluster.inputs.deletionProtection).toBe(true);
        expect(cluster.protect).toBe(true);
        expect(cluster.retainOnDelete).toBe(true);
        const logGroup = c.one(logGroupType);
        expect(logGroup.protect).toBe(true);
        expect(logGroup.retainOnDelete).toBe(true);
        expect(logGroup.inputs.deletionProtectionEnabled).toBe(true);
    });

    it("leaves dev clusters deletable", async () => {
        const c = await plan();
        const cluster = c.one(clusterType);
        expect(cluster.inputs.deletionProtection).toBe(false);
        expect(cluster.protect).toBe(false);
    });

    it("refuses turning protection off or node sessions on in prod", () => {
        expect(
            validatePrivateClusterArgs(
                "prod",
                baseArgs({
                    environment: "prod",
                    deletionProtection: false,
                    protect: false,
                    nodeControlContainer: true,
                }),
            ),
        ).toEqual([
            "PrivateClusterArgs.deletionProtection is false for environment prod; drop it so the prod cluster keeps deletion protection.",
            "PrivateClusterArgs.protect is false for environment prod; drop it so the prod cluster and its logs stay protected (SEC-7).",
            "PrivateClusterArgs.nodeControlContainer is true for environment prod; drop it, prod nodes accept no remote sessions (NODE-2).",
        ]);
    });

    it("gives the cluster role only AmazonEKSClusterPolicy, trusted by EKS alone", async () => {
        const c = await plan();
        const role = c.inputsOf("aws:iam/role:Role", "dev-cluster-role");
        const trust = JSON.parse(role.assumeRolePolicy);
        expect(trust.Statement).toEqual([
            {
                Effect: "Allow",
                Principal: { Service: "eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
            },
        ]);
        const roleUrn = c.one("aws:iam/role:Role", "dev-cluster-role").urn;
        const policies = c
            .ofType(attachmentType)
            .filter((attachment) => attachment.propertyDependencies.role?.includes(roleUrn))
            .map((attachment) => attachment.inputs.policyArn);
        expect(policies).toEqual(["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"]);
    });

    it("gives the node role only the worker and ECR pull policies; the CNI policy goes to aws-node through Pod Identity (IAM-7)", async () => {
        const c = await plan();
        const nodeRoleUrn = c.one("aws:iam/role:Role", "dev-node-role").urn;
        const nodePolicies = c
            .ofType(attachmentType)
            .filter((attachment) => attachment.propertyDependencies.role?.includes(nodeRoleUrn))
            .map((attachment) => attachment.inputs.policyArn);
        expect(nodePolicies).toEqual([
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
        ]);
        const cniTrust = JSON.parse(c.inputsOf("aws:iam/role:Role", "dev-vpc-cni-role").assumeRolePolicy);
        expect(cniTrust.Statement[0].Principal).toEqual({
            Service: "pods.eks.amazonaws.com",
        });
        expect(cniTrust.Statement[0].Condition.StringEquals).toEqual({
            "aws:RequestTag/eks-cluster-name": "dev",
            "aws:RequestTag/kubernetes-namespace": "kube-system",
            "aws:RequestTag/kubernetes-service-account": "aws-node",
        });
        expect(c.inputsOf(attachmentType, "dev-vpc-cni-role-AmazonEKS_CNI_Policy").policyArn).toBe(
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        );
        expect(c.inputsOf(addonType, "dev-vpc-cni").podIdentityAssociations).toEqual([
            {
                roleArn: "arn:aws:iam::111122223333:role/dev-vpc-cni-role",
                serviceAccount: "aws-node",
            },
        ]);
    });

    it("enables network policy enforcement in the VPC CNI (NET-6)", async () => {
        const c = await plan();
        const cni = c.inputsOf(addonType, "dev-vpc-cni");
        expect(cni.addonName).toBe("vpc-cni");
        expect(JSON.parse(cni.configurationValues)).toEqual({
            enableNetworkPolicy: "true",
        });
    });

    it("pins every managed add-on to an exact version (NODE-3)", async () => {
        const c = await plan();
        const versions = Object.fromEntries(c.ofType(addonType).map((addon) => [addon.inputs.addonName, addon.inputs.addonVersion]));
        expect(versions).toEqual({
            "eks-pod-identity-agent": defaultAddonVersions.podIdentityAgent,
            "vpc-cni": defaultAddonVersions.vpcCni,
            "kube-proxy": defaultAddonVersions.kubeProxy,
            coredns: defaultAddonVersions.coredns,
            "aws-ebs-csi-driver": defaultAddonVersions.ebsCsiDriver,
        });
        for (const addon of c.ofType(addonType)) {
            expect(addon.inputs.addonVersion).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
            expect(addon.inputs.resolveConflictsOnUpdate).toBe("OVERWRITE");
        }
    });

    it("creates CoreDNS after the node groups and the node groups after the CNI", async () => {
        const c = await plan();
        const nodeGroupUrns = c.ofType(nodeGroupType).map((group) => group.urn);
        expect(c.one(addonType, "dev-coredns").dependencies).toEqual(expect.arrayContaining(nodeGroupUrns));
        const cniUrn = c.one(addonType, "dev-vpc-cni").urn;
        for (const group of c.ofType(nodeGroupType)) {
            expect(group.dependencies).toContain(cniUrn);
        }
    });

    it("requires IMDSv2 with hop limit 1 on every launch template (NET-9)", async () => {
        const c = await plan();
        const templates = c.ofType(launchTemplateType);
        expect(templates).toHaveLength(3);
        for (const template of templates) {
            expect(template.inputs.metadataOptions).toEqual({
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "disabled",
            });
            expect(template.inputs.keyName).toBeUndefined();
        }
    });

    it("encrypts both Bottlerocket volumes as gp3 with the EBS key (SEC-3)", async () => {
        const c = await plan();
        for (const template of c.ofType(launchTemplateType)) {
            const devices = template.inputs.blockDeviceMappings as {
                deviceName: string;
                ebs: Record<string, unknown>;
            }[];
            expect(devices.map((device) => device.deviceName)).toEqual(["/dev/xvda", "/dev/xvdb"]);
            for (const device of devices) {
                expect(device.ebs).toMatchObject({
                    volumeType: "gp3",
                    encrypted: "true",
                    kmsKeyId: ebsKeyArn,
                });
            }
        }
        expect(c.inputsOf(launchTemplateType, "dev-workloads-launch-template").blockDeviceMappings[1].ebs.volumeSize).toBe(80);
        expect(c.inputsOf(launchTemplateType, "dev-system-launch-template").blockDeviceMappings[1].ebs.volumeSize).toBe(50);
    });

    it("gives no node group remote access and uses only the private subnets (NODE-2, NET-2)", async () => {
        const c = await plan();
        for (const group of c.ofType(nodeGroupType)) {
            expect(group.inputs.remoteAccess).toBeUndefined();
            expect(group.inputs.subnetIds).toEqual(["subnet-a", "subnet-b"]);
            expect((group.inputs.launchTemplate as { id: string }).id).toMatch(/^lt-/);
        }
    });

    it("runs Bottlerocket on every node group, ARM for Graviton types (NODE-1)", async () => {
        const c = await plan();
        const amiTypes = Object.fromEntries(c.ofType(nodeGroupType).map((group) => [group.inputs.nodeGroupName, group.inputs.amiType]));
        expect(amiTypes).toEqual({
            "dev-system": "BOTTLEROCKET_ARM_64",
            "dev-workloads": "BOTTLEROCKET_x86_64",
            "dev-edge": "BOTTLEROCKET_ARM_64",
        });
        expect(bottlerocketAmiType(["t4g.medium"])).toBe("BOTTLEROCKET_ARM_64");
        expect(bottlerocketAmiType(["g5.xlarge"])).toBe("BOTTLEROCKET_x86_64");
    });

    it("labels and taints node groups by sensitivity (NET-10)", async () => {
        const c = await plan();
        const byName = (nodeGroupName: string) =>
            c.ofType(nodeGroupType).find((group) => group.inputs.nodeGroupName === nodeGroupName)!.inputs;
        expect(byName("dev-system").labels).toEqual({
            "baseline.io/sensitivity": "system",
        });
        expect(byName("dev-system").taints).toEqual([{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        expect(byName("dev-workloads").labels).toEqual({
            "baseline.io/sensitivity": "internal",
        });
        expect(byName("dev-workloads").taints).toEqual([]);
        expect(byName("dev-edge").labels).toEqual({
            "baseline.io/sensitivity": "internet-facing",
        });
        expect(byName("dev-edge").taints).toEqual([{ key: "dedicated", value: "internet-facing", effect: "NO_SCHEDULE" }]);
    });

    it("requires a system and a workloads node group", () => {
        expect(validatePrivateClusterArgs("dev", baseArgs({ nodeGroups: [] }))).toEqual([
            'PrivateClusterArgs.nodeGroups has no "system" group; add one (cluster add-ons and workloads run on separate node groups, NET-10).',
            'PrivateClusterArgs.nodeGroups has no "workloads" group; add one (cluster add-ons and workloads run on separate node groups, NET-10).',
        ]);
    });

    it("refuses bad node groups with messages that name the group", () => {
        const args = baseArgs({
            nodeGroups: [
                {
                    name: "system",
                    sensitivity: "internal",
                    instanceTypes: ["m7g.large", "m7i.large"],
                    scaling: { min: 3, max: 2, desired: 2 },
                },
                {
                    name: "workloads",
                    sensitivity: "internal",
                    instanceTypes: [],
                    scaling: { min: 1, max: 2, desired: 1 },
                    diskSizeGiB: 10,
                },
            ],
        });
        expect(validatePrivateClusterArgs("dev", args)).toEqual([
            'PrivateClusterArgs.nodeGroups["system"]: sensitivity is "internal"; the system group must have sensitivity "system" (NET-10).',
            'PrivateClusterArgs.nodeGroups["system"]: instanceTypes m7g.large, m7i.large mix x86_64 and arm64; split them into one node group per architecture.',
            'PrivateClusterArgs.nodeGroups["system"]: scaling {min: 3, desired: 2, max: 2} is invalid; use integers with 0 <= min <= desired <= max and max >= 1.',
            'PrivateClusterArgs.nodeGroups["workloads"]: instanceTypes is empty; list at least one instance type.',
            'PrivateClusterArgs.nodeGroups["workloads"]: diskSizeGiB 10 is too small; use a whole number of at least 20.',
        ]);
    });

    it("refuses a retention CloudWatch does not accept", () => {
        expect(validatePrivateClusterArgs("dev", baseArgs({ logRetentionDays: 100 }))).toEqual([
            "PrivateClusterArgs.logRetentionDays is 100; use a CloudWatch retention value such as 90, 365 or 731 (LOG-2).",
        ]);
    });

    it("parents every child to the component and tags it with its own name", async () => {
        const c = await plan();
        const component = c.one("baseline:cluster:PrivateCluster");
        for (const resource of c.resources.filter((candidate) => candidate.custom)) {
            expect(resource.parent).toBe(component.urn);
            expect(resource.name.startsWith("dev-")).toBe(true);
            if (resource.inputs.tags !== undefined) {
                expect((resource.inputs.tags as Record<string, string>).Name).toBe(resource.name);
            }
        }
    });

    it("exports the cluster outputs", async () => {
        const c = await capture(() => {
            const cluster = new PrivateCluster("dev", baseArgs());
            return {
                clusterName: cluster.clusterName,
                oidcIssuerUrl: cluster.oidcIssuerUrl,
                logGroup: cluster.controlPlaneLogGroupName,
                nodeGroupNames: cluster.nodeGroupNames,
                clusterSecurityGroupId: cluster.clusterSecurityGroupId,
            };
        });
        expect(c.outputs.clusterName).toBe("dev");
        expect(c.outputs.oidcIssuerUrl).toMatch(/^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        expect(c.outputs.logGroup).toBe("/aws/eks/dev/cluster");
        expect(c.outputs.nodeGroupNames).toEqual(["dev-system", "dev-workloads", "dev-edge"]);
        expect(c.outputs.clusterSecurityGroupId).toMatch(/^sg-/);
    });
});
