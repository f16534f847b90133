import * as k8s from "@pulumi/kubernetes";
import { isDnsLabel } from "../shared/naming";
import { defaultAllowedRegistries } from "../../policypacks/baseline/policies/kubernetes/k8s-pod-image-allowed";

/**
 * What a binding does with a failed validation (admissionregistration.k8s.io/v1):
 * `Deny` rejects the request, `Warn` returns an HTTP warning to the client, `Audit` records the
 * failure in the audit event.
 */
export type ValidationAction = "Deny" | "Warn" | "Audit";

export const VALIDATION_ACTIONS: readonly ValidationAction[] = ["Deny", "Warn", "Audit"];

/** Crawl/walk rollout (OPS-2): report through client warnings and the audit log, block nothing. */
export const DEFAULT_VALIDATION_ACTIONS: readonly ValidationAction[] = ["Warn", "Audit"];

/**
 * The public repositories the baseline's own components pull from, each named by path (WL-10):
 * never a whole registry such as `public.ecr.aws` (every publisher) or an ECR wildcard
 * (`*.dkr.ecr.*.amazonaws.com`, every AWS account). Taken from the charts' default values:
 * Istio's `global.hub` docker.io/istio (istiod "pilot", the injected "proxyv2" sidecar, CNI
 * agent, ztunnel); the Falco chart's docker.io/falcosecurity images; the Secrets Store CSI
 * driver chart's registry.k8s.io images and the AWS provider's ECR Public repository. The same
 * list as the policy pack's `k8s-pod-image-allowed` default, so preview and admission agree (the
 * parity test checks it). The stack's own ECR registry is added by ownEcrRegistry.
 */
export const DEFAULT_ALLOWED_REGISTRIES: readonly string[] = defaultAllowedRegistries;

/** This stack's own private ECR registry: `<account>.dkr.ecr.<region>.amazonaws.com` (WL-10). */
export function ownEcrRegistry(accountId: string, region: string): string {
    return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

/**
 * The registries a stack's admission rule allows: the configured (or default own-ECR) list plus
 * the baseline components' repositories, each once, so the baseline's own images and injected
 * sidecars always pass.
 */
export function withBaselineRepositories(registries: readonly string[]): string[] {
    return [...new Set([...registries, ...DEFAULT_ALLOWED_REGISTRIES])];
}

export interface AdmissionPoliciesArgs {
    /** Provider of the target cluster (ClusterAccess `provider`). ValidatingAdmissionPolicy v1 needs Kubernetes 1.30 or later. */
    provider: k8s.Provider;
    /**
     * What every binding does when a rule fails. Default: `["Warn", "Audit"]`, the advisory first
     * step of the rollout (OPS-2); set `["Deny"]` (or `["Deny", "Audit"]`) once the warnings are
     * clean, as prod does. Kubernetes refuses `Deny` together with `Warn` (the failure would be
     * reported twice), and an empty list.
     */
    validationActions?: ValidationAction[];
    /**
     * Registry prefixes images may come from (WL-10): `host[/path]`, matched on whole path
     * segments; `*` matches within one segment. Default: DEFAULT_ALLOWED_REGISTRIES (the baseline
     * components' repositories only); add the stack's own registry with ownEcrRegistry. Hosts must
     * contain a `.` or `:` (or be `localhost`), as the container runtime reads them; a bare name
     * would be a Docker Hub path. Images must also carry a tag other than `latest`, or a digest.
     */
    allowedRegistries?: string[];
    /** Require every image to be pinned by digest (WL-10). Default: false (a version tag suffices). */
    requireDigest?: boolean;
    /**
     * Namespaces that may hold LoadBalancer/NodePort Services or externalIPs (NET-8), such as the
     * ingress gateway's. Default: none.
     */
    allowedExposedNamespaces?: string[];
    /**
     * Subjects that may be bound to cluster-admin, and to the impersonating built-ins admin and
     * edit (IAM-5, IAM-9): `Group:<name>`, `User:<name>` or
     * `ServiceAccount:<namespace>/<name>`, the break-glass identity only. Default: none.
     * `Group:system:masters` can never be listed.
     */
    breakGlassSubjects?: string[];
}

const subjectPattern = /^(Group|User):\S+$|^ServiceAccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?\/\S+$/;

/** Every problem with the Args; empty when valid. */
export function validateAdmissionPoliciesArgs(args: Omit<AdmissionPoliciesArgs, "provider">): string[] {
    const problems: string[] = [];
    const at = "AdmissionPoliciesArgs";
    const actions = args.validationActions ?? [...DEFAULT_VALIDATION_ACTIONS];
    if (actions.length === 0) {
        problems.push(`${at}.validationActions is empty; use ["Warn", "Audit"] to roll out, or ["Deny"] to enforce.`);
    }
    for (const action of actions) {
        if (!VALIDATION_ACTIONS.includes(action)) {
            problems.push(`${at}.validationActions contains "${action}"; use Deny, Warn or Audit.`);
        }
    }
    if (new Set(actions).size !== actions.length) {
        problems.push(`${at}.validationActions lists an action twice; list each action once.`);
    }
    if (actions.includes("Deny") && actions.includes("Warn")) {
        problems.push(`${at}.validationActions contains both Deny and Warn, which Kubernetes refuses; use ["Deny"] or ["Deny", "Audit"].`);
    }
    const registries = args.allowedRegistries ?? [...DEFAULT_ALLOWED_REGISTRIES];
    if (registries.length === 0) {
        problems.push(`${at}.allowedRegistries is empty, so no image could run; list your registries, such as the account's ECR. [WL-10]`);
    }
    for (const registry of registries) {
        const host = registry.split("/")[0] ?? "";
        if (/^[a-z]+:\/\//i.test(registry) || /\s/.test(registry) || registry.trim() === "") {
            problems.push(
                `${at}.allowedRegistries contains "${registry}"; use host[/path] without a scheme, such as "public.ecr.aws". [WL-10]`,
            );
        } else if (!host.includes(".") && !host.includes(":") && host !== "localhost") {
            problems.push(
                `${at}.allowedRegistries contains "${registry}", whose first segment is not a registry host; name the host, such as "docker.io/${registry}". [WL-10]`,
            );
        }
    }
    (args.allowedExposedNamespaces ?? []).forEach((namespace, index) => {
        if (!isDnsLabel(namespace)) {
            problems.push(`${at}.allowedExposedNamespaces[${index}] "${namespace}" is not a namespace name. [NET-8]`);
        }
    });
    for (const subject of args.breakGlassSubjects ?? []) {
        if (subject === "Group:system:masters") {
            problems.push(
                `${at}.breakGlassSubjects contains Group:system:masters, which bypasses RBAC; name the break-glass group or user. [IAM-5]`,
            );
        } else if (!subjectPattern.test(subject)) {
            problems.push(
                `${at}.breakGlassSubjects contains "${subject}"; use Group:<name>, User:<name> or ServiceAccount:<namespace>/<name>. [IAM-5]`,
            );
        }
    }
    return problems;
}
