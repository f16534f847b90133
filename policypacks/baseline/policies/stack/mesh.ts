/**
 * Shared reading of an Istio mesh in the plan for the mesh stack policies.
 */
import { PolicyResource } from "@pulumi/policy";
import { PlanIndex, isObject, knownString, peek } from "./plan";

/** Helm resources that can install istiod. */
const helmTypes = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart", "kubernetes:helm.sh/v3:Chart"];

/** The `rootNamespace` knob: Istio's mesh config root namespace (meshConfig.rootNamespace). */
export const rootNamespaceProperty = {
    type: "string" as const,
    default: "istio-system",
    description: "Istio root namespace: policies there without a selector apply mesh-wide.",
};

/** True for a type token of an Istio API group (`kubernetes:<group>.istio.io/<version>:<Kind>`). */
export function isIstioType(type: string): boolean {
    const slash = type.indexOf("/");
    return type.startsWith("kubernetes:") && slash > 0 && type.slice(0, slash).endsWith(".istio.io");
}

/** Chart names of Istio's control plane: istiod, and istio-discovery in the older istio/manifests layout. */
const istiodCharts = new Set(["istiod", "istio-discovery"]);

/**
 * The chart's own name from however it is referenced: "istiod", "istio/istiod",
 * "oci://registry/istio/istiod", or an archive URL or path ("https://.../istiod-1.27.1.tgz").
 */
export function chartNameOf(chart: string): string {
    const last =
        chart
            .trim()
            .replace(/[?#].*$/, "")
            .replace(/\/+$/, "")
            .split("/")
            .pop() ?? "";
    return last
        .replace(/\.tgz$/, "")
        .replace(/-v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, "")
        .toLowerCase();
}

/**
 * True when Helm values carry istiod's own top-level `pilot` block (a fork or renamed copy of the
 * chart). `meshConfig` is not used: the ztunnel and gateway charts may carry it too.
 */
function hasIstiodValues(values: unknown): boolean {
    return isObject(values) && isObject(values.pilot);
}

/**
 * True when a Helm release or chart installs istiod, judged by what it is, whatever the release
 * is called: the chart's name (from a repository name, OCI reference or archive URL), or the
 * values only istiod's chart reads (pilot).
 */
function isIstiodChart(resource: PolicyResource): boolean {
    const chart = knownString(() => resource.props?.chart);
    const values = peek(() => resource.props?.values);
    return (chart !== undefined && istiodCharts.has(chartNameOf(chart))) || hasIstiodValues(values);
}

/** True for a container image of istiod (Istio's "pilot" image, any registry, tag or digest). */
export function isIstiodImage(image: unknown): boolean {
    return typeof image === "string" && /(^|\/)pilot(:|@|$)/.test(image.trim());
}

/** A rendered istiod Deployment (helm v3 Chart, YAML ConfigGroup, or declared directly). */
function istiodDeployment(plan: PlanIndex): PolicyResource | undefined {
    return plan
        .matching((type) => type.startsWith("kubernetes:apps/") && type.endsWith(":Deployment"))
        .find((deployment) => {
            const containers = peek(() => deployment.props?.spec?.template?.spec?.containers);
            return (
                Array.isArray(containers) &&
                containers.some((container) => isObject(container) && isIstiodImage(peek(() => container.image)))
            );
        });
}

/** Istio's own install APIs: the IstioOperator CR (istioctl/operator) and the Sail operator's Istio CR. */
function isIstioInstallType(type: string): boolean {
    return type.startsWith("kubernetes:install.istio.io/") || type.startsWith("kubernetes:sailoperator.io/");
}

/**
 * The resource that shows this plan installs or configures the mesh mesh-wide, or undefined.
 * Indicators: an istiod Helm release/chart (by chart name or values, not by release name), an
 * istiod Deployment (pilot image), Istio's install CRs, an Istio CRD, or an Istio resource in
 * the root namespace (mesh-wide configuration). An Istio resource in a workload
 * namespace alone does not count: a team's program that only uses a mesh installed and
 * configured by another stack cannot declare the mesh-wide policies, and its resources are
 * judged by the resource policies (k8s-istio-*). MESH-2/MESH-3 apply "where a mesh is installed".
 */
export function meshIndicator(plan: PlanIndex, rootNamespace: string): PolicyResource | undefined {
    const release = plan.ofType(...helmTypes).find(isIstiodChart);
    if (release) {
        return release;
    }
    const deployment = istiodDeployment(plan);
    if (deployment) {
        return deployment;
    }
    const install = plan.matching(isIstioInstallType)[0];
    if (install) {
        return install;
    }
    const meshWide = plan
        .matching(isIstioType)
        .find((resource) => !isIstioInstallType(resource.type) && knownString(() => resource.props?.metadata?.namespace) === rootNamespace);
    if (meshWide) {
        return meshWide;
    }
    return plan
        .ofType("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition")
        .find((crd) => (knownString(() => crd.props?.metadata?.name) ?? "").endsWith(".istio.io"));
}

/** Istio resources of one kind (any version), e.g. "security.istio.io" + "PeerAuthentication". */
export function istioResources(plan: PlanIndex, group: string, kind: string): PolicyResource[] {
    return plan.matching((type) => type.startsWith(`kubernetes:${group}/`) && type.endsWith(`:${kind}`));
}

/** True when a workload selector selects every workload (absent or empty matchLabels). */
export function selectsAllWorkloads(spec: Record<string, unknown>): boolean {
    const selector = spec.selector;
    if (selector === undefined || selector === null) {
        return spec.targetRef === undefined && spec.targetRefs === undefined;
    }
    if (!isObject(selector)) {
        return false;
    }
    const labels = selector.matchLabels;
    return labels === undefined || labels === null || (isObject(labels) && Object.keys(labels).length === 0);
}

/** The namespace of a namespaced object ("default" when unset). */
export function namespaceOfObject(resource: PolicyResource): string {
    const namespace = resource.props?.metadata?.namespace;
    return typeof namespace === "string" && namespace !== "" ? namespace : "default";
}
