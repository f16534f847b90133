import { booleanOf, show } from "../../lib/aws-props";
import { ec2DefaultSubnet, ec2Subnet } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/**
 * NET-2: subnets do not hand out public IPs. `mapPublicIpOnLaunch` defaults to false on
 * aws.ec2.Subnet and to true on aws.ec2.DefaultSubnet (the provider adopts the default VPC's
 * public subnets), so an unset flag is judged per type.
 */
export const subnetNoPublicIpOnLaunch = resourcePolicy({
    name: "subnet-no-public-ip-on-launch",
    description:
        "Subnets do not assign public IPv4 addresses on launch (mapPublicIpOnLaunch false; for a default subnet it must be set explicitly). CIS Amazon EKS Benchmark 5.4.3 (private nodes); NSA/CISA Kubernetes Hardening Guide, Network separation and hardening.",
    severity: "high",
    controls: ["NET-2"],
    remediationSteps: "Set mapPublicIpOnLaunch to false; public load balancers and NAT gateways do not need it (they use Elastic IPs).",
    resourceTypes: [ec2Subnet, ec2DefaultSubnet],
    validate: ({ type, props }, report) => {
        const value = props.mapPublicIpOnLaunch;
        if (value === undefined && type === ec2DefaultSubnet) {
            report("mapPublicIpOnLaunch is unset (default subnets: true); set it to false.");
        } else if (booleanOf(value) === true) {
            report(`mapPublicIpOnLaunch is ${show(value)}; set it to false.`);
        }
    },
});
