import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertNoProblems } from "../shared/errors";
import { IamPolicyDocument, toJson } from "../shared/iam";
import { childName } from "../shared/naming";
import { baselineTags } from "../shared/tags";
import { PodIdentityRoleArgs, validatePodIdentityRoleArgs, wildcardStatements } from "./args";
import { podIdentityTrustPolicy } from "./policies";

/**
 * An IAM role for one Kubernetes service account, delivered through EKS Pod Identity (IAM-7):
 * the role, its permissions and the `PodIdentityAssociation`. Pods of that service account get
 * credentials from the Pod Identity agent; nothing uses the node role.
 *
 * ```ts
 * const reader = new PodIdentityRole("payments-secrets", {
 *     clusterName: cluster.clusterName, namespace: "payments", serviceAccount: "payments",
 *     policy: policyDocument({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArn }),
 * });
 * ```
 * Type token `baseline:identity:PodIdentityRole`.
 */
export class PodIdentityRole extends pulumi.ComponentResource {
    /** ARN of the role. */
    public readonly roleArn: pulumi.Output<string>;
    /** Name of the role. */
    public readonly roleName: pulumi.Output<string>;
    /** ARN of the Pod Identity association. */
    public readonly associationArn: pulumi.Output<string>;

    constructor(name: string, args: PodIdentityRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("PodIdentityRole", validatePodIdentityRoleArgs(args));
        super("baseline:identity:PodIdentityRole", name, {}, opts);

        const tags = (resourceName: string) => ({
            ...(args.tags ?? {}),
            ...baselineTags(resourceName),
        });
        const roleName = childName(name, "role");
        const role = new aws.iam.Role(
            roleName,
            {
                assumeRolePolicy: pulumi
                    .output(args.clusterName)
                    .apply((clusterName) => toJson(podIdentityTrustPolicy(clusterName, args.namespace, args.serviceAccount))),
                description: `Pod Identity role of ${args.namespace}/${args.serviceAccount}`,
                tags: tags(roleName),
            },
            { parent: this },
        );

        if (args.policy !== undefined) {
            new aws.iam.RolePolicy(
                childName(name, "policy"),
                {
                    role: role.name,
                    policy: pulumi.output(args.policy).apply((document) => {
                        const plain = document as IamPolicyDocument;
                        if (wildcardStatements(plain).length > 0) {
                            throw new pulumi.ResourceError(
                                "PodIdentityRoleArgs.policy allows * on *; list the actions and resources the workload needs (IAM-10).",
                                this,
                            );
                        }
                        return toJson(plain);
                    }),
                },
                { parent: this },
            );
        }
        (args.managedPolicyArns ?? []).forEach(
            (policyArn, index) =>
                new aws.iam.RolePolicyAttachment(childName(name, `managed-${index}`), { role: role.name, policyArn }, { parent: this }),
        );

        const associationName = childName(name, "association");
        const association = new aws.eks.PodIdentityAssociation(
            associationName,
            {
                clusterName: args.clusterName,
                namespace: args.namespace,
                serviceAccount: args.serviceAccount,
                roleArn: role.arn,
                // The trust policy matches on these session tags; without them no pod could assume the role.
                disableSessionTags: false,
                tags: tags(associationName),
            },
            { parent: this },
        );

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.associationArn = association.associationArn;
        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            associationArn: this.associationArn,
        });
    }
}
