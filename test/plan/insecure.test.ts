import { execFile } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../tools/plan/report";

const root = path.resolve(__dirname, "..", "..");
const fixtures = path.join(root, "test", "fixtures", "plan");

/**
 * The mandatory policies of the real baseline pack that the insecure fixture trips. The list
 * grows with the pack: add a policy here when it lands and the fixture breaks its control.
 */
const expectedPolicies = [
    "cloudwatch-log-group-encrypted-retention",
    "default-security-group-no-rules",
    "ec2-instance-ebs-encrypted",
    "ec2-instance-imdsv2",
    "ec2-instance-no-key-pair",
    "ec2-instance-no-public-ip",
    "eks-cluster-access-entries",
    "eks-cluster-endpoint-private",
    "eks-cluster-log-group",
    "eks-cluster-logs-all-types",
    "eks-cluster-secrets-encryption",
    "eks-cluster-version-minimum",
    "iam-role-trust-policy-pinned",
    "k8s-configmap-no-secrets",
    "k8s-eks-auto-node-class-hardened",
    "k8s-gateway-exposure-restricted",
    "k8s-ingress-internet-facing-restricted",
    "k8s-karpenter-node-class-hardened",
    "k8s-persistent-volume-no-host-path",
    "k8s-pod-drop-all-capabilities",
    "k8s-pod-image-allowed",
    "k8s-pod-no-host-access",
    "k8s-pod-no-privilege-escalation",
    "k8s-pod-no-privileged",
    "k8s-pod-no-secret-env",
    "k8s-pod-read-only-root-filesystem",
    "k8s-pod-resources-set",
    "k8s-pod-restricted-volumes",
    "k8s-pod-run-as-non-root",
    "k8s-pod-seccomp-profile",
    "k8s-pod-service-account-token",
    "k8s-rbac-aggregation-least-privilege",
    "k8s-rbac-binding-no-anonymous",
    "k8s-rbac-binding-no-cluster-admin",
    "k8s-rbac-binding-no-impersonating-roles",
    "k8s-rbac-patch-no-builtin",
    "k8s-rbac-role-least-privilege",
    "k8s-storage-class-ebs-encrypted",
    "k8s-workload-not-in-default-namespace",
    "kms-key-deletion-window",
    "kms-key-rotation",
    "lb-internal-unless-allow-listed",
    "security-group-no-ingress-from-anywhere",
    "security-group-union-no-ingress-from-anywhere",
    "subnet-no-public-ip-on-launch",
];

describe("the insecure fixture program through the real baseline pack", () => {
    it("is blocked with exit code 1 by exactly the expected mandatory policies (OPS-1)", async () => {
        const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
            execFile(
                process.execPath,
                [
                    "--import",
                    "tsx",
                    path.join(root, "tools", "plan", "cli.ts"),
                    "--stack",
                    "insecure",
                    "--stacks-dir",
                    path.join(fixtures, "stacks"),
                    "--program",
                    path.join(fixtures, "insecure-program.ts"),
                    "--json",
                ],
                { cwd: root, maxBuffer: 64 * 1024 * 1024 },
                (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
            );
        });
        expect(result.stderr).toBe("");
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as JsonReport;
        const mandatory = [
            ...new Set(
                report.diagnostics
                    .filter((diagnostic) => diagnostic.enforcementLevel === "mandatory")
                    .map((diagnostic) => diagnostic.policyName),
            ),
        ].sort();
        expect(mandatory).toEqual(expectedPolicies);
        // NET-11, IAM-11: each exposure and trust resource of the fixture is blocked by its own policy.
        const blocked = (policy: string) =>
            report.diagnostics
                .filter((diagnostic) => diagnostic.enforcementLevel === "mandatory" && diagnostic.policyName === policy)
                .map((diagnostic) => String(diagnostic.urn).split("::").pop())
                .sort();
        expect(blocked("k8s-ingress-internet-facing-restricted")).toEqual(["public-ingress"]);
        expect(blocked("lb-internal-unless-allow-listed")).toEqual(["public-alb"]);
        expect(blocked("k8s-gateway-exposure-restricted")).toEqual(["team-gateway"]);
        expect(blocked("iam-role-trust-policy-pinned")).toEqual(["open-trust", "wildcard-irsa", "wildcard-irsa", "wildcard-irsa"]);
        expect(report.summary.exitCode).toBe(1);
        // NODE-5 and SEC-8: each insecure node class and StorageClass is blocked by its own policy, by name.
        expect(new Set(blocked("k8s-karpenter-node-class-hardened"))).toEqual(new Set(["open-karpenter-nodes"]));
        expect(new Set(blocked("k8s-eks-auto-node-class-hardened"))).toEqual(new Set(["open-auto-nodes"]));
        expect(new Set(blocked("k8s-storage-class-ebs-encrypted"))).toEqual(new Set(["plain-volumes"]));
    });
});
