/**
 * Evaluates an admission rule the way the API server does for one request: resource and
 * namespace matching, matchConditions, variables in order, then every validation; an expression
 * that errors counts as a failure (failurePolicy Fail). Integers become CEL ints (BigInt), as the
 * API server types them from the schema.
 */
import { Environment } from "@marcbachmann/cel-js";
import { AdmissionRule, exemptNamespaces } from "../../../components/admission";

export interface AdmissionRequest {
    /** The object as Kubernetes sends it (apiVersion, kind, metadata, spec). */
    object: Record<string, unknown>;
    /** Namespace of the request; defaults to metadata.namespace, else "default" (the provider default). */
    namespace?: string;
    username?: string;
}

export interface AdmissionOutcome {
    /** False when the rule does not match the request (kind, namespace or matchConditions). */
    matched: boolean;
    /** Messages of the failed validations, in order. */
    failures: string[];
}

const environment = new Environment({ unlistedVariablesAreDyn: true })
    .registerVariable("object", "dyn")
    .registerVariable("request", "dyn")
    .registerVariable("variables", "dyn");

/** Deep copy with integers as BigInt (CEL int) and everything else unchanged. */
export function toCel(value: unknown): unknown {
    if (typeof value === "number" && Number.isInteger(value)) {
        return BigInt(value);
    }
    if (Array.isArray(value)) {
        return value.map(toCel);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toCel(entry)]));
    }
    return value;
}

const resourceOfKind: Record<string, string> = {
    Pod: "pods",
    PodTemplate: "podtemplates",
    ReplicationController: "replicationcontrollers",
    Deployment: "deployments",
    StatefulSet: "statefulsets",
    DaemonSet: "daemonsets",
    ReplicaSet: "replicasets",
    Job: "jobs",
    CronJob: "cronjobs",
    Service: "services",
    RoleBinding: "rolebindings",
    ClusterRoleBinding: "clusterrolebindings",
    Ingress: "ingresses",
    Gateway: "gateways",
    IngressClassParams: "ingressclassparams",
    LoadBalancerConfiguration: "loadbalancerconfigurations",
    ClusterRole: "clusterroles",
    PersistentVolume: "persistentvolumes",
    StorageClass: "storageclasses",
    EC2NodeClass: "ec2nodeclasses",
    NodeClass: "nodeclasses",
};

/** Kinds without a namespace (the pod rules' namespace exclusion never applies to them). */
const clusterScopedKinds = new Set([
    "ClusterRoleBinding",
    "ClusterRole",
    "PersistentVolume",
    "IngressClassParams",
    "StorageClass",
    "EC2NodeClass",
    "NodeClass",
]);

export function namespaceOf(request: AdmissionRequest): string {
    const metadata = request.object.metadata as { namespace?: string } | undefined;
    return request.namespace ?? metadata?.namespace ?? "default";
}

/** Compiles and type-checks an expression; throws with the expression on failure. */
export function compile(expression: string): void {
    environment.parse(expression);
}

export function evaluateRule(rule: AdmissionRule, request: AdmissionRequest): AdmissionOutcome {
    const kind = String(request.object.kind);
    const [group, version] = String(request.object.apiVersion).includes("/")
        ? String(request.object.apiVersion).split("/")
        : ["", String(request.object.apiVersion)];
    const resource = resourceOfKind[kind];
    const kindMatches = rule.resourceRules.some(
        (entry) =>
            entry.apiGroups.includes(group!) &&
            entry.apiVersions.includes(version!) &&
            resource !== undefined &&
            entry.resources.includes(resource),
    );
    const clusterScoped = clusterScopedKinds.has(kind);
    const namespace = clusterScoped ? "" : namespaceOf(request);
    if (!kindMatches || (rule.excludeSystemNamespaces && !clusterScoped && exemptNamespaces().includes(namespace))) {
        return { matched: false, failures: [] };
    }
    const context: Record<string, unknown> = {
        object: toCel(request.object),
        request: { namespace, operation: "CREATE", userInfo: { username: request.username ?? "oidc:alice", groups: ["oidc:developers"] } },
        variables: {},
    };
    for (const condition of rule.matchConditions) {
        if (environment.evaluate(condition.expression, context) !== true) {
            return { matched: false, failures: [] };
        }
    }
    const variables: Record<string, unknown> = {};
    context.variables = variables;
    const failures: string[] = [];
    for (const variable of rule.variables) {
        try {
            variables[variable.name] = environment.evaluate(variable.expression, context);
        } catch (error) {
            variables[variable.name] = undefined;
            failures.push(`variable ${variable.name} failed: ${(error as Error).message.split("\n")[0]}`);
        }
    }
    for (const validation of rule.validations) {
        try {
            if (environment.evaluate(validation.expression, context) !== true) {
                failures.push(validation.message);
            }
        } catch (error) {
            failures.push(`${validation.message} (evaluation error: ${(error as Error).message.split("\n")[0]})`);
        }
    }
    return { matched: true, failures };
}
