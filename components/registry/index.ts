import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { ImageRepositoriesArgs, validateImageRepositoriesArgs } from "./args";

export * from "./args";

/** ECR lifecycle policy that expires untagged images beyond the newest `keep`. */
export function untaggedImageLifecycle(keep: number): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Keep the newest ${keep} untagged images`,
                selection: { tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: keep },
                action: { type: "expire" },
            },
        ],
    });
}

/**
 * ECR repositories for the platform's own images (NODE-4): every push is scanned, tags are
 * immutable so a deployed `v1.2.3` can never silently change underneath a running workload,
 * images are encrypted (with a customer-managed key when given), and untagged layers expire.
 *
 * ```ts
 * new ImageRepositories("apps", { repositories: ["payments/api"], kmsKeyArn: keys.ebsKeyArn });
 * ```
 */
export class ImageRepositories extends pulumi.ComponentResource {
    /** Repository URLs by repository name, for image references in manifests. */
    public readonly repositoryUrls: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: ImageRepositoriesArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems(`ImageRepositories "${name}"`, validateImageRepositoriesArgs(args));
        super("baseline:registry:ImageRepositories", name, {}, opts);
        this.repositoryUrls = {};
        for (const repository of args.repositories) {
            const resourceName = childName(name, repository.replace(/\//g, "-"));
            const created = new aws.ecr.Repository(
                resourceName,
                {
                    name: repository,
                    // NODE-4: scan every image when it is pushed, and never let a tag move.
                    imageScanningConfiguration: { scanOnPush: true },
                    imageTagMutability: "IMMUTABLE",
                    encryptionConfigurations: [
                        args.kmsKeyArn ? { encryptionType: "KMS", kmsKey: args.kmsKeyArn } : { encryptionType: "AES256" },
                    ],
                    tags: { ...(args.tags ?? {}), ...baselineTags(resourceName) },
                },
                { parent: this },
            );
            new aws.ecr.LifecyclePolicy(
                childName(resourceName, "lifecycle"),
                { repository: created.name, policy: untaggedImageLifecycle(args.keepUntaggedImages ?? 10) },
                { parent: this },
            );
            this.repositoryUrls[repository] = created.repositoryUrl;
        }
        this.registerOutputs({ repositoryUrls: this.repositoryUrls });
    }
}
