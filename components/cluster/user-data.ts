/**
 * Bottlerocket user data for managed node groups. EKS merges it with the settings it generates
 * itself (API server, CA, cluster name), so it carries only what the baseline changes.
 * See https://bottlerocket.dev/en/os/1.34.x/api/settings/host-containers/
 */

/** Options the baseline renders into Bottlerocket settings. */
export interface BottlerocketSettings {
    /**
     * Run the control host container (SSM agent). Off by default: no remote session into a node
     * (NODE-2). The admin container is always off.
     */
    controlContainer: boolean;
}

/**
 * Renders the TOML settings. The output is the contract with Bottlerocket and is pinned by a
 * golden file; change both together.
 */
export function bottlerocketUserData(settings: BottlerocketSettings): string {
    // No comments in the rendered TOML: EKS parses and merges it and accepts only a subset of TOML.
    // Admin container off: no interactive root access to the host (NODE-2). Kernel lockdown
    // "integrity": no unsigned modules or raw kernel memory access, even as root.
    return [
        "[settings.host-containers.admin]",
        "enabled = false",
        "",
        "[settings.host-containers.control]",
        `enabled = ${settings.controlContainer ? "true" : "false"}`,
        "",
        "[settings.kernel]",
        'lockdown = "integrity"',
        "",
    ].join("\n");
}

/** User data as the launch template expects it (base64). */
export function encodeUserData(toml: string): string {
    return Buffer.from(toml, "utf8").toString("base64");
}
