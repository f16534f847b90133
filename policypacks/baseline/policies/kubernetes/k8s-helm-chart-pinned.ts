import { arrayOf, objectOf } from "../../lib/k8s-objects";
import { helmChartTypes, helmReleaseType } from "../../lib/k8s-types";
import { Props, resourcePolicy } from "../../lib/policy";

export interface HelmChartConfig {
    /** Chart repository URLs (https:// or oci://) charts may come from; matched on whole path segments. */
    allowedRepositories: string[];
    /** Accept charts from a local path in the program's repository (code-reviewed, not fetched). */
    allowLocalCharts: boolean;
}

/** The upstream repositories of the charts the baseline's components install. */
export const defaultAllowedRepositories: readonly string[] = [
    "https://istio-release.storage.googleapis.com/charts",
    "https://aws.github.io/eks-charts",
    "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts",
    "https://aws.github.io/secrets-store-csi-driver-provider-aws",
    "https://falcosecurity.github.io/charts",
    "https://kyverno.github.io/kyverno",
    "oci://public.ecr.aws",
];

/** Exact semantic version (leading "v" tolerated); ranges, wildcards and partial versions are not pins. */
const exactVersion = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function isAllowedRepository(url: string, allowed: readonly string[]): boolean {
    const normalised = url.trim().replace(/\/+$/, "").toLowerCase();
    return allowed.some((entry) => {
        const prefix = entry.trim().replace(/\/+$/, "").toLowerCase();
        return prefix !== "" && (normalised === prefix || normalised.startsWith(`${prefix}/`));
    });
}

function isLocalPath(chart: string): boolean {
    return chart.startsWith("./") || chart.startsWith("../") || chart.startsWith("/") || chart === ".";
}

/** Where a chart comes from, by the props of Release, v3 Chart or v4 Chart. */
function sourceOf(props: Props): { chart: string; repository: string | undefined; repositoryField: string; local: boolean } {
    const chart = typeof props.chart === "string" ? props.chart.trim() : "";
    const repositoryOpts = objectOf(props.repositoryOpts);
    const fetchOpts = objectOf(props.fetchOpts);
    if (typeof props.path === "string" && props.path !== "") {
        return { chart: props.path, repository: undefined, repositoryField: "path", local: true };
    }
    if (/^(oci|https?):\/\//i.test(chart)) {
        return { chart, repository: chart, repositoryField: "chart", local: false };
    }
    if (typeof repositoryOpts?.repo === "string") {
        return { chart, repository: repositoryOpts.repo, repositoryField: "repositoryOpts.repo", local: false };
    }
    if (typeof fetchOpts?.repo === "string") {
        return { chart, repository: fetchOpts.repo, repositoryField: "fetchOpts.repo", local: false };
    }
    return { chart, repository: undefined, repositoryField: "repositoryOpts.repo", local: isLocalPath(chart) || chart.endsWith(".tgz") };
}

/**
 * True for an Istio chart (base, istiod, gateway, cni, ztunnel from Istio's repository, or any
 * chart whose reference names istio or ztunnel): the charts MESH-1 is about.
 */
function isMeshChart(source: { chart: string; repository: string | undefined }): boolean {
    const text = `${source.chart} ${source.repository ?? ""}`.toLowerCase();
    return text.includes("istio") || text.includes("ztunnel");
}

/**
 * MESH-1: Helm charts come from an allow-listed repository at an exact version. A v3 Release is
 * opaque (the pack never sees what it installs), so every Release is held to this, whatever it
 * installs. A v3/v4 Chart renders its objects into the plan, where every other policy judges them
 * one by one (issue 7: "resources rendered by helm.v4.Chart ... are validated like any other
 * resource"), so a Chart is held to the repository allow-list and pin only when it installs the
 * mesh (MESH-1); a team's application chart from its own repository is not blocked for its origin.
 */
export const k8sHelmChartPinned = resourcePolicy<HelmChartConfig>({
    name: "k8s-helm-chart-pinned",
    description:
        "Every helm.v3.Release (opaque to the pack), and every helm.v3.Chart or helm.v4.Chart that installs the Istio " +
        "mesh, comes from a repository in allowedRepositories (https or OCI) and pins an exact chart version; no version ranges, no latest, no local " +
        "repository aliases. References: NSA/CISA Kubernetes Hardening Guide 'Supply chain: use trusted, pinned " +
        "artifacts'; Kubernetes security checklist 'Images and artifacts'.",
    severity: "high",
    controls: ["MESH-1"],
    remediationSteps:
        'Set repositoryOpts.repo to an allow-listed repository URL (or chart to an allow-listed oci:// URL) and version to an exact version such as "1.24.2".',
    config: {
        allowedRepositories: {
            type: "array",
            items: { type: "string" },
            default: [...defaultAllowedRepositories],
            description: "Chart repository URLs (https:// or oci://) charts may come from.",
        },
        allowLocalCharts: { type: "boolean", default: false, description: "Accept charts from a local path in the program's repository." },
    },
    resourceTypes: helmChartTypes,
    validate: ({ type, props }, report, config) => {
        const allowed = arrayOf(config.allowedRepositories).filter((entry): entry is string => typeof entry === "string");
        const source = sourceOf(props);
        if (type !== helmReleaseType && !isMeshChart(source)) {
            return;
        }
        const at = `chart ${JSON.stringify(source.chart)}`;
        if (source.local) {
            if (config.allowLocalCharts !== true) {
                report(
                    `${at}: a local chart is not from an allow-listed repository; publish it to one of allowedRepositories, or set allowLocalCharts.`,
                );
            }
        } else if (source.repository === undefined) {
            report(
                `${at}: ${source.repositoryField} is not set (a local Helm repository alias cannot be verified); set it to a repository in allowedRepositories.`,
            );
        } else if (!isAllowedRepository(source.repository, allowed)) {
            report(
                `${at}: ${source.repositoryField} ${JSON.stringify(source.repository)} is not an allow-listed repository; use one of allowedRepositories.`,
            );
        }
        if (source.local) {
            return;
        }
        const version = props.version;
        if (version === undefined || version === null || version === "") {
            report(`${at}: version is not set (Helm installs the latest chart); pin an exact version such as "1.24.2".`);
        } else if (typeof version !== "string" || !exactVersion.test(version.trim())) {
            report(`${at}: version ${JSON.stringify(version)} is not an exact version; pin an exact version such as "1.24.2".`);
        }
    },
});
