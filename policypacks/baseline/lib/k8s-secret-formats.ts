/**
 * Credentials recognised by their shape, whatever the key or variable that holds them is called
 * (SEC-5). Each format is the vendor's documented token layout; a pattern needs the fixed prefix
 * and the full documented length, so ordinary words and ids do not match:
 * - GitHub: ghp_/gho_/ghu_/ghs_/ghr_ + 36 alphanumerics, github_pat_ + 82 (GitHub docs, "About authentication: token formats").
 * - GitLab personal access tokens: glpat- + 20 or more (GitLab docs, "Personal access tokens").
 * - AWS access key ids: AKIA/ASIA/ABIA/ACCA + 16 upper-case alphanumerics (IAM user guide, "Unique identifier prefixes").
 * - Slack: xoxb-/xoxp-/xoxa-/xoxo-/xoxr-/xoxs- tokens and hooks.slack.com webhook URLs (Slack API docs, "Token types").
 * - Stripe live secret and restricted keys: sk_live_/rk_live_ + 24 or more (Stripe docs, "API keys").
 * - Google API keys: AIza + 35 (Google Cloud docs, "API keys").
 * - npm tokens: npm_ + 36 (npm docs, "About access tokens").
 * - PEM/OpenSSH/PGP private-key armour, and JSON Web Tokens (three base64url parts, header and payload JSON objects).
 * - An HTTP `Authorization: Basic|Bearer <credential>` header value, and the `auth` of a Docker
 *   config's `auths` entry (base64 of user:password).
 * - A password in a connection URL: scheme://user:password@host or scheme://:password@host, unless
 *   the password is a reference such as ${DB_PASSWORD}.
 * @secretlint/secretlint-rule-preset-recommend (13.1.0) was considered: it ships as an ES module whose rules run
 * inside secretlint's own file-scanning context, not as patterns this CommonJS pack can apply to one value.
 */

const formats: { kind: string; pattern: RegExp }[] = [
    { kind: "a PEM private key", pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
    { kind: "an AWS access key id", pattern: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
    { kind: "a GitHub token", pattern: /\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/ },
    { kind: "a GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
    { kind: "a Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
    { kind: "a Slack webhook URL", pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/ },
    { kind: "a Stripe live key", pattern: /\b[sr]k_live_[A-Za-z0-9]{24,}/ },
    { kind: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
    { kind: "an npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
    { kind: "an HTTP Authorization credential", pattern: /\bauthorization["']?\s*[:=]\s*["']?(basic|bearer)\s+[A-Za-z0-9+/._~=-]{16,}/i },
    { kind: "a registry credential (Docker config auth)", pattern: /"auths"\s*:\s*\{[^{}]*\{[^{}]*"auth"\s*:\s*"[A-Za-z0-9+/]{8,}={0,2}"/ },
];

const jwt = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/;
/** scheme://[user]:password@ with no whitespace, slash or @ inside user and password (linear: no nested quantifiers). */
const urlCredentials = /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:@/]*):([^\s@/]+)@/gi;
/** A password that is a reference or a mask, not a literal. */
const referencePassword = /^(\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|<[^>]*>|%s|%\([a-z_]+\)s|\*+|x+)$/i;

function decodesToJsonObject(part: string): boolean {
    try {
        const parsed: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
        return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
    } catch {
        return false;
    }
}

/** A value that is a credential by its shape, whatever it is called; undefined otherwise. */
export function credentialKind(value: string): string | undefined {
    for (const format of formats) {
        if (format.pattern.test(value)) {
            return format.kind;
        }
    }
    const token = jwt.exec(value);
    if (token !== null) {
        const [header, payload] = token[0].split(".");
        if (decodesToJsonObject(header) && decodesToJsonObject(payload)) {
            return "a JSON Web Token";
        }
    }
    for (const match of value.matchAll(urlCredentials)) {
        if (!referencePassword.test(decodeURIComponentSafe(match[2]))) {
            return "a password in a connection URL";
        }
    }
    return undefined;
}

function decodeURIComponentSafe(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}
