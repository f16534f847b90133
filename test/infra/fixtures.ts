import { BaselineConfigError, parseBaselineConfig } from "../../infra/config";

type Raw = Record<string, unknown>;

/** The smallest valid config for an environment: only the required keys, everything else defaults. */
export function minimalRaw(environment: "dev" | "staging" | "prod" = "dev"): Raw {
    return {
        environment,
        accountId: "111122223333",
        network: { cidr: "10.0.0.0/16" },
        cluster: {
            kubernetesVersion: "1.33",
            nodeGroups: [
                { name: "system", sensitivity: "system", instanceTypes: ["m7i.large"], minSize: 2, desiredSize: 2, maxSize: 3 },
                { name: "workloads", sensitivity: "internal", instanceTypes: ["m7i.large"], minSize: 2, desiredSize: 3, maxSize: 6 },
            ],
        },
        identity: {
            oidc: { issuerUrl: "https://idp.example.com/oauth2/default", clientId: "eks" },
            platformAdminRoleArn: "arn:aws:iam::111122223333:role/platform-admin",
            deployRoleArn: "arn:aws:iam::111122223333:role/pulumi-deploy",
            breakGlassRoleTrustedPrincipals: ["arn:aws:iam::111122223333:role/security-oncall"],
        },
    };
}

/** `minimalRaw` plus namespaces, for rules that refer to them. */
export function withNamespaces(environment: "dev" | "staging" | "prod" = "dev"): Raw {
    return {
        ...minimalRaw(environment),
        namespaces: [
            { name: "shop", team: "commerce" },
            { name: "payments", team: "commerce" },
        ],
    };
}

export interface Options {
    environment?: "dev" | "staging" | "prod";
    stack?: string;
    region?: string;
    base?: Raw;
}

/** Applies `change` to a valid config and returns the problems the parser reports (empty when it passes). */
export function problemsOf(change: (raw: Raw) => void, options: Options = {}): string[] {
    const environment = options.environment ?? "dev";
    const raw = structuredClone(options.base ?? minimalRaw(environment));
    change(raw);
    try {
        parseBaselineConfig(raw, { stack: options.stack ?? environment, region: "region" in options ? options.region : "eu-west-1" });
    } catch (error) {
        if (error instanceof BaselineConfigError) {
            return error.problems;
        }
        throw error;
    }
    return [];
}

/** Sets a value at a dotted path, creating objects on the way. */
export function set(raw: Raw, dotted: string, value: unknown): void {
    const parts = dotted.split(".");
    let target: Record<string, unknown> = raw;
    for (const part of parts.slice(0, -1)) {
        target[part] ??= {};
        target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1] as string] = value;
}

/** A helper for `problemsOf` that only sets one value. */
export function setting(dotted: string, value: unknown): (raw: Raw) => void {
    return (raw) => set(raw, dotted, value);
}
