import { arrayOf, displayName, objectOf } from "../../lib/k8s-objects";
import { credentialKind, holdsSecret } from "../../lib/k8s-secrets";
import { podBearingTypes } from "../../lib/k8s-types";
import { atContainer, podSpecsOf } from "../../lib/pod-spec";
import { resourcePolicy } from "../../lib/policy";

/** SEC-5 on pods: no secret literal in a container's env `value` (valueFrom is the fix). */
export const k8sPodNoSecretEnv = resourcePolicy({
    name: "k8s-pod-no-secret-env",
    description:
        "No container passes a secret as a literal environment value: variables named like a credential (PASSWORD, " +
        "PASS, SECRET, TOKEN, API_KEY, *_KEY with key material) and values shaped like one (private key, AWS access key id, " +
        "vendor token, JWT, password in a connection URL) must come from " +
        "valueFrom or a mounted file. References: CIS Amazon EKS Benchmark 4.4.1 (prefer secrets as files over " +
        "environment variables); NSA/CISA Kubernetes Hardening Guide 'Secrets'.",
    severity: "high",
    controls: ["SEC-5"],
    remediationSteps:
        "Replace the literal with valueFrom.secretKeyRef, or better mount the secret as a file from AWS Secrets Manager (Secrets Store CSI).",
    resourceTypes: podBearingTypes,
    validate: ({ type, props }, report) => {
        for (const pod of podSpecsOf(type, props)) {
            for (const container of pod.containers) {
                arrayOf(container.container.env).forEach((entry, index) => {
                    const variable = objectOf(entry);
                    const value = variable?.value;
                    if (variable === undefined || typeof value !== "string") {
                        return;
                    }
                    const name = displayName(() => variable.name, `#${index}`);
                    const kind = credentialKind(value);
                    if (kind !== undefined) {
                        report(
                            `${atContainer(container)}: env[${index}] "${name}" value contains ${kind}; read it from a Secret (valueFrom.secretKeyRef) or a mounted file.`,
                        );
                    } else if (holdsSecret(name, value)) {
                        report(
                            `${atContainer(container)}: env[${index}] "${name}" has a literal value; read it from a Secret (valueFrom.secretKeyRef) or a mounted file.`,
                        );
                    }
                });
            }
        }
    },
});
