/**
 * Evidence for the in-cluster components SecretsDelivery (SEC-4, IAM-7), AdmissionPolicies
 * (A layer of WL-1..7, WL-9..11, WL-13, NET-8, IAM-5) and RuntimeDetection (LOG-5).
 */
import { ControlEvidence } from "../evidence";

const secrets = "components/secrets/index.ts";
const secretsManifests = "components/secrets/manifests.ts";
const secretsTest = "test/components/secrets/secrets-delivery.test.ts";
const cel = "components/admission/cel.ts";
const manifests = "components/admission/manifests.ts";
const securityProfiles = "components/admission/security-profiles.ts";
const admissionTest = "test/components/admission/admission-policies.test.ts";
const parityTest = "test/components/admission/parity.test.ts";
const runtime = "components/runtime/index.ts";
const runtimeBuilders = "components/runtime/builders.ts";
const runtimeTest = "test/components/runtime/runtime-detection.test.ts";

/** One A-layer entry per admission rule: the CEL builder, proven by its behaviour test. */
function admission(control: string, symbol: string, testName: string): ControlEvidence {
    return { control, layer: "A", implementation: cel, symbol, test: admissionTest, testName };
}

/** One A-layer entry per control from the parity test: admission and pack agree on shared fixtures. */
function parity(control: string): ControlEvidence {
    return {
        control,
        layer: "A",
        implementation: manifests,
        symbol: "admissionRules",
        test: parityTest,
        testName: "agrees with the pack on every",
    };
}

export const evidence: ControlEvidence[] = [
    {
        control: "SEC-4",
        layer: "B",
        implementation: secretsManifests,
        symbol: "syncSecret: { enabled: false }",
        test: secretsTest,
        testName:
            "installs the CSI driver and the AWS provider at exact versions from the allow-listed repositories, syncing nothing into Kubernetes Secrets (SEC-4)",
    },
    {
        control: "SEC-4",
        layer: "B",
        implementation: secretsManifests,
        symbol: "secretProviderClass",
        test: secretsTest,
        testName: "creates a SecretProviderClass for the team with provider aws and Pod Identity",
    },
    {
        control: "IAM-7",
        layer: "B",
        implementation: secrets,
        symbol: "new PodIdentityRole",
        test: secretsTest,
        testName: "gives the team's service account a Pod Identity role that reads only the listed secrets (IAM-7)",
    },
    {
        control: "IAM-7",
        layer: "B",
        implementation: runtime,
        symbol: "FALCOSIDEKICK_SERVICE_ACCOUNT",
        test: runtimeTest,
        testName: "lets falcosidekick only create streams in and write to its log group, through Pod Identity (IAM-7)",
    },
    admission(
        "WL-1",
        "noPrivilegedValidations",
        "rejects a privileged container in a CronJob's job template and admits the compliant CronJob (WL-1)",
    ),
    admission("WL-2", "noHostAccessValidations", "reports each host-access field with its own message (WL-2)"),
    {
        control: "WL-3",
        layer: "A",
        implementation: cel,
        symbol: "restrictedVolumeValidations",
        test: parityTest,
        testName: "agrees with the pack on every",
    },
    admission("WL-4", "runAsNonRootValidations", "rejects root in an init container and admits a container-level runAsNonRoot (WL-4)"),
    admission("WL-5", "noPrivilegeEscalationValidations", "requires allowPrivilegeEscalation false on ephemeral containers too (WL-5)"),
    admission("WL-6", "dropAllCapabilitiesValidations", "rejects added capabilities other than NET_BIND_SERVICE (WL-6)"),
    {
        control: "WL-7",
        layer: "A",
        implementation: securityProfiles,
        symbol: "export function securityProfileValidations",
        test: admissionTest,
        testName: "requires a RuntimeDefault or Localhost seccomp profile on the pod or every container and never Unconfined (WL-7)",
    },
    {
        control: "WL-7",
        layer: "A",
        implementation: securityProfiles,
        symbol: "export function appArmorProfileValidations",
        test: admissionTest,
        testName:
            "rejects Unconfined AppArmor, SELinux outside the container types or with a user or role, unsafe sysctls and Unmasked /proc (WL-7)",
    },
    admission("WL-9", "resourcesSetValidations", "rejects a missing memory limit (WL-9)"),
    admission(
        "WL-10",
        "imageAllowedValidations",
        "rejects latest, untagged and unlisted images and requires digests when configured (WL-10)",
    ),
    admission("WL-11", "notDefaultNamespaceValidations", "rejects workloads in default (WL-11)"),
    admission("NET-8", "serviceExposureValidations", "rejects a LoadBalancer outside the allow-listed namespaces (NET-8)"),
    admission(
        "IAM-5",
        "bindingNoClusterAdminValidations",
        "rejects cluster-admin for non-break-glass subjects and lets the API server reconcile bootstrap RBAC (IAM-5)",
    ),
    {
        control: "WL-13",
        layer: "A",
        implementation: manifests,
        symbol: "POD_BEARING_RESOURCE_RULES",
        test: admissionTest,
        testName: "matches every pod-bearing resource and skips only the allow-listed system namespaces (WL-13)",
    },
    {
        control: "IAM-5",
        layer: "A",
        implementation: "components/admission/rbac-cel.ts",
        symbol: "clusterRoleAggregationValidations",
        test: admissionTest,
        testName:
            "rejects ClusterRole aggregation of cluster-admin, admin or edit, but lets the aggregation controller fill admin/edit/view (IAM-5)",
    },
    {
        control: "IAM-5",
        layer: "A",
        implementation: "components/admission/rbac-cel.ts",
        symbol: "bindingNoImpersonatingRoleValidations",
        test: admissionTest,
        testName: "rejects admin and edit bindings and cluster-admin under a Role roleRef for non-break-glass subjects (IAM-5, IAM-9)",
    },
    {
        control: "WL-3",
        layer: "A",
        implementation: "components/admission/rbac-cel.ts",
        symbol: "persistentVolumeNoHostPathValidations",
        test: admissionTest,
        testName: "rejects a hostPath PersistentVolume and admits a CSI one (WL-3)",
    },
    ...["WL-1", "WL-2", "WL-4", "WL-5", "WL-6", "WL-7", "WL-9", "WL-10", "WL-11", "NET-8", "IAM-5"].map(parity),
    {
        control: "LOG-4",
        layer: "B",
        implementation: runtimeBuilders,
        symbol: "EKS_AUDIT_LOGS_FEATURE",
        test: runtimeTest,
        testName:
            "turns on GuardDuty EKS audit-log monitoring beside the metric-filter alarms, on a detector it creates or is given (LOG-4)",
    },
    {
        control: "LOG-5",
        layer: "B",
        implementation: runtimeBuilders,
        symbol: 'driver: { kind: "modern_ebpf" }',
        test: runtimeTest,
        testName:
            "installs Falco pinned from the allow-listed repository with the modern eBPF driver and falcosidekick to an encrypted log group (LOG-5)",
    },
    {
        control: "LOG-5",
        layer: "B",
        implementation: runtimeBuilders,
        symbol: "EKS_ADDON_MANAGEMENT",
        test: runtimeTest,
        testName: "enables GuardDuty Runtime Monitoring with add-on management and routes findings to the alarm topic",
    },
    {
        control: "LOG-5",
        layer: "R",
        implementation: runtime,
        symbol: "aws.cloudwatch.EventTarget",
        test: runtimeTest,
        testName: "enables GuardDuty Runtime Monitoring with add-on management and routes findings to the alarm topic",
    },
    {
        control: "LOG-5",
        layer: "R",
        implementation: runtimeBuilders,
        symbol: "falcosidekickSnsPolicy",
        test: runtimeTest,
        testName: "publishes Falco alerts only to the given SNS topic",
    },
    // Issue 13: the stacks' admission allow-list is their own ECR plus the baseline components' repositories.
    {
        control: "WL-10",
        layer: "A",
        implementation: "components/admission/args.ts",
        symbol: "export function withBaselineRepositories",
        test: "test/infra/composition.test.ts",
        testName: "admits each stack's own ECR and the baseline components' images at admission, and no other account's registry (WL-10)",
    },
];
