import { PolicyResource } from "@pulumi/policy";
import { k8sObjects, objectOf } from "../../lib/k8s-objects";
import { eksAutoNodeClassTypes, karpenterNodeClassTypes, nodePoolTypes } from "../../lib/k8s-types";
import { stackPolicy } from "../../lib/policy";
import { ruleFindings } from "../../lib/rule-findings";
import { k8sEksAutoNodeClassHardened } from "../kubernetes/k8s-eks-auto-node-class-hardened";
import { k8sKarpenterNodeClassHardened } from "../kubernetes/k8s-karpenter-node-class-hardened";
import { PlanIndex, dependencyUrns, describe, knownString } from "./plan";

/** What a nodeClassRef kind points at, and the rule that judges it. */
const targets: Record<string, { types: readonly string[]; policy: object; policyName: string }> = {
    EC2NodeClass: { types: karpenterNodeClassTypes, policy: k8sKarpenterNodeClassHardened, policyName: k8sKarpenterNodeClassHardened.name },
    NodeClass: { types: eksAutoNodeClassTypes, policy: k8sEksAutoNodeClassHardened, policyName: k8sEksAutoNodeClassHardened.name },
};

/** Node classes of the plan by kind and metadata.name (List resources carry no name of their own and are not resolved). */
function nodeClassesByName(plan: PlanIndex, kind: string): Map<string, PolicyResource> {
    const byName = new Map<string, PolicyResource>();
    for (const resource of plan.ofType(...targets[kind].types)) {
        const name = knownString(() => resource.props?.metadata?.name);
        if (name !== undefined) {
            byName.set(name, resource);
        }
    }
    return byName;
}

/**
 * NODE-5: a Karpenter or EKS Auto Mode NodePool (`karpenter.sh` v1/v1beta1) only launches nodes
 * from a node class the program declares and that passes its own policy
 * (k8s-karpenter-node-class-hardened for EC2NodeClass, k8s-eks-auto-node-class-hardened for
 * NodeClass, run here with the same rule). A pool on a class outside the program (for example
 * Auto Mode's `default` NodeClass, or one applied by hand) cannot be verified and is reported.
 */
export const k8sNodePoolHardenedNodeClass = stackPolicy({
    name: "k8s-node-pool-hardened-node-class",
    description:
        "Every Karpenter / EKS Auto Mode NodePool's spec.template.spec.nodeClassRef names an EC2NodeClass or NodeClass declared in the same program that passes k8s-karpenter-node-class-hardened or k8s-eks-auto-node-class-hardened. Amazon EKS Best Practices Guide, Karpenter; Amazon EKS user guide: Create a Node Pool for EKS Auto Mode.",
    severity: "high",
    controls: ["NODE-5"],
    remediationSteps:
        "Declare the node class in the program (apiextensions.CustomResource) with the hardened settings and point the NodePool's spec.template.spec.nodeClassRef at its metadata.name.",
    example: "spec: { template: { spec: { nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: hardened } } } }",
    validate: (resources, report) => {
        const plan = new PlanIndex(resources);
        const pools = plan.ofType(...nodePoolTypes);
        if (pools.length === 0) {
            return;
        }
        const byKind = new Map(Object.keys(targets).map((kind) => [kind, nodeClassesByName(plan, kind)] as const));
        const byUrn = new Map(Object.keys(targets).flatMap((kind) => plan.ofType(...targets[kind].types).map((r) => [r.urn, r] as const)));
        for (const pool of pools) {
            for (const object of k8sObjects(pool.type, pool.props)) {
                const ref = objectOf(objectOf(objectOf(objectOf(object.object.spec)?.template)?.spec)?.nodeClassRef);
                if (ref === undefined) {
                    if (!object.partial) {
                        report(
                            `NodePool ${describe(pool)}: ${object.path}spec.template.spec.nodeClassRef is unset; point it at a hardened node class of the program.`,
                            pool.urn,
                        );
                    }
                    continue;
                }
                const kind = knownString(() => ref.kind);
                const target = kind !== undefined ? targets[kind] : undefined;
                if (target === undefined) {
                    report(
                        `NodePool ${describe(pool)}: ${object.path}spec.template.spec.nodeClassRef.kind is ${JSON.stringify(kind ?? null)}; use EC2NodeClass (Karpenter) or NodeClass (EKS Auto Mode).`,
                        pool.urn,
                    );
                    continue;
                }
                const name = knownString(() => ref.name);
                // A name that is not known yet still resolves through the pool's dependency on the class.
                const nodeClass =
                    name !== undefined
                        ? byKind.get(kind!)!.get(name)
                        : [...dependencyUrns(pool)]
                              .map((urn) => byUrn.get(urn))
                              .find((candidate) => candidate !== undefined && target.types.includes(candidate.type));
                if (nodeClass === undefined) {
                    report(
                        `NodePool ${describe(pool)}: ${object.path}spec.template.spec.nodeClassRef names ${kind} "${name ?? "<unknown>"}", which the program does not declare, so it cannot be verified; declare a hardened ${kind} in the program.`,
                        pool.urn,
                    );
                    continue;
                }
                const findings = ruleFindings(target.policy, {
                    type: nodeClass.type,
                    name: nodeClass.name,
                    urn: nodeClass.urn,
                    props: nodeClass.props,
                });
                if (findings.length > 0) {
                    report(
                        `NodePool ${describe(pool)}: its ${kind} ${describe(nodeClass)} fails ${target.policyName} (${findings.join(" ")}); harden the node class.`,
                        pool.urn,
                    );
                }
            }
        }
    },
});
