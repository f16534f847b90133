import { conditionPinning, kmsPinningKeys } from "../../lib/iam-conditions";
import { isAllow, isPublicPrincipal, parsePolicyDocument, statementLabel } from "../../lib/iam-document";
import { kmsExternalKey, kmsKey, kmsKeyPolicy, kmsReplicaExternalKey, kmsReplicaKey } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-2: a key policy never allows the `*` principal (anyone, any account) unless a Condition
 * pins it to concrete values of kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID,
 * aws:PrincipalArn or (for services acting for a resource) aws:SourceAccount/aws:SourceArn.
 * `StringLike` on `"*"`, an `...IfExists` operator or a negated operator pins nothing (issue 13);
 * lib/iam-conditions.ts holds the reading, shared with IAM-11. An unset policy gets the AWS
 * default key policy (the account root only), which is fine.
 */
export const kmsKeyPolicyNoPublicPrincipal = resourcePolicy({
    name: "kms-key-policy-no-public-principal",
    description:
        'KMS key policies grant no Allow to Principal "*" (or {"AWS": "*"}) unless a Condition pins it to a concrete account, organisation or ARN (StringLike "*", ...IfExists and negated operators pin nothing). AWS KMS best practices (least privilege key policies); CIS Amazon EKS Benchmark 5.3.1 (Secrets key).',
    severity: "critical",
    controls: ["SEC-2"],
    remediationSteps:
        'Name the principals (account root, roles) in the statement, or add a Condition such as {"StringEquals": {"kms:CallerAccount": "<account id>"}}.',
    resourceTypes: [kmsKey, kmsReplicaKey, kmsExternalKey, kmsReplicaExternalKey, kmsKeyPolicy],
    validate: ({ props }, report) => {
        if (props.policy === undefined) {
            return;
        }
        const document = parsePolicyDocument(props.policy);
        if (!document.ok) {
            report(`policy ${document.reason}; write the key policy as a JSON policy document.`);
            return;
        }
        for (const statement of document.statements) {
            if (!isAllow(statement) || !isPublicPrincipal(statement.principal)) {
                continue;
            }
            const pinning = conditionPinning(statement.condition, kmsPinningKeys);
            if (!pinning.pinned) {
                report(
                    `policy ${statementLabel(statement)} allows Principal "*" ${pinning.reason}; name the principals or pin them with ` +
                        "StringEquals on kms:CallerAccount or aws:PrincipalOrgID (a concrete value).",
                );
            }
        }
    },
});
