import { k8sObjects, objectOf } from "../../lib/k8s-objects";
import { credentialKind, embeddedSecretSettings, holdsSecret } from "../../lib/k8s-secrets";
import { configMapTypes } from "../../lib/k8s-types";
import { resourcePolicy } from "../../lib/policy";

const fix = "move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it";

/**
 * SEC-5 on ConfigMaps: no secret-looking keys, credential-shaped values (token formats, private
 * keys, JWTs, passwords in connection URLs) or embedded secret settings (JSON, properties, YAML,
 * .env blobs), in `data` and in base64-decoded `binaryData`. The name and format rules are in
 * lib/k8s-secrets.ts and lib/k8s-secret-formats.ts.
 */
export const k8sConfigmapNoSecrets = resourcePolicy({
    name: "k8s-configmap-no-secrets",
    description:
        "ConfigMaps hold no secrets: no key named like a credential (password, pass, secret, token, API key, private key, " +
        "key material) with a literal value, no credential-shaped value (private key, AWS access key id, GitHub/GitLab/Slack/" +
        "Stripe/Google/npm token, JWT, password in a connection URL) in data or decoded binaryData, no embedded " +
        "`password=...` settings in JSON, properties, YAML or .env blobs. References: CIS Amazon EKS Benchmark 4.4.1 (prefer secrets as files); NSA/CISA " +
        "Kubernetes Hardening Guide 'Secrets'; Kubernetes security checklist 'Secrets'.",
    severity: "high",
    controls: ["SEC-5"],
    remediationSteps:
        "Store the value in AWS Secrets Manager, mount it through the Secrets Store CSI driver, and keep only non-secret settings in the ConfigMap.",
    resourceTypes: configMapTypes,
    validate: ({ type, props }, report) => {
        for (const object of k8sObjects(type, props)) {
            const data = objectOf(object.object.data) ?? {};
            for (const key of Object.keys(data)) {
                const at = `${object.path}data[${JSON.stringify(key)}]`;
                const value = data[key];
                const text = typeof value === "string" ? value : "";
                const kind = credentialKind(text);
                if (kind !== undefined) {
                    report(`${at}: the value contains ${kind}; ${fix}.`);
                } else if (holdsSecret(key, text)) {
                    report(`${at}: the key name suggests a secret and the value is a literal; ${fix}.`);
                } else {
                    for (const setting of embeddedSecretSettings(text)) {
                        report(`${at}: the embedded setting ${JSON.stringify(setting)} holds a literal secret; ${fix}.`);
                    }
                }
            }
            const binary = objectOf(object.object.binaryData) ?? {};
            for (const key of Object.keys(binary)) {
                const at = `${object.path}binaryData[${JSON.stringify(key)}]`;
                const value = binary[key];
                const decoded = typeof value === "string" ? Buffer.from(value, "base64").toString("latin1") : "";
                const kind = credentialKind(decoded);
                if (kind !== undefined) {
                    report(`${at}: the decoded value contains ${kind}; ${fix}.`);
                } else if (holdsSecret(key, decoded)) {
                    report(`${at}: the key name suggests a secret and the value is a literal; ${fix}.`);
                } else {
                    for (const setting of embeddedSecretSettings(decoded)) {
                        report(`${at}: the decoded value's embedded setting ${JSON.stringify(setting)} holds a literal secret; ${fix}.`);
                    }
                }
            }
        }
    },
});
