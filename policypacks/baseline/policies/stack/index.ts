import { Policy } from "@pulumi/policy";

/** Every stack (whole-plan) policy under policies/stack, in documentation order. */
export const stackPolicies: Policy[] = [];
