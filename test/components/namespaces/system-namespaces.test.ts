import { Pod } from "kubernetes-models/v1/Pod";
import { describe, expect, it } from "vitest";
import {
    SYSTEM_NAMESPACES,
    isSystemNamespace,
    podSecurityLabels,
    restrictedContainerSecurityContext,
    restrictedPodSecurityContext,
} from "../../../components/shared/kubernetes";

describe("system namespaces", () => {
    it("lists the only namespaces allowed below restricted, each with a reason", () => {
        expect(SYSTEM_NAMESPACES.map((entry) => [entry.name, entry.enforce])).toEqual([
            ["kube-system", "privileged"],
            ["istio-system", "privileged"],
            ["falco", "privileged"],
            ["secrets-store-csi", "privileged"],
        ]);
        for (const entry of SYSTEM_NAMESPACES) {
            expect(entry.reason.length).toBeGreaterThan(40);
        }
    });

    it("treats system, reserved and kube- prefixed names as system namespaces", () => {
        expect(
            ["kube-system", "istio-system", "default", "kube-public", "kube-node-lease", "kube-anything"].filter(isSystemNamespace),
        ).toHaveLength(6);
        expect(isSystemNamespace("payments")).toBe(false);
    });

    it("keeps audit and warn at restricted even when enforce is weaker", () => {
        expect(podSecurityLabels("privileged", "v1.32")).toEqual({
            "pod-security.kubernetes.io/enforce": "privileged",
            "pod-security.kubernetes.io/enforce-version": "v1.32",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/audit-version": "v1.32",
            "pod-security.kubernetes.io/warn": "restricted",
            "pod-security.kubernetes.io/warn-version": "v1.32",
        });
    });
});

describe("restricted security contexts", () => {
    it("build a pod that meets the restricted standard and validates against the schema", () => {
        const pod = new Pod({
            metadata: { name: "agent" },
            spec: {
                securityContext: restrictedPodSecurityContext(),
                containers: [
                    { name: "agent", image: "public.ecr.aws/example/agent:1.0.0", securityContext: restrictedContainerSecurityContext() },
                ],
            },
        });
        pod.validate();
        expect(pod.spec!.securityContext).toEqual({
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
            seccompProfile: { type: "RuntimeDefault" },
        });
        expect(pod.spec!.containers[0]!.securityContext).toEqual({
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        });
    });

    it("refuses root", () => {
        expect(() => restrictedPodSecurityContext(0)).toThrow(
            "restrictedPodSecurityContext: uid 0 is not a positive integer; restricted pods never run as root.",
        );
    });
});
