/**
 * SEC-5 detection forms of issue 13: credentials in connection URLs, vendor token formats,
 * credential names (short passwords, *_KEY with key material), secrets inside structured values
 * and in binaryData; each violating value has its nearest ordinary-config twin that must pass.
 */
import { describe, expect, it } from "vitest";
import { credentialKind, embeddedSecretSettings, holdsSecret } from "../../../policypacks/baseline/lib/k8s-secrets";
import { k8sConfigmapNoSecrets } from "../../../policypacks/baseline/policies/kubernetes/k8s-configmap-no-secrets";
import { k8sPodNoSecretEnv } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-no-secret-env";
import { runResourcePolicy } from "../../helpers/run-policy";

const fix = "move it to a Secret delivered from AWS Secrets Manager (Secrets Store CSI or External Secrets) and reference it. [SEC-5]";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
// Built at run time so no scanner mistakes the test source for a leak; each has the vendor's documented length.
const alnum = (length: number) => "aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0zC".repeat(4).slice(0, length);
const tokens = {
    github: `ghp_${alnum(36)}`,
    githubFineGrained: `github_pat_${alnum(22)}_${alnum(59)}`,
    gitlab: `glpat-${alnum(20)}`,
    awsTemporary: "ASIA" + "Y34FZKBOKMUTVV7A",
    slack: `xoxb-${"1234567890"}-${"0987654321"}-${alnum(24)}`,
    stripe: `sk_live_${alnum(24)}`,
    google: `AIza${alnum(35)}`,
    npm: `npm_${alnum(36)}`,
    jwt: `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "svc-orders", iat: 1700000000 })}.${alnum(43)}`,
    openssh: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n",
};
const azureStorageKey = `${alnum(32)}+${alnum(32)}/${alnum(21)}==`;

describe("credentialKind: values that are credentials by their shape (SEC-5)", () => {
    it("recognises each vendor token format, private-key armour and JWTs", () => {
        expect(credentialKind(tokens.github)).toBe("a GitHub token");
        expect(credentialKind(`token=${tokens.githubFineGrained}`)).toBe("a GitHub token");
        expect(credentialKind(tokens.gitlab)).toBe("a GitLab token");
        expect(credentialKind(`aws_access_key_id=${tokens.awsTemporary}`)).toBe("an AWS access key id");
        expect(credentialKind(tokens.slack)).toBe("a Slack token");
        expect(credentialKind(tokens.stripe)).toBe("a Stripe live key");
        expect(credentialKind(tokens.google)).toBe("a Google API key");
        expect(credentialKind(tokens.npm)).toBe("an npm token");
        expect(credentialKind(`Bearer ${tokens.jwt}`)).toBe("a JSON Web Token");
        expect(credentialKind(tokens.openssh)).toBe("a PEM private key");
        expect(credentialKind(`Authorization: Basic ${b64("orders:s3cr3t-pw")}`)).toBe("an HTTP Authorization credential");
        expect(credentialKind(`{"auths":{"registry.example.com":{"auth":"${b64("ci:s3cr3t-pw")}"}}}`)).toBe(
            "a registry credential (Docker config auth)",
        );
    });

    it("recognises passwords in connection URLs, with or without a user", () => {
        expect(credentialKind("postgres://orders:s3cr3t-pw@db.internal:5432/orders")).toBe("a password in a connection URL");
        expect(credentialKind("redis://:hunter2@cache.internal:6379/0")).toBe("a password in a connection URL");
        expect(credentialKind("amqps://app:p%40ss@mq.internal/vhost")).toBe("a password in a connection URL");
    });

    it("passes the nearest ordinary values: URLs without credentials or with a referenced password, test keys, look-alikes", () => {
        for (const value of [
            "postgres://db.internal:5432/orders",
            "postgres://orders@db.internal:5432/orders",
            "postgres://orders:${DB_PASSWORD}@db.internal:5432/orders",
            "redis://:$(REDIS_PASSWORD)@cache.internal:6379",
            "mongodb://{{ .Values.user }}:{{ .Values.password }}@mongo:27017",
            "https://user:****@example.com",
            "http://localhost:8080/health",
            "sk_test_" + alnum(24),
            "ghp_short",
            "eyJhbGciOi.notjwt",
            "AKIA-not-a-key",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
            "xoxb",
            "Authorization: Bearer ${TOKEN}",
            '{"auths":{"registry.example.com":{"credsStore":"ecr-login"}}}',
            '{"credHelpers":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":"ecr-login"}}',
        ]) {
            expect(credentialKind(value), value).toBeUndefined();
        }
    });
});

describe("holdsSecret: credential names and their literals (SEC-5)", () => {
    it("counts strong names whatever the literal, short password names and key-material names", () => {
        for (const [name, value] of [
            ["DB_PASS", "hunter2"],
            ["MYSQL_PWD", "hunter2"],
            ["REDIS_PASSWD", "hunter2"],
            ["CLIENT_SECRET", "abc"],
            ["GITHUB_TOKEN", "abc"],
            ["OCI_CLI_KEY_CONTENT", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"],
            ["AZURE_STORAGE_KEY", azureStorageKey],
            ["AZURE_OPENAI_API_KEY", "0123456789abcdef0123456789abcdef"],
            ["signingKey", "4f6c2a9e1b7d3c5a8e0f2b4d6a8c0e1f"],
            ["ENCRYPTION_KEY", "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=="],
        ]) {
            expect(holdsSecret(name, value), name).toBe(true);
        }
    });

    it("passes ordinary settings: TTLs, flags, prefixes, labels under *_KEY, references and placeholders", () => {
        for (const [name, value] of [
            ["TOKEN_TTL", "300"],
            ["CACHE_KEY_PREFIX", "orders:v2:"],
            ["CACHE_KEY", "user-session"],
            ["PARTITION_KEY", "tenantId"],
            ["SORT_KEY", "created_at"],
            ["KEY_FILE", "/etc/keys/tls.key"],
            ["SIGNING_KEY", "/var/run/secrets/signing/key.pem"],
            ["FEATURE_NEW_CHECKOUT", "true"],
            ["BYPASS", "false"],
            ["DB_PASS", "${DB_PASS}"],
            ["PASSWORD_POLICY", "strong"],
            ["HEALTHCHECK_PASS", "true"],
            ["ROUTING_KEY", "orders.created.v1.eu-west-1"],
        ]) {
            expect(holdsSecret(name, value), name).toBe(false);
        }
    });
});

describe("embeddedSecretSettings: secrets inside structured values (SEC-5)", () => {
    it("finds literal secrets in minified and nested JSON, properties, YAML and .env blobs", () => {
        expect(embeddedSecretSettings('{"db":{"host":"db.internal","password":"hunter2"},"api":{"key":"x","apiKey":"k-123"}}')).toEqual([
            "db.password",
            "api.apiKey",
        ]);
        expect(embeddedSecretSettings("db.url=jdbc:postgresql://db:5432/app\ndb.pass=hunter2\n")).toEqual(["db.pass"]);
        expect(embeddedSecretSettings("database:\n  host: db.internal\n  password: hunter2\n")).toEqual(["password"]);
        expect(embeddedSecretSettings(`export STRIPE_SECRET=abc\nAZURE_STORAGE_KEY="${azureStorageKey}"\n`)).toEqual([
            "STRIPE_SECRET",
            "AZURE_STORAGE_KEY",
        ]);
    });

    it("passes the same blobs with references, TTLs and labels", () => {
        expect(
            embeddedSecretSettings('{"db":{"host":"db.internal","passwordFile":"/mnt/db"},"token_ttl":300,"cacheKey":"orders"}'),
        ).toEqual([]);
        expect(embeddedSecretSettings("db.pass=${DB_PASS}\ncache.key.prefix=orders\n")).toEqual([]);
        expect(embeddedSecretSettings("features:\n  newCheckout: true\ntokens:\n  ttl: 300\n")).toEqual([]);
    });
});

describe("k8s-configmap-no-secrets on the new forms (SEC-5)", () => {
    const configMap = (data?: Record<string, string>, binaryData?: Record<string, string>) => ({
        type: "kubernetes:core/v1:ConfigMap",
        name: "orders",
        props: { metadata: { name: "orders", namespace: "apps" }, ...(data ? { data } : {}), ...(binaryData ? { binaryData } : {}) },
    });
    const run = async (data?: Record<string, string>, binaryData?: Record<string, string>) =>
        (await runResourcePolicy(k8sConfigmapNoSecrets, configMap(data, binaryData))).violations;

    it("passes ordinary config: URLs without credentials, feature flags, TTLs, key prefixes, a JSON blob of settings", async () => {
        expect(
            await run(
                {
                    DATABASE_URL: "postgres://db.internal:5432/orders",
                    FEATURE_NEW_CHECKOUT: "true",
                    TOKEN_TTL: "300",
                    CACHE_KEY_PREFIX: "orders:v2:",
                    CACHE_KEY: "user-session",
                    "settings.json": '{"retries":3,"upstream":"https://api.internal","tokenTtl":300}',
                },
                {
                    "settings.json": b64('{"retries":3}'),
                    "logo.png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
                },
            ),
        ).toEqual([]);
    });

    it("blocks a connection URL with a password, a vendor token under an ordinary name, and short password names", async () => {
        expect(
            await run({
                DATABASE_URL: "postgres://orders:s3cr3t-pw@db.internal:5432/orders",
                CI_SETTINGS: `url=https://github.com\nauth=${tokens.github}`,
                DB_PASS: "hunter2",
                AZURE_STORAGE_KEY: azureStorageKey,
            }),
        ).toEqual([
            `data["DATABASE_URL"]: the value contains a password in a connection URL; ${fix}`,
            `data["CI_SETTINGS"]: the value contains a GitHub token; ${fix}`,
            `data["DB_PASS"]: the key name suggests a secret and the value is a literal; ${fix}`,
            `data["AZURE_STORAGE_KEY"]: the key name suggests a secret and the value is a literal; ${fix}`,
        ]);
    });

    it("blocks secrets inside minified JSON and YAML blobs in data", async () => {
        expect(
            await run({
                "config.json": '{"db":{"host":"db.internal","password":"hunter2"}}',
                "values.yaml": "redis:\n  host: cache\n  auth_token: abc123\n",
            }),
        ).toEqual([
            `data["config.json"]: the embedded setting "db.password" holds a literal secret; ${fix}`,
            `data["values.yaml"]: the embedded setting "auth_token" holds a literal secret; ${fix}`,
        ]);
    });

    it("blocks secrets in base64-decoded binaryData: a token, a JWT, an embedded setting", async () => {
        expect(
            await run(undefined, {
                "slack.txt": b64(tokens.slack),
                "session.jwt": b64(tokens.jwt),
                "app.properties": b64("server.port=8080\nspring.datasource.password=hunter2\n"),
            }),
        ).toEqual([
            `binaryData["slack.txt"]: the decoded value contains a Slack token; ${fix}`,
            `binaryData["session.jwt"]: the decoded value contains a JSON Web Token; ${fix}`,
            `binaryData["app.properties"]: the decoded value's embedded setting "spring.datasource.password" holds a literal secret; ${fix}`,
        ]);
    });
});

describe("k8s-pod-no-secret-env on the new forms (SEC-5)", () => {
    const pod = (env: { name: string; value: string }[]) => ({
        type: "kubernetes:core/v1:Pod",
        name: "web",
        props: { metadata: { name: "web", namespace: "apps" }, spec: { containers: [{ name: "app", image: "app:1", env }] } },
    });
    const at = 'container "app" (spec.containers[0])';

    it("passes ordinary env: a URL without credentials, TTLs, flags and key labels", async () => {
        const env = [
            { name: "DATABASE_URL", value: "postgres://db.internal:5432/orders" },
            { name: "TOKEN_TTL", value: "300" },
            { name: "CACHE_KEY_PREFIX", value: "orders:" },
            { name: "FEATURE_X", value: "true" },
        ];
        expect((await runResourcePolicy(k8sPodNoSecretEnv, pod(env))).violations).toEqual([]);
    });

    it("blocks credential URLs, vendor tokens, short password names and cloud keys in env values", async () => {
        const env = [
            { name: "REDIS_URL", value: "redis://:hunter2@cache:6379" },
            { name: "STRIPE", value: tokens.stripe },
            { name: "DB_PASS", value: "hunter2" },
            { name: "OCI_CLI_KEY_CONTENT", value: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" },
        ];
        expect((await runResourcePolicy(k8sPodNoSecretEnv, pod(env))).violations).toEqual([
            `${at}: env[0] "REDIS_URL" value contains a password in a connection URL; read it from a Secret (valueFrom.secretKeyRef) or a mounted file. [SEC-5]`,
            `${at}: env[1] "STRIPE" value contains a Stripe live key; read it from a Secret (valueFrom.secretKeyRef) or a mounted file. [SEC-5]`,
            `${at}: env[2] "DB_PASS" has a literal value; read it from a Secret (valueFrom.secretKeyRef) or a mounted file. [SEC-5]`,
            `${at}: env[3] "OCI_CLI_KEY_CONTENT" has a literal value; read it from a Secret (valueFrom.secretKeyRef) or a mounted file. [SEC-5]`,
        ]);
    });
});
