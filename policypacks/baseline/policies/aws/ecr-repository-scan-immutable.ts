import { booleanOf, isRecord, runChecks, show } from "../../lib/aws-props";
import { ecrRepository, ecrRepositoryCreationTemplate } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NODE-4: ECR repositories scan images on push and never let a tag move. Defaults are
 * scanOnPush false and imageTagMutability "MUTABLE". "IMMUTABLE_WITH_EXCLUSION" keeps listed tag
 * patterns mutable, so it does not pass. Repository creation
 * templates (repositories created on pull-through or replication) have no scan setting; their tag
 * mutability is checked. Registry-wide enhanced scanning is not visible here.
 */
export const ecrRepositoryScanImmutable = resourcePolicy({
    name: "ecr-repository-scan-immutable",
    description:
        'ECR repositories scan on push (imageScanningConfiguration.scanOnPush true) and use immutable tags (imageTagMutability "IMMUTABLE"); creation templates use immutable tags. CIS Amazon EKS Benchmark 5.1.1 (image vulnerability scanning); NSA/CISA Kubernetes Hardening Guide, Upgrading and application security practices.',
    severity: "medium",
    controls: ["NODE-4"],
    remediationSteps: 'Set imageScanningConfiguration: { scanOnPush: true } and imageTagMutability: "IMMUTABLE".',
    example: 'new aws.ecr.Repository("app", { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE" });',
    resourceTypes: [ecrRepository, ecrRepositoryCreationTemplate],
    validate: ({ type, props }, report) => {
        runChecks(
            () => {
                const mutability = props.imageTagMutability;
                if (mutability !== "IMMUTABLE") {
                    const value = mutability === undefined ? 'unset (default: "MUTABLE")' : show(mutability);
                    report(`imageTagMutability is ${value}; set it to "IMMUTABLE" so a tag always names the image that was scanned.`);
                }
            },
            () => {
                if (type !== ecrRepository) {
                    return;
                }
                const scanning = props.imageScanningConfiguration;
                const scanOnPush = isRecord(scanning) ? scanning.scanOnPush : undefined;
                if (booleanOf(scanOnPush) !== true) {
                    const value = scanOnPush === undefined ? "unset (default: false)" : show(scanOnPush);
                    report(`imageScanningConfiguration.scanOnPush is ${value}; set it to true.`);
                }
            },
        );
    },
});
