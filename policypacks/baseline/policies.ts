import { Policy } from "@pulumi/policy";
import { awsPolicies } from "./policies/aws";
import { kubernetesPolicies } from "./policies/kubernetes";
import { stackPolicies } from "./policies/stack";

/**
 * The full policy list of the baseline pack. Importing it starts no server, so tests,
 * docs generation and teams composing their own pack can use it directly.
 */
export const baselinePolicies: Policy[] = [...awsPolicies, ...kubernetesPolicies, ...stackPolicies];
