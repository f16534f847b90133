/**
 * The in-cluster layer: the Kubernetes provider that reaches the private endpoint, team
 * namespaces with Pod Security and default-deny, OIDC RBAC, the service mesh, secrets delivery
 * and the admission rules. Composed only when `baseline:deployPhase` is "full" (the second run
 * of a first deploy).
 */
import { AdmissionPolicies, ValidationAction, withBaselineRepositories } from "../components/admission";
import { ClusterAccess } from "../components/cluster-access";
import { ClusterCompute } from "../components/compute";
import { ServiceMesh } from "../components/mesh";
import { NamespaceBaseline } from "../components/namespaces";
import { OidcRbac } from "../components/rbac";
import { SecretsDelivery } from "../components/secrets";
import { AwsLayer } from "./aws-layer";
import { BaselineConfig } from "./config";

/**
 * Pod label the mesh's ALLOW policies select a target workload by: the mesh config names the
 * target's service account, and the baseline's workloads carry it as their app name.
 */
export const MESH_TARGET_LABEL = "app.kubernetes.io/name";

export interface ClusterLayer {
    access: ClusterAccess;
    namespaces: NamespaceBaseline;
    rbac: OidcRbac;
    mesh?: ServiceMesh;
    secrets?: SecretsDelivery;
    admission: AdmissionPolicies;
    /** Default StorageClass and, with autoMode or karpenter, the node classes and pools (NODE-5, SEC-8). */
    compute: ClusterCompute;
}

/**
 * Admission rollout per `baseline:admission.mode` (OPS-2): Kubernetes refuses Deny together with
 * Warn, so Deny keeps an audit trail through Audit instead.
 */
export const validationActionsByMode: Record<BaselineConfig["admission"]["mode"], ValidationAction[]> = {
    Warn: ["Warn", "Audit"],
    Audit: ["Audit"],
    Deny: ["Deny", "Audit"],
};

export function composeClusterLayer(config: BaselineConfig, aws: AwsLayer): ClusterLayer {
    const name = config.cluster.name;
    const access = new ClusterAccess(name, {
        clusterName: aws.cluster.clusterName,
        endpoint: aws.cluster.endpoint,
        certificateAuthorityData: aws.cluster.certificateAuthorityData,
        region: config.region,
        mode: config.clusterAccess.mode,
        localPort: config.clusterAccess.localPort,
    });
    // Nothing in the cluster can be created before the node groups and add-ons exist.
    const options = { dependsOn: [aws.cluster] };
    const { provider } = access;

    // NODE-5, SEC-8: the in-cluster half of the compute mode, and the encrypted default StorageClass.
    const compute = new ClusterCompute(name, { provider, cluster: aws.cluster }, options);
    // With autoMode or karpenter, pods only get nodes once the NodePools exist.
    const afterCompute = { dependsOn: [aws.cluster, compute] };

    const namespaces = new NamespaceBaseline(
        name,
        {
            provider,
            meshMode: config.mesh.mode,
            namespaces: config.namespaces.map((namespace) => ({
                name: namespace.name,
                team: namespace.team,
                quota: namespace.quota,
                mesh: config.mesh.enabled,
                serviceAccounts: serviceAccountsOf(config, namespace.name),
            })),
        },
        afterCompute,
    );

    const rbac = new OidcRbac(
        name,
        {
            provider,
            viewers: config.rbac.viewers,
            platformOperators: config.rbac.operators,
            developers: Object.entries(config.rbac.developers).flatMap(([namespace, groups]) =>
                groups.map((group) => ({ group, namespaces: [namespace] })),
            ),
            breakGlassGroup: config.rbac.breakGlassGroup,
            namespaces: namespaces.namespaces,
        },
        afterCompute,
    );

    const mesh = config.mesh.enabled
        ? new ServiceMesh(
              name,
              {
                  provider,
                  istioVersion: config.mesh.istioVersion,
                  mode: config.mesh.mode,
                  meshNamespaces: config.namespaces.map((namespace) => namespace.name),
                  authorizations: config.mesh.authorizations.map((authorization) => ({
                      from: authorization.from,
                      to: { namespace: authorization.to.namespace, selector: { [MESH_TARGET_LABEL]: authorization.to.serviceAccount } },
                      ports: authorization.ports.length > 0 ? authorization.ports : undefined,
                  })),
              },
              afterCompute,
          )
        : undefined;

    const secrets = config.secretsDelivery.enabled
        ? new SecretsDelivery(
              name,
              { provider, clusterName: aws.cluster.clusterName, region: config.region, teams: config.secretsDelivery.teams },
              { dependsOn: [aws.cluster, compute, namespaces] },
          )
        : undefined;

    // Admission rules go last, so the baseline's own releases are never judged half-installed.
    const admission = new AdmissionPolicies(
        name,
        {
            provider,
            validationActions: validationActionsByMode[config.admission.mode],
            // WL-10: the stack's registries (default: its own ECR) plus the baseline components' repositories by path.
            allowedRegistries: withBaselineRepositories(config.admission.allowedRegistries),
            allowedExposedNamespaces: config.admission.exposedNamespaces,
            breakGlassSubjects: [`Group:${config.rbac.breakGlassGroup}`],
        },
        { dependsOn: [aws.cluster, compute, namespaces, ...(mesh ? [mesh] : []), ...(secrets ? [secrets] : [])] },
    );

    return { access, namespaces, rbac, mesh, secrets, admission, compute };
}

/**
 * Service accounts a namespace needs: its default app account plus every account the mesh map
 * names in it, so mesh identities exist as real, token-less service accounts (IAM-8).
 */
function serviceAccountsOf(config: BaselineConfig, namespace: string): string[] {
    const named = config.mesh.authorizations
        .flatMap((authorization) => [authorization.from, authorization.to])
        .filter((workload) => workload.namespace === namespace)
        .map((workload) => workload.serviceAccount);
    return [...new Set([`${namespace}-app`, ...named])];
}
