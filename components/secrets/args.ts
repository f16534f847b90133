import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { isDnsLabel } from "../shared/naming";
import { isSystemNamespace } from "../shared/kubernetes";
import { REGION_PATTERN } from "../shared/aws";

/** The Secrets Store CSI driver's chart repository. */
export const CSI_DRIVER_CHART_REPOSITORY = "https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts";
/** The AWS provider (ASCP) chart repository. */
export const AWS_PROVIDER_CHART_REPOSITORY = "https://aws.github.io/secrets-store-csi-driver-provider-aws";
/** Repositories the charts may come from; add a vetted mirror here, in review. */
export const ALLOWED_SECRETS_CHART_REPOSITORIES: readonly string[] = [CSI_DRIVER_CHART_REPOSITORY, AWS_PROVIDER_CHART_REPOSITORY];
/** Driver chart the baseline is tested with. */
export const DEFAULT_CSI_DRIVER_CHART_VERSION = "1.4.8";
/** AWS provider chart the baseline is tested with (first line with Pod Identity support in ASCP). */
export const DEFAULT_AWS_PROVIDER_CHART_VERSION = "2.2.0";

/** One Secrets Manager secret mounted as a file. */
export interface MountedSecret {
    /** Full Secrets Manager ARN; it must be one of the team's `secretArns`. */
    arn: string;
    /** File name under the mount path. Default: the secret's name. */
    fileName?: string;
}

/** A team namespace reading Secrets Manager secrets through the CSI driver (SEC-4, IAM-7). */
export interface TeamSecretsArgs {
    /** Team namespace (created by NamespaceBaseline); never a system namespace. */
    namespace: string;
    /** The workload's service account; the Pod Identity role trusts only it. */
    serviceAccount: string;
    /**
     * The only secrets the role may read: full `arn:aws:secretsmanager:...:secret:...` ARNs, no
     * wildcards. The role gets secretsmanager:GetSecretValue and DescribeSecret on these and
     * nothing else.
     */
    secretArns: string[];
    /** Customer-managed KMS keys the secrets are encrypted with; kms:Decrypt only via Secrets Manager. Default: none (AWS-managed key). */
    kmsKeyArns?: string[];
    /** What the SecretProviderClass mounts. Default: every ARN of `secretArns`. */
    mounts?: MountedSecret[];
    /** SecretProviderClass name. Default: `<serviceAccount>-secrets`. */
    secretProviderClassName?: string;
}

export interface SecretsDeliveryArgs {
    /** Provider of the target cluster (ClusterAccess `provider`). */
    provider: k8s.Provider;
    /** Cluster name, for the Pod Identity associations (pass `privateCluster.clusterName`). */
    clusterName: pulumi.Input<string>;
    /** Region of the secrets, set on every SecretProviderClass so the provider need not look it up per mount. */
    region: string;
    /** Driver chart version, exact. Default: DEFAULT_CSI_DRIVER_CHART_VERSION. */
    driverChartVersion?: string;
    /** AWS provider chart version, exact. Default: DEFAULT_AWS_PROVIDER_CHART_VERSION. */
    providerChartVersion?: string;
    /** Team namespaces and the secrets each may read. Default: none (driver and provider only). */
    teams?: TeamSecretsArgs[];
    /** Extra tags on the AWS children. Default: none. */
    tags?: Record<string, string>;
}

const exactVersionPattern = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** A full Secrets Manager secret ARN (name plus the random suffix AWS appends), no wildcard. */
export const secretArnPattern = /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
const kmsKeyArnPattern = /^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-\d:\d{12}:key\/[a-f0-9-]+$/;
const fileNamePattern = /^[A-Za-z0-9._-]+$/;

/** Every problem with the Args; empty when valid. */
export function validateSecretsDeliveryArgs(args: Omit<SecretsDeliveryArgs, "provider" | "clusterName">): string[] {
    const problems: string[] = [];
    const at = "SecretsDeliveryArgs";
    if (!REGION_PATTERN.test(args.region)) {
        problems.push(`${at}.region "${args.region}" is not an AWS region; use the region of the secrets, such as "eu-west-1".`);
    }
    for (const [field, value] of [
        ["driverChartVersion", args.driverChartVersion],
        ["providerChartVersion", args.providerChartVersion],
    ] as const) {
        if (value !== undefined && !exactVersionPattern.test(value)) {
            problems.push(`${at}.${field} "${value}" is not an exact version; pin a release such as "1.4.8", never a range.`);
        }
    }
    const seen = new Set<string>();
    (args.teams ?? []).forEach((team, index) => {
        const path = `${at}.teams[${index}]`;
        if (!isDnsLabel(team.namespace)) {
            problems.push(`${path}.namespace "${team.namespace}" is not a namespace name.`);
        } else if (isSystemNamespace(team.namespace)) {
            problems.push(`${path}.namespace "${team.namespace}" is a system namespace; deliver secrets to team namespaces only.`);
        }
        if (!isDnsLabel(team.serviceAccount)) {
            problems.push(`${path}.serviceAccount "${team.serviceAccount}" is not a service account name.`);
        }
        const key = `${team.namespace}/${team.serviceAccount}`;
        if (seen.has(key)) {
            problems.push(`${path} repeats ${key}; list each service account once.`);
        }
        seen.add(key);
        if (team.secretArns.length === 0) {
            problems.push(`${path}.secretArns is empty; list the Secrets Manager ARNs the workload reads.`);
        }
        for (const arn of team.secretArns) {
            if (!secretArnPattern.test(arn)) {
                problems.push(
                    `${path}.secretArns contains "${arn}", which is not a Secrets Manager secret ARN; use the full arn:aws:secretsmanager:<region>:<account>:secret:<name> ARN, without wildcards. [SEC-4]`,
                );
            }
        }
        for (const arn of team.kmsKeyArns ?? []) {
            if (!kmsKeyArnPattern.test(arn)) {
                problems.push(`${path}.kmsKeyArns contains "${arn}"; use a KMS key ARN, arn:aws:kms:<region>:<account>:key/<id>.`);
            }
        }
        for (const mount of team.mounts ?? []) {
            if (!team.secretArns.includes(mount.arn)) {
                problems.push(`${path}.mounts names "${mount.arn}", which is not in secretArns; the role could not read it.`);
            }
            if (mount.fileName !== undefined && !fileNamePattern.test(mount.fileName)) {
                problems.push(
                    `${path}.mounts fileName "${mount.fileName}" is not a plain file name; use letters, digits, '.', '_' or '-'.`,
                );
            }
        }
        if (team.secretProviderClassName !== undefined && !isDnsLabel(team.secretProviderClassName)) {
            problems.push(`${path}.secretProviderClassName "${team.secretProviderClassName}" is not a DNS label.`);
        }
    });
    return problems;
}
