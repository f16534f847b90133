import { isAllow, isPublicPrincipal, parsePolicyDocument, statementLabel } from "../../lib/iam-document";
import { kmsExternalKey, kmsKey, kmsKeyPolicy, kmsReplicaExternalKey, kmsReplicaKey } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-2: a key policy never allows the `*` principal (anyone, any account) without a Condition
 * that narrows it (for example kms:CallerAccount or aws:PrincipalOrgID). An unset policy gets
 * the AWS default key policy (the account root only), which is fine.
 */
export const kmsKeyPolicyNoPublicPrincipal = resourcePolicy({
    name: "kms-key-policy-no-public-principal",
    description:
        'KMS key policies grant no Allow to Principal "*" (or {"AWS": "*"}) without a Condition. AWS KMS best practices (least privilege key policies); CIS Amazon EKS Benchmark 5.3.1 (Secrets key).',
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
            if (isAllow(statement) && isPublicPrincipal(statement.principal) && !statement.hasCondition) {
                report(
                    `policy ${statementLabel(statement)} allows Principal "*" without a Condition; name the principals or add a Condition.`,
                );
            }
        }
    },
});
