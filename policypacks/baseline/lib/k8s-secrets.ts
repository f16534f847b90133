/**
 * Heuristics for secret-looking data in plain Kubernetes fields (SEC-5): names that announce a
 * credential, and values that are credentials whatever their name (k8s-secret-formats.ts).
 * Names that only refer to a secret (SECRET_NAME, TOKEN_FILE, PASSWORD_PATH) or describe one
 * (TOKEN_TTL) are not findings: they are how a manifest points at a mounted secret.
 *
 * The rule for names, decided for issue 13:
 * - Strong names announce a secret whatever the literal: a segment that is or ends in password,
 *   passwd, passphrase, secret, token, apikey, privatekey, accesskey, credential (DB_PASSWORD,
 *   CLIENT_SECRET, GITHUB_TOKEN), a last segment PASS or PWD (DB_PASS, MYSQL_PWD), API/PRIVATE/ACCESS
 *   followed by KEY, and KEY followed by CONTENT/DATA/MATERIAL/PEM/B64/BASE64 (OCI_CLI_KEY_CONTENT).
 * - A name whose last segment is KEY or KEYS (AZURE_STORAGE_KEY, SIGNING_KEY, CACHE_KEY) is weak:
 *   a key names a secret only in cryptography, so it counts when the literal looks like key
 *   material (see looksLikeKeyMaterial): CACHE_KEY=user-session passes, AZURE_STORAGE_KEY=<88
 *   base64 characters> does not.
 * - Either kind stops counting when its last segment makes it a reference or a setting
 *   (referenceSuffixes: CACHE_KEY_PREFIX, TOKEN_TTL, SECRET_NAME), and placeholders, booleans
 *   and numbers are never literals (isPlaceholder).
 */
import { credentialKind } from "./k8s-secret-formats";

export { credentialKind };

const secretWords = /(password|passwd|passphrase|secret|token|key|pass|pwd|credentials?)/i;

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

/** "KEY" followed by one of these is key material: OCI_CLI_KEY_CONTENT, signing-key-pem. */
const keyMaterialSuffixes = new Set(["content", "contents", "data", "material", "pem", "b64", "base64"]);
/** Last segments that are passwords in short form: DB_PASS, MYSQL_PWD. */
const shortPasswords = new Set(["pass", "pwd"]);

function lowerSegments(name: string): string[] {
    return name
        .split(/[-_.\s]|(?<=[a-z0-9])(?=[A-Z])/)
        .filter((segment) => segment !== "")
        .map((segment) => segment.toLowerCase());
}

/** True when a key or variable name announces a secret literal (a strong name, see the module comment). */
export function isSecretName(name: string): boolean {
    if (!secretWords.test(name)) {
        return false;
    }
    const lower = lowerSegments(name);
    const last = lower[lower.length - 1] ?? "";
    const announces =
        shortPasswords.has(last) ||
        lower.some(
            (segment, index) =>
                secretSegment.test(segment) ||
                (/^keys?$/.test(segment) && index > 0 && keyQualifiers.has(lower[index - 1])) ||
                (/^keys?$/.test(segment) && keyMaterialSuffixes.has(lower[index + 1] ?? "")),
        );
    return announces && !referenceSuffixes.has(last);
}

/** True when the name's last segment is KEY or KEYS (AZURE_STORAGE_KEY, signingKey): a weak name. */
export function isKeyName(name: string): boolean {
    return /^keys?$/.test(lowerSegments(name).pop() ?? "");
}

/**
 * True when a literal looks like key material rather than a label: at least 16 characters from
 * the base64/hex alphabets with no spaces, mixing at least three of lower case, upper case,
 * digits and +/=_-, or 32 or more hex digits. "user-session", "orders.v2", "/etc/keys/a.pem" and
 * "https://..." are labels, paths or URLs.
 */
export function looksLikeKeyMaterial(value: string): boolean {
    const text = value.trim();
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(text) || text.startsWith("/")) {
        return false;
    }
    if (/^[0-9a-f]{32,}$/i.test(text)) {
        return true;
    }
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[+/=_-]/].filter((pattern) => pattern.test(text)).length;
    return classes >= 3 && /[0-9]/.test(text);
}

/** True when `value` is a literal secret held under `name`: a strong name, or a weak one with key material. */
export function holdsSecret(name: string, value: string): boolean {
    if (isPlaceholder(value)) {
        return false;
    }
    return isSecretName(name) || (isKeyName(name) && looksLikeKeyMaterial(value.trim().replace(/^["']|["']$/g, "")));
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

/** Settings of a JSON document (minified or not) that hold literal secrets, as dotted paths. */
function jsonSecretSettings(text: string): string[] {
    const trimmed = text.trim();
    if (!/^[{[]/.test(trimmed)) {
        return [];
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(trimmed);
    } catch {
        return [];
    }
    const found: string[] = [];
    const walk = (node: unknown, path: string, depth: number) => {
        if (depth > 32 || node === null || typeof node !== "object") {
            return;
        }
        for (const [key, value] of Object.entries(node)) {
            const at = path === "" ? key : `${path}.${key}`;
            if (typeof value === "string" && !Array.isArray(node) && holdsSecret(key, value)) {
                found.push(at);
            } else {
                walk(value, at, depth + 1);
            }
        }
    };
    walk(parsed, "", 0);
    return found;
}

/**
 * Settings of an embedded config file that assign a literal to a secret-looking setting:
 * JSON documents (also minified, by path: `db.password`), and lines of properties, YAML, .env
 * and INI files (`db.password=hunter2`, `  password: hunter2`); returns the setting names.
 */
export function embeddedSecretSettings(text: string): string[] {
    const inJson = jsonSecretSettings(text);
    if (inJson.length > 0) {
        return inJson;
    }
    const found: string[] = [];
    for (const line of text.split(/\r?\n/)) {
        // Linear-time split (no backtracking on long lines): setting, separator, value.
        const match = /^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]/.exec(line);
        if (match === null) {
            continue;
        }
        const setting = match[1];
        const value = line.slice(match[0].length).trim().replace(/,$/, "").trim();
        if (!/^[{[|>]$/.test(value) && holdsSecret(setting, value)) {
            found.push(setting);
        }
    }
    return found;
}
