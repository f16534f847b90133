/**
 * Third-party corpus: every resource of corpus.ts goes through every policy of the pack, with the
 * pack's default config (plus the stack's account and region, which every stack's pack config
 * carries for WL-10), and exactly the named policies must fire (none for a secure resource).
 */
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { baselinePolicies } from "../../../policypacks/baseline/policies";
import { FixtureResource, runResourcePolicy, runStackPolicy } from "../../helpers/run-policy";
import { isSecretName } from "../../../policypacks/baseline/lib/k8s-secrets";
import { CorpusEntry, awsCorpus, kubernetesCorpus } from "./corpus";

const resourcePolicies = baselinePolicies.filter((policy): policy is ResourceValidationPolicy => "validateResource" in policy);

/** The names of the policies that report on the resource, with their messages for diagnosis. */
async function firing(resource: FixtureResource): Promise<{ names: string[]; messages: string[] }> {
    const names: string[] = [];
    const messages: string[] = [];
    for (const policy of resourcePolicies) {
        const config = policy.name === "k8s-pod-image-allowed" ? { accountId: "123456789012", region: "eu-west-1" } : {};
        const outcome = await runResourcePolicy(policy, resource, config);
        expect(outcome.cannotRunDuringPreview, `${policy.name} could not judge a fully known resource`).toBeUndefined();
        if (outcome.violations.length > 0) {
            names.push(policy.name);
            messages.push(...outcome.violations.map((message) => `${policy.name}: ${message}`));
        }
    }
    return { names, messages };
}

function suite(title: string, corpus: CorpusEntry[]) {
    describe(title, () => {
        it.each(corpus.map((entry) => [entry.name, entry] as const))("%s", async (_name, entry) => {
            const { names, messages } = await firing(entry.resource);
            expect({ fires: [...names].sort(), messages }).toMatchObject({ fires: [...entry.fires].sort() });
        });
    });
}

suite("third-party Kubernetes corpus", kubernetesCorpus);
suite("third-party AWS corpus", awsCorpus);

describe("corpus size", () => {
    it("holds secure and insecure resources of both providers", () => {
        const all = [...kubernetesCorpus, ...awsCorpus];
        expect(all.filter((entry) => entry.fires.length === 0).length).toBeGreaterThanOrEqual(30);
        expect(all.filter((entry) => entry.fires.length > 0).length).toBeGreaterThanOrEqual(50);
    });
});

describe("secret-looking names (SEC-5 heuristics)", () => {
    it("treats names that end in a credential noun as secrets", () => {
        for (const name of [
            "DB_PASSWORD",
            "JWT_SECRET",
            "apiKey",
            "AWS_SECRET_ACCESS_KEY",
            "SECRET_KEY_BASE",
            "GITHUB_TOKEN",
            "client_secret",
            "credentials",
            "ADMIN_PASSWD",
            "dbpassword",
        ]) {
            expect(isSecretName(name), name).toBe(true);
        }
    });

    it("does not treat settings about secrets, or words that merely start like one, as secrets", () => {
        for (const name of [
            "SECRETS_BACKEND",
            "PASSWORD_HASH_ALGORITHM",
            "TOKENIZER",
            "SECRETS_STORE_PROVIDER",
            "PASSWORD_POLICY",
            "TOKEN_ENDPOINT",
            "DB_PASSWORD_FILE",
            "secretsmanagerEndpoint",
        ]) {
            expect(isSecretName(name), name).toBe(false);
        }
    });
});

describe("third-party team program as one plan (stack policies)", () => {
    const stackPolicies = baselinePolicies.filter((policy): policy is StackValidationPolicy => "validateStack" in policy);
    const shop = kubernetesCorpus.find((entry) => entry.name === "Namespace enforcing restricted")!.resource;
    const denyAll = kubernetesCorpus.find((entry) => entry.name === "default-deny NetworkPolicy")!.resource;
    const strict = kubernetesCorpus.find((entry) => entry.name === "PeerAuthentication STRICT")!.resource;
    const allowOne = kubernetesCorpus.find((entry) => entry.name === "AuthorizationPolicy allowing one caller")!.resource;
    const web = kubernetesCorpus.find((entry) => entry.name.startsWith("restricted Deployment"))!.resource;

    async function stackFiring(resources: FixtureResource[]): Promise<string[]> {
        const names: string[] = [];
        for (const policy of stackPolicies) {
            const outcome = await runStackPolicy(policy, resources);
            expect(outcome.cannotRunDuringPreview).toBeUndefined();
            if (outcome.violations.length > 0) {
                names.push(policy.name);
            }
        }
        return names.sort();
    }

    it("does not hold a program that only uses a mesh to the mesh-wide policies", async () => {
        // NET-6 (issue 7): NetworkPolicies are trusted only with a vpc-cni add-on enforcing them in
        // the same plan; a Kubernetes-only program therefore still gets eks-vpc-cni-network-policy.
        expect(await stackFiring([shop, { ...denyAll, name: "shop-deny" }, web, strict, allowOne])).toEqual(["eks-vpc-cni-network-policy"]);
    });

    it("requires default-deny NetworkPolicies for a namespace the program declares", async () => {
        expect(await stackFiring([shop, web])).toEqual(["k8s-namespace-default-deny"]);
    });

    it("holds a program that installs istiod to the mesh-wide STRICT and allow-nothing policies", async () => {
        const istiod: FixtureResource = {
            type: "kubernetes:helm.sh/v3:Release",
            name: "istiod",
            props: {
                name: "istiod",
                chart: "istiod",
                version: "1.27.1",
                namespace: "istio-system",
                repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
            },
        };
        expect(await stackFiring([istiod, strict])).toEqual(["mesh-authorization-default-deny", "mesh-peer-authentication-strict"]);
    });
});
