/**
 * Readers shared by the node-class policies (NODE-5): Karpenter EC2NodeClass and EKS Auto Mode
 * NodeClass select subnets the same way (`subnetSelectorTerms[]` of `id` or `tags`).
 */
import { arrayOf, objectOf } from "./k8s-objects";
import { Props } from "./policy";

/**
 * The subnet tag the AWS Load Balancer Controller and EKS use to find public subnets for
 * internet-facing load balancers; a node class that selects it places nodes in public subnets.
 * https://docs.aws.amazon.com/eks/latest/userguide/network-load-balancing.html
 */
export const publicSubnetTag = "kubernetes.io/role/elb";

/** `subnetSelectorTerms[i].tags` entries that select public subnets, as message fragments. */
export function publicSubnetSelections(spec: Props | undefined, path: string): string[] {
    const findings: string[] = [];
    arrayOf(spec?.subnetSelectorTerms).forEach((term, index) => {
        const tags = objectOf(objectOf(term)?.tags);
        if (tags !== undefined && publicSubnetTag in tags) {
            findings.push(`${path}spec.subnetSelectorTerms[${index}].tags selects "${publicSubnetTag}" (public subnets)`);
        }
    });
    return findings;
}
