import { Policy } from "@pulumi/policy";
import { baselineRollout } from "./lib/policy";
import { awsPolicies } from "./policies/aws";
import { kubernetesPolicies } from "./policies/kubernetes";
import { stackPolicies } from "./policies/stack";

/**
 * The full policy list of the baseline pack. Importing it starts no server, so tests,
 * docs generation and teams composing their own pack can use it directly.
 *
 * `baseline-rollout` must stay first: the SDK runs policies in list order, and it puts the
 * pack-wide rollout settings (OPS-2) in force before any other policy reports.
 */
export const baselinePolicies: Policy[] = [baselineRollout, ...awsPolicies, ...kubernetesPolicies, ...stackPolicies];
