/**
 * AdmissionPolicies: ValidatingAdmissionPolicies (CEL, Kubernetes 1.30+) with bindings that
 * enforce at run time what the policy pack enforces at preview, so a manifest applied with
 * kubectl or rendered by a chart meets the same rules as one declared in Pulumi:
 * WL-1..WL-7 (Pod Security, WL-7 being seccomp, AppArmor, SELinux, sysctls and /proc), WL-9
 * (resources), WL-10 (images), WL-11 (no `default`) on every pod-bearing kind (WL-13); NET-8
 * (Service exposure); NET-11 (internet-facing Ingresses, load balancer Services, IngressClassParams,
 * LoadBalancerConfigurations, and Gateway API / Istio Gateways, over the same allow-list); IAM-5
 * (cluster-admin, admin and edit bindings; ClusterRole aggregation of built-ins); WL-3 also on
 * hostPath PersistentVolumes.
 *
 * ```ts
 * new AdmissionPolicies("prod", { provider, validationActions: ["Deny", "Audit"], breakGlassSubjects: ["Group:baseline:break-glass"] });
 * ```
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { childName } from "../shared/naming";
import {
    AdmissionPoliciesArgs,
    DEFAULT_ALLOWED_REGISTRIES,
    DEFAULT_VALIDATION_ACTIONS,
    ValidationAction,
    validateAdmissionPoliciesArgs,
} from "./args";
import { admissionRules, bindingManifest, policyManifest } from "./manifests";

export * from "./args";
export * from "./cel";
export * from "./exposure";
export * from "./compute-storage";
export * from "./manifests";
export * from "./rbac-cel";
export * from "./security-profiles";

/** Admission rules and their bindings. Type token `baseline:admission:AdmissionPolicies`. */
export class AdmissionPolicies extends pulumi.ComponentResource {
    /** Names of the ValidatingAdmissionPolicies (the bindings carry the same names). */
    public readonly policyNames: string[];
    /** The actions every binding applies. */
    public readonly validationActions: ValidationAction[];

    constructor(name: string, args: AdmissionPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("AdmissionPolicies", validateAdmissionPoliciesArgs(args));
        super("baseline:admission:AdmissionPolicies", name, {}, opts);
        this.validationActions = [...(args.validationActions ?? DEFAULT_VALIDATION_ACTIONS)];
        const childOpts = { parent: this, provider: args.provider };
        const rules = admissionRules({
            allowedRegistries: args.allowedRegistries ?? DEFAULT_ALLOWED_REGISTRIES,
            requireDigest: args.requireDigest ?? false,
            allowedExposedNamespaces: args.allowedExposedNamespaces ?? [],
            breakGlassSubjects: args.breakGlassSubjects ?? [],
        });
        for (const rule of rules) {
            const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
                childName(name, rule.name),
                policyManifest(rule),
                childOpts,
            );
            new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
                childName(name, `${rule.name}-binding`),
                bindingManifest(rule, this.validationActions),
                { ...childOpts, dependsOn: [policy] },
            );
        }
        this.policyNames = rules.map((rule) => rule.name);
        this.registerOutputs({ policyNames: this.policyNames, validationActions: this.validationActions });
    }
}
