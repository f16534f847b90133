import { isAllowedRepository, isDigest, parseImage } from "../../lib/k8s-image";
import { arrayOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, podSpecsOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

export interface ImageAllowedConfig {
    /** Registry prefixes (host[/path], `*` within a segment) images may come from. */
    allowedRegistries: string[];
    /** When true every image must be pinned by digest (`@sha256:...`). */
    requireDigest: boolean;
}

/**
 * Default registries: the account's private ECR, ECR Public, the Kubernetes project's registry,
 * and the Istio release images (Docker Hub `istio/` and `gcr.io/istio-release`). Anything else
 * must be mirrored to ECR or added per environment.
 */
export const defaultAllowedRegistries: readonly string[] = [
    "*.dkr.ecr.*.amazonaws.com",
    "public.ecr.aws",
    "registry.k8s.io",
    "docker.io/istio",
    "gcr.io/istio-release",
];

/** WL-10: images from allow-listed registries, with a non-latest tag or a digest (digest required when configured). */
export const k8sPodImageAllowed = resourcePolicy<ImageAllowedConfig>({
    name: "k8s-pod-image-allowed",
    description:
        "Every container image comes from an allow-listed registry and is pinned: a tag other than latest, or a " +
        "digest (required when requireDigest is true). References: CIS Amazon EKS Benchmark 5.1 (image registries); " +
        "NSA/CISA Kubernetes Hardening Guide 'Container images: use trusted repositories'; Kubernetes security checklist " +
        "'Images'.",
    severity: "high",
    controls: ["WL-10"],
    scopeControls: ["WL-13"],
    remediationSteps: "Mirror the image to an allow-listed registry (e.g. the account's ECR) and reference it by version tag and digest.",
    config: {
        allowedRegistries: {
            type: "array",
            items: { type: "string" },
            default: [...defaultAllowedRegistries],
            description: "Registry prefixes (host[/path]; * matches within one segment) images may come from.",
        },
        requireDigest: { type: "boolean", default: false, description: "Require every image to be pinned by digest." },
    },
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report, config) => {
        const allowed = arrayOf(config.allowedRegistries).filter((entry): entry is string => typeof entry === "string");
        for (const pod of podSpecsOf(type, props)) {
            for (const container of pod.containers) {
                const image = container.container.image;
                if (typeof image !== "string" || image.trim() === "") {
                    if (!pod.owner.partial || (image !== undefined && image !== null)) {
                        report(
                            `${atContainer(container)}: image is not set; set an image from an allow-listed registry, pinned by tag or digest.`,
                        );
                    }
                    continue;
                }
                const reference = parseImage(image.trim());
                const at = `${atContainer(container)}: image ${JSON.stringify(image)}`;
                if (!isAllowedRepository(reference.repository, allowed)) {
                    report(
                        `${at} is from ${reference.repository}, which is not an allow-listed registry; mirror it to one of ` +
                            `${allowed.join(", ") || "(none configured)"} (allowedRegistries).`,
                    );
                }
                const pinnedByDigest = isDigest(reference.digest);
                if (!pinnedByDigest && reference.tag === undefined) {
                    report(`${at} has no tag (pulls latest); pin a version tag or a digest.`);
                } else if (!pinnedByDigest && reference.tag === "latest") {
                    report(`${at} uses the latest tag; pin a version tag or a digest.`);
                }
                if (config.requireDigest === true && !pinnedByDigest) {
                    report(`${at} is not pinned by digest; reference it as <repository>@sha256:<digest> (requireDigest).`);
                }
            }
        }
    },
});
