import { describe, expect, it } from "vitest";
import { ImageRepositories, validateImageRepositoriesArgs } from "../../../components/registry";
import { InvalidArgsError } from "../../../components/shared/errors";
import { capture } from "../../helpers/capture";

const REPOSITORY = "aws:ecr/repository:Repository";

describe("ImageRepositories", () => {
    it("scans on push and keeps tags immutable on every repository (NODE-4)", async () => {
        const c = await capture(() => {
            new ImageRepositories("apps", { repositories: ["payments/api", "payments/worker"] });
        });
        const repositories = c.ofType(REPOSITORY);
        expect(repositories.map((repository) => repository.inputs.name)).toEqual(["payments/api", "payments/worker"]);
        for (const repository of repositories) {
            expect(repository.inputs.imageScanningConfiguration).toEqual({ scanOnPush: true });
            expect(repository.inputs.imageTagMutability).toBe("IMMUTABLE");
            expect(repository.parent).toBe(c.one("baseline:registry:ImageRepositories", "apps").urn);
        }
    });

    it("encrypts images with the given KMS key", async () => {
        const c = await capture(() => {
            new ImageRepositories("apps", { repositories: ["payments/api"], kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/abc" });
        });
        expect(c.inputsOf(REPOSITORY).encryptionConfigurations).toEqual([
            { encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:111122223333:key/abc" },
        ]);
    });

    it("encrypts images with AWS-managed AES256 when no KMS key is given", async () => {
        const c = await capture(() => {
            new ImageRepositories("apps", { repositories: ["payments/api"] });
        });
        expect(c.inputsOf(REPOSITORY).encryptionConfigurations).toEqual([{ encryptionType: "AES256" }]);
    });

    it("expires untagged images beyond the newest ten by default", async () => {
        const c = await capture(() => {
            new ImageRepositories("apps", { repositories: ["payments/api"] });
        });
        const lifecycle = c.inputsOf("aws:ecr/lifecyclePolicy:LifecyclePolicy");
        expect(lifecycle.repository).toBe(c.one(REPOSITORY).wireOutputs.name);
        expect(JSON.parse(lifecycle.policy as string)).toEqual({
            rules: [
                {
                    rulePriority: 1,
                    description: "Keep the newest 10 untagged images",
                    selection: { tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 10 },
                    action: { type: "expire" },
                },
            ],
        });
    });

    it("rejects empty lists, bad names and a non-positive retention with exact messages", () => {
        expect(validateImageRepositoriesArgs({ repositories: [] })).toEqual([
            "ImageRepositoriesArgs.repositories is empty; list at least one repository name such as payments/api.",
        ]);
        expect(validateImageRepositoriesArgs({ repositories: ["Payments/API"], keepUntaggedImages: 0 })).toEqual([
            `ImageRepositoriesArgs.repositories contains "Payments/API"; use lower-case path segments of letters, digits and '-' (payments/api).`,
            "ImageRepositoriesArgs.keepUntaggedImages is 0; give a whole number of at least 1.",
        ]);
    });

    it("registers nothing when the args are invalid", async () => {
        await expect(
            capture(() => {
                new ImageRepositories("apps", { repositories: [] });
            }),
        ).rejects.toThrow(
            new InvalidArgsError('ImageRepositories "apps"', [
                "ImageRepositoriesArgs.repositories is empty; list at least one repository name such as payments/api.",
            ]),
        );
    });
});
