import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    ClusterIdentity,
    ClusterIdentityArgs,
    PodIdentityRole,
    validateClusterIdentityArgs,
    validatePodIdentityRoleArgs,
} from "../../../components/identity";
import { policyDocument } from "../../../components/shared/iam";
import { DEFAULT_BREAK_GLASS_GROUP } from "../../../components/rbac";
import { capture } from "../../helpers/capture";

const clusterArn = "arn:aws:eks:eu-west-1:111122223333:cluster/dev";
const issuer = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const platformAdminArn = "arn:aws:iam::111122223333:role/platform-admin";
const oncallArn = "arn:aws:iam::111122223333:role/security-oncall";

function baseArgs(overrides: Partial<ClusterIdentityArgs> = {}): ClusterIdentityArgs {
    return {
        cluster: {
            clusterName: pulumi.output("dev"),
            clusterArn: pulumi.output(clusterArn),
            oidcIssuerUrl: pulumi.output(issuer),
        },
        oidc: { issuerUrl: "https://login.example.com", clientId: "eks-dev" },
        platformAdmin: { roleArn: platformAdminArn },
        breakGlass: { trustedPrincipalArns: [oncallArn] },
        ...overrides,
    };
}

const plan = (args: ClusterIdentityArgs = baseArgs()) =>
    capture(() => {
        new ClusterIdentity("dev", args);
    });

const associationType = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";

describe("ClusterIdentity", () => {
    it("authenticates humans through the OIDC provider with oidc: prefixes (IAM-3)", async () => {
        const c = await plan();
        const config = c.inputsOf("aws:eks/identityProviderConfig:IdentityProviderConfig");
        expect(config.clusterName).toBe("dev");
        expect(config.oidc).toEqual({
            identityProviderConfigName: "dev-oidc",
            issuerUrl: "https://login.example.com",
            clientId: "eks-dev",
            usernameClaim: "sub",
            usernamePrefix: "oidc:",
            groupsClaim: "groups",
            groupsPrefix: "oidc:",
        });
    });

    it("requires MFA no older than an hour in the break-glass trust policy (IAM-6)", async () => {
        const c = await plan();
        const role = c.inputsOf("aws:iam/role:Role", "dev-break-glass");
        expect(role.name).toBe("dev-break-glass");
        expect(role.maxSessionDuration).toBe(3600);
        expect(JSON.parse(role.assumeRolePolicy)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AssumeOnlyWithRecentMfa",
                    Effect: "Allow",
                    Principal: { AWS: [oncallArn] },
                    Action: "sts:AssumeRole",
                    Condition: {
                        Bool: { "aws:MultiFactorAuthPresent": "true" },
                        NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                    },
                },
            ],
        });
    });

    it("gives break-glass cluster-admin and nothing in IAM beyond describing the one cluster", async () => {
        const c = await plan();
        const association = c.inputsOf(associationType, "dev-break-glass-policy");
        expect(association.policyArn).toBe("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        expect(association.accessScope).toEqual({ type: "cluster" });
        expect(association.principalArn).toBe("arn:aws:iam::111122223333:role/dev-break-glass");
        const policy = JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy", "dev-break-glass-describe-cluster").policy);
        expect(policy.Statement).toEqual([
            {
                Sid: "DescribeThisClusterOnly",
                Effect: "Allow",
                Action: "eks:DescribeCluster",
                Resource: clusterArn,
            },
        ]);
    });

    it("maps the break-glass role into the group OidcRbac binds to cluster-admin (IAM-5, IAM-6)", async () => {
        const byDefault = await capture(() => ({ group: new ClusterIdentity("dev", baseArgs()).breakGlassGroup }));
        expect(byDefault.inputsOf("aws:eks/accessEntry:AccessEntry", "dev-break-glass-entry").kubernetesGroups).toEqual([
            DEFAULT_BREAK_GLASS_GROUP,
        ]);
        expect(byDefault.outputs.group).toBe("baseline:break-glass");
        const named = await plan(baseArgs({ breakGlass: { trustedPrincipalArns: [oncallArn], group: "break-glass" } }));
        expect(named.inputsOf("aws:eks/accessEntry:AccessEntry", "dev-break-glass-entry").kubernetesGroups).toEqual(["break-glass"]);
        // The platform admin is mapped into no group: its rights come from its access policy only.
        expect(named.inputsOf("aws:eks/accessEntry:AccessEntry", "dev-platform-admin").kubernetesGroups).toBeUndefined();
    });

    it("gives the deploy role, and only it besides break-glass, a cluster-admin access entry (IAM-5)", async () => {
        const deployArn = "arn:aws:iam::111122223333:role/pulumi-deploy";
        const withoutDeployer = await plan();
        expect(
            withoutDeployer
                .ofType("aws:eks/accessEntry:AccessEntry")
                .map((entry) => entry.name)
                .sort(),
        ).toEqual(["dev-break-glass-entry", "dev-platform-admin"]);
        const c = await plan(baseArgs({ deployer: { roleArn: deployArn } }));
        expect(c.inputsOf("aws:eks/accessEntry:AccessEntry", "dev-deployer")).toMatchObject({ principalArn: deployArn, type: "STANDARD" });
        expect(c.inputsOf("aws:eks/accessEntry:AccessEntry", "dev-deployer").kubernetesGroups).toBeUndefined();
        expect(c.inputsOf(associationType, "dev-deployer-policy")).toEqual({
            clusterName: "dev",
            principalArn: deployArn,
            policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
            accessScope: { type: "cluster" },
        });
        const clusterAdmins = c
            .ofType(associationType)
            .filter((association) => String(association.inputs.policyArn).endsWith("/AmazonEKSClusterAdminPolicy"))
            .map((association) => association.name)
            .sort();
        expect(clusterAdmins).toEqual(["dev-break-glass-policy", "dev-deployer-policy"]);
        expect(validateClusterIdentityArgs("dev", baseArgs({ deployer: { roleArn: platformAdminArn } }))).toEqual([
            "ClusterIdentityArgs.deployer.roleArn is the platform admin role; give deployments their own role so humans never hold cluster-admin.",
        ]);
    });

    it("refuses a break-glass group an identity provider or EKS owns (IAM-6)", () => {
        const withGroup = (group: string) =>
            validateClusterIdentityArgs("dev", baseArgs({ breakGlass: { trustedPrincipalArns: [oncallArn], group } }));
        expect(withGroup("oidc:admins")).toEqual([
            'ClusterIdentityArgs.breakGlass.group "oidc:admins" is an identity-provider group or uses a prefix EKS access entries refuse (oidc:, system:, eks:, amazon:, aws:, iam:); use "baseline:break-glass" (IAM-6).',
        ]);
        expect(withGroup("system:masters")).toEqual([
            'ClusterIdentityArgs.breakGlass.group "system:masters" is an identity-provider group or uses a prefix EKS access entries refuse (oidc:, system:, eks:, amazon:, aws:, iam:); use "baseline:break-glass" (IAM-6).',
        ]);
        expect(withGroup("break glass")).toEqual([
            'ClusterIdentityArgs.breakGlass.group "break glass" is not a group name; use the group OidcRbac binds to cluster-admin, such as "baseline:break-glass" (IAM-6).',
        ]);
    });

    it("knows the describe-cluster policy and the cluster-admin principal at preview with accountId and region (IAM-5, IAM-10)", async () => {
        const c = await capture(
            () => {
                const identity = new ClusterIdentity("dev", baseArgs({ accountId: "111122223333", region: "eu-west-1" }));
                return { breakGlassRoleArn: identity.breakGlassRoleArn };
            },
            { preview: true },
        );
        const policy = c.one("aws:iam/rolePolicy:RolePolicy", "dev-break-glass-describe-cluster").wireInputs.policy;
        expect(typeof policy).toBe("string");
        expect(JSON.parse(policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [{ Sid: "DescribeThisClusterOnly", Effect: "Allow", Action: "eks:DescribeCluster", Resource: clusterArn }],
        });
        const breakGlassArn = "arn:aws:iam::111122223333:role/dev-break-glass";
        expect(c.one("aws:eks/accessEntry:AccessEntry", "dev-break-glass-entry").wireInputs.principalArn).toBe(breakGlassArn);
        expect(c.one(associationType, "dev-break-glass-policy").wireInputs.principalArn).toBe(breakGlassArn);
        expect(c.one(associationType, "dev-break-glass-policy").wireInputs.policyArn).toBe(
            "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
        );
        expect(c.outputs.breakGlassRoleArn).toBe(breakGlassArn);
    });

    it("reads the break-glass role ARN from the role without accountId, unknown at preview", async () => {
        const c = await capture(
            () => {
                new ClusterIdentity("dev", baseArgs());
            },
            { preview: true },
        );
        expect(c.one(associationType, "dev-break-glass-policy").wireInputs.principalArn).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    });

    it("refuses a malformed accountId and region", () => {
        expect(validateClusterIdentityArgs("dev", baseArgs({ accountId: "1234", region: "mars" }))).toEqual([
            'ClusterIdentityArgs.accountId "1234" is not a 12-digit AWS account id.',
            'ClusterIdentityArgs.region "mars" is not an AWS region name; give one such as eu-west-1.',
        ]);
    });

    it("gives the platform admin AmazonEKSAdminPolicy, not cluster-admin (IAM-4)", async () => {
        const c = await plan();
        const entry = c.inputsOf("aws:eks/accessEntry:AccessEntry", "dev-platform-admin");
        expect(entry).toMatchObject({
            clusterName: "dev",
            principalArn: platformAdminArn,
            type: "STANDARD",
        });
        const association = c.inputsOf(associationType, "dev-platform-admin-policy");
        expect(association.policyArn).toBe("arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy");
        expect(association.accessScope).toEqual({ type: "cluster" });
    });

    it("scopes the platform admin to namespaces when given", async () => {
        const c = await plan(
            baseArgs({
                platformAdmin: {
                    roleArn: platformAdminArn,
                    namespaces: ["platform", "ingress"],
                },
            }),
        );
        expect(c.inputsOf(associationType, "dev-platform-admin-policy").accessScope).toEqual({
            type: "namespace",
            namespaces: ["platform", "ingress"],
        });
    });

    it("creates no IAM OIDC provider unless irsa is set", async () => {
        const c = await plan();
        expect(c.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider")).toEqual([]);
    });

    it("creates the IRSA OIDC provider from the cluster issuer when irsa is set", async () => {
        const c = await capture(() => {
            const identity = new ClusterIdentity("dev", baseArgs({ irsa: true }));
            return { oidcProviderArn: identity.oidcProviderArn };
        });
        const provider = c.inputsOf("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        expect(provider.url).toBe(issuer);
        expect(provider.clientIdLists).toEqual(["sts.amazonaws.com"]);
        expect(c.outputs.oidcProviderArn).toBe(`arn:aws:iam::111122223333:oidc-provider/${issuer.replace("https://", "")}`);
    });

    it("refuses a break-glass role anyone or nobody can assume", () => {
        expect(validateClusterIdentityArgs("dev", baseArgs({ breakGlass: { trustedPrincipalArns: [] } }))).toEqual([
            "ClusterIdentityArgs.breakGlass.trustedPrincipalArns is empty; list the IAM principals allowed to assume break-glass (IAM-6).",
        ]);
        expect(
            validateClusterIdentityArgs(
                "dev",
                baseArgs({
                    breakGlass: { trustedPrincipalArns: ["*"], mfaMaxAgeSeconds: 86400 },
                }),
            ),
        ).toEqual([
            'ClusterIdentityArgs.breakGlass.trustedPrincipalArns contains "*"; list IAM role, user or account-root ARNs, never a wildcard (IAM-6).',
            "ClusterIdentityArgs.breakGlass.mfaMaxAgeSeconds is 86400; use whole seconds from 60 to 3600 (IAM-6).",
        ]);
    });

    it("refuses a plain-http issuer and a malformed platform-admin ARN", async () => {
        const args = baseArgs({
            oidc: { issuerUrl: "http://login.example.com", clientId: "" },
            platformAdmin: { roleArn: "platform-admin" },
        });
        expect(validateClusterIdentityArgs("dev", args)).toEqual([
            'ClusterIdentityArgs.oidc.issuerUrl is "http://login.example.com"; use the https:// issuer URL of your identity provider (IAM-3).',
            "ClusterIdentityArgs.oidc.clientId is empty; use the client id your identity provider issued for the cluster.",
            'ClusterIdentityArgs.platformAdmin.roleArn is "platform-admin"; use an IAM role ARN, arn:aws:iam::<account>:role/<name>.',
        ]);
        await expect(plan(args)).rejects.toThrow(
            'ClusterIdentity: ClusterIdentityArgs.oidc.issuerUrl is "http://login.example.com"; use the https:// issuer URL of your identity provider (IAM-3).',
        );
    });

    it("parents every child to the component and tags it with its own name", async () => {
        const c = await plan(baseArgs({ irsa: true }));
        const component = c.one("baseline:identity:ClusterIdentity");
        for (const resource of c.resources.filter((candidate) => candidate.custom)) {
            expect(resource.parent).toBe(component.urn);
            expect(resource.name.startsWith("dev-")).toBe(true);
            if (resource.inputs.tags !== undefined) {
                expect((resource.inputs.tags as Record<string, string>).Name).toBe(resource.name);
            }
        }
    });
});

describe("PodIdentityRole", () => {
    it("binds a role to one service account through EKS Pod Identity (IAM-7)", async () => {
        const c = await capture(() => {
            new PodIdentityRole("payments", {
                clusterName: pulumi.output("dev"),
                namespace: "payments",
                serviceAccount: "payments-api",
                policy: policyDocument({
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments-*",
                }),
            });
        });
        const trust = JSON.parse(c.inputsOf("aws:iam/role:Role").assumeRolePolicy);
        expect(trust.Statement).toEqual([
            {
                Sid: "AllowEksPodIdentityForOneServiceAccount",
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:RequestTag/eks-cluster-name": "dev",
                        "aws:RequestTag/kubernetes-namespace": "payments",
                        "aws:RequestTag/kubernetes-service-account": "payments-api",
                    },
                },
            },
        ]);
        const association = c.inputsOf("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        expect(association).toMatchObject({
            clusterName: "dev",
            namespace: "payments",
            serviceAccount: "payments-api",
            roleArn: "arn:aws:iam::111122223333:role/payments-role",
            disableSessionTags: false,
        });
        expect(JSON.parse(c.inputsOf("aws:iam/rolePolicy:RolePolicy").policy)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments-*",
                },
            ],
        });
        expect(c.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toEqual([]);
    });

    it("refuses * on * and AdministratorAccess (IAM-10)", () => {
        expect(
            validatePodIdentityRoleArgs({
                clusterName: "dev",
                namespace: "payments",
                serviceAccount: "payments-api",
                policy: policyDocument({ Effect: "Allow", Action: "*", Resource: "*" }),
                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
            }),
        ).toEqual([
            "PodIdentityRoleArgs.managedPolicyArns contains arn:aws:iam::aws:policy/AdministratorAccess; grant the actions the workload needs instead (IAM-10).",
            "PodIdentityRoleArgs.policy allows * on *; list the actions and resources the workload needs (IAM-10).",
        ]);
    });

    it("refuses * on * in a policy that is only known at deployment", async () => {
        const run = capture(() => {
            new PodIdentityRole("payments", {
                clusterName: "dev",
                namespace: "payments",
                serviceAccount: "payments-api",
                policy: pulumi.output(policyDocument({ Effect: "Allow", Action: ["*:*"], Resource: ["*"] })),
            });
        });
        await expect(run).rejects.toThrow(
            "PodIdentityRoleArgs.policy allows * on *; list the actions and resources the workload needs (IAM-10).",
        );
    });
});
