import { Rule } from "./context";

/** Identity provider URL (IAM-3). */
export const identityRule: Rule = ({ parsed }) => {
    const identity = parsed.identity;
    if (!identity) {
        return [];
    }
    const issuer = identity.oidc.issuerUrl;
    let url: URL | undefined;
    try {
        url = new URL(issuer);
    } catch {
        url = undefined;
    }
    const problems: string[] = [];
    if (!url || url.protocol !== "https:" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
        problems.push(
            `baseline:identity.oidc.issuerUrl is "${issuer}"; use the https:// issuer URL of your identity provider, without query, fragment or credentials (IAM-3).`,
        );
    }
    // Creating RBAC and admission objects needs a cluster admin; without a deploy role only
    // break-glass could run the in-cluster layer (IAM-5).
    if ((parsed.deployPhase ?? "full") === "full" && identity.deployRoleArn === undefined) {
        problems.push(
            'baseline:identity.deployRoleArn is not set but baseline:deployPhase is "full"; set the IAM role that runs pulumi up (it gets the cluster-admin access entry the in-cluster layer needs), or deploy phase "aws" first.',
        );
    }
    if (identity.deployRoleArn !== undefined && identity.deployRoleArn === identity.platformAdminRoleArn) {
        problems.push(
            "baseline:identity.deployRoleArn is the platform admin role; give deployments their own role so humans never hold cluster-admin (IAM-5).",
        );
    }
    return problems;
};

/** How operators and the program reach the private API, and where session logs go (IAM-1, IAM-2). */
export const accessRule: Rule = ({ parsed }) => {
    const problems: string[] = [];
    const { accessHost, clusterAccess, audit } = parsed;
    if (clusterAccess && accessHost && clusterAccess.mode === "ssm-tunnel" && !accessHost.enabled) {
        problems.push(
            `baseline:clusterAccess.mode is "ssm-tunnel" but baseline:accessHost.enabled is false; enable the access host (the tunnel runs through it), or use mode "in-vpc".`,
        );
    }
    if (clusterAccess && clusterAccess.mode === "in-vpc" && clusterAccess.localPort !== undefined) {
        problems.push(
            `baseline:clusterAccess.localPort is set but baseline:clusterAccess.mode is "in-vpc"; remove localPort, or set mode to "ssm-tunnel".`,
        );
    }
    if (accessHost && !accessHost.enabled && accessHost.nightlyStop !== null) {
        problems.push(
            `baseline:accessHost.nightlyStop is set but baseline:accessHost.enabled is false; remove nightlyStop, or enable the access host.`,
        );
    }
    if (accessHost && audit && accessHost.enabled && accessHost.sessionLogsToS3 && !audit.archive.enabled) {
        problems.push(
            `baseline:accessHost.sessionLogsToS3 is true but baseline:audit.archive.enabled is false; enable the archive (session logs go to its bucket), or set sessionLogsToS3 to false.`,
        );
    }
    return problems;
};
