import { stackPolicy } from "../../lib/policy";
import { PlanIndex, describe } from "./plan";

interface ProductionProtectionConfig {
    production: boolean;
}

/**
 * Types whose deletion loses what an investigation needs: keys (deleting one makes every
 * encrypted log and secret unreadable), log groups, and buckets. Every bucket counts as a
 * potential archive: the plan cannot tell an archive from another bucket, and a bucket that
 * really is disposable gets a named, expiring exemption instead.
 */
export const protectedTypes = [
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
];

/** SEC-7: in production, keys, log groups and archives cannot be deleted by a stray `pulumi up`/`destroy`. */
export const productionResourcesProtected = stackPolicy<ProductionProtectionConfig>({
    name: "production-resources-protected",
    description:
        "In production (config production: true), KMS keys, CloudWatch log groups and S3 buckets (archives) have the protect resource option. NSA/CISA Kubernetes Hardening Guide: Audit logging (protect log integrity).",
    severity: "high",
    controls: ["SEC-7"],
    remediationSteps:
        "Pass { protect: true } in the resource options of every KMS key, log group and bucket of a production stack (the baseline's components take a `protect` argument that infra/ sets for prod).",
    config: {
        production: {
            type: "boolean",
            default: false,
            description: "The stack is production: keys, log groups and buckets must be protected (set in config/prod.json).",
        },
    },
    example: 'new aws.kms.Key("cluster", { enableKeyRotation: true }, { protect: true });',
    validate: (resources, report, config) => {
        if (config.production !== true) {
            return;
        }
        for (const resource of new PlanIndex(resources).ofType(...protectedTypes)) {
            if (resource.opts?.protect !== true) {
                report(
                    `${describe(resource)}: protect is not set in a production stack, so a destroy or replacement deletes it; add { protect: true } to its resource options.`,
                    resource.urn,
                );
            }
        }
    },
});
