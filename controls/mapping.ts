/**
 * The project's control mapping: every control ID and layer of the catalogue, mapped to the
 * code that builds or enforces it and the test that proves it. Each area of the codebase keeps
 * its own list in controls/evidence/<area>.ts; layers not yet built are listed in gaps.ts with
 * the reason, so nothing is silently missing.
 */
import { ControlEvidence } from "./evidence";
import { evidence as awsCluster } from "./evidence/aws-cluster";
import { evidence as awsFoundation } from "./evidence/aws-foundation";
import { evidence as compute } from "./evidence/compute";
import { evidence as delivery } from "./evidence/delivery";
import { evidence as exposureTrust } from "./evidence/exposure-trust";
import { evidence as inClusterA } from "./evidence/in-cluster-a";
import { evidence as inClusterB } from "./evidence/in-cluster-b";
import { evidence as infraConfig } from "./evidence/infra-config";
import { evidence as packAws } from "./evidence/pack-aws";
import { evidence as packCompute } from "./evidence/pack-compute";
import { evidence as packCore } from "./evidence/pack-core";
import { evidence as packKubernetes } from "./evidence/pack-kubernetes";
import { evidence as plan } from "./evidence/plan";
import { evidence as registry } from "./evidence/registry";

/** Every evidence entry of every area. */
export function loadEvidence(): ControlEvidence[] {
    return [
        ...awsFoundation,
        ...awsCluster,
        ...compute,
        ...delivery,
        ...exposureTrust,
        ...inClusterA,
        ...inClusterB,
        ...infraConfig,
        ...packAws,
        ...packCompute,
        ...packCore,
        ...packKubernetes,
        ...plan,
        ...registry,
    ];
}
