import { describe, expect, it } from "vitest";
import { durationSeconds } from "../../tools/plan/capture";
import { runProgramUnderMocks } from "../../tools/plan/run-program";
import { fixtureProgram } from "../fixtures/plan/program";

const stackUrn = "urn:pulumi:dev::eks-baseline::pulumi:pulumi:Stack::eks-baseline-dev";
const urn = (qualifiedType: string, name: string) => `urn:pulumi:dev::eks-baseline::${qualifiedType}::${name}`;

describe("capture under the mock runtime", () => {
    it("keeps engine-form URNs, parents, protect, retainOnDelete, dependencies and inputs of nested components", async () => {
        const run = await runProgramUnderMocks(fixtureProgram, {
            project: "eks-baseline",
            stack: "dev",
            config: { "fixture:acl": "public-read" },
        });
        expect(run.stackUrn).toBe(stackUrn);
        expect(run.resources.map((resource) => resource.urn)).toEqual([
            urn("test:index:Store", "data"),
            urn("pulumi:providers:test", "explicit"),
            urn("test:index:Store$test:index:Inner", "data-inner"),
            urn("test:index:Store$test:index:Key", "data-key"),
            urn("test:index:Store$test:index:Inner$test:index:Leaf", "data-inner-leaf"),
            urn("test:index:Store$test:index:Bucket", "data-bucket"),
            urn("test:index:Leaf", "standalone"),
        ]);
        const byName = new Map(run.resources.map((resource) => [resource.name, resource]));
        const key = byName.get("data-key")!;
        const bucket = byName.get("data-bucket")!;
        const leaf = byName.get("data-inner-leaf")!;
        const standalone = byName.get("standalone")!;
        expect(byName.get("data")!.parent).toBe(stackUrn);
        expect(byName.get("data")!.custom).toBe(false);
        expect(leaf.parent).toBe(urn("test:index:Store$test:index:Inner", "data-inner"));
        expect(key.protect).toBe(true);
        expect(bucket.protect).toBe(false);
        expect(bucket.retainOnDelete).toBe(true);
        expect(key.retainOnDelete).toBe(false);
        expect([...bucket.dependencies].sort()).toEqual(
            [
                urn("test:index:Store$test:index:Inner$test:index:Leaf", "data-inner-leaf"),
                urn("test:index:Store$test:index:Key", "data-key"),
            ].sort(),
        );
        expect(bucket.propertyDependencies.kmsKeyId).toEqual([urn("test:index:Store$test:index:Key", "data-key")]);
        expect(bucket.customTimeouts).toEqual({ create: 300, update: 0, delete: 0 });
        expect(bucket.inputs.acl).toBe("public-read");
        expect(bucket.inputs.kmsKeyId).toBe("data-key-id");
        expect(bucket.wireInputs.secretToken).toEqual({
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: "s3cr3t",
        });
        expect(key.wireInputs.__internalNote).toBe("dropped");
        expect(standalone.provider).toBe(`${urn("pulumi:providers:test", "explicit")}::explicit-provider-id`);
        expect(byName.get("data")!.wireOutputs).toEqual({ bucketName: "data-bucket" });
        expect(run.outputs.bucketId).toBe("data-bucket-id");
    });

    it("converts custom timeouts to seconds as the engine does", () => {
        expect(durationSeconds("1h30m")).toBe(5400);
        expect(durationSeconds("90s")).toBe(90);
        expect(durationSeconds("")).toBe(0);
        expect(durationSeconds("soon")).toBe(0);
    });
});
