/**
 * SecretsDelivery: application secrets are delivered late, from AWS Secrets Manager, as files
 * mounted into the pod, never baked into manifests, env literals or Kubernetes Secrets (SEC-4).
 *
 * Choice: the Secrets Store CSI driver with the AWS provider (ASCP), not External Secrets
 * Operator. ESO's model is to copy values into Kubernetes Secrets (etcd, readable by anyone with
 * `get secrets` in the namespace); the CSI driver mounts them into the pod's tmpfs only, fetched
 * with the pod's own Pod Identity (IAM-7) at mount time, and its secret syncing stays off.
 *
 * Both charts come pinned from their upstream repositories and run in the `secrets-store-csi`
 * system namespace (listed with its reason in SYSTEM_NAMESPACES: the node plugin is privileged).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PodIdentityRole } from "../identity";
import { assertNoProblems } from "../shared/errors";
import { POD_SECURITY_VERSION, SECRETS_STORE_NAMESPACE, podSecurityLabels, systemNamespace } from "../shared/kubernetes";
import { childName } from "../shared/naming";
import {
    AWS_PROVIDER_CHART_REPOSITORY,
    CSI_DRIVER_CHART_REPOSITORY,
    DEFAULT_AWS_PROVIDER_CHART_VERSION,
    DEFAULT_CSI_DRIVER_CHART_VERSION,
    SecretsDeliveryArgs,
    validateSecretsDeliveryArgs,
} from "./args";
import { driverValues, providerValues, secretProviderClass, teamSecretsPolicy } from "./manifests";

export * from "./args";
export * from "./manifests";

/** Secrets Store CSI driver, AWS provider and per-team access. Type token `baseline:secrets:SecretsDelivery`. */
export class SecretsDelivery extends pulumi.ComponentResource {
    public readonly namespace: string;
    public readonly driverRelease: k8s.helm.v3.Release;
    public readonly providerRelease: k8s.helm.v3.Release;
    /** Role ARN per `<namespace>/<serviceAccount>`. */
    public readonly teamRoleArns: Record<string, pulumi.Output<string>>;
    /** `<namespace>/<name>` of every SecretProviderClass. */
    public readonly secretProviderClasses: string[];

    constructor(name: string, args: SecretsDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoProblems("SecretsDelivery", validateSecretsDeliveryArgs(args));
        super("baseline:secrets:SecretsDelivery", name, {}, opts);
        const childOpts = { parent: this, provider: args.provider };
        this.namespace = SECRETS_STORE_NAMESPACE;

        const namespace = new k8s.core.v1.Namespace(
            childName(name, SECRETS_STORE_NAMESPACE),
            {
                metadata: {
                    name: SECRETS_STORE_NAMESPACE,
                    labels: podSecurityLabels(systemNamespace(SECRETS_STORE_NAMESPACE)!.enforce, POD_SECURITY_VERSION),
                },
            },
            childOpts,
        );
        this.driverRelease = new k8s.helm.v3.Release(
            childName(name, "csi-driver"),
            {
                name: "secrets-store-csi-driver",
                chart: "secrets-store-csi-driver",
                version: args.driverChartVersion ?? DEFAULT_CSI_DRIVER_CHART_VERSION,
                repositoryOpts: { repo: CSI_DRIVER_CHART_REPOSITORY },
                namespace: namespace.metadata.name,
                createNamespace: false,
                values: driverValues(),
                skipAwait: false,
            },
            childOpts,
        );
        this.providerRelease = new k8s.helm.v3.Release(
            childName(name, "aws-provider"),
            {
                name: "secrets-provider-aws",
                chart: "secrets-store-csi-driver-provider-aws",
                version: args.providerChartVersion ?? DEFAULT_AWS_PROVIDER_CHART_VERSION,
                repositoryOpts: { repo: AWS_PROVIDER_CHART_REPOSITORY },
                namespace: namespace.metadata.name,
                createNamespace: false,
                values: providerValues(),
                skipAwait: false,
            },
            { ...childOpts, dependsOn: [this.driverRelease] },
        );

        this.teamRoleArns = {};
        this.secretProviderClasses = [];
        for (const team of args.teams ?? []) {
            const key = `${team.namespace}-${team.serviceAccount}`;
            const role = new PodIdentityRole(
                childName(name, key),
                {
                    clusterName: args.clusterName,
                    namespace: team.namespace,
                    serviceAccount: team.serviceAccount,
                    policy: teamSecretsPolicy(team, args.region),
                    tags: args.tags,
                },
                { parent: this },
            );
            this.teamRoleArns[`${team.namespace}/${team.serviceAccount}`] = role.roleArn;
            const manifest = secretProviderClass(team, args.region);
            // The CRD comes with the driver chart.
            new k8s.apiextensions.CustomResource(childName(name, `${key}-spc`), manifest, {
                ...childOpts,
                dependsOn: [this.driverRelease, this.providerRelease],
            });
            this.secretProviderClasses.push(`${team.namespace}/${manifest.metadata.name}`);
        }

        this.registerOutputs({
            namespace: this.namespace,
            teamRoleArns: this.teamRoleArns,
            secretProviderClasses: this.secretProviderClasses,
        });
    }
}
