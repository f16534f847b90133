/**
 * Runtime threat detection on every node (LOG-5), per `baseline:runtimeDetection`. GuardDuty lives
 * in AWS and is composed with the AWS layer; Falco runs in the cluster, so it needs the
 * in-cluster layer's provider and waits for the second phase of a first deploy.
 */
import * as k8s from "@pulumi/kubernetes";
import { RuntimeDetection } from "../components/runtime";
import { AwsLayer } from "./aws-layer";
import { BaselineConfig } from "./config";

export function composeRuntimeDetection(config: BaselineConfig, aws: AwsLayer, provider?: k8s.Provider): RuntimeDetection | undefined {
    const name = config.cluster.name;
    const base = { clusterName: aws.cluster.clusterName, alarmTopicArn: aws.audit.alarmTopicArn };
    switch (config.runtimeDetection) {
        case "guardduty":
            return new RuntimeDetection(name, { ...base, detector: "guardduty" }, { dependsOn: [aws.cluster] });
        case "falco":
            return provider
                ? new RuntimeDetection(
                      name,
                      {
                          ...base,
                          detector: "falco",
                          falco: { provider, region: config.region, output: { cloudWatchLogs: { kmsKeyArn: aws.keys.logsKeyArn } } },
                      },
                      { dependsOn: [aws.cluster] },
                  )
                : undefined;
        case "none":
            // The config lists this under opt-outs and refuses it for prod.
            return undefined;
    }
}
