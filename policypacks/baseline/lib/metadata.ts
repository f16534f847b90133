import { PolicyComplianceFramework } from "@pulumi/policy";

/** Name and version of the baseline; every policy's `framework` points here. */
export const baselineFramework: PolicyComplianceFramework = {
    name: "eks-baseline",
    version: "0.1.0",
    reference: "docs/controls.md",
    specification: "Hardened EKS baseline control catalogue (NET, IAM, SEC, LOG, WL, MESH, NODE, OPS)",
};

/** The section of docs/policies.md that documents one policy (anchor = policy name). */
export function policyDocsUrl(policyName: string): string {
    return `docs/policies.md#${policyName}`;
}
