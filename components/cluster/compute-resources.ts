/**
 * The AWS resources of the Auto Mode and Karpenter compute modes (NODE-5), created as children
 * of PrivateCluster. The in-cluster objects (NodeClass, NodePools, the Karpenter release) are
 * created by components/compute in the second deploy phase.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityTrustPolicy } from "../identity/policies";
import { iamRoleArn } from "../identity/policies";
import { managedPolicyArn } from "../shared/arns";
import { IamStatement, toJson } from "../shared/iam";
import { autoModeNodeAccessEntry, autoModeNodeManagedPolicies, autoNodeAccessPolicyArn } from "./auto-mode";
import { nodeTrustPolicy } from "./policies";
import {
    interruptionQueuePolicy,
    interruptionQueueRetentionSeconds,
    interruptionRules,
    karpenterControllerPolicy,
    karpenterNodeAccessEntryType,
    karpenterNodeManagedPolicies,
    karpenterServiceAccount,
} from "./karpenter";

/** What both builders need from the component. */
export interface ComputeContext {
    parent: pulumi.Resource;
    child: (part: string) => string;
    tags: (resourceName: string) => Record<string, string>;
    cluster: aws.eks.Cluster;
    clusterName: string;
    partition: string;
}

function nodeRole(context: ComputeContext, part: string, roleName: string | undefined, description: string, policies: readonly string[]) {
    const resourceName = context.child(part);
    const role = new aws.iam.Role(
        resourceName,
        { name: roleName, assumeRolePolicy: toJson(nodeTrustPolicy()), description, tags: context.tags(resourceName) },
        { parent: context.parent },
    );
    const attachments = policies.map(
        (policy) =>
            new aws.iam.RolePolicyAttachment(
                context.child(`${part}-${policy}`),
                { role: role.name, policyArn: managedPolicyArn(policy, context.partition) },
                { parent: context.parent },
            ),
    );
    return { role, attachments };
}

/**
 * Auto Mode: the node role (minimal worker + ECR pull-only) and its `EC2` access entry with
 * `AmazonEKSAutoNodePolicy`, which the baseline's NodeClass names.
 */
export function autoModeNodeResources(context: ComputeContext) {
    const { role, attachments } = nodeRole(
        context,
        "auto-node-role",
        undefined,
        `EKS Auto Mode nodes of ${context.clusterName}`,
        autoModeNodeManagedPolicies,
    );
    const entryName = context.child("auto-node-access");
    const entry = new aws.eks.AccessEntry(
        entryName,
        { clusterName: context.cluster.name, principalArn: role.arn, type: autoModeNodeAccessEntry.type, tags: context.tags(entryName) },
        { parent: context.parent },
    );
    const association = new aws.eks.AccessPolicyAssociation(
        context.child("auto-node-access-policy"),
        {
            clusterName: context.cluster.name,
            principalArn: role.arn,
            policyArn: autoNodeAccessPolicyArn(context.partition),
            accessScope: { type: "cluster" },
        },
        { parent: context.parent, dependsOn: [entry] },
    );
    return { role, dependsOn: [...attachments, entry, association] };
}

/** Karpenter's AWS side, needing the account scope the policy names ARNs in. */
export interface KarpenterAwsArgs {
    accountId: string;
    region: string;
    /** EBS key statements for the controller (encrypted node volumes through CreateFleet). */
    ebsKeyStatements: pulumi.Input<IamStatement[]>;
}

/**
 * Karpenter: the node role (explicit name, so PassRole names it before it exists) and its
 * `EC2_LINUX` access entry, the encrypted interruption queue with its policy and the four
 * EventBridge rules, and the controller role bound to `kube-system/karpenter` through EKS Pod
 * Identity with the tag-scoped policy.
 */
export function karpenterAwsResources(context: ComputeContext, args: KarpenterAwsArgs) {
    const scope = { partition: context.partition, region: args.region, accountId: args.accountId };
    // IAM role names are at most 64 characters; cluster names up to 100, so the suffix is short.
    const nodeRoleName = `${context.clusterName.slice(0, 48)}-karpenter-node`;
    const { role, attachments } = nodeRole(
        context,
        "karpenter-node-role",
        nodeRoleName,
        `Karpenter nodes of ${context.clusterName}`,
        karpenterNodeManagedPolicies,
    );
    const entryName = context.child("karpenter-node-access");
    const entry = new aws.eks.AccessEntry(
        entryName,
        { clusterName: context.cluster.name, principalArn: role.arn, type: karpenterNodeAccessEntryType, tags: context.tags(entryName) },
        { parent: context.parent },
    );

    const queueName = context.clusterName.slice(0, 80);
    const queueArn = `arn:${scope.partition}:sqs:${scope.region}:${scope.accountId}:${queueName}`;
    const queueResourceName = context.child("karpenter-interruptions");
    const queue = new aws.sqs.Queue(
        queueResourceName,
        {
            name: queueName,
            messageRetentionSeconds: interruptionQueueRetentionSeconds,
            sqsManagedSseEnabled: true,
            tags: context.tags(queueResourceName),
        },
        { parent: context.parent },
    );
    const queuePolicy = new aws.sqs.QueuePolicy(
        context.child("karpenter-interruptions-policy"),
        { queueUrl: queue.url, policy: toJson(interruptionQueuePolicy(queueArn)) },
        { parent: context.parent },
    );
    const rules = interruptionRules.map((rule) => {
        const ruleName = context.child(`karpenter-${rule.key}`);
        const eventRule = new aws.cloudwatch.EventRule(
            ruleName,
            {
                description: `${rule.description} to Karpenter of ${context.clusterName}`,
                eventPattern: JSON.stringify(rule.eventPattern),
                tags: context.tags(ruleName),
            },
            { parent: context.parent },
        );
        return new aws.cloudwatch.EventTarget(
            context.child(`karpenter-${rule.key}-target`),
            { rule: eventRule.name, targetId: "KarpenterInterruptionQueueTarget", arn: queue.arn },
            { parent: context.parent, dependsOn: [queuePolicy] },
        );
    });

    const controllerRoleName = context.child("karpenter-controller-role");
    const controllerRole = new aws.iam.Role(
        controllerRoleName,
        {
            assumeRolePolicy: toJson(
                podIdentityTrustPolicy(context.clusterName, karpenterServiceAccount.namespace, karpenterServiceAccount.name),
            ),
            description: `Karpenter controller of ${context.clusterName} through EKS Pod Identity`,
            tags: context.tags(controllerRoleName),
        },
        { parent: context.parent },
    );
    const controllerPolicy = new aws.iam.RolePolicy(
        context.child("karpenter-controller-policy"),
        {
            role: controllerRole.name,
            policy: pulumi.output(args.ebsKeyStatements).apply((ebsKeyStatements) =>
                toJson(
                    karpenterControllerPolicy({
                        ...scope,
                        clusterName: context.clusterName,
                        nodeRoleArn: iamRoleArn(scope.partition, scope.accountId, nodeRoleName),
                        queueArn,
                        ebsKeyStatements: ebsKeyStatements as IamStatement[],
                    }),
                ),
            ),
        },
        { parent: context.parent },
    );
    const association = new aws.eks.PodIdentityAssociation(
        context.child("karpenter-pod-identity"),
        {
            clusterName: context.cluster.name,
            namespace: karpenterServiceAccount.namespace,
            serviceAccount: karpenterServiceAccount.name,
            roleArn: controllerRole.arn,
            tags: context.tags(context.child("karpenter-pod-identity")),
        },
        { parent: context.parent },
    );
    return {
        nodeRole: role,
        nodeRoleName,
        queueName,
        dependsOn: [...attachments, entry, queuePolicy, ...rules, controllerPolicy, association],
    };
}
