import { isRecord, listOf, referenceSet, runChecks } from "../../lib/aws-props";
import { eksCluster } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * SEC-1: Kubernetes Secrets are envelope-encrypted with a customer-managed KMS key. Without
 * `encryptionConfig` EKS uses an AWS-owned key, which the account cannot rotate, audit or revoke.
 * The key ARN is a reference: it only has to be set (an unknown ARN is fine).
 */
export const eksClusterSecretsEncryption = resourcePolicy({
    name: "eks-cluster-secrets-encryption",
    description:
        'EKS cluster envelope-encrypts Kubernetes Secrets with a customer-managed KMS key (encryptionConfig.resources includes "secrets", provider.keyArn set). CIS Amazon EKS Benchmark 5.3.1; NSA/CISA Kubernetes Hardening Guide, Secrets.',
    severity: "high",
    controls: ["SEC-1"],
    remediationSteps: 'Set encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } } with a customer-managed KMS key.',
    example: 'encryptionConfig: { resources: ["secrets"], provider: { keyArn: secretsKey.arn } }',
    resourceTypes: [eksCluster],
    validate: ({ props }, report) => {
        if (!isRecord(props.encryptionConfig)) {
            report(
                'encryptionConfig is unset (Secrets use an AWS-owned key); set encryptionConfig with resources ["secrets"] and provider.keyArn of a customer-managed KMS key.',
            );
            return;
        }
        const encryption = props.encryptionConfig;
        runChecks(
            () => {
                if (!listOf(encryption.resources).includes("secrets")) {
                    report('encryptionConfig.resources does not include "secrets"; add "secrets".');
                }
            },
            () => {
                if (!referenceSet(encryption.provider, "keyArn")) {
                    report("encryptionConfig.provider.keyArn is unset; set it to the ARN of a customer-managed KMS key.");
                }
            },
        );
    },
});
