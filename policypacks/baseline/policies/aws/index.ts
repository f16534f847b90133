import { Policy } from "@pulumi/policy";

/** Every policy under policies/aws, in documentation order. */
export const awsPolicies: Policy[] = [];
