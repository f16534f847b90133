/**
 * IAM-11, B layer: the exact trust policy of every role the components create, and each one run
 * through the pack's IAM-11 policy as the engine would send it (JSON string on aws.iam.Role).
 */
import { describe, expect, it } from "vitest";
import { accessHostTrustPolicy, schedulerTrustPolicy } from "../../../components/access-host/policies";
import { firehoseTrustPolicy, logsSubscriptionTrustPolicy } from "../../../components/audit/policies";
import { clusterTrustPolicy, nodeTrustPolicy } from "../../../components/cluster/policies";
import { breakGlassTrustPolicy, irsaTrustPolicy, podIdentityTrustPolicy } from "../../../components/identity/policies";
import { flowLogsTrustPolicy } from "../../../components/network/flow-logs";
import { IamPolicyDocument, toJson } from "../../../components/shared/iam";
import { iamRoleTrustPolicyPinned } from "../../../policypacks/baseline/policies/aws/iam-role-trust-policy-pinned";
import { runResourcePolicy } from "../../helpers/run-policy";

const account = "111122223333";
const scope = { partition: "aws", region: "eu-west-1", accountId: account };
const issuer = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const providerArn = `arn:aws:iam::${account}:oidc-provider/${issuer}`;
const service = (name: string, actions: string | string[] = ["sts:AssumeRole"]) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: name }, Action: actions }],
});

/** The exact Pod Identity trust: one cluster, namespace and service account, by session tags. */
const podIdentity = (namespace: string, serviceAccount: string) => ({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "AllowEksPodIdentityForOneServiceAccount",
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
                StringEquals: {
                    "aws:RequestTag/eks-cluster-name": "prod",
                    "aws:RequestTag/kubernetes-namespace": namespace,
                    "aws:RequestTag/kubernetes-service-account": serviceAccount,
                },
            },
        },
    ],
});

const roles: { role: string; document: IamPolicyDocument; expected: object }[] = [
    {
        role: "identity: Pod Identity role (one cluster, namespace and service account)",
        document: podIdentityTrustPolicy("prod", "shop", "web"),
        expected: podIdentity("shop", "web"),
    },
    {
        role: "identity: IRSA role (the irsa option)",
        document: irsaTrustPolicy(providerArn, issuer, "shop", "web"),
        expected: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AllowIrsaForOneServiceAccount",
                    Effect: "Allow",
                    Principal: { Federated: providerArn },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:shop:web", [`${issuer}:aud`]: "sts.amazonaws.com" },
                    },
                },
            ],
        },
    },
    {
        role: "identity: break-glass role (named principals, MFA)",
        document: breakGlassTrustPolicy({ trustedPrincipalArns: [`arn:aws:iam::${account}:role/admins`], mfaMaxAgeSeconds: 3600 }),
        expected: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AssumeOnlyWithRecentMfa",
                    Effect: "Allow",
                    Principal: { AWS: [`arn:aws:iam::${account}:role/admins`] },
                    Action: "sts:AssumeRole",
                    Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
                },
            ],
        },
    },
    {
        role: "cluster: control-plane role",
        document: clusterTrustPolicy(),
        expected: service("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
    },
    { role: "cluster: node role", document: nodeTrustPolicy(), expected: service("ec2.amazonaws.com") },
    {
        role: "cluster: VPC CNI Pod Identity role",
        document: podIdentityTrustPolicy("prod", "kube-system", "aws-node"),
        expected: podIdentity("kube-system", "aws-node"),
    },
    { role: "access-host: instance role", document: accessHostTrustPolicy(), expected: service("ec2.amazonaws.com") },
    { role: "access-host: stop-schedule role", document: schedulerTrustPolicy(), expected: service("scheduler.amazonaws.com") },
    {
        role: "audit: Firehose delivery role",
        document: firehoseTrustPolicy(scope),
        expected: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "FirehoseDelivers",
                    Effect: "Allow",
                    Principal: { Service: "firehose.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": account } },
                },
            ],
        },
    },
    {
        role: "audit: CloudWatch Logs subscription role",
        document: logsSubscriptionTrustPolicy(scope),
        expected: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "CloudWatchLogsSubscribes",
                    Effect: "Allow",
                    Principal: { Service: "logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringLike: { "aws:SourceArn": `arn:aws:logs:eu-west-1:${account}:*` } },
                },
            ],
        },
    },
    {
        role: "network: flow-logs delivery role",
        document: flowLogsTrustPolicy("aws", "eu-west-1", account),
        expected: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "FlowLogsDelivery",
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": account },
                        ArnLike: { "aws:SourceArn": `arn:aws:ec2:eu-west-1:${account}:vpc-flow-log/*` },
                    },
                },
            ],
        },
    },
];

describe("the components' role trust policies (IAM-11)", () => {
    it.each(roles)("writes the exact trust policy of the $role", ({ document, expected }) => {
        expect(document).toEqual(expected);
    });

    it.each(roles)("passes iam-role-trust-policy-pinned with the $role", async ({ document }) => {
        const outcome = await runResourcePolicy(iamRoleTrustPolicyPinned, {
            type: "aws:iam/role:Role",
            name: "component-role",
            props: { assumeRolePolicy: toJson(document) },
        });
        expect(outcome).toEqual({ violations: [] });
    });
});
