/**
 * Evidence for the in-cluster components built by default (layer B): namespaces, RBAC and
 * the service mesh.
 */
import { ControlEvidence } from "../evidence";

const namespaces = "components/namespaces/manifests.ts";
const namespacesTest = "test/components/namespaces/namespaces.test.ts";
const rbac = "components/rbac/index.ts";
const rbacRules = "components/rbac/rules.ts";
const rbacTest = "test/components/rbac/rbac.test.ts";
const meshPolicies = "components/mesh/policies.ts";
const meshTest = "test/components/mesh/mesh.test.ts";

export const evidence: ControlEvidence[] = [
    {
        control: "NET-7",
        layer: "B",
        implementation: namespaces,
        symbol: "export function networkPolicyManifests",
        test: namespacesTest,
        testName: "gives every namespace default-deny ingress and egress NetworkPolicies with no rules",
    },
    {
        control: "NET-7",
        layer: "B",
        implementation: namespaces,
        symbol: "NETWORK_POLICY_NAMES.dns",
        test: namespacesTest,
        testName: "allows DNS egress only to the kube-dns pods in kube-system on port 53",
    },
    {
        control: "NET-7",
        layer: "B",
        implementation: namespaces,
        symbol: "NETWORK_POLICY_NAMES.meshControlPlane",
        test: namespacesTest,
        testName: "allows sidecar namespaces egress to istiod's xDS port and nothing for unmeshed ones",
    },
    {
        control: "WL-12",
        layer: "B",
        implementation: namespaces,
        symbol: 'podSecurityLabels("restricted", version)',
        test: namespacesTest,
        testName: "labels every namespace with restricted Pod Security enforce, audit and warn at a pinned version",
    },
    {
        control: "WL-12",
        layer: "B",
        implementation: "components/shared/kubernetes.ts",
        symbol: "export const SYSTEM_NAMESPACES",
        test: "test/components/namespaces/system-namespaces.test.ts",
        testName: "lists the only namespaces allowed below restricted, each with a reason",
    },
    {
        control: "IAM-8",
        layer: "B",
        implementation: namespaces,
        symbol: "export function serviceAccountManifests",
        test: namespacesTest,
        testName: "creates one service account per workload with token automount off",
    },
    {
        control: "IAM-3",
        layer: "B",
        implementation: rbac,
        symbol: "DEFAULT_OIDC_GROUP_PREFIX",
        test: rbacTest,
        testName: "prefixes every identity-provider group with oidc: and binds viewers and operators cluster-wide",
    },
    {
        control: "IAM-5",
        layer: "B",
        implementation: rbacRules,
        symbol: "export function ruleProblems",
        test: rbacTest,
        testName: "keeps every rule of every ClusterRole free of wildcards and escalate, bind and impersonate",
    },
    {
        control: "IAM-5",
        layer: "B",
        implementation: rbac,
        symbol: "RBAC_NAMES.breakGlassBinding",
        test: rbacTest,
        testName: "binds cluster-admin to the break-glass group only",
    },
    {
        control: "IAM-9",
        layer: "B",
        implementation: "components/rbac/args.ts",
        symbol: "export const ANONYMOUS_SUBJECTS",
        test: rbacTest,
        testName: "binds nothing to system:masters or to anonymous, unauthenticated or all authenticated users",
    },
    {
        control: "MESH-1",
        layer: "B",
        implementation: "components/mesh/args.ts",
        symbol: "export const ALLOWED_CHART_REPOSITORIES",
        test: meshTest,
        testName: "installs base, cni and istiod at one exact version from the allow-listed Istio repository",
    },
    {
        control: "MESH-2",
        layer: "B",
        implementation: meshPolicies,
        symbol: "export function strictPeerAuthentication",
        test: meshTest,
        testName: "sets mesh-wide mTLS to STRICT with a PeerAuthentication named default in istio-system",
    },
    {
        control: "MESH-3",
        layer: "B",
        implementation: meshPolicies,
        symbol: "export function defaultDenyAuthorizationPolicy",
        test: meshTest,
        testName: "denies by default with an empty AuthorizationPolicy in istio-system",
    },
    {
        control: "MESH-3",
        layer: "B",
        implementation: meshPolicies,
        symbol: "export function authorizationPolicies",
        test: meshTest,
        testName: "generates ALLOW policies exactly from the service map",
    },
    {
        control: "MESH-4",
        layer: "B",
        implementation: "components/mesh/releases.ts",
        symbol: "export function istioReleases",
        test: meshTest,
        testName: "enables the CNI node agent in sidecar mode so meshed pods need no privileged istio-init",
    },
    {
        control: "LOG-6",
        layer: "B",
        implementation: meshPolicies,
        symbol: "export function accessLoggingTelemetry",
        test: meshTest,
        testName: "turns on Envoy access logs mesh-wide through Telemetry",
    },
];
