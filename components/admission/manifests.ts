/**
 * Pure builders of the ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding manifests
 * (admissionregistration.k8s.io/v1), one pair per rule.
 */
import { NAMESPACE_NAME_LABEL, SYSTEM_NAMESPACES } from "../shared/kubernetes";
import { DEFAULT_ALLOWED_REGISTRIES, ValidationAction } from "./args";
import {
    CelValidation,
    CelVariable,
    bindingNoClusterAdminValidations,
    dropAllCapabilitiesValidations,
    imageAllowedValidations,
    imageVariables,
    noHostAccessValidations,
    noPrivilegeEscalationValidations,
    noPrivilegedValidations,
    notDefaultNamespaceValidations,
    podVariables,
    resourcesSetValidations,
    restrictedVolumeValidations,
    runAsNonRootValidations,
    serviceExposureValidations,
} from "./cel";
import {
    GATEWAY_RESOURCE_RULES,
    INGRESS_RESOURCE_RULES,
    LOAD_BALANCER_SCHEME_RESOURCE_RULES,
    annotationVariables,
    gatewayExposureValidations,
    ingressExposureValidations,
    loadBalancerSchemeValidations,
} from "./exposure";
import {
    bindingNoImpersonatingRoleValidations,
    clusterRoleAggregationValidations,
    notRbacMaintainers,
    persistentVolumeNoHostPathValidations,
} from "./rbac-cel";
import { computeStorageRules } from "./compute-storage";
import { podAnnotationVariables, securityProfileValidations } from "./security-profiles";

/** One rule of a policy's `matchConstraints.resourceRules`. */
export interface ResourceRule {
    apiGroups: string[];
    apiVersions: string[];
    operations: string[];
    resources: string[];
}

const writes = ["CREATE", "UPDATE"];

/**
 * Every pod-bearing resource (WL-13): Pod (and its ephemeralcontainers subresource, through which
 * debug containers are added), PodTemplate, ReplicationController, Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob.
 */
export const POD_BEARING_RESOURCE_RULES: readonly ResourceRule[] = [
    {
        apiGroups: [""],
        apiVersions: ["v1"],
        operations: writes,
        resources: ["pods", "pods/ephemeralcontainers", "podtemplates", "replicationcontrollers"],
    },
    {
        apiGroups: ["apps"],
        apiVersions: ["v1"],
        operations: writes,
        resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
    },
    { apiGroups: ["batch"], apiVersions: ["v1"], operations: writes, resources: ["jobs", "cronjobs"] },
];

export const SERVICE_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: [""], apiVersions: ["v1"], operations: writes, resources: ["services"] },
];

export const BINDING_RESOURCE_RULES: readonly ResourceRule[] = [
    {
        apiGroups: ["rbac.authorization.k8s.io"],
        apiVersions: ["v1"],
        operations: writes,
        resources: ["rolebindings", "clusterrolebindings"],
    },
];

export const CLUSTER_ROLE_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: ["rbac.authorization.k8s.io"], apiVersions: ["v1"], operations: writes, resources: ["clusterroles"] },
];

export const PERSISTENT_VOLUME_RESOURCE_RULES: readonly ResourceRule[] = [
    { apiGroups: [""], apiVersions: ["v1"], operations: writes, resources: ["persistentvolumes"] },
];

/**
 * The API server's own loopback identity. It reconciles the bootstrap RBAC objects (among them
 * the `cluster-admin` ClusterRoleBinding to system:masters) at start-up; denying it would stop a
 * control-plane restart from repairing them.
 */
export const API_SERVER_USER = "system:apiserver";

/** One admission rule: the policy's name, control IDs, what it matches and what it checks. */
export interface AdmissionRule {
    /** Policy and binding name (cluster-scoped). */
    name: string;
    /** Control IDs, as in CONTROLS.md; the parity test pairs rules with pack policies on these. */
    controls: string[];
    resourceRules: readonly ResourceRule[];
    /** Exclude the allow-listed system namespaces (pod rules: they run below `restricted` by design). */
    excludeSystemNamespaces: boolean;
    matchConditions: { name: string; expression: string }[];
    variables: CelVariable[];
    validations: CelValidation[];
}

/** The settings the rules are built from (resolved Args). */
export interface AdmissionRuleSettings {
    allowedRegistries: readonly string[];
    requireDigest: boolean;
    allowedExposedNamespaces: readonly string[];
    breakGlassSubjects: readonly string[];
}

export const DEFAULT_RULE_SETTINGS: AdmissionRuleSettings = {
    allowedRegistries: DEFAULT_ALLOWED_REGISTRIES,
    requireDigest: false,
    allowedExposedNamespaces: [],
    breakGlassSubjects: [],
};

function podRule(name: string, control: string, validations: CelValidation[], extraVariables: CelVariable[] = []): AdmissionRule {
    return {
        name,
        controls: [control, "WL-13"],
        resourceRules: POD_BEARING_RESOURCE_RULES,
        excludeSystemNamespaces: true,
        matchConditions: [],
        variables: [...podVariables(), ...extraVariables],
        validations,
    };
}

/** Every admission rule, in control order. */
export function admissionRules(settings: AdmissionRuleSettings = DEFAULT_RULE_SETTINGS): AdmissionRule[] {
    return [
        podRule("baseline-wl-1-no-privileged", "WL-1", noPrivilegedValidations()),
        podRule("baseline-wl-2-no-host-access", "WL-2", noHostAccessValidations()),
        podRule("baseline-wl-3-restricted-volumes", "WL-3", restrictedVolumeValidations()),
        podRule("baseline-wl-4-run-as-non-root", "WL-4", runAsNonRootValidations()),
        podRule("baseline-wl-5-no-privilege-escalation", "WL-5", noPrivilegeEscalationValidations()),
        podRule("baseline-wl-6-drop-all-capabilities", "WL-6", dropAllCapabilitiesValidations()),
        podRule("baseline-wl-7-security-profiles", "WL-7", securityProfileValidations(), podAnnotationVariables()),
        podRule("baseline-wl-9-resources-set", "WL-9", resourcesSetValidations()),
        podRule(
            "baseline-wl-10-image-allowed",
            "WL-10",
            imageAllowedValidations(settings.allowedRegistries, settings.requireDigest),
            imageVariables(),
        ),
        podRule("baseline-wl-11-not-default-namespace", "WL-11", notDefaultNamespaceValidations()),
        {
            name: "baseline-net-8-service-exposure",
            controls: ["NET-8"],
            resourceRules: SERVICE_RESOURCE_RULES,
            // An exposed Service in a system namespace is as exposed as any other.
            excludeSystemNamespaces: false,
            matchConditions: [],
            variables: [],
            validations: serviceExposureValidations(settings.allowedExposedNamespaces),
        },
        // NET-11 (exposure.ts): like NET-8, an exposure from a system namespace is still an exposure.
        {
            name: "baseline-net-11-ingress-exposure",
            controls: ["NET-11"],
            resourceRules: INGRESS_RESOURCE_RULES,
            excludeSystemNamespaces: false,
            matchConditions: [],
            variables: annotationVariables(),
            validations: ingressExposureValidations(settings.allowedExposedNamespaces),
        },
        {
            name: "baseline-net-11-load-balancer-scheme",
            controls: ["NET-11", "NET-8"],
            resourceRules: LOAD_BALANCER_SCHEME_RESOURCE_RULES,
            excludeSystemNamespaces: false,
            matchConditions: [],
            variables: annotationVariables(),
            validations: loadBalancerSchemeValidations(settings.allowedExposedNamespaces),
        },
        {
            name: "baseline-net-11-gateway-exposure",
            controls: ["NET-11", "NET-8"],
            resourceRules: GATEWAY_RESOURCE_RULES,
            excludeSystemNamespaces: false,
            matchConditions: [],
            variables: [],
            validations: gatewayExposureValidations(settings.allowedExposedNamespaces),
        },
        {
            name: "baseline-iam-5-no-cluster-admin-binding",
            controls: ["IAM-5"],
            resourceRules: BINDING_RESOURCE_RULES,
            // A cluster-admin RoleBinding in kube-system is still cluster-admin over kube-system.
            excludeSystemNamespaces: false,
            matchConditions: [{ name: "not-the-api-server", expression: `request.userInfo.username != '${API_SERVER_USER}'` }],
            variables: [],
            validations: [
                ...bindingNoClusterAdminValidations(settings.breakGlassSubjects),
                ...bindingNoImpersonatingRoleValidations(settings.breakGlassSubjects),
            ],
        },
        {
            name: "baseline-iam-5-cluster-role-aggregation",
            controls: ["IAM-5"],
            resourceRules: CLUSTER_ROLE_RESOURCE_RULES,
            excludeSystemNamespaces: false,
            // The API server creates admin/edit/view and the aggregation controller fills their
            // rules; both must keep working (their selectors pick built-ins by design).
            matchConditions: [notRbacMaintainers(API_SERVER_USER)],
            variables: [],
            validations: clusterRoleAggregationValidations(),
        },
        {
            name: "baseline-wl-3-persistent-volume-no-host-path",
            controls: ["WL-3"],
            resourceRules: PERSISTENT_VOLUME_RESOURCE_RULES,
            // PersistentVolumes are cluster-scoped: no namespace to exempt.
            excludeSystemNamespaces: false,
            matchConditions: [],
            variables: [],
            validations: persistentVolumeNoHostPathValidations(),
        },
        ...computeStorageRules(),
    ];
}

/** Names of the system namespaces pod rules skip (SYSTEM_NAMESPACES, each listed with its reason). */
export function exemptNamespaces(): string[] {
    return SYSTEM_NAMESPACES.map((entry) => entry.name);
}

/** Annotation carrying a rule's control IDs. */
export const CONTROLS_ANNOTATION = "baseline.eks/controls";

/** The ValidatingAdmissionPolicy manifest of a rule. */
export function policyManifest(rule: AdmissionRule) {
    return {
        apiVersion: "admissionregistration.k8s.io/v1" as const,
        kind: "ValidatingAdmissionPolicy" as const,
        metadata: { name: rule.name, annotations: { [CONTROLS_ANNOTATION]: rule.controls.join(",") } },
        spec: {
            // An expression that cannot be evaluated counts as a failure, never as a pass.
            failurePolicy: "Fail",
            matchConstraints: {
                resourceRules: rule.resourceRules.map((entry) => ({
                    ...entry,
                    apiGroups: [...entry.apiGroups],
                    apiVersions: [...entry.apiVersions],
                    operations: [...entry.operations],
                    resources: [...entry.resources],
                })),
                ...(rule.excludeSystemNamespaces
                    ? {
                          namespaceSelector: {
                              matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: "NotIn", values: exemptNamespaces() }],
                          },
                      }
                    : {}),
            },
            ...(rule.matchConditions.length > 0 ? { matchConditions: rule.matchConditions } : {}),
            ...(rule.variables.length > 0 ? { variables: rule.variables } : {}),
            validations: rule.validations.map((validation) => ({
                expression: validation.expression,
                message: validation.message,
                reason: "Forbidden",
            })),
        },
    };
}

/** The binding that puts a rule in force with the rollout's actions. */
export function bindingManifest(rule: AdmissionRule, validationActions: readonly ValidationAction[]) {
    return {
        apiVersion: "admissionregistration.k8s.io/v1" as const,
        kind: "ValidatingAdmissionPolicyBinding" as const,
        metadata: { name: rule.name, annotations: { [CONTROLS_ANNOTATION]: rule.controls.join(",") } },
        spec: { policyName: rule.name, validationActions: [...validationActions] },
    };
}
