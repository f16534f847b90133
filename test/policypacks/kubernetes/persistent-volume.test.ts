/** WL-3 through claims: a hostPath PersistentVolume mounts the node's filesystem like a hostPath volume. */
import { describe, expect, it } from "vitest";
import { k8sPersistentVolumeNoHostPath } from "../../../policypacks/baseline/policies/kubernetes/k8s-persistent-volume-no-host-path";
import { runResourcePolicy } from "../../helpers/run-policy";
import { Json } from "./fixtures";

function volume(source: Json): Json {
    return {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name: "data" },
        spec: { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Retain", ...source },
    };
}

const run = (type: string, props: Json) => runResourcePolicy(k8sPersistentVolumeNoHostPath, { type, name: "fixture", props });
const message = (prefix: string, path: string) =>
    `persistent volume "data" (${prefix}spec.hostPath): mounts the node path ${JSON.stringify(path)} into every pod that claims it; ` +
    "use a CSI StorageClass (EBS, EFS) instead. [WL-3]";

describe("k8s-persistent-volume-no-host-path", () => {
    it.each(["kubernetes:core/v1:PersistentVolume", "kubernetes:core/v1:PersistentVolumePatch"])("flags a hostPath %s", async (type) => {
        expect((await run(type, volume({ hostPath: { path: "/var/lib/kubelet", type: "Directory" } }))).violations).toEqual([
            message("", "/var/lib/kubelet"),
        ]);
    });

    it("flags every hostPath item of a PersistentVolumeList", async () => {
        const props = {
            items: [volume({ csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-0abc" } }), volume({ hostPath: { path: "/" } })],
        };
        expect((await run("kubernetes:core/v1:PersistentVolumeList", props)).violations).toEqual([message("items[1].", "/")]);
    });

    it("accepts a CSI (EBS) volume, a local volume, and a patch that leaves the source alone", async () => {
        expect(
            (await run("kubernetes:core/v1:PersistentVolume", volume({ csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-0abc" } })))
                .violations,
        ).toEqual([]);
        const local = volume({
            local: { path: "/mnt/disks/nvme0" },
            nodeAffinity: {
                required: {
                    nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["ip-10-0-1-5"] }] }],
                },
            },
        });
        expect((await run("kubernetes:core/v1:PersistentVolume", local)).violations).toEqual([]);
        expect(
            (
                await run("kubernetes:core/v1:PersistentVolumePatch", {
                    metadata: { name: "data" },
                    spec: { persistentVolumeReclaimPolicy: "Retain" },
                })
            ).violations,
        ).toEqual([]);
    });
});
