/**
 * The bootstrap program: stack config in, one StateBackend out. Its outputs are what every other
 * stack needs before it exists: `pulumi login <loginUrl>` and
 * `pulumi stack init <env> --secrets-provider <secretsProvider>`.
 */
import * as pulumi from "@pulumi/pulumi";
import { StateBackend } from "./state-backend";

/** Config namespace of the bootstrap project (Pulumi.yaml `name`). */
export const bootstrapProject = "eks-baseline-bootstrap";

/** Reads the stack config, creates the state backend, and returns the stack outputs. */
export function bootstrapProgram(): Record<string, unknown> {
    const config = new pulumi.Config(bootstrapProject);
    const region = new pulumi.Config("aws").require("region");
    const backend = new StateBackend("pulumi", {
        accountId: config.require("accountId"),
        region,
        bucketName: config.get("bucketName"),
        accessRoleArns: config.getObject<string[]>("accessRoleArns") ?? [],
        tags: { "baseline:stack": pulumi.getStack() },
    });
    return {
        loginUrl: backend.loginUrl,
        secretsProvider: backend.secretsProvider,
        bucketName: backend.bucketName,
        logBucketName: backend.logBucketName,
        stateKeyArn: backend.stateKeyArn,
        secretsKeyArn: backend.secretsKeyArn,
    };
}
