import { PolicyResource } from "@pulumi/policy";
import { arrayOf, k8sObjects, objectOf } from "../../lib/k8s-objects";
import { clusterRoleSelectorsOf, isBuiltinRbacName, ruleProblems, selectorMatches } from "../../lib/k8s-rbac";
import { roleTypes } from "../../lib/k8s-types";
import { Props, stackPolicy } from "../../lib/policy";
import { PlanIndex, isObject, peek } from "./plan";

/** One ClusterRole object of the plan (a List item counts as its own role). */
interface PlannedClusterRole {
    resource: PolicyResource;
    name: string;
    labels: Record<string, unknown>;
    rules: Props[];
    selectors: Props[];
}

const clusterRoleTypes = roleTypes.filter((type) => type.includes(":ClusterRole"));

function plannedClusterRoles(resources: readonly PolicyResource[]): PlannedClusterRole[] {
    return new PlanIndex(resources).ofType(...clusterRoleTypes).flatMap((resource) =>
        k8sObjects(resource.type, resource.props).flatMap((object) => {
            const read = peek(() => {
                const labels = object.object.metadata?.labels;
                const name = object.object.metadata?.name;
                return {
                    name: typeof name === "string" ? name : resource.name,
                    labels: isObject(labels) ? { ...labels } : {},
                    rules: arrayOf(object.object.rules).flatMap((rule) => (objectOf(rule) ? [objectOf(rule)!] : [])),
                    selectors: clusterRoleSelectorsOf(object.object),
                };
            });
            return read !== undefined && typeof read === "object" ? [{ resource, ...read }] : [];
        }),
    );
}

/** Every role `aggregator` pulls in, transitively (an aggregated role's own aggregation counts too). */
function selectedRoles(aggregator: PlannedClusterRole, roles: PlannedClusterRole[]): PlannedClusterRole[] {
    const selected: PlannedClusterRole[] = [];
    const queue = [aggregator];
    const seen = new Set([aggregator]);
    while (queue.length > 0) {
        const current = queue.shift()!;
        for (const candidate of roles) {
            if (seen.has(candidate) || !current.selectors.some((selector) => selectorMatches(selector, candidate.labels))) {
                continue;
            }
            seen.add(candidate);
            selected.push(candidate);
            queue.push(candidate);
        }
    }
    return selected;
}

/**
 * IAM-5 and IAM-9 across the plan: a ClusterRole with an aggregationRule holds the rules of every
 * ClusterRole whose labels its selectors match (the controller copies them in), so it is judged
 * on the union: each selected role the program declares (directly, in a List or through a
 * ClusterRolePatch that adds labels) must itself pass the least-privilege rules (no wildcards,
 * no escalate/bind/impersonate) and must not be a built-in. This catches an exempted or patched
 * role leaking its grants into an unexempted aggregator; the selection of the built-in roles'
 * own labels is judged by k8s-rbac-role-least-privilege on the aggregator itself.
 */
export const k8sRbacAggregationLeastPrivilege = stackPolicy({
    name: "k8s-rbac-aggregation-least-privilege",
    description:
        "A ClusterRole with an aggregationRule inherits the rules of every ClusterRole the program declares with matching " +
        "labels: none of them may grant wildcards or escalate, bind or impersonate, or be a built-in role. References: " +
        "Kubernetes RBAC 'Aggregated ClusterRoles'; CIS Amazon EKS Benchmark 4.1.3 and 4.1.8.",
    severity: "high",
    controls: ["IAM-5", "IAM-9"],
    remediationSteps:
        "Narrow the aggregationRule's clusterRoleSelectors to labels only least-privilege roles carry, or fix the selected role.",
    validate: (resources, report) => {
        const roles = plannedClusterRoles(resources);
        for (const aggregator of roles.filter((role) => role.selectors.length > 0)) {
            for (const selected of selectedRoles(aggregator, roles)) {
                const at = `cluster role "${aggregator.name}" (aggregationRule)`;
                if (isBuiltinRbacName(selected.name)) {
                    report(
                        `${at}: selects the built-in ClusterRole "${selected.name}" through labels the program sets on it; ` +
                            "select only your own roles.",
                        aggregator.resource.urn,
                    );
                    continue;
                }
                selected.rules.forEach((rule, index) => {
                    for (const problem of ruleProblems(rule)) {
                        report(`${at}: inherits rules[${index}] of cluster role "${selected.name}": ${problem}`, aggregator.resource.urn);
                    }
                });
            }
        }
    },
});
