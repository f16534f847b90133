/**
 * The package's public barrel: every component class with its Args, the policy list for teams
 * that compose their own pack, and the offline plan as a library. Only re-exports.
 *
 * ```ts
 * import { Network, EncryptionKeys, PrivateCluster, baselinePolicies, planProgram } from "@eks-baseline/hardened-cluster";
 * ```
 *
 * Each area is also importable whole (`import * as cluster from "@eks-baseline/hardened-cluster/components/cluster"`),
 * with its validators and pure builders; the namespaces below give the same from the root.
 */

// AWS layer.
export { Network } from "./components/network";
export type { NetworkArgs, EgressMode, NatGatewayMode } from "./components/network";
export { EncryptionKeys } from "./components/kms";
export type { EncryptionKeysArgs, KeyPurpose } from "./components/kms";
export { PrivateCluster } from "./components/cluster";
export type { PrivateClusterArgs, NodeGroupSpec, NodeSensitivity, AddonVersions, Environment } from "./components/cluster";
export { ClusterIdentity, PodIdentityRole } from "./components/identity";
export type { ClusterIdentityArgs, PodIdentityRoleArgs } from "./components/identity";
export { SsmAccessHost } from "./components/access-host";
export type { SsmAccessHostArgs } from "./components/access-host";
export { AuditTrail } from "./components/audit";
export type { AuditTrailArgs } from "./components/audit";
export { ImageRepositories } from "./components/registry";
export type { ImageRepositoriesArgs } from "./components/registry";

// In-cluster layer.
export { ClusterAccess } from "./components/cluster-access";
export type { ClusterAccessArgs, ClusterAccessMode } from "./components/cluster-access";
export { NamespaceBaseline } from "./components/namespaces";
export type { NamespaceBaselineArgs, TeamNamespace } from "./components/namespaces";
export { OidcRbac } from "./components/rbac";
export type { OidcRbacArgs } from "./components/rbac";
export { ServiceMesh } from "./components/mesh";
export type { ServiceMeshArgs, MeshMode } from "./components/mesh";
export { AdmissionPolicies } from "./components/admission";
export type { AdmissionPoliciesArgs, ValidationAction } from "./components/admission";
export { SecretsDelivery } from "./components/secrets";
export type { SecretsDeliveryArgs } from "./components/secrets";
export { RuntimeDetection } from "./components/runtime";
export type { RuntimeDetectionArgs } from "./components/runtime";
export { ClusterCompute } from "./components/compute";
export type { ClusterComputeArgs } from "./components/compute";
export { EbsEncryptionDefaults } from "./components/storage";
export type { EbsEncryptionDefaultsArgs, EbsProvisioner } from "./components/storage";

// Every area whole, for validators and builders the flat exports above leave out.
export * as network from "./components/network";
export * as kms from "./components/kms";
export * as cluster from "./components/cluster";
export * as identity from "./components/identity";
export * as accessHost from "./components/access-host";
export * as audit from "./components/audit";
export * as registry from "./components/registry";
export * as clusterAccess from "./components/cluster-access";
export * as namespaces from "./components/namespaces";
export * as rbac from "./components/rbac";
export * as mesh from "./components/mesh";
export * as admission from "./components/admission";
export * as secrets from "./components/secrets";
export * as runtime from "./components/runtime";
export * as compute from "./components/compute";
export * as storage from "./components/storage";

// The policy pack's policies, for teams that compose their own pack (`new PolicyPack(name, { policies: [...baselinePolicies, ...own] })`).
export { baselinePolicies } from "./policypacks/baseline/policies";

// The offline plan as a library, for a platform team's own tests.
export { planProgram } from "./tools/plan";
export type { PlanOptions, PlanResult, PlanResource, PlanSummary, PlanDiagnostic } from "./tools/plan";
