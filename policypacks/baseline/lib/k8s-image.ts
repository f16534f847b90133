/**
 * Container image references as the container runtime reads them:
 * `[registry-host[:port]/]path[:tag][@algorithm:digest]`. A first segment without "." or ":" and
 * other than "localhost" is a Docker Hub path, and a single-segment Docker Hub name lives under
 * `library/` (so `nginx` is `docker.io/library/nginx`). WL-10 matches allow-listed registries on
 * this normalised repository, never on the raw string, so `nginx` cannot pass as `docker.io/istio`.
 */

export interface ImageReference {
    /** Registry host (and port), e.g. "docker.io", "123456789012.dkr.ecr.eu-west-1.amazonaws.com". */
    registry: string;
    /** Normalised `<registry>/<path>` without tag or digest. */
    repository: string;
    tag: string | undefined;
    digest: string | undefined;
}

/** Parses an image reference; never throws. */
export function parseImage(image: string): ImageReference {
    const at = image.indexOf("@");
    const name = at >= 0 ? image.slice(0, at) : image;
    const digest = at >= 0 ? image.slice(at + 1) : undefined;
    const lastSlash = name.lastIndexOf("/");
    const lastColon = name.lastIndexOf(":");
    const hasTag = lastColon > lastSlash;
    const repositoryPart = hasTag ? name.slice(0, lastColon) : name;
    const tag = hasTag ? name.slice(lastColon + 1) : undefined;
    const slash = repositoryPart.indexOf("/");
    const first = slash >= 0 ? repositoryPart.slice(0, slash) : "";
    const explicitRegistry = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
    let registry = explicitRegistry ? first.toLowerCase() : "docker.io";
    let path = explicitRegistry ? repositoryPart.slice(slash + 1) : repositoryPart;
    if (registry === "index.docker.io" || registry === "registry-1.docker.io") {
        registry = "docker.io";
    }
    if (registry === "docker.io" && !path.includes("/")) {
        path = `library/${path}`;
    }
    return { registry, repository: `${registry}/${path}`, tag, digest };
}

/** A pinned content digest, e.g. `sha256:` + 64 hex digits. */
export function isDigest(digest: string | undefined): boolean {
    return digest !== undefined && /^sha256:[a-f0-9]{64}$|^sha512:[a-f0-9]{128}$/.test(digest);
}

function escape(text: string): string {
    return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * True when the repository is under an allow-listed entry. Entries are `host[/path]` prefixes
 * matched on whole path segments ("docker.io/istio" allows "docker.io/istio/proxyv2", not
 * "docker.io/istio-evil/x"); `*` matches within one segment, for the ECR pattern
 * `*.dkr.ecr.*.amazonaws.com`.
 */
export function isAllowedRepository(repository: string, allowed: readonly string[]): boolean {
    return allowed.some((entry) => {
        const pattern = entryPattern(entry);
        return pattern !== null && pattern.test(repository);
    });
}

/** Compiled allow-list entries: the list comes from config, so it is the same for every container. */
const entryPatterns = new Map<string, RegExp | null>();

/** The entry's pattern (null for an empty entry), compiled once per distinct entry. */
function entryPattern(entry: string): RegExp | null {
    let pattern = entryPatterns.get(entry);
    if (pattern === undefined) {
        const trimmed = entry.replace(/\/+$/, "");
        // No `g` flag: `test` keeps no state, so one RegExp serves every call.
        pattern = trimmed === "" ? null : new RegExp(`^${escape(trimmed).replace(/\*/g, "[^/]*")}(/|$)`, "i");
        if (entryPatterns.size >= 1024) {
            entryPatterns.clear();
        }
        entryPatterns.set(entry, pattern);
    }
    return pattern;
}
