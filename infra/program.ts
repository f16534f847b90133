/**
 * The baseline program: typed stack config in, components composed, stack outputs out.
 * infra/index.ts only exports what this returns.
 */
import { composeAwsLayer } from "./aws-layer";
import { composeClusterLayer } from "./cluster-layer";
import { BaselineConfig, loadBaselineConfig } from "./config";
import { composeRuntimeDetection } from "./runtime-layer";

/** Stack outputs every stack has, whatever the components add. */
function configOutputs(config: BaselineConfig): Record<string, unknown> {
    return {
        environment: config.environment,
        region: config.region,
        deployPhase: config.deployPhase,
        clusterName: config.cluster.name,
        kubernetesVersion: config.cluster.kubernetesVersion,
        availabilityZones: config.network.availabilityZones,
        // A plain array, so `pulumi stack output optOuts` and the offline plan list every weakened control.
        optOuts: config.optOuts.map((optOut) => ({ ...optOut, weakens: [...optOut.weakens] })),
    };
}

/**
 * Loads and validates the stack config (an invalid config stops here with every problem listed,
 * before any resource exists), composes the components, and returns the stack outputs.
 */
export function baselineProgram(): Record<string, unknown> {
    const config = loadBaselineConfig();
    const outputs = configOutputs(config);

    const aws = composeAwsLayer(config);
    // Two-phase first deploy: the cluster must exist before a provider can reach it.
    const cluster = config.deployPhase === "full" ? composeClusterLayer(config, aws) : undefined;
    const runtime = composeRuntimeDetection(config, aws, cluster?.access.provider);

    return {
        ...outputs,
        clusterEndpoint: aws.cluster.endpoint,
        clusterArn: aws.cluster.clusterArn,
        vpcId: aws.network.vpcId,
        breakGlassRoleArn: aws.identity.breakGlassRoleArn,
        alarmTopicArn: aws.audit.alarmTopicArn,
        accessHostInstanceId: aws.accessHost.instanceId,
        portForwardCommand: aws.accessHost.portForwardCommand,
        kubeconfig: cluster?.access.kubeconfig,
        runtimeDetection: runtime?.detector ?? "none",
    };
}
