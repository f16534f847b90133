import { rawCopy, referenceSet, show } from "../../lib/aws-props";
import { kmsKey } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-2: customer-managed KMS keys rotate their key material. `enableKeyRotation` defaults to
 * false. Only symmetric keys in the AWS KMS key store support automatic rotation, so asymmetric
 * and HMAC keys (`customerMasterKeySpec` other than SYMMETRIC_DEFAULT) and keys in a custom key
 * store (`customKeyStoreId`, `xksKeyId`) are out of scope. Remediation turns rotation on.
 */
export const kmsKeyRotation = resourcePolicy({
    name: "kms-key-rotation",
    description:
        "Symmetric customer-managed KMS keys have automatic rotation on (enableKeyRotation true). CIS AWS Foundations Benchmark (ensure rotation for customer-created symmetric CMKs is enabled); CIS Amazon EKS Benchmark 5.3.1 (Secrets key).",
    severity: "medium",
    controls: ["SEC-2"],
    remediationSteps:
        'Set enableKeyRotation: true (optionally rotationPeriodInDays). Remediation can apply this (enforcement level "remediate").',
    example: 'new aws.kms.Key("secrets", { enableKeyRotation: true, deletionWindowInDays: 30 });',
    resourceTypes: [kmsKey],
    validate: ({ props }, report) => {
        const spec = props.customerMasterKeySpec;
        if (
            (spec !== undefined && spec !== "SYMMETRIC_DEFAULT") ||
            referenceSet(props, "customKeyStoreId") ||
            referenceSet(props, "xksKeyId")
        ) {
            return;
        }
        if (props.enableKeyRotation !== true) {
            const value = props.enableKeyRotation === undefined ? "unset (default: false)" : show(props.enableKeyRotation);
            report(`enableKeyRotation is ${value}; set it to true.`);
        }
    },
    remediate: ({ props }) => {
        const fixed = rawCopy(props);
        const spec = fixed.customerMasterKeySpec;
        if (
            fixed.enableKeyRotation === true ||
            (spec !== undefined && spec !== "SYMMETRIC_DEFAULT") ||
            "customKeyStoreId" in fixed ||
            "xksKeyId" in fixed
        ) {
            return undefined;
        }
        fixed.enableKeyRotation = true;
        return fixed;
    },
});
