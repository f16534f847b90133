import * as pulumi from "@pulumi/pulumi";
import { isDnsLabel } from "../shared/naming";

/** Inputs of {@link ImageRepositories}. */
export interface ImageRepositoriesArgs {
    /**
     * Repository names, one per application image (`payments/api`): lower-case path segments.
     * Required; at least one.
     */
    repositories: string[];

    /**
     * KMS key that encrypts the images at rest. Default: none given means AWS-managed AES256
     * encryption; pass the baseline's EBS or a dedicated key to keep image layers under a key
     * you control.
     */
    kmsKeyArn?: pulumi.Input<string>;

    /**
     * How many untagged images a lifecycle rule keeps before expiring older ones. Default: 10,
     * enough to roll back while old, unscanned layers do not pile up.
     */
    keepUntaggedImages?: number;

    /** Extra tags on every repository; the baseline's own tags win. */
    tags?: Record<string, string>;
}

/** Every problem with the args (argument, value, fix); empty when valid. */
export function validateImageRepositoriesArgs(args: ImageRepositoriesArgs): string[] {
    const problems: string[] = [];
    if (!Array.isArray(args.repositories) || args.repositories.length === 0) {
        problems.push("ImageRepositoriesArgs.repositories is empty; list at least one repository name such as payments/api.");
    }
    for (const repository of args.repositories ?? []) {
        if (!repository.split("/").every((segment) => isDnsLabel(segment))) {
            problems.push(
                `ImageRepositoriesArgs.repositories contains "${repository}"; use lower-case path segments of letters, digits and '-' (payments/api).`,
            );
        }
    }
    const keep = args.keepUntaggedImages;
    if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) {
        problems.push(`ImageRepositoriesArgs.keepUntaggedImages is ${keep}; give a whole number of at least 1.`);
    }
    return problems;
}
