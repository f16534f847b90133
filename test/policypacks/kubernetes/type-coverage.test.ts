/**
 * Type coverage (WL-13, IAM-5, NET-8, WL-12, SEC-5, IAM-4): walks the installed @pulumi/kubernetes
 * and derives, from its own type declarations, every resource type that can carry a pod spec
 * (its Args reach core.v1.PodSpec through any chain of input types), every RBAC role and binding
 * type, and the Service, Namespace, ConfigMap and ServiceAccount types. A provider upgrade that
 * adds such a type without a policy fails here.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { resourceTypesOf } from "../../../policypacks/baseline/lib/policy";
import { kubernetesPolicies } from "../../../policypacks/baseline/policies/kubernetes";

const packageRoot = path.dirname(require.resolve("@pulumi/kubernetes/package.json"));

function filesUnder(folder: string): string[] {
    return readdirSync(folder).flatMap((entry) => {
        const full = path.join(folder, entry);
        if (statSync(full).isDirectory()) {
            return entry === "node_modules" ? [] : filesUnder(full);
        }
        return [full];
    });
}

/** `inputs.<ns>.<version>.<Name>` references per input interface of types/input.d.ts. */
function inputTypeGraph(): Map<string, Set<string>> {
    const graph = new Map<string, Set<string>>();
    const namespaces: { indent: number; name: string }[] = [];
    let current: { indent: number; name: string } | undefined;
    for (const line of readFileSync(path.join(packageRoot, "types", "input.d.ts"), "utf8").split("\n")) {
        const indent = line.length - line.trimStart().length;
        const namespace = /^\s*(?:export )?(?:declare )?namespace (\w+) \{/.exec(line);
        const declared = /^\s*(?:export )?interface (\w+)/.exec(line);
        if (namespace) {
            namespaces.push({ indent, name: namespace[1] });
        } else if (declared && current === undefined) {
            current = { indent, name: [...namespaces.map((entry) => entry.name), declared[1]].join(".") };
            graph.set(current.name, new Set());
        } else if (/^\s*\}\s*$/.test(line)) {
            if (current !== undefined && indent === current.indent) {
                current = undefined;
            } else if (namespaces.length > 0 && indent === namespaces[namespaces.length - 1].indent) {
                namespaces.pop();
            }
        } else if (current !== undefined) {
            for (const match of line.matchAll(/inputs\.([\w.]+)/g)) {
                graph.get(current.name)!.add(match[1]);
            }
        }
    }
    return graph;
}

/** Input types that reach a pod spec. */
function podCarryingInputs(graph: Map<string, Set<string>>): Set<string> {
    const carrying = new Set(["core.v1.PodSpec", "core.v1.PodSpecPatch"]);
    let grew = true;
    while (grew) {
        grew = false;
        for (const [name, references] of graph) {
            if (!carrying.has(name) && [...references].some((reference) => carrying.has(reference))) {
                carrying.add(name);
                grew = true;
            }
        }
    }
    return carrying;
}

/** Every resource class: its type token and the input types its Args reference. */
function resourceClasses(): { token: string; references: string[] }[] {
    return filesUnder(packageRoot)
        .filter((file) => file.endsWith(".js"))
        .flatMap((file) => {
            const token = /static __pulumiType = '([^']+)'/.exec(readFileSync(file, "utf8"))?.[1];
            const declarations = file.replace(/\.js$/, ".d.ts");
            if (token === undefined) {
                return [];
            }
            let text = "";
            try {
                text = readFileSync(declarations, "utf8");
            } catch {
                return [{ token, references: [] }];
            }
            const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? "";
            return [{ token, references: [...args.matchAll(/inputs\.([\w.]+)/g)].map((match) => match[1]) }];
        });
}

const classes = resourceClasses();
const carrying = podCarryingInputs(inputTypeGraph());
const podBearing = classes.filter((entry) => entry.references.some((reference) => carrying.has(reference))).map((entry) => entry.token);
const rbac = classes
    .map((entry) => entry.token)
    .filter((token) => /^kubernetes:rbac\.authorization\.k8s\.io\/[^:]+:(Cluster)?Role(Binding)?(List|Patch)?$/.test(token));
const core = classes
    .map((entry) => entry.token)
    .filter((token) => /^kubernetes:core\/v1:(Service|Namespace|ConfigMap|ServiceAccount)(List|Patch)?$/.test(token));
const ingresses = classes.map((entry) => entry.token).filter((token) => /^kubernetes:[^:]+:Ingress(List|Patch)?$/.test(token));
const persistentVolumes = classes
    .map((entry) => entry.token)
    .filter((token) => /^kubernetes:core\/v1:PersistentVolume(List|Patch)?$/.test(token));
const helm = classes.map((entry) => entry.token).filter((token) => token.startsWith("kubernetes:helm.sh/"));
const storageClasses = classes
    .map((entry) => entry.token)
    .filter((token) => /^kubernetes:storage\.k8s\.io\/[^:]+:StorageClass(List|Patch)?$/.test(token));

/**
 * Custom resources have no class in @pulumi/kubernetes: `apiextensions.CustomResource` registers
 * them as `kubernetes:<apiVersion>:<kind>`, so every served version a policy judges is listed
 * here by hand (with List and Patch variants). NodePools (karpenter.sh v1, v1beta1) are judged
 * through the stack policy k8s-node-pool-hardened-node-class.
 */
const customResourceKinds: { group: string; versions: string[]; kind: string }[] = [
    { group: "security.istio.io", versions: ["v1", "v1beta1"], kind: "PeerAuthentication" },
    { group: "security.istio.io", versions: ["v1", "v1beta1"], kind: "AuthorizationPolicy" },
    { group: "karpenter.k8s.aws", versions: ["v1", "v1beta1"], kind: "EC2NodeClass" },
    { group: "eks.amazonaws.com", versions: ["v1"], kind: "NodeClass" },
    { group: "gateway.networking.k8s.io", versions: ["v1", "v1beta1"], kind: "Gateway" },
    { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"], kind: "Gateway" },
    { group: "elbv2.k8s.aws", versions: ["v1beta1"], kind: "IngressClassParams" },
    { group: "gateway.k8s.aws", versions: ["v1beta1"], kind: "LoadBalancerConfiguration" },
];
const customResourceTokens = customResourceKinds.flatMap(({ group, versions, kind }) =>
    versions.flatMap((version) => ["", "List", "Patch"].map((suffix) => `kubernetes:${group}/${version}:${kind}${suffix}`)),
);
const covered = new Set(kubernetesPolicies.flatMap((policy) => [...resourceTypesOf(policy)]));

describe("Kubernetes type coverage", () => {
    it("finds the pod-bearing types of every version in @pulumi/kubernetes", () => {
        for (const token of [
            "kubernetes:core/v1:Pod",
            "kubernetes:apps/v1:Deployment",
            "kubernetes:batch/v1:CronJob",
            "kubernetes:batch/v2alpha1:CronJob",
            "kubernetes:extensions/v1beta1:DaemonSet",
            "kubernetes:core/v1:PodTemplate",
            "kubernetes:apps/v1:DeploymentPatch",
            "kubernetes:apps/v1:DeploymentList",
            // Issue 13: a patch of any pod-bearing kind can set an insecure field on a live object.
            "kubernetes:apps/v1:StatefulSetPatch",
            "kubernetes:apps/v1:DaemonSetPatch",
            "kubernetes:apps/v1:ReplicaSetPatch",
            "kubernetes:batch/v1:JobPatch",
            "kubernetes:batch/v1:CronJobPatch",
            "kubernetes:core/v1:PodPatch",
            "kubernetes:core/v1:ReplicationControllerPatch",
            "kubernetes:core/v1:PodTemplatePatch",
        ]) {
            expect(podBearing).toContain(token);
        }
        expect(podBearing.length).toBeGreaterThanOrEqual(60);
        expect(rbac.length).toBe(36);
        expect(core.length).toBe(12);
    });

    it("has a policy for every pod-bearing type (WL-13)", () => {
        expect(podBearing.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("judges every pod-bearing type with each pod-spec policy", () => {
        const podPolicies = kubernetesPolicies.filter((policy) => resourceTypesOf(policy).includes("kubernetes:core/v1:Pod"));
        expect(podPolicies.length).toBe(17);
        for (const policy of podPolicies) {
            expect({ policy: policy.name, missing: podBearing.filter((token) => !resourceTypesOf(policy).includes(token)) }).toEqual({
                policy: policy.name,
                missing: [],
            });
        }
    });

    it("has a policy for every RBAC role and binding type (IAM-5)", () => {
        expect(rbac.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("has a policy for every RBAC Patch type and every PersistentVolume type (IAM-5, WL-3)", () => {
        expect(rbac.filter((token) => token.endsWith("Patch"))).toEqual(
            expect.arrayContaining([
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBindingPatch",
                "kubernetes:rbac.authorization.k8s.io/v1:RoleBindingPatch",
                "kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch",
                "kubernetes:rbac.authorization.k8s.io/v1:RolePatch",
            ]),
        );
        const patchPolicy = kubernetesPolicies.find((policy) => policy.name === "k8s-rbac-patch-no-builtin")!;
        expect(rbac.filter((token) => token.endsWith("Patch") && !resourceTypesOf(patchPolicy).includes(token))).toEqual([]);
        expect(persistentVolumes).toEqual([
            "kubernetes:core/v1:PersistentVolume",
            "kubernetes:core/v1:PersistentVolumeList",
            "kubernetes:core/v1:PersistentVolumePatch",
        ]);
        expect(persistentVolumes.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("has a policy for every Service, Namespace, ConfigMap and ServiceAccount type", () => {
        expect(core.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("has a policy for every Helm release and chart type (MESH-1)", () => {
        expect(helm).toEqual(expect.arrayContaining(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]));
        expect(helm.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("has a policy for every Ingress type, deprecated versions included (NET-11)", () => {
        expect(ingresses).toEqual(
            expect.arrayContaining(["kubernetes:extensions/v1beta1:Ingress", "kubernetes:networking.k8s.io/v1beta1:IngressPatch"]),
        );
        expect(ingresses.length).toBe(9);
        expect(ingresses.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("judges the exposure custom resources: Gateway API and Istio Gateways, IngressClassParams, LoadBalancerConfiguration (NET-11, NET-8)", () => {
        const tokens = [
            "kubernetes:gateway.networking.k8s.io/v1:Gateway",
            "kubernetes:gateway.networking.k8s.io/v1beta1:Gateway",
            "kubernetes:networking.istio.io/v1:Gateway",
            "kubernetes:networking.istio.io/v1beta1:Gateway",
            "kubernetes:networking.istio.io/v1alpha3:Gateway",
            "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
            "kubernetes:gateway.k8s.aws/v1beta1:LoadBalancerConfiguration",
        ];
        expect(tokens.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("has a policy for every StorageClass type (SEC-8)", () => {
        expect(storageClasses.length).toBe(6);
        expect(storageClasses.filter((token) => !covered.has(token))).toEqual([]);
    });

    it("judges every custom resource kind in every served apiVersion, with List and Patch variants (NODE-5, MESH-2, NET-11)", () => {
        expect(customResourceTokens.length).toBe(42);
        expect(customResourceTokens.filter((token) => !covered.has(token))).toEqual([]);
        // Custom resources are never installed classes: a token here that the provider ships would belong above.
        expect(customResourceTokens.filter((token) => classes.some((entry) => entry.token === token))).toEqual([]);
    });
});
