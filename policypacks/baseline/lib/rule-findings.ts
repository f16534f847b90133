/**
 * Runs a resource policy's own rule on one resource and returns its findings, so a stack policy
 * that follows a reference (a NodePool to its node class, an Auto Scaling group to its launch
 * template) judges the target with exactly the rule the target's resource policy applies, not a
 * copy of it. Exemptions and rollout do not apply here: the caller reports under its own name.
 */
import { CommonPolicyConfig, Props, ResourcePolicySpec, policySpecOf } from "./policy";

/** The resource the rule is run on. */
export interface RuleTarget {
    type: string;
    name: string;
    urn: string;
    props: Props;
}

const noCommonConfig: CommonPolicyConfig = { exemptions: [], unknowns: "preview" };

/**
 * The messages (without control suffix) the policy's rule reports for the target, with the
 * policy's schema defaults as config. An unknown control value throws the SDK's UnknownValueError,
 * which the calling stack policy handles like any other unknown.
 */
export function ruleFindings(policy: object, target: RuleTarget): string[] {
    const spec = policySpecOf(policy) as ResourcePolicySpec<object> | undefined;
    if (spec === undefined || typeof spec.validate !== "function") {
        throw new Error(`ruleFindings: ${String((policy as { name?: unknown }).name)} is not a resource policy of this pack`);
    }
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(spec.config ?? {})) {
        defaults[key] = (property as { default?: unknown }).default;
    }
    const findings: string[] = [];
    spec.validate(target, (message) => findings.push(message), { ...noCommonConfig, ...defaults });
    return findings;
}
