import { Policy } from "@pulumi/policy";

/** Every policy under policies/kubernetes, in documentation order. */
export const kubernetesPolicies: Policy[] = [];
