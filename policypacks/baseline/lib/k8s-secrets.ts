/**
 * Heuristics for secret-looking data in plain Kubernetes fields (SEC-5): names that announce a
 * credential, and values that are credentials whatever their name (PEM private keys, AWS access
 * key ids). Names that only refer to a secret (SECRET_NAME, TOKEN_FILE, PASSWORD_PATH) or
 * describe one (TOKEN_TTL) are not findings: they are how a manifest points at a mounted secret.
 */

const secretWords = /(password|passwd|passphrase|secret|token|api[-_.]?key|apikey|private[-_.]?key|access[-_.]?key|credentials?)/i;

/** Trailing name segments that make a secret-looking name a reference or a setting, not a secret. */
const referenceSuffixes = new Set([
    "name",
    "names",
    "ref",
    "reference",
    "file",
    "path",
    "dir",
    "directory",
    "mount",
    "location",
    "arn",
    "id",
    "url",
    "uri",
    "endpoint",
    "ttl",
    "timeout",
    "expiry",
    "expiration",
    "lifetime",
    "duration",
    "seconds",
    "length",
    "enabled",
    "enable",
    "type",
    "header",
    "audience",
    "issuer",
    "secretname",
    "secretref",
    "count",
    "size",
    "limit",
    // Settings about secrets, not secrets: SECRETS_BACKEND, PASSWORD_POLICY, PASSWORD_HASH_ALGORITHM.
    "backend",
    "provider",
    "store",
    "manager",
    "policy",
    "algorithm",
    "mode",
    "strategy",
    "format",
    "version",
    "region",
    "prefix",
    "scope",
    "scopes",
]);

/**
 * A name segment that is (or ends in) a secret noun: "password", "dbpassword", "SECRETS", "apikey".
 * A segment that only starts with one ("tokenizer", "secretsmanager") is another word.
 */
const secretSegment = /(password|passwd|passphrase|secret|token|apikey|privatekey|accesskey|credential)s?$/i;
/** "key" after one of these segments is a key: API_KEY, private-key, accessKey. */
const keyQualifiers = new Set(["api", "private", "access"]);

/** True when a key or variable name announces a secret literal. */
export function isSecretName(name: string): boolean {
    if (!secretWords.test(name)) {
        return false;
    }
    const segments = name.split(/[-_.\s]|(?<=[a-z0-9])(?=[A-Z])/).filter((segment) => segment !== "");
    const lower = segments.map((segment) => segment.toLowerCase());
    const announces = lower.some(
        (segment, index) => secretSegment.test(segment) || (/^keys?$/.test(segment) && index > 0 && keyQualifiers.has(lower[index - 1])),
    );
    if (!announces) {
        return false;
    }
    const last = lower[lower.length - 1] ?? "";
    return !referenceSuffixes.has(last);
}

const pemPrivateKey = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
const awsAccessKeyId = /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/;

/** A value that is a credential by its shape, whatever it is called. */
export function credentialKind(value: string): string | undefined {
    if (pemPrivateKey.test(value)) {
        return "a PEM private key";
    }
    if (awsAccessKeyId.test(value)) {
        return "an AWS access key id";
    }
    return undefined;
}

/**
 * Values that are not literal secrets: empty, placeholders and references (${VAR}, $(VAR),
 * {{ .x }}, <changeme>), booleans and plain numbers (limits such as max_tokens: 100).
 */
export function isPlaceholder(value: string): boolean {
    const trimmed = value.trim().replace(/^["']|["']$/g, "");
    return (
        trimmed === "" ||
        /^(\$\{.*\}|\$\(.*\)|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|<.*>|null|~|none|false|true|-?\d+(\.\d+)?)$/i.test(trimmed)
    );
}

/**
 * Lines of an embedded config file (properties, YAML, .env, INI) that assign a literal to a
 * secret-looking setting, e.g. `db.password=hunter2`; returns the setting names.
 */
export function embeddedSecretSettings(text: string): string[] {
    const found: string[] = [];
    for (const line of text.split(/\r?\n/)) {
        // Linear-time split (no backtracking on long lines): setting, separator, value.
        const match = /^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]/.exec(line);
        if (match === null) {
            continue;
        }
        const setting = match[1];
        const value = line.slice(match[0].length).trim().replace(/,$/, "").trim();
        if (isSecretName(setting) && !isPlaceholder(value) && !/^[{[|>]$/.test(value)) {
            found.push(setting);
        }
    }
    return found;
}
