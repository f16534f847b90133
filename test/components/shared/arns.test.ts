import { describe, expect, it } from "vitest";
import { eksClusterArn, kmsKeyResource, logGroupArn } from "../../../components/shared/arns";

const scope = { partition: "aws", region: "eu-west-1", accountId: "111122223333" };

describe("ARN builders", () => {
    it("writes the cluster and log group ARNs from their names", () => {
        expect(eksClusterArn(scope, "prod")).toBe("arn:aws:eks:eu-west-1:111122223333:cluster/prod");
        expect(logGroupArn({ ...scope, partition: "aws-us-gov" }, "/aws/eks/prod/cluster")).toBe(
            "arn:aws-us-gov:logs:eu-west-1:111122223333:log-group:/aws/eks/prod/cluster",
        );
    });

    it("names a KMS key by its ARN as it is", () => {
        expect(kmsKeyResource("arn:aws:kms:eu-west-1:111122223333:key/1234")).toEqual({
            Resource: "arn:aws:kms:eu-west-1:111122223333:key/1234",
        });
    });

    it("names a KMS key by alias through kms:ResourceAliases, never an alias ARN in Resource", () => {
        expect(kmsKeyResource({ alias: "alias/prod-logs", scope })).toEqual({
            Resource: "arn:aws:kms:eu-west-1:111122223333:key/*",
            Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/prod-logs" } },
        });
    });
});
