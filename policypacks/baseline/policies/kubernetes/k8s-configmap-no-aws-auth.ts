import { k8sObjects, objectOf } from "../../lib/k8s-objects";
import { configMapTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

/** IAM-4: cluster access goes through EKS access entries; the aws-auth ConfigMap is never created or patched. */
export const k8sConfigmapNoAwsAuth = resourcePolicy({
    name: "k8s-configmap-no-aws-auth",
    description:
        "The aws-auth ConfigMap in kube-system is neither created nor patched: cluster access is granted through EKS " +
        "access entries (authentication mode API). References: CIS Amazon EKS Benchmark 4.1 (RBAC and service " +
        "accounts) and Amazon EKS best practices 'Use EKS access entries'; NSA/CISA Kubernetes Hardening Guide " +
        "'Authentication and authorization'.",
    severity: "high",
    controls: ["IAM-4"],
    remediationSteps:
        "Remove the aws-auth ConfigMap from the program and grant access with aws.eks.AccessEntry and AccessPolicyAssociation.",
    resourceTypes: configMapTypes,
    validate: ({ type, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const metadata = objectOf(object.object.metadata);
            if (metadata?.name === "aws-auth" && metadata?.namespace === "kube-system") {
                report(
                    `${object.path}metadata: ConfigMap kube-system/aws-auth grants cluster access outside EKS access entries; ` +
                        "remove it and use aws.eks.AccessEntry (authentication mode API).",
                );
            }
        }
    },
});
