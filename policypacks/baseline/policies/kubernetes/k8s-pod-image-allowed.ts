import { isAllowedRepository, isDigest, parseImage } from "../../lib/k8s-image";
import { arrayOf } from "../../lib/k8s-objects";
import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, podSpecsOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

export interface ImageAllowedConfig {
    /** Registry prefixes (host[/path], `*` within a segment) images may come from. */
    allowedRegistries: string[];
    /** This stack's AWS account id; with `region`, its own ECR registry is allowed. Default "" (none). */
    accountId: string;
    /** This stack's AWS region; with `accountId`, its own ECR registry is allowed. Default "" (none). */
    region: string;
    /** When true every image must be pinned by digest (`@sha256:...`). */
    requireDigest: boolean;
}

/**
 * Default repositories: the public images the baseline's own components run, each named by path
 * (Istio from docker.io/istio, Falco from docker.io/falcosecurity, the Secrets Store CSI driver
 * from registry.k8s.io and its AWS provider from ECR Public), taken from the charts' default
 * values. No whole public registry (`public.ecr.aws` admits every publisher) and no ECR wildcard
 * (`*.dkr.ecr.*.amazonaws.com` admits every AWS account): the stack's own ECR registry comes from
 * `accountId` and `region`, anything else is mirrored there or listed per environment. The same
 * list as the admission component's DEFAULT_ALLOWED_REGISTRIES (the parity test checks it).
 */
export const defaultAllowedRegistries: readonly string[] = [
    "docker.io/istio/pilot",
    "docker.io/istio/proxyv2",
    "docker.io/istio/install-cni",
    "docker.io/istio/ztunnel",
    "docker.io/falcosecurity/falco",
    "docker.io/falcosecurity/falcoctl",
    "docker.io/falcosecurity/falco-driver-loader",
    "registry.k8s.io/csi-secrets-store/driver",
    "registry.k8s.io/csi-secrets-store/driver-crds",
    "registry.k8s.io/sig-storage/csi-node-driver-registrar",
    "registry.k8s.io/sig-storage/livenessprobe",
    "public.ecr.aws/aws-secrets-manager/secrets-store-csi-driver-provider-aws",
];

const accountIdPattern = /^\d{12}$/;
const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The stack's own ECR registry when `accountId` and `region` are set and well-formed. */
export function ownRegistry(config: Partial<ImageAllowedConfig>): string | undefined {
    const { accountId, region } = config;
    return typeof accountId === "string" && typeof region === "string" && accountIdPattern.test(accountId) && regionPattern.test(region)
        ? `${accountId}.dkr.ecr.${region}.amazonaws.com`
        : undefined;
}

/** The allow-list a config yields: `allowedRegistries` plus the own ECR registry when account and region are set. */
export function effectiveRegistries(config: Partial<ImageAllowedConfig>): string[] {
    const listed = arrayOf(config.allowedRegistries).filter((entry): entry is string => typeof entry === "string");
    const own = ownRegistry(config);
    return own === undefined ? listed : [own, ...listed];
}

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
            description:
                "Registry prefixes (host[/path]; * matches within one segment) images may come from. Default: the baseline components' public repositories by path; the stack's own ECR comes from accountId and region.",
        },
        accountId: {
            type: "string",
            default: "",
            description: "This stack's 12-digit AWS account id; with region, <accountId>.dkr.ecr.<region>.amazonaws.com is allowed.",
        },
        region: {
            type: "string",
            default: "",
            description: "This stack's AWS region (e.g. eu-west-1); with accountId, the stack's own ECR registry is allowed.",
        },
        requireDigest: { type: "boolean", default: false, description: "Require every image to be pinned by digest." },
    },
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report, config) => {
        const allowed = effectiveRegistries(config);
        const own = ownRegistry(config);
        const mirrorFix =
            own !== undefined
                ? `mirror it to ${own} (the stack's own ECR) or list its repository in allowedRegistries.`
                : "mirror it to the stack's own ECR (set accountId and region) or list its repository in allowedRegistries.";
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
                    report(`${at} is from ${reference.repository}, which is not an allow-listed registry; ${mirrorFix}`);
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
