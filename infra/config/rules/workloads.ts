import { MINIMUM_ISTIO_VERSION } from "../../../components/mesh/args";
import { defaultIstioVersion, knownIstioMinors } from "../versions";
import { Rule } from "./context";

/** Namespaces the cluster and the baseline's own system components own. */
function reservedNamespace(name: string): boolean {
    return name === "default" || name.startsWith("kube-") || name.startsWith("istio-");
}

/** Team namespaces: unique, not a system namespace. */
export const namespacesRule: Rule = ({ parsed }) => {
    const namespaces = parsed.namespaces ?? [];
    const names = namespaces.map((namespace) => namespace.name);
    const problems: string[] = [];
    namespaces.forEach((namespace, index) => {
        const key = `baseline:namespaces[${index}].name`;
        if (reservedNamespace(namespace.name)) {
            problems.push(
                `${key} is "${namespace.name}", a system namespace (default, kube-*, istio-*); declare team namespaces only (WL-11).`,
            );
        } else if (names.indexOf(namespace.name) !== index) {
            problems.push(`${key} "${namespace.name}" is declared twice; declare each namespace once.`);
        }
    });
    return problems;
};

function groupProblems(key: string, group: string): string[] {
    if (group.trim() === "") {
        return [`${key} is empty; name a group of your identity provider.`];
    }
    if (group.startsWith("system:")) {
        return [`${key} is "${group}"; system: groups belong to Kubernetes, name a group of your identity provider (IAM-5).`];
    }
    if (group.startsWith("oidc:")) {
        return [`${key} is "${group}"; write the group as the identity provider sends it, without the "oidc:" prefix the baseline adds.`];
    }
    return [];
}

/** RBAC groups: identity-provider groups, declared namespaces, break-glass kept apart (IAM-5). */
export const rbacRule: Rule = ({ parsed }) => {
    const rbac = parsed.rbac;
    if (!rbac) {
        return [];
    }
    const declared = new Set((parsed.namespaces ?? []).map((namespace) => namespace.name));
    const problems: string[] = [];
    const everyday: [string, string][] = [];
    rbac.viewers.forEach((group, index) => everyday.push([`baseline:rbac.viewers[${index}]`, group]));
    rbac.operators.forEach((group, index) => everyday.push([`baseline:rbac.operators[${index}]`, group]));
    for (const [namespace, groups] of Object.entries(rbac.developers)) {
        if (parsed.namespaces && !declared.has(namespace)) {
            problems.push(
                `baseline:rbac.developers.${namespace} names a namespace baseline:namespaces does not declare; declare it or remove the entry.`,
            );
        }
        groups.forEach((group, index) => everyday.push([`baseline:rbac.developers.${namespace}[${index}]`, group]));
    }
    for (const [key, group] of everyday) {
        problems.push(...groupProblems(key, group));
    }
    problems.push(...groupProblems("baseline:rbac.breakGlassGroup", rbac.breakGlassGroup));
    const clash = everyday.find(([, group]) => group === rbac.breakGlassGroup);
    if (clash) {
        problems.push(
            `baseline:rbac.breakGlassGroup "${rbac.breakGlassGroup}" is also ${clash[0]}; keep the break-glass group apart from everyday groups (IAM-5).`,
        );
    }
    return problems;
};

/** An exact Istio release (the schema checked x.y.z) this baseline knows and supports (MESH-1). */
function istioVersionProblems(version: string): string[] {
    const [major, minor] = version.split(".").map(Number);
    const line = `${major}.${minor}`;
    const [minimumMajor, minimumMinor] = MINIMUM_ISTIO_VERSION.split(".").map(Number);
    if (major < minimumMajor || (major === minimumMajor && minor < minimumMinor)) {
        return [
            `baseline:mesh.istioVersion is "${version}", older than ${MINIMUM_ISTIO_VERSION}; the v1 security and telemetry APIs need Istio ${MINIMUM_ISTIO_VERSION} or later: pin ${defaultIstioVersion} or newer.`,
        ];
    }
    if (!knownIstioMinors.includes(line)) {
        return [
            `baseline:mesh.istioVersion is "${version}", not a known Istio release line (${knownIstioMinors[0]} to ${knownIstioMinors[knownIstioMinors.length - 1]}; infra/config/versions.ts); pin a released version such as ${defaultIstioVersion}.`,
        ];
    }
    return [];
}

/** Mesh authorizations refer to declared namespaces and need the mesh (MESH-3). */
export const meshRule: Rule = ({ parsed }) => {
    const mesh = parsed.mesh;
    if (!mesh) {
        return [];
    }
    if (!mesh.enabled && mesh.authorizations.length > 0) {
        return [`baseline:mesh.authorizations is set but baseline:mesh.enabled is false; remove the authorizations, or enable the mesh.`];
    }
    const problems = istioVersionProblems(mesh.istioVersion);
    if (!parsed.namespaces) {
        return problems;
    }
    const declared = new Set(parsed.namespaces.map((namespace) => namespace.name));
    mesh.authorizations.forEach((authorization, index) => {
        for (const side of ["from", "to"] as const) {
            const namespace = authorization[side].namespace;
            if (!declared.has(namespace)) {
                problems.push(
                    `baseline:mesh.authorizations[${index}].${side}.namespace is "${namespace}", not declared in baseline:namespaces; declare it or fix the name.`,
                );
            }
        }
    });
    return problems;
};

/** Admission allow-lists refer to real things (WL-10, NET-8). */
export const admissionRule: Rule = ({ parsed }) => {
    const admission = parsed.admission;
    if (!admission) {
        return [];
    }
    const problems: string[] = [];
    if (admission.allowedRegistries !== undefined && admission.allowedRegistries.length === 0) {
        problems.push(
            `baseline:admission.allowedRegistries is empty; list at least one registry, or remove the key to allow only the account's ECR (WL-10).`,
        );
    }
    if (parsed.namespaces) {
        const declared = new Set(parsed.namespaces.map((namespace) => namespace.name));
        admission.exposedNamespaces.forEach((namespace, index) => {
            if (!declared.has(namespace)) {
                problems.push(
                    `baseline:admission.exposedNamespaces[${index}] is "${namespace}", not declared in baseline:namespaces; declare it or remove it (NET-8).`,
                );
            }
        });
    }
    return problems;
};

/** Secret delivery targets declared namespaces and needs delivery on (SEC-4). */
export const secretsDeliveryRule: Rule = ({ parsed }) => {
    const delivery = parsed.secretsDelivery;
    if (!delivery) {
        return [];
    }
    if (!delivery.enabled && delivery.teams.length > 0) {
        return [
            "baseline:secretsDelivery.teams is set but baseline:secretsDelivery.enabled is false; remove the teams, or enable delivery.",
        ];
    }
    const declared = new Set((parsed.namespaces ?? []).map((namespace) => namespace.name));
    return delivery.teams.flatMap((team, index) =>
        parsed.namespaces && !declared.has(team.namespace)
            ? [
                  `baseline:secretsDelivery.teams[${index}].namespace is "${team.namespace}", not declared in baseline:namespaces; declare it or fix the name.`,
              ]
            : [],
    );
};
