/**
 * IAM-11 (role trust policies) and the SEC-2 "conditions that pin nothing" class (issue 13): both
 * read conditions through lib/iam-conditions.ts, so every condition form is run through both.
 */
import { describe, expect, it } from "vitest";
import { conditionEntries, conditionPinning, principalPinningKeys } from "../../../policypacks/baseline/lib/iam-conditions";
import { iamRoleTrustPolicyPinned } from "../../../policypacks/baseline/policies/aws/iam-role-trust-policy-pinned";
import { kmsKeyPolicyNoPublicPrincipal } from "../../../policypacks/baseline/policies/aws/kms-key-policy-no-public-principal";
import { FixtureResource } from "../../helpers/run-policy";
import { commonBehaviour, violationsOf } from "./harness";

const account = "111122223333";
const provider = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
const providerArn = `arn:aws:iam::${account}:oidc-provider/${provider}`;

function role(statements: object | object[], asString = true): FixtureResource {
    const document = { Version: "2012-10-17", Statement: statements };
    return { type: "aws:iam/role:Role", name: "app", props: { assumeRolePolicy: asString ? JSON.stringify(document) : document } };
}

function key(statements: object[]): FixtureResource {
    return {
        type: "aws:kms/key:Key",
        name: "data",
        props: { enableKeyRotation: true, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
    };
}

const assume = (principal: unknown, condition?: object) => ({
    Effect: "Allow",
    Principal: principal,
    Action: "sts:AssumeRole",
    ...(condition ? { Condition: condition } : {}),
});

const irsa = (condition: object, action: string | string[] = "sts:AssumeRoleWithWebIdentity") => ({
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: action,
    Condition: condition,
});

const pinnedIrsa = { StringEquals: { [`${provider}:sub`]: "system:serviceaccount:shop:web", [`${provider}:aud`]: "sts.amazonaws.com" } };

const podIdentity = {
    Effect: "Allow",
    Principal: { Service: "pods.eks.amazonaws.com" },
    Action: ["sts:AssumeRole", "sts:TagSession"],
};

const iam11 = (text: string) => `assumeRolePolicy ${text}. [IAM-11]`;
const publicFix = "name the principals, or pin them with StringEquals on aws:PrincipalAccount or aws:PrincipalOrgID (a concrete value)";

/** Condition forms on a `*` principal: which pin (both policies agree) and which pin nothing, with why. */
const pinning: { title: string; condition: object }[] = [
    { title: "StringEquals aws:PrincipalOrgID", condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
    { title: "StringEquals aws:PrincipalAccount (list)", condition: { StringEquals: { "aws:PrincipalAccount": [account] } } },
    { title: "ArnLike aws:PrincipalArn in one account", condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${account}:role/*` } } },
    { title: "ForAnyValue:StringEquals aws:PrincipalOrgID", condition: { "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": "o-a1" } } },
];
const notPinning: { title: string; condition: object | undefined; why: string }[] = [
    { title: "no Condition", condition: undefined, why: "without a Condition" },
    {
        title: 'StringLike "*"',
        condition: { StringLike: { "aws:PrincipalOrgID": "*" } },
        why: 'with a Condition that pins nothing (StringLike on aws:PrincipalOrgID matches "*" (everyone))',
    },
    {
        title: 'StringLike "o-*"',
        condition: { StringLike: { "aws:PrincipalOrgID": "o-*" } },
        why: 'with a Condition that pins nothing (StringLike on aws:PrincipalOrgID matches "o-*" (everyone))',
    },
    {
        title: "ArnLike with a wildcard account",
        condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } },
        why: 'with a Condition that pins nothing (ArnLike on aws:PrincipalArn matches "arn:aws:iam::*:role/admin" (everyone))',
    },
    {
        title: "StringEqualsIfExists",
        condition: { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
        why: "with a Condition that pins nothing (StringEqualsIfExists on aws:PrincipalOrgID is true for a caller without the key)",
    },
    {
        title: "StringNotEquals",
        condition: { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } },
        why: "with a Condition that pins nothing (StringNotEquals on aws:PrincipalAccount is negated (true for every other caller))",
    },
    {
        title: "ForAllValues:StringEquals",
        condition: { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1" } },
        why: "with a Condition that pins nothing (ForAllValues:StringEquals on aws:PrincipalOrgID is true for a caller without the key)",
    },
    {
        title: "Null check only",
        condition: { Null: { "aws:PrincipalOrgID": "false" } },
        why: "with a Condition that pins nothing (Null on aws:PrincipalOrgID does not compare the value)",
    },
    {
        title: "an unrelated key",
        condition: { Bool: { "aws:SecureTransport": "true" } },
        why: "with a Condition on none of aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn",
    },
];

describe("iam-role-trust-policy-pinned (IAM-11)", () => {
    const policy = iamRoleTrustPolicyPinned;

    it("passes named principals, service principals, pinned IRSA and Pod Identity, as strings or objects", async () => {
        expect(await violationsOf(policy, role([assume({ AWS: `arn:aws:iam::${account}:root` })]))).toEqual([]);
        expect(await violationsOf(policy, role(assume({ Service: "ec2.amazonaws.com" }), false))).toEqual([]);
        expect(await violationsOf(policy, role([irsa(pinnedIrsa)]))).toEqual([]);
        expect(await violationsOf(policy, role(podIdentity, false))).toEqual([]);
        expect(await violationsOf(policy, role([{ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }]))).toEqual([]);
    });

    it.each(pinning)("accepts a * principal pinned by $title", async ({ condition }) => {
        for (const principal of ["*", { AWS: "*" }, { AWS: ["*"] }]) {
            expect(await violationsOf(policy, role([assume(principal, condition)]))).toEqual([]);
        }
    });

    it.each(notPinning)("blocks a * principal with $title", async ({ condition, why }) => {
        for (const principal of ["*", { AWS: "*" }, { AWS: [`arn:aws:iam::${account}:root`, "*"] }]) {
            expect(await violationsOf(policy, role([assume(principal, condition)]))).toEqual([
                iam11(`Statement[0] trusts Principal "*" ${why}; ${publicFix}`),
            ]);
        }
    });

    it("accepts aws:SourceAccount only for a service wildcard, and blocks NotPrincipal", async () => {
        const source = { StringEquals: { "aws:SourceAccount": account } };
        expect(await violationsOf(policy, role([assume({ Service: "*" }, source)]))).toEqual([]);
        expect(await violationsOf(policy, role([assume({ AWS: "*" }, source)]))).toEqual([
            iam11(
                `Statement[0] trusts Principal "*" with a Condition on none of aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn; ${publicFix}`,
            ),
        ]);
        expect(
            await violationsOf(
                policy,
                role([{ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }]),
            ),
        ).toEqual([iam11("Statement[0] uses NotPrincipal, which trusts everyone not listed; name the principals in Principal")]);
    });

    it("pins IRSA trusts with StringEquals on :sub (one service account) and :aud", async () => {
        const sub = `${provider}:sub`;
        const aud = `${provider}:aud`;
        expect(
            await violationsOf(
                policy,
                role([irsa({ StringLike: { [sub]: "system:serviceaccount:*:*" }, StringEquals: { [aud]: "sts.amazonaws.com" } })]),
            ),
        ).toEqual([
            iam11(
                `Statement[0] checks ${sub} with StringLike, which does not pin one service account; use StringEquals with system:serviceaccount:<namespace>:<name>`,
            ),
            iam11(
                `Statement[0] lets every service account of the cluster assume the role (no StringEquals on ${sub}); pin it to system:serviceaccount:<namespace>:<name>`,
            ),
        ]);
        expect(
            await violationsOf(
                policy,
                role([irsa({ StringEquals: { [sub]: "system:serviceaccount:shop:*", [aud]: "sts.amazonaws.com" } })]),
            ),
        ).toEqual([
            iam11(
                `Statement[0] allows ${sub} "system:serviceaccount:shop:*", which is not one service account; use system:serviceaccount:<namespace>:<name>`,
            ),
        ]);
        expect(await violationsOf(policy, role([irsa({ StringEquals: { [sub]: "system:serviceaccount:shop:web" } })]))).toEqual([
            iam11(`Statement[0] does not require StringEquals ${aud} = "sts.amazonaws.com"; add it`),
        ]);
        expect(await violationsOf(policy, role([irsa({ StringEquals: { [aud]: "sts.amazonaws.com" } }, "sts:*")]))).toEqual([
            iam11(
                `Statement[0] lets every service account of the cluster assume the role (no StringEquals on ${sub}); pin it to system:serviceaccount:<namespace>:<name>`,
            ),
        ]);
        expect(
            await violationsOf(
                policy,
                role([
                    irsa({
                        StringEquals: {
                            [sub]: ["system:serviceaccount:shop:web", "system:serviceaccount:shop:worker"],
                            [aud]: ["sts.amazonaws.com"],
                        },
                    }),
                ]),
            ),
        ).toEqual([]);
    });

    it("keeps a Pod Identity role to pods.eks.amazonaws.com with exactly sts:AssumeRole and sts:TagSession", async () => {
        expect(
            await violationsOf(policy, role([{ ...podIdentity, Principal: { Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] } }])),
        ).toEqual([
            iam11(
                'Statement[0] trusts Service "ec2.amazonaws.com" besides pods.eks.amazonaws.com; a Pod Identity role trusts nothing else',
            ),
        ]);
        expect(await violationsOf(policy, role([{ ...podIdentity, Action: "sts:*" }]))).toEqual([
            iam11('Statement[0] allows Action ["sts:*"] to pods.eks.amazonaws.com; allow exactly ["sts:AssumeRole", "sts:TagSession"]'),
        ]);
        expect(await violationsOf(policy, role([podIdentity, assume({ AWS: `arn:aws:iam::${account}:root` })]))).toEqual([
            iam11(
                "Statement[1] trusts another principal in a role that trusts pods.eks.amazonaws.com; a Pod Identity role trusts nothing else, so remove it",
            ),
        ]);
    });

    it("reports a trust policy that is not a document", async () => {
        expect(await violationsOf(policy, { type: "aws:iam/role:Role", props: { assumeRolePolicy: "{not json" } })).toEqual([
            "assumeRolePolicy is not valid JSON; write the trust policy as a JSON policy document. [IAM-11]",
        ]);
    });

    commonBehaviour({
        policy,
        suffix: "[IAM-11]",
        compliant: role([assume({ AWS: `arn:aws:iam::${account}:root` })]),
        violating: role([assume({ AWS: "*" })]),
        message: iam11(`Statement[0] trusts Principal "*" without a Condition; ${publicFix}`),
        unknownPath: ["assumeRolePolicy"],
    });
});

describe("kms-key-policy-no-public-principal: conditions that pin nothing (SEC-2, issue 13)", () => {
    const policy = kmsKeyPolicyNoPublicPrincipal;
    const fix = "name the principals or pin them with StringEquals on kms:CallerAccount or aws:PrincipalOrgID (a concrete value). [SEC-2]";
    const statement = (condition?: object) => ({
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Decrypt"],
        Resource: "*",
        ...(condition ? { Condition: condition } : {}),
    });

    it.each([
        ...pinning,
        {
            title: "kms:CallerAccount with kms:ViaService",
            condition: { StringEquals: { "kms:CallerAccount": account, "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } },
        },
    ])("accepts a * principal pinned by $title", async ({ condition }) => {
        expect(await violationsOf(policy, key([statement(condition)]))).toEqual([]);
    });

    it.each(notPinning.filter((form) => form.title !== "an unrelated key"))(
        "blocks a * principal with $title",
        async ({ condition, why }) => {
            expect(await violationsOf(policy, key([statement(condition)]))).toEqual([
                `policy Statement[0] allows Principal "*" ${why}; ${fix}`,
            ]);
        },
    );

    it("blocks kms:ViaService alone (any account calling through the service)", async () => {
        expect(await violationsOf(policy, key([statement({ StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } })]))).toEqual(
            [
                `policy Statement[0] allows Principal "*" with a Condition on none of aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalArn, kms:CallerAccount, aws:SourceAccount, aws:SourceArn, aws:SourceOrgID; ${fix}`,
            ],
        );
    });
});

describe("lib/iam-conditions", () => {
    it("splits set prefixes, IfExists and negation off the operator, and skips malformed blocks", () => {
        expect(conditionEntries({ "ForAnyValue:StringNotLikeIfExists": { "aws:PrincipalOrgID": ["o-1", 7] }, Bool: "yes" })).toEqual([
            {
                operator: "ForAnyValue:StringNotLikeIfExists",
                base: "StringNotLike",
                setPrefix: "ForAnyValue",
                ifExists: true,
                negated: true,
                key: "aws:PrincipalOrgID",
                values: ["o-1", "7"],
            },
        ]);
        expect(conditionEntries("StringEquals")).toEqual([]);
        expect(conditionEntries([{ StringEquals: { "aws:PrincipalOrgID": "o-1" } }])).toEqual([]);
    });

    it("matches condition keys case-insensitively, as IAM does, and needs only one pinning entry", () => {
        expect(conditionPinning({ StringEquals: { "AWS:principalorgid": "o-a1" } }, principalPinningKeys)).toMatchObject({ pinned: true });
        expect(
            conditionPinning(
                { StringLike: { "aws:PrincipalOrgID": "*" }, StringEquals: { "aws:PrincipalAccount": "111122223333" } },
                principalPinningKeys,
            ),
        ).toMatchObject({ pinned: true, by: { key: "aws:PrincipalAccount" } });
        expect(conditionPinning({ StringEquals: { "aws:PrincipalOrgID": [] } }, principalPinningKeys)).toEqual({
            pinned: false,
            reason: "with a Condition that pins nothing (StringEquals on aws:PrincipalOrgID has no value)",
        });
    });
});
