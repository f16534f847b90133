/**
 * Pod specs everywhere (WL-13): the `*Patch` variant of every pod-bearing kind is judged like the
 * kind it patches, on the fields it sets. A patch that leaves a field out keeps the live value,
 * so absence is never a violation there (requests, runAsNonRoot, readOnlyRootFilesystem, seccomp,
 * drop ALL, serviceAccountName, automount); an insecure value it sets always is.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { resourceTypesOf } from "../../../policypacks/baseline/lib/policy";
import { kubernetesPolicies } from "../../../policypacks/baseline/policies/kubernetes";
import { runResourcePolicy } from "../../helpers/run-policy";
import { Json, WorkloadKind, workloadKinds } from "./fixtures";

const podPolicies = kubernetesPolicies.filter((policy) =>
    resourceTypesOf(policy).includes("kubernetes:core/v1:Pod"),
) as ResourceValidationPolicy[];
/** WL-10's registry allow-list has its own default and tests; the image here only has to be a plain patch. */
const judgedHere = podPolicies.filter((policy) => policy.name !== "k8s-pod-image-allowed");

/** The Patch variant of every pod-bearing kind the fixtures wrap. */
const patchKinds: WorkloadKind[] = workloadKinds.map((kind) => ({ ...kind, type: `${kind.type}Patch` }));

/** A patch that only changes the image: every security field is left to the live object. */
function imageOnly(): Json {
    return { containers: [{ name: "app", image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.3" }] };
}

async function violations(kind: WorkloadKind, spec: Json): Promise<string[]> {
    const result: string[] = [];
    for (const policy of judgedHere) {
        const outcome = await runResourcePolicy(policy, { type: kind.type, name: "web", props: kind.wrap(spec) });
        result.push(...outcome.violations.map((message) => `${policy.name}: ${message}`));
    }
    return result;
}

interface InsecureCase {
    title: string;
    change(spec: Json): void;
    /** `<policy>: <message>` with `@` standing for the pod spec's path. */
    expected: string[];
}

const container = 'container "app" (@.containers[0])';
const insecure: InsecureCase[] = [
    {
        title: "privileged: true",
        change: (spec) => (spec.containers[0].securityContext = { privileged: true }),
        expected: [`k8s-pod-no-privileged: ${container}: securityContext.privileged is true; set it to false. [WL-1]`],
    },
    {
        title: "allowPrivilegeEscalation: true",
        change: (spec) => (spec.containers[0].securityContext = { allowPrivilegeEscalation: true }),
        expected: [
            `k8s-pod-no-privilege-escalation: ${container}: securityContext.allowPrivilegeEscalation is true; set it to false. [WL-5]`,
        ],
    },
    {
        title: "readOnlyRootFilesystem: false",
        change: (spec) => (spec.containers[0].securityContext = { readOnlyRootFilesystem: false }),
        expected: [
            `k8s-pod-read-only-root-filesystem: ${container}: securityContext.readOnlyRootFilesystem is false; set it to true. [WL-8]`,
        ],
    },
    {
        title: "runAsUser: 0 on the pod",
        change: (spec) => (spec.securityContext = { runAsUser: 0 }),
        expected: ["k8s-pod-run-as-non-root: pod (@): securityContext.runAsUser is 0 (root); set a non-zero UID. [WL-4]"],
    },
    {
        title: "an added SYS_ADMIN capability",
        change: (spec) => (spec.containers[0].securityContext = { capabilities: { add: ["SYS_ADMIN"] } }),
        expected: [
            `k8s-pod-drop-all-capabilities: ${container}: securityContext.capabilities.add contains "SYS_ADMIN"; remove it (only NET_BIND_SERVICE may be added). [WL-6]`,
        ],
    },
    {
        title: "a hostPath volume",
        change: (spec) => (spec.volumes = [{ name: "host", hostPath: { path: "/" } }]),
        expected: [
            'k8s-pod-restricted-volumes: pod (@): volumes[0] "host" uses hostPath; hostPath exposes the node\'s filesystem; use a persistentVolumeClaim, emptyDir or csi volume instead. [WL-3]',
        ],
    },
    {
        title: "hostNetwork: true",
        change: (spec) => (spec.hostNetwork = true),
        expected: ["k8s-pod-no-host-access: pod (@): hostNetwork is true; remove it or set it to false. [WL-2]"],
    },
    {
        title: "an Unconfined seccomp profile",
        change: (spec) => (spec.securityContext = { seccompProfile: { type: "Unconfined" } }),
        expected: [
            'k8s-pod-seccomp-profile: pod (@): securityContext.seccompProfile.type is "Unconfined"; set it to RuntimeDefault or Localhost. [WL-7]',
        ],
    },
    {
        title: "the default service account",
        change: (spec) => (spec.serviceAccountName = "default"),
        expected: [
            'k8s-pod-service-account-token: pod (@): serviceAccountName is "default"; give the workload its own service account. [IAM-8]',
        ],
    },
];

describe.each(patchKinds.map((kind) => [kind.type, kind] as const))("%s", (_type, kind) => {
    it("does not flag the fields an image-only patch leaves to the live object", async () => {
        expect(await violations(kind, imageOnly())).toEqual([]);
    });

    it.each(insecure.map((testCase) => [testCase.title, testCase] as const))("flags %s it sets", async (_title, testCase) => {
        const spec = imageOnly();
        testCase.change(spec);
        expect(await violations(kind, spec)).toEqual(testCase.expected.map((message) => message.replace("@", kind.specPath)));
    });
});

describe("pod-bearing Patch kinds", () => {
    it("covers the Patch variant of every pod-bearing kind with every pod-spec policy", () => {
        for (const type of [
            "kubernetes:apps/v1:DeploymentPatch",
            "kubernetes:apps/v1:StatefulSetPatch",
            "kubernetes:apps/v1:DaemonSetPatch",
            "kubernetes:apps/v1:ReplicaSetPatch",
            "kubernetes:batch/v1:JobPatch",
            "kubernetes:batch/v1:CronJobPatch",
            "kubernetes:core/v1:PodPatch",
            "kubernetes:core/v1:ReplicationControllerPatch",
            "kubernetes:core/v1:PodTemplatePatch",
        ]) {
            expect({ type, missing: podPolicies.filter((policy) => !resourceTypesOf(policy).includes(type)).map((p) => p.name) }).toEqual({
                type,
                missing: [],
            });
        }
    });
});
