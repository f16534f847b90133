import { describe, expect, it } from "vitest";
import { isAllowedRepository, parseImage } from "../../../policypacks/baseline/lib/k8s-image";
import { k8sPodDropAllCapabilities } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-drop-all-capabilities";
import { k8sPodImageAllowed } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-image-allowed";
import { k8sPodNoPrivilegeEscalation } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-no-privilege-escalation";
import { k8sPodNoPrivileged } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-no-privileged";
import { k8sPodResourcesSet } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-resources-set";
import { k8sPodRunAsNonRoot } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-run-as-non-root";
import { k8sPodSeccompProfile } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-seccomp-profile";
import { k8sPodServiceAccountToken } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-service-account-token";
import { UNKNOWN, runResourcePolicy } from "../../helpers/run-policy";
import { Json, changed, compliantPodSpec, deployment } from "./fixtures";

/** The stack identity every stack's pack config gives k8s-pod-image-allowed (WL-10). */
const stack = { accountId: "123456789012", region: "eu-west-1" };
const run = (policy: Parameters<typeof runResourcePolicy>[0], spec: Json, config: object = {}, type = deployment.type) =>
    runResourcePolicy(policy, { type, name: "web", props: deployment.wrap(spec) }, config);

describe("container securityContext overrides the pod's", () => {
    it("accepts runAsNonRoot set only on every container", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            delete copy.securityContext.runAsNonRoot;
            for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
                copy[list][0].securityContext.runAsNonRoot = true;
            }
        });
        expect((await run(k8sPodRunAsNonRoot, spec)).violations).toEqual([]);
    });

    // PSS Restricted "Running as Non-root": the pod-level field allows only true; the container
    // fields may be unset only where the pod sets true. An explicit pod-level false is forbidden
    // even when every container overrides it (pod-security-admission rejects such a pod).
    it("reports the pod's runAsNonRoot false even when every container overrides it with true", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            copy.securityContext.runAsNonRoot = false;
            for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
                copy[list][0].securityContext.runAsNonRoot = true;
            }
        });
        expect((await run(k8sPodRunAsNonRoot, spec)).violations).toEqual([
            "pod (spec.template.spec): securityContext.runAsNonRoot is false; set it to true (the Pod Security Standards forbid " +
                "false on the pod even where every container sets true). [WL-4]",
        ]);
    });

    it("flags only the container that does not set runAsNonRoot when the pod does not either", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            delete copy.securityContext.runAsNonRoot;
            copy.containers[0].securityContext.runAsNonRoot = true;
            copy.initContainers[0].securityContext.runAsNonRoot = true;
        });
        expect((await run(k8sPodRunAsNonRoot, spec)).violations).toEqual([
            'container "debugger" (spec.template.spec.ephemeralContainers[0]): runAsNonRoot is not set on the container or the pod (the image may run as root); set securityContext.runAsNonRoot to true. [WL-4]',
        ]);
    });

    it("accepts seccomp set on every container and not on the pod", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            delete copy.securityContext.seccompProfile;
            for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
                copy[list][0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/web.json" };
            }
        });
        expect((await run(k8sPodSeccompProfile, spec)).violations).toEqual([]);
    });

    it("does not count a runtime/default seccomp annotation as a profile (ignored since Kubernetes 1.27)", async () => {
        const props = deployment.wrap(
            changed(compliantPodSpec(), (copy) => {
                delete copy.securityContext.seccompProfile;
                delete copy.initContainers;
                delete copy.ephemeralContainers;
            }),
            { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "runtime/default" } },
        );
        const outcome = await runResourcePolicy(k8sPodSeccompProfile, { type: deployment.type, props });
        expect(outcome.violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): seccompProfile is not set on the container or the pod (runs Unconfined); set securityContext.seccompProfile.type to RuntimeDefault. [WL-7]',
        ]);
    });
});

describe("Windows pods", () => {
    it("are exempt from allowPrivilegeEscalation, capabilities and seccomp, as in the Pod Security Standards", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            copy.os = { name: "windows" };
            delete copy.securityContext.seccompProfile;
            delete copy.containers[0].securityContext;
        });
        expect((await run(k8sPodNoPrivilegeEscalation, spec)).violations).toEqual([]);
        expect((await run(k8sPodDropAllCapabilities, spec)).violations).toEqual([]);
        expect((await run(k8sPodSeccompProfile, spec)).violations).toEqual([]);
    });

    it("still may not run privileged containers", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            copy.os = { name: "windows" };
            copy.containers[0].securityContext.privileged = true;
        });
        expect((await run(k8sPodNoPrivileged, spec)).violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): securityContext.privileged is true; set it to false. [WL-1]',
        ]);
    });
});

describe("missing properties", () => {
    it("treats a container without securityContext as running with every default", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            delete copy.containers[0].securityContext;
            delete copy.initContainers;
            delete copy.ephemeralContainers;
        });
        expect((await run(k8sPodNoPrivilegeEscalation, spec)).violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): securityContext.allowPrivilegeEscalation is not set (defaults to true); set it to false. [WL-5]',
        ]);
        expect((await run(k8sPodDropAllCapabilities, spec)).violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): securityContext.capabilities.drop does not include "ALL"; add "ALL" to it. [WL-6]',
        ]);
    });

    it("accepts a memory limit in place of the memory request (the request defaults to the limit)", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            copy.containers[0].resources = { requests: { cpu: "100m" }, limits: { memory: "256Mi" } };
        });
        expect((await run(k8sPodResourcesSet, spec)).violations).toEqual([]);
    });

    it("flags a container without any resources once per missing field", async () => {
        const spec = changed(compliantPodSpec(), (copy) => delete copy.containers[0].resources);
        const at = 'container "app" (spec.template.spec.containers[0])';
        expect((await run(k8sPodResourcesSet, spec)).violations).toEqual([
            `${at}: resources.requests.cpu is not set; set CPU and memory requests and a memory limit. [WL-9]`,
            `${at}: resources.requests.memory is not set; set CPU and memory requests and a memory limit. [WL-9]`,
            `${at}: resources.limits.memory is not set; set CPU and memory requests and a memory limit. [WL-9]`,
        ]);
    });

    it("does not ask ephemeral containers for resources, which Kubernetes forbids on them", async () => {
        const spec = changed(compliantPodSpec(), (copy) => delete copy.ephemeralContainers[0].resources);
        expect((await run(k8sPodResourcesSet, spec)).violations).toEqual([]);
    });
});

describe("List and Patch resources", () => {
    it("judges every item of a DeploymentList with its own path", async () => {
        const privileged = changed(compliantPodSpec(), (copy) => (copy.containers[0].securityContext.privileged = true));
        const props = { items: [deployment.wrap(compliantPodSpec()), deployment.wrap(privileged)] };
        const outcome = await runResourcePolicy(k8sPodNoPrivileged, { type: "kubernetes:apps/v1:DeploymentList", props });
        expect(outcome.violations).toEqual([
            'container "app" (items[1].spec.template.spec.containers[0]): securityContext.privileged is true; set it to false. [WL-1]',
        ]);
    });

    it("flags an insecure value a DeploymentPatch sets", async () => {
        const props = {
            metadata: { name: "coredns", namespace: "kube-system" },
            spec: { template: { spec: { containers: [{ name: "coredns", securityContext: { privileged: true } }] } } },
        };
        const outcome = await runResourcePolicy(k8sPodNoPrivileged, { type: "kubernetes:apps/v1:DeploymentPatch", props });
        expect(outcome.violations).toEqual([
            'container "coredns" (spec.template.spec.containers[0]): securityContext.privileged is true; set it to false. [WL-1]',
        ]);
    });

    it("does not read a field a DeploymentPatch leaves out as the Kubernetes default", async () => {
        const props = {
            metadata: { name: "coredns", namespace: "kube-system" },
            spec: { template: { spec: { containers: [{ name: "coredns", image: "registry.k8s.io/coredns/coredns:v1.11.3" }] } } },
        };
        for (const policy of [
            k8sPodRunAsNonRoot,
            k8sPodNoPrivilegeEscalation,
            k8sPodSeccompProfile,
            k8sPodResourcesSet,
            k8sPodServiceAccountToken,
        ]) {
            const outcome = await runResourcePolicy(policy, { type: "kubernetes:apps/v1:DeploymentPatch", props });
            expect(outcome.violations).toEqual([]);
        }
    });
});

describe("unknown values during preview", () => {
    const unknownPrivileged = changed(compliantPodSpec(), (copy) => (copy.containers[0].securityContext.privileged = UNKNOWN));

    it("follows the SDK by default: the policy cannot run, and reports nothing", async () => {
        const outcome = await run(k8sPodNoPrivileged, unknownPrivileged);
        expect(outcome.violations).toEqual([]);
        expect(outcome.cannotRunDuringPreview).toBe(
            "string value at .spec.template.spec.containers.0.securityContext.privileged can't be known during preview",
        );
    });

    it('turns an unknown security context into a violation with unknowns: "fail"', async () => {
        const outcome = await run(k8sPodNoPrivileged, unknownPrivileged, { unknowns: "fail" });
        expect(outcome.violations).toEqual([
            'string value at .spec.template.spec.containers.0.securityContext.privileged can\'t be known during preview; the control cannot be verified during preview (unknowns: "fail") [WL-1]',
        ]);
    });

    it("still judges a container whose name is unknown, naming it by index", async () => {
        const spec = changed(compliantPodSpec(), (copy) => {
            copy.containers[0].name = UNKNOWN;
            copy.containers[0].securityContext.privileged = true;
        });
        const outcome = await run(k8sPodNoPrivileged, spec, { unknowns: "fail" });
        expect(outcome.violations).toEqual([
            'container "#0" (spec.template.spec.containers[0]): securityContext.privileged is true; set it to false. [WL-1]',
        ]);
    });

    it("does not need the namespace, often another resource's output, for pod-spec rules", async () => {
        const props = deployment.wrap(compliantPodSpec(), undefined, UNKNOWN);
        const outcome = await runResourcePolicy(k8sPodRunAsNonRoot, { type: deployment.type, props });
        expect(outcome).toEqual({ violations: [] });
    });

    it("flags the insecure value once it is known", async () => {
        const known = changed(unknownPrivileged, (copy) => (copy.containers[0].securityContext.privileged = true));
        expect((await run(k8sPodNoPrivileged, known)).violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): securityContext.privileged is true; set it to false. [WL-1]',
        ]);
    });
});

describe("exemptions by namespace", () => {
    const privileged = changed(compliantPodSpec(), (copy) => (copy.containers[0].securityContext.privileged = true));

    it("exempts a workload in an exempted namespace until the expiry date", async () => {
        const config = { exemptions: [{ namespace: "apps", reason: "CNI agent needs host access", expires: "2999-12-31" }] };
        expect((await run(k8sPodNoPrivileged, privileged, config)).violations).toEqual([]);
    });

    it("reports again, naming the exemption, after it expires", async () => {
        const config = { exemptions: [{ namespace: "apps", reason: "CNI agent needs host access", expires: "2001-01-31" }] };
        expect((await run(k8sPodNoPrivileged, privileged, config)).violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): securityContext.privileged is true; set it to false. [WL-1] (exemption "CNI agent needs host access" expired on 2001-01-31; renew it in the pack config or fix the resource)',
        ]);
    });

    it("ignores an exemption for another namespace", async () => {
        const config = { exemptions: [{ namespace: "kube-system", reason: "system", expires: "2999-12-31" }] };
        expect((await run(k8sPodNoPrivileged, privileged, config)).violations).toHaveLength(1);
    });

    it("lets allowedTokenNamespaces mount tokens", async () => {
        const spec = changed(compliantPodSpec(), (copy) => (copy.automountServiceAccountToken = true));
        expect((await run(k8sPodServiceAccountToken, spec, { allowedTokenNamespaces: ["apps"] })).violations).toEqual([]);
    });
});

describe("image references", () => {
    it.each([
        ["nginx", "docker.io/library/nginx", undefined, undefined],
        ["nginx:1.27", "docker.io/library/nginx", "1.27", undefined],
        ["istio/proxyv2:1.24.2", "docker.io/istio/proxyv2", "1.24.2", undefined],
        ["localhost:5000/app:1", "localhost:5000/app", "1", undefined],
        ["registry.k8s.io/pause@sha256:" + "a".repeat(64), "registry.k8s.io/pause", undefined, "sha256:" + "a".repeat(64)],
        ["index.docker.io/istio/pilot:1.0.0", "docker.io/istio/pilot", "1.0.0", undefined],
    ])("parses %s", (image, repository, tag, digest) => {
        expect(parseImage(image)).toMatchObject({ repository, tag, digest });
    });

    it("matches allow-listed registries on whole segments, with * inside one segment", () => {
        expect(isAllowedRepository("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web", ["*.dkr.ecr.*.amazonaws.com"])).toBe(true);
        expect(isAllowedRepository("docker.io/istio/proxyv2", ["docker.io/istio/"])).toBe(true);
        expect(isAllowedRepository("docker.io/istio-evil/proxyv2", ["docker.io/istio"])).toBe(false);
        expect(isAllowedRepository("public.ecr.aws.evil.com/x", ["public.ecr.aws"])).toBe(false);
        expect(isAllowedRepository("evil.com/123.dkr.ecr.x.amazonaws.com/web", ["*.dkr.ecr.*.amazonaws.com"])).toBe(false);
    });

    it("requires a digest when requireDigest is true, and accepts a digest without a tag", async () => {
        const digest = "sha256:" + "b".repeat(64);
        const pinned = changed(compliantPodSpec(), (copy) => {
            copy.containers[0].image = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/web@${digest}`;
            copy.initContainers[0].image = `public.ecr.aws/aws-secrets-manager/secrets-store-csi-driver-provider-aws:2.0.1@${digest}`;
            copy.ephemeralContainers[0].image = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/busybox:latest@${digest}`;
        });
        expect((await run(k8sPodImageAllowed, pinned, { requireDigest: true, ...stack })).violations).toEqual([]);
        expect((await run(k8sPodImageAllowed, compliantPodSpec(), { requireDigest: true, ...stack })).violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2" is not pinned by digest; reference it as <repository>@sha256:<digest> (requireDigest). [WL-10]',
            'container "migrate" (spec.template.spec.initContainers[0]): image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/migrate:2.0.1" is not pinned by digest; reference it as <repository>@sha256:<digest> (requireDigest). [WL-10]',
            'container "debugger" (spec.template.spec.ephemeralContainers[0]): image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/busybox:1.36.1-1" is not pinned by digest; reference it as <repository>@sha256:<digest> (requireDigest). [WL-10]',
        ]);
    });

    it("uses the configured allowedRegistries instead of the defaults", async () => {
        const spec = changed(compliantPodSpec(), (copy) => (copy.containers[0].image = "quay.io/acme/web:1.4.2"));
        expect((await run(k8sPodImageAllowed, spec, { ...stack, allowedRegistries: ["quay.io/acme"] })).violations).toEqual([]);
        expect((await run(k8sPodImageAllowed, spec, stack)).violations).toEqual([
            'container "app" (spec.template.spec.containers[0]): image "quay.io/acme/web:1.4.2" is from quay.io/acme/web, which is not an allow-listed registry; mirror it to 123456789012.dkr.ecr.eu-west-1.amazonaws.com (the stack\'s own ECR) or list its repository in allowedRegistries. [WL-10]',
        ]);
    });

    it("allows only the stack's own account and region by default, never another account's or region's ECR (WL-10)", async () => {
        const withApp = (image: string) => changed(compliantPodSpec(), (copy) => (copy.containers[0].image = image));
        const notListed = (image: string, repository: string, fix: string) =>
            `container "app" (spec.template.spec.containers[0]): image "${image}" is from ${repository}, which is not an allow-listed registry; ${fix} [WL-10]`;
        const toOwn =
            "mirror it to 123456789012.dkr.ecr.eu-west-1.amazonaws.com (the stack's own ECR) or list its repository in allowedRegistries.";
        expect((await run(k8sPodImageAllowed, compliantPodSpec(), stack)).violations).toEqual([]);
        for (const image of [
            "210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2",
            "public.ecr.aws/someone/web:1.4.2",
            "docker.io/istio/examples-bookinfo-ratings-v1:1.20.2",
        ]) {
            expect((await run(k8sPodImageAllowed, withApp(image), stack)).violations, image).toEqual([
                notListed(image, parseImage(image).repository, toOwn),
            ]);
        }
        // Without the stack's account and region, not even its own ECR passes: the default names no account.
        const unconfigured = (await run(k8sPodImageAllowed, compliantPodSpec())).violations;
        expect(unconfigured).toHaveLength(3);
        expect(unconfigured[0]).toBe(
            notListed(
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web",
                "mirror it to the stack's own ECR (set accountId and region) or list its repository in allowedRegistries.",
            ),
        );
        // The baseline components' own images pass by default.
        for (const image of [
            "docker.io/istio/proxyv2:1.27.2",
            "falcosecurity/falco:0.41.3",
            "registry.k8s.io/sig-storage/livenessprobe:v2.14.0",
        ]) {
            expect((await run(k8sPodImageAllowed, withApp(image), stack)).violations, image).toEqual([]);
        }
    });
});
