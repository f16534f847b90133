import { isAligned, overlaps, parseCidr } from "../cidr";
import { addonNames, defaultAddonsKubernetesVersion, knownKubernetesVersions, kubernetesMinor, kubernetesVersionFloor } from "../versions";
import { Rule } from "./context";

const versionFix = `pin a minor version "1.NN", e.g. "${defaultAddonsKubernetesVersion}"`;

/** Kubernetes version format, minimum and add-on pins (NODE-3). */
export const kubernetesVersionRule: Rule = ({ parsed }) => {
    const cluster = parsed.cluster;
    if (!cluster) {
        return [];
    }
    const problems: string[] = [];
    const version = kubernetesMinor(cluster.kubernetesVersion);
    if (version === undefined) {
        problems.push(`baseline:cluster.kubernetesVersion is "${cluster.kubernetesVersion}"; ${versionFix}.`);
    }
    const floor = kubernetesMinor(kubernetesVersionFloor) as number;
    let minimum = floor;
    if (cluster.minimumKubernetesVersion !== undefined) {
        const configured = kubernetesMinor(cluster.minimumKubernetesVersion);
        if (configured === undefined) {
            problems.push(`baseline:cluster.minimumKubernetesVersion is "${cluster.minimumKubernetesVersion}"; ${versionFix}.`);
        } else if (configured < floor) {
            problems.push(
                `baseline:cluster.minimumKubernetesVersion is "${cluster.minimumKubernetesVersion}", below the project floor ${kubernetesVersionFloor} (the oldest minor in EKS standard support); raise it to at least "${kubernetesVersionFloor}".`,
            );
        } else {
            minimum = configured;
        }
    }
    if (version !== undefined && version < minimum) {
        problems.push(
            `baseline:cluster.kubernetesVersion is "${cluster.kubernetesVersion}", below the minimum "1.${minimum}"; upgrade to "1.${minimum}" or newer (NODE-3).`,
        );
    }
    const unpinned = (Object.keys(addonNames) as (keyof typeof addonNames)[]).filter((addon) => cluster.addons[addon] === undefined);
    if (version !== undefined && !knownKubernetesVersions.includes(cluster.kubernetesVersion) && unpinned.length > 0) {
        problems.push(
            `baseline:cluster.kubernetesVersion is "${cluster.kubernetesVersion}", not a Kubernetes version EKS is known to offer (${knownKubernetesVersions.join(", ")}; infra/config/versions.ts); use one of them, or pin every add-on for it (missing: ${unpinned.map((addon) => `baseline:cluster.addons.${addon}`).join(", ")}).`,
        );
    } else if (
        version !== undefined &&
        cluster.kubernetesVersion !== defaultAddonsKubernetesVersion &&
        cluster.addons.kubeProxy === undefined
    ) {
        problems.push(
            `baseline:cluster.addons.kubeProxy is missing; the default add-on versions are for Kubernetes ${defaultAddonsKubernetesVersion}, so pin ${addonNames.kubeProxy} (and the other add-ons) for ${cluster.kubernetesVersion}.`,
        );
    }
    const kubeProxy = cluster.addons.kubeProxy;
    const proxyMinor = kubeProxy === undefined ? undefined : Number(/^v1\.(\d+)\./.exec(kubeProxy)?.[1]);
    if (version !== undefined && proxyMinor !== undefined && proxyMinor !== version) {
        problems.push(
            `baseline:cluster.addons.kubeProxy is "${kubeProxy}", built for Kubernetes 1.${proxyMinor} but the cluster runs ${cluster.kubernetesVersion}; pin a kube-proxy v${cluster.kubernetesVersion}.x-eksbuild.N.`,
        );
    }
    return problems;
};

/** Node groups: the two required pools, unique names, scaling bounds (NET-10). */
export const nodeGroupsRule: Rule = ({ parsed }) => {
    const groups = parsed.cluster?.nodeGroups;
    if (!groups) {
        return [];
    }
    const problems: string[] = [];
    const names = groups.map((group) => group.name);
    const compute = parsed.cluster?.compute ?? "managedNodeGroups";
    // Karpenter launches the workload nodes; Auto Mode has no node groups (rules/compute.ts).
    const requiredGroups = compute === "managedNodeGroups" ? ["system", "workloads"] : compute === "karpenter" ? ["system"] : [];
    for (const required of requiredGroups) {
        if (!names.includes(required)) {
            problems.push(
                `baseline:cluster.nodeGroups has no "${required}" group; add one (cluster add-ons and workloads run on separate nodes, NET-10).`,
            );
        }
    }
    groups.forEach((group, index) => {
        const key = `baseline:cluster.nodeGroups[${index}]`;
        if (names.indexOf(group.name) !== index) {
            problems.push(`${key}.name "${group.name}" is used twice; give every node group its own name.`);
        }
        if (group.name === "system" && group.sensitivity !== "system") {
            problems.push(`${key}.sensitivity is "${group.sensitivity}"; the system group must have sensitivity "system" (NET-10).`);
        }
        if (group.name === "workloads" && group.sensitivity === "system") {
            problems.push(
                `${key}.sensitivity is "system"; the workloads group runs team workloads, use "internal" or "internet-facing" (NET-10).`,
            );
        }
        if (!(group.minSize <= group.desiredSize && group.desiredSize <= group.maxSize)) {
            problems.push(
                `${key} has minSize ${group.minSize}, desiredSize ${group.desiredSize}, maxSize ${group.maxSize}; keep minSize <= desiredSize <= maxSize.`,
            );
        }
    });
    return problems;
};

/** The public endpoint opt-out, when set outside prod: explicit, narrow, external CIDRs (NET-1). */
export const publicEndpointRule: Rule = ({ parsed, environment }) => {
    const endpoint = parsed.cluster?.publicEndpoint;
    if (!endpoint || environment === "prod") {
        return []; // prod refuses the opt-out as a whole (opt-outs.ts)
    }
    const vpc = parsed.network ? parseCidr(parsed.network.cidr) : undefined;
    const problems: string[] = [];
    endpoint.cidrs.forEach((cidr, index) => {
        const key = `baseline:cluster.publicEndpoint.cidrs[${index}]`;
        const block = parseCidr(cidr);
        if (!block) {
            problems.push(`${key} is "${cidr}", not a CIDR; write one such as 203.0.113.0/24.`);
        } else if (block.prefix === 0) {
            problems.push(
                `baseline:cluster.publicEndpoint.cidrs contains ${cidr}; list your VPN CIDRs, or remove publicEndpoint to keep the API private.`,
            );
        } else if (block.prefix < (block.version === 4 ? 16 : 48)) {
            problems.push(
                `${key} is ${cidr}, broader than /${block.version === 4 ? 16 : 48}; list your VPN egress ranges, or remove publicEndpoint to keep the API private.`,
            );
        } else if (!isAligned(block)) {
            problems.push(`${key} is ${cidr}, not a network address; clear the host bits (e.g. 203.0.113.0/24).`);
        } else if (vpc && overlaps(block, vpc)) {
            problems.push(
                `${key} is ${cidr}, which overlaps baseline:network.cidr ${parsed.network?.cidr}; callers in the VPC use the private endpoint, so list only external VPN ranges.`,
            );
        }
    });
    return problems;
};
