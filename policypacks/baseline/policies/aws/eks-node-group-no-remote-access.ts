import { referenceSet } from "../../lib/aws-props";
import { eksNodeGroup } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NODE-2 (and IAM-1): managed node groups allow no SSH. `remoteAccess` opens port 22 with an EC2
 * key pair (to 0.0.0.0/0 when no source security group is given); operators use SSM instead.
 * Only its presence is tested, so an unknown key name or group id still counts.
 */
export const eksNodeGroupNoRemoteAccess = resourcePolicy({
    name: "eks-node-group-no-remote-access",
    description:
        "EKS managed node group has no remoteAccess (no SSH key, no port 22); nodes are reached through SSM Session Manager only. NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "high",
    controls: ["NODE-2", "IAM-1"],
    remediationSteps:
        "Remove remoteAccess from the node group; use SSM Session Manager (the node role has AmazonSSMManagedInstanceCore) for node access.",
    resourceTypes: [eksNodeGroup],
    validate: ({ props }, report) => {
        if (referenceSet(props, "remoteAccess")) {
            report("remoteAccess is set (SSH to the nodes); remove it and use SSM Session Manager.");
        }
    },
});
