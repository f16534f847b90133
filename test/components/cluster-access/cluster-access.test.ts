import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
    ClusterAccess,
    KubeconfigInput,
    kubeconfigFor,
    renderKubeconfig,
    validateClusterAccessArgs,
} from "../../../components/cluster-access";
import { capture } from "../../helpers/capture";

const golden = (file: string) => readFileSync(path.join(__dirname, "golden", file), "utf8");
/** Captured inputs keep secrets wrapped as { <secret signature>, value }. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
function secretValue(input: unknown): unknown {
    expect(input).toMatchObject({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270" });
    return (input as { value: unknown }).value;
}

const endpoint = "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com";
const base: KubeconfigInput = {
    clusterName: "prod-eks",
    endpoint,
    certificateAuthorityData: "bW9jay1jYQ==",
    region: "eu-west-1",
    mode: "in-vpc",
    localPort: 8443,
};

describe("kubeconfigFor", () => {
    it("renders the in-VPC kubeconfig exactly as the golden file", () => {
        expect(renderKubeconfig(base)).toBe(golden("in-vpc.kubeconfig"));
    });

    it("renders the SSM tunnel kubeconfig exactly as the golden file", () => {
        const input: KubeconfigInput = {
            ...base,
            mode: "ssm-tunnel",
            localPort: 9443,
            roleArn: "arn:aws:iam::111122223333:role/platform-deployer",
            awsProfile: "platform",
        };
        expect(renderKubeconfig(input)).toBe(golden("ssm-tunnel.kubeconfig"));
    });

    it("keeps TLS verification on the real endpoint name when tunnelling", () => {
        const cluster = kubeconfigFor({ ...base, mode: "ssm-tunnel" }).clusters[0]!.cluster;
        expect(cluster.server).toBe("https://127.0.0.1:8443");
        expect(cluster["tls-server-name"]).toBe("0123456789abcdef0123456789abcdef.gr7.eu-west-1.eks.amazonaws.com");
        expect(cluster["certificate-authority-data"]).toBe("bW9jay1jYQ==");
        expect(Object.keys(cluster)).not.toContain("insecure-skip-tls-verify");
    });

    it("holds no static credential, only the aws eks get-token exec plugin", () => {
        const user = kubeconfigFor(base).users[0]!.user;
        expect(Object.keys(user)).toEqual(["exec"]);
        expect(user.exec.command).toBe("aws");
        expect(user.exec.apiVersion).toBe("client.authentication.k8s.io/v1beta1");
    });

    it("rejects an endpoint that is not an https URL", () => {
        expect(() => kubeconfigFor({ ...base, endpoint: "http://10.0.0.1" })).toThrow(
            'ClusterAccess: endpoint "http://10.0.0.1" is not an https URL without a path; pass the cluster\'s endpoint output.',
        );
    });
});

describe("validateClusterAccessArgs", () => {
    const args = { clusterName: "prod-eks", endpoint, certificateAuthorityData: "x", region: "eu-west-1" };

    it("accepts the defaults", () => {
        expect(validateClusterAccessArgs(args)).toEqual([]);
    });

    it("names a bad region, port and profile with the fix", () => {
        expect(
            validateClusterAccessArgs({ ...args, region: "Ireland", mode: "ssm-tunnel", localPort: 443, awsProfile: "my profile" }),
        ).toEqual([
            'ClusterAccessArgs.region "Ireland" is not an AWS region; pass the cluster\'s region, e.g. "eu-west-1".',
            "ClusterAccessArgs.localPort 443 is not an unprivileged port; use an integer from 1024 to 65535 (default 8443).",
            'ClusterAccessArgs.awsProfile "my profile" is not a valid AWS CLI profile name; use letters, digits and _ . + - only.',
        ]);
    });

    it("rejects a local port without the tunnel mode", () => {
        expect(validateClusterAccessArgs({ ...args, localPort: 9443 })).toEqual([
            'ClusterAccessArgs.localPort is set but mode is "in-vpc"; drop localPort, or set mode to "ssm-tunnel".',
        ]);
    });

    it("rejects an unknown mode", () => {
        expect(validateClusterAccessArgs({ ...args, mode: "public" as never })).toEqual([
            'ClusterAccessArgs.mode "public" is not supported; use "in-vpc" or "ssm-tunnel".',
        ]);
    });
});

describe("ClusterAccess", () => {
    it("builds a provider from the cluster outputs with a secret kubeconfig, server-side apply on and unreachable deletes off", async () => {
        const c = await capture(() => {
            new ClusterAccess("access", {
                clusterName: "prod-eks",
                endpoint,
                certificateAuthorityData: "bW9jay1jYQ==",
                region: "eu-west-1",
            });
        });
        const provider = c.one("pulumi:providers:kubernetes");
        expect(provider.name).toBe("access-provider");
        expect(provider.parent).toBe(c.one("baseline:cluster-access:ClusterAccess").urn);
        expect(provider.inputs.enableServerSideApply).toBe("true");
        expect(provider.inputs.deleteUnreachable).toBe("false");
        expect(provider.inputs.skipUpdateUnreachable).toBe("false");
        expect(secretValue(provider.inputs.kubeconfig)).toBe(golden("in-vpc.kubeconfig"));
    });

    it("points the provider at the local tunnel on port 8443 by default in ssm-tunnel mode", async () => {
        const c = await capture(() => {
            const access = new ClusterAccess("access", {
                clusterName: "prod-eks",
                endpoint,
                certificateAuthorityData: "bW9jay1jYQ==",
                region: "eu-west-1",
                mode: "ssm-tunnel",
            });
            return { server: access.server };
        });
        expect(c.outputs.server).toBe("https://127.0.0.1:8443");
        const kubeconfig = JSON.parse(String(secretValue(c.one("pulumi:providers:kubernetes").inputs.kubeconfig)));
        expect(kubeconfig.clusters[0].cluster["tls-server-name"]).toBe("0123456789abcdef0123456789abcdef.gr7.eu-west-1.eks.amazonaws.com");
    });

    it("fails before creating anything when the args are invalid", async () => {
        await expect(
            capture(() => {
                new ClusterAccess("access", { clusterName: "prod-eks", endpoint, certificateAuthorityData: "x", region: "nowhere" });
            }),
        ).rejects.toThrow(
            'ClusterAccess: ClusterAccessArgs.region "nowhere" is not an AWS region; pass the cluster\'s region, e.g. "eu-west-1".',
        );
    });
});
