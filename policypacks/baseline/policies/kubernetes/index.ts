import { Policy } from "@pulumi/policy";
import { k8sConfigmapNoAwsAuth } from "./k8s-configmap-no-aws-auth";
import { k8sConfigmapNoSecrets } from "./k8s-configmap-no-secrets";
import { k8sGatewayExposureRestricted } from "./k8s-gateway-exposure-restricted";
import { k8sHelmChartPinned } from "./k8s-helm-chart-pinned";
import { k8sIngressInternetFacingRestricted } from "./k8s-ingress-internet-facing-restricted";
import { k8sIstioAuthorizationNoAllowAll } from "./k8s-istio-authorization-no-allow-all";
import { k8sIstioPeerAuthenticationStrict } from "./k8s-istio-peer-authentication-strict";
import { k8sNamespacePodSecurityRestricted } from "./k8s-namespace-pod-security-restricted";
import { k8sPersistentVolumeNoHostPath } from "./k8s-persistent-volume-no-host-path";
import { k8sPodApparmorProfile } from "./k8s-pod-apparmor-profile";
import { k8sPodDefaultProcMount } from "./k8s-pod-default-proc-mount";
import { k8sPodDropAllCapabilities } from "./k8s-pod-drop-all-capabilities";
import { k8sPodImageAllowed } from "./k8s-pod-image-allowed";
import { k8sPodNoHostAccess } from "./k8s-pod-no-host-access";
import { k8sPodNoPrivilegeEscalation } from "./k8s-pod-no-privilege-escalation";
import { k8sPodNoPrivileged } from "./k8s-pod-no-privileged";
import { k8sPodNoSecretEnv } from "./k8s-pod-no-secret-env";
import { k8sPodReadOnlyRootFilesystem } from "./k8s-pod-read-only-root-filesystem";
import { k8sPodResourcesSet } from "./k8s-pod-resources-set";
import { k8sPodRestrictedVolumes } from "./k8s-pod-restricted-volumes";
import { k8sPodRunAsNonRoot } from "./k8s-pod-run-as-non-root";
import { k8sPodSafeSysctls } from "./k8s-pod-safe-sysctls";
import { k8sPodSeccompProfile } from "./k8s-pod-seccomp-profile";
import { k8sPodSelinuxOptions } from "./k8s-pod-selinux-options";
import { k8sPodServiceAccountToken } from "./k8s-pod-service-account-token";
import { k8sRbacBindingNoAnonymous } from "./k8s-rbac-binding-no-anonymous";
import { k8sRbacBindingNoClusterAdmin } from "./k8s-rbac-binding-no-cluster-admin";
import { k8sRbacBindingNoImpersonatingRoles } from "./k8s-rbac-binding-no-impersonating-roles";
import { k8sRbacPatchNoBuiltin } from "./k8s-rbac-patch-no-builtin";
import { k8sRbacRoleLeastPrivilege } from "./k8s-rbac-role-least-privilege";
import { k8sServiceAccountNoTokenAutomount } from "./k8s-service-account-no-token-automount";
import { k8sServiceExposureRestricted } from "./k8s-service-exposure-restricted";
import { k8sServiceInternetFacingRestricted } from "./k8s-service-internet-facing-restricted";
import { k8sWorkloadNotInDefaultNamespace } from "./k8s-workload-not-in-default-namespace";
import { k8sEksAutoNodeClassHardened } from "./k8s-eks-auto-node-class-hardened";
import { k8sKarpenterNodeClassHardened } from "./k8s-karpenter-node-class-hardened";
import { k8sStorageClassEbsEncrypted } from "./k8s-storage-class-ebs-encrypted";

/** Every policy under policies/kubernetes, in documentation order. */
export const kubernetesPolicies: Policy[] = [
    k8sPodNoPrivileged,
    k8sPodNoHostAccess,
    k8sPodRestrictedVolumes,
    k8sPersistentVolumeNoHostPath,
    k8sPodRunAsNonRoot,
    k8sPodNoPrivilegeEscalation,
    k8sPodDropAllCapabilities,
    k8sPodSeccompProfile,
    k8sPodApparmorProfile,
    k8sPodSelinuxOptions,
    k8sPodSafeSysctls,
    k8sPodDefaultProcMount,
    k8sPodReadOnlyRootFilesystem,
    k8sPodResourcesSet,
    k8sPodImageAllowed,
    k8sWorkloadNotInDefaultNamespace,
    k8sNamespacePodSecurityRestricted,
    k8sPodServiceAccountToken,
    k8sServiceAccountNoTokenAutomount,
    k8sPodNoSecretEnv,
    k8sConfigmapNoSecrets,
    k8sConfigmapNoAwsAuth,
    k8sRbacRoleLeastPrivilege,
    k8sRbacBindingNoClusterAdmin,
    k8sRbacBindingNoAnonymous,
    k8sRbacBindingNoImpersonatingRoles,
    k8sRbacPatchNoBuiltin,
    k8sServiceExposureRestricted,
    k8sServiceInternetFacingRestricted,
    k8sIngressInternetFacingRestricted,
    k8sGatewayExposureRestricted,
    k8sIstioPeerAuthenticationStrict,
    k8sIstioAuthorizationNoAllowAll,
    k8sHelmChartPinned,
    k8sKarpenterNodeClassHardened,
    k8sEksAutoNodeClassHardened,
    k8sStorageClassEbsEncrypted,
];
