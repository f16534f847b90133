import { isAnywhere, isWithinAny } from "../../lib/cidr";
import { isRecord, listOf, runChecks, show } from "../../lib/aws-props";
import { eksCluster } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** Config of eks-cluster-endpoint-private. */
export interface EndpointPrivateConfig {
    /** CIDRs a non-prod public endpoint may be opened to; a /0 entry is ignored. Default none. */
    allowedPublicCidrs: string[];
}

/**
 * NET-1: the EKS API endpoint is private. AWS defaults `endpointPublicAccess` to true,
 * `endpointPrivateAccess` to false and `publicAccessCidrs` to ["0.0.0.0/0"], so an unset flag
 * is the insecure value. A public endpoint passes only when `allowedPublicCidrs` (non-prod
 * config) is non-empty and every `publicAccessCidrs` entry lies within it; a /0 never passes.
 */
export const eksClusterEndpointPrivate = resourcePolicy<EndpointPrivateConfig>({
    name: "eks-cluster-endpoint-private",
    description:
        "EKS API server endpoint is private (public access off, private access on); a public endpoint only with CIDRs from allowedPublicCidrs, never 0.0.0.0/0 or ::/0. CIS Amazon EKS Benchmark 5.4.1, 5.4.2; NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "critical",
    controls: ["NET-1"],
    remediationSteps:
        "Set vpcConfig.endpointPrivateAccess to true and vpcConfig.endpointPublicAccess to false; for a non-prod opt-out list the public CIDRs in this policy's allowedPublicCidrs and in vpcConfig.publicAccessCidrs.",
    config: {
        allowedPublicCidrs: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "CIDRs a public endpoint may be opened to (non-prod only). Default none: the endpoint must be private.",
        },
    },
    example: 'new aws.eks.Cluster("c", { vpcConfig: { subnetIds, endpointPrivateAccess: true, endpointPublicAccess: false }, ... });',
    resourceTypes: [eksCluster],
    validate: ({ props }, report, config) => {
        const vpc = isRecord(props.vpcConfig) ? props.vpcConfig : {};
        const allowed = listOf(config.allowedPublicCidrs).filter((cidr) => typeof cidr === "string" && !isAnywhere(cidr));
        runChecks(
            () => {
                if (vpc.endpointPrivateAccess !== true) {
                    const value = vpc.endpointPrivateAccess === undefined ? "unset (AWS default: false)" : show(vpc.endpointPrivateAccess);
                    report(
                        `vpcConfig.endpointPrivateAccess is ${value}; set it to true so nodes and operators reach the API inside the VPC.`,
                    );
                }
            },
            () => {
                if (vpc.endpointPublicAccess === false) {
                    return;
                }
                const value = vpc.endpointPublicAccess === undefined ? "unset (AWS default: true)" : show(vpc.endpointPublicAccess);
                if (allowed.length === 0) {
                    report(`vpcConfig.endpointPublicAccess is ${value}; set it to false, or (non-prod only) list allowedPublicCidrs.`);
                    return;
                }
                if (vpc.publicAccessCidrs === undefined) {
                    report(
                        `vpcConfig.publicAccessCidrs is unset (AWS default: ["0.0.0.0/0"]) with a public endpoint; list only CIDRs within allowedPublicCidrs, or set endpointPublicAccess to false.`,
                    );
                    return;
                }
                for (const cidr of listOf(vpc.publicAccessCidrs)) {
                    if (isAnywhere(cidr)) {
                        report(
                            `vpcConfig.publicAccessCidrs contains ${show(cidr)} (anywhere); list only CIDRs within allowedPublicCidrs, never a /0.`,
                        );
                    } else if (!isWithinAny(cidr, allowed)) {
                        report(
                            `vpcConfig.publicAccessCidrs contains ${show(cidr)}, which is not within allowedPublicCidrs; remove it or add it to allowedPublicCidrs (non-prod only).`,
                        );
                    }
                }
            },
        );
    },
});
