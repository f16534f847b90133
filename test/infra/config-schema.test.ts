import { describe, expect, it } from "vitest";
import { BaselineConfigError, parseBaselineConfig } from "../../infra/config";
import { minimalRaw, problemsOf, setting } from "./fixtures";

describe("parseBaselineConfig: types and formats", () => {
    it("accepts the minimal config and applies the secure defaults", () => {
        const config = parseBaselineConfig(minimalRaw("dev"), { stack: "dev", region: "eu-west-1" });
        expect(config.network).toEqual({
            cidr: "10.0.0.0/16",
            availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            egress: "none",
            flowLogRetentionDays: 365,
            subnets: {
                private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
                public: ["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"],
            },
        });
        expect(config.cluster.name).toBe("baseline-dev");
        expect(config.cluster.publicEndpoint).toBeUndefined();
        expect(config.cluster.deletionProtection).toBe(true);
        expect(config.cluster.nodeControlContainer).toBe(false);
        expect(config.cluster.upgradeSupportType).toBe("STANDARD");
        expect(config.cluster.minimumKubernetesVersion).toBe("1.32");
        expect(config.cluster.addons).toEqual({
            vpcCni: "v1.20.0-eksbuild.1",
            coredns: "v1.12.2-eksbuild.4",
            kubeProxy: "v1.33.0-eksbuild.2",
            podIdentityAgent: "v1.3.8-eksbuild.2",
            ebsCsiDriver: "v1.45.0-eksbuild.2",
        });
        expect(config.cluster.nodeGroups[0]?.diskSizeGiB).toBe(50);
        expect(config.identity.oidc).toEqual({
            issuerUrl: "https://idp.example.com/oauth2/default",
            clientId: "eks",
            usernameClaim: "email",
            groupsClaim: "groups",
        });
        expect(config.identity.irsa).toBe(false);
        expect(config.accessHost).toEqual({
            enabled: true,
            instanceType: "t3.micro",
            nightlyStop: null,
            sessionLogRetentionDays: 365,
            sessionLogsToS3: false,
        });
        expect(config.audit).toEqual({ archive: { enabled: true, objectLock: false } });
        expect(config.protection).toEqual({ protect: true, retainOnDelete: true });
        expect(config.clusterAccess).toEqual({ mode: "in-vpc" });
        expect(config.mesh).toEqual({ enabled: true, mode: "sidecar", istioVersion: "1.27.1", authorizations: [] });
        expect(config.secretsDelivery).toEqual({ enabled: true, teams: [] });
        expect(config.admission).toEqual({
            mode: "Deny",
            allowedRegistries: ["111122223333.dkr.ecr.eu-west-1.amazonaws.com"],
            exposedNamespaces: [],
        });
        expect(config.runtimeDetection).toBe("falco");
        expect(config.deployPhase).toBe("full");
        expect(config.optOuts).toEqual([]);
    });

    it("locks the audit archive by default in prod", () => {
        const config = parseBaselineConfig(minimalRaw("prod"), { stack: "prod", region: "eu-west-1" });
        expect(config.audit.archive).toEqual({ enabled: true, objectLock: true });
    });

    it("throws a BaselineConfigError whose message is its problems, one per line, without a stack trace", () => {
        const raw = minimalRaw("dev");
        delete raw.accountId;
        let caught: unknown;
        try {
            parseBaselineConfig(raw, { stack: "dev", region: "eu-west-1" });
        } catch (error) {
            caught = error;
        }
        expect(caught).toBeInstanceOf(BaselineConfigError);
        const error = caught as BaselineConfigError;
        expect(error.name).toBe("BaselineConfigError");
        expect(error.problems).toEqual(["baseline:accountId is missing; add it to stacks/Pulumi.dev.yaml."]);
        expect(error.message).toBe(error.problems.join("\n"));
        expect(error.stack).toBe("BaselineConfigError: baseline:accountId is missing; add it to stacks/Pulumi.dev.yaml.");
    });

    it("reports every problem at once, across keys", () => {
        const problems = problemsOf((raw) => {
            raw.bogus = true;
            raw.environment = "qa";
            raw.accountId = 111122223333;
            (raw.network as Record<string, unknown>).azCount = "3";
            (raw.cluster as Record<string, unknown>).kubernetesVersion = 1.3;
            delete raw.identity;
        });
        expect(problems).toEqual([
            "baseline:bogus is not a known setting; remove it or fix its spelling (known: environment, accountId, deployPhase, network, cluster, identity, accessHost, audit, protection, clusterAccess, namespaces, rbac, mesh, secretsDelivery, admission, runtimeDetection, policyPack, storage).",
            'baseline:environment is "qa"; use one of "dev", "staging", "prod".',
            "baseline:accountId must be a string, not 111122223333; quote the value in stacks/Pulumi.dev.yaml.",
            'baseline:network.azCount must be a number, not "3"; fix its value in stacks/Pulumi.dev.yaml.',
            "baseline:cluster.kubernetesVersion must be a string, not 1.3; quote the value in stacks/Pulumi.dev.yaml.",
            "baseline:identity is missing; add it to stacks/Pulumi.dev.yaml.",
        ]);
    });

    it.each([
        ["network.cidr", "10.0.0/16", 'baseline:network.cidr is "10.0.0/16", not an IPv4 CIDR; write a block such as 10.20.0.0/16.'],
        ["network.azCount", 7, "baseline:network.azCount is 7; use a whole number from 2 to 6."],
        ["network.azCount", 2.5, "baseline:network.azCount must be a whole number, not 2.5; fix its value in stacks/Pulumi.dev.yaml."],
        ["network.egress", "igw", 'baseline:network.egress is "igw"; use one of "none", "nat".'],
        [
            "network.flowLogRetentionDays",
            10,
            "baseline:network.flowLogRetentionDays is 10; use a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).",
        ],
        ["network.extra", 1, "baseline:network.extra is not a known setting; remove it or fix its spelling."],
        [
            "cluster.name",
            "-bad",
            "baseline:cluster.name is \"-bad\"; use 1-100 letters, digits, '-' and '_', starting with a letter or digit.",
        ],
        ["cluster.upgradeSupportType", "LTS", 'baseline:cluster.upgradeSupportType is "LTS"; use one of "STANDARD", "EXTENDED".'],
        [
            "cluster.deletionProtection",
            "true",
            'baseline:cluster.deletionProtection must be true or false, not "true"; fix its value in stacks/Pulumi.dev.yaml.',
        ],
        [
            "cluster.addons.vpcCni",
            "latest",
            'baseline:cluster.addons.vpcCni is "latest", not an exact EKS add-on version; pin one such as v1.20.0-eksbuild.1 (aws eks describe-addon-versions).',
        ],
        [
            "cluster.nodeGroups.0.instanceTypes",
            ["m7i large"],
            'baseline:cluster.nodeGroups[0].instanceTypes[0] is "m7i large", not an EC2 instance type; write one such as m7g.large.',
        ],
        ["cluster.nodeGroups.0.diskSizeGiB", 10, "baseline:cluster.nodeGroups[0].diskSizeGiB is 10; use a whole number from 20 to 16384."],
        [
            "cluster.publicEndpoint",
            { cidrs: ["203.0.113.0/24"], reason: " " },
            "baseline:cluster.publicEndpoint.reason is empty; say why this stack needs a public API endpoint.",
        ],
        [
            "identity.oidc.clientId",
            "",
            "baseline:identity.oidc.clientId is empty; set the client id registered for the cluster at your identity provider.",
        ],
        [
            "identity.platformAdminRoleArn",
            "platform-admin",
            'baseline:identity.platformAdminRoleArn is "platform-admin", not an IAM role ARN; write arn:aws:iam::<12-digit account>:role/<name>.',
        ],
        [
            "identity.breakGlassRoleTrustedPrincipals",
            ["*"],
            'baseline:identity.breakGlassRoleTrustedPrincipals[0] is "*", not an IAM principal ARN; write arn:aws:iam::<12-digit account>:role/<name> (or :user/<name>, :root), never a wildcard.',
        ],
        [
            "identity.breakGlassRoleTrustedPrincipals",
            [],
            "baseline:identity.breakGlassRoleTrustedPrincipals lists 0 item(s); list at least 1.",
        ],
        ["accountId", "1234", 'baseline:accountId is "1234", not a 12-digit AWS account id; write it in quotes, e.g. "111122223333".'],
        ["deployPhase", "k8s", 'baseline:deployPhase is "k8s"; use one of "aws", "full".'],
        [
            "accessHost.nightlyStop",
            "0 20 * * *",
            'baseline:accessHost.nightlyStop is "0 20 * * *", not an EventBridge Scheduler cron; write cron(minutes hours day-of-month month day-of-week year) with ? in one day field, e.g. cron(0 20 ? * MON-FRI *), or null.',
        ],
        [
            "accessHost.nightlyStop",
            "cron(0 20 * * * *)",
            'baseline:accessHost.nightlyStop is "cron(0 20 * * * *)", not an EventBridge Scheduler cron; write cron(minutes hours day-of-month month day-of-week year) with ? in one day field, e.g. cron(0 20 ? * MON-FRI *), or null.',
        ],
        [
            "accessHost.instanceType",
            "micro",
            'baseline:accessHost.instanceType is "micro", not an EC2 instance type; write one such as t3.micro.',
        ],
        [
            "audit.alarmEmail",
            "security",
            'baseline:audit.alarmEmail is "security", not an e-mail address; write one such as security@example.com.',
        ],
        ["clusterAccess.mode", "vpn", 'baseline:clusterAccess.mode is "vpn"; use one of "in-vpc", "ssm-tunnel".'],
        [
            "clusterAccess",
            { mode: "ssm-tunnel", localPort: 443 },
            "baseline:clusterAccess.localPort is 443; use a whole number from 1024 to 65535.",
        ],
        [
            "namespaces",
            [{ name: "Shop", team: "commerce" }],
            "baseline:namespaces[0].name is \"Shop\", not a DNS label; use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
        ],
        [
            "namespaces",
            [{ name: "shop", team: "commerce", quota: { cpu: "0" } }],
            'baseline:namespaces[0].quota.cpu is "0", not a CPU quantity; write cores such as "4" or millicores such as "500m".',
        ],
        [
            "namespaces",
            [{ name: "shop", team: "commerce", quota: { memory: "8GB" } }],
            'baseline:namespaces[0].quota.memory is "8GB", not a memory quantity; write one such as "8Gi" or "512Mi".',
        ],
        [
            "namespaces",
            [{ name: "shop", team: "commerce", quota: { cpu: true } }],
            'baseline:namespaces[0].quota.cpu is true; write a string such as "4" or a number.',
        ],
        ["mesh.mode", "sidecarless", 'baseline:mesh.mode is "sidecarless"; use one of "sidecar", "ambient".'],
        ["mesh.istioVersion", "1.27", 'baseline:mesh.istioVersion is "1.27", not an exact Istio release; pin one such as 1.27.1.'],
        ["admission.mode", "Enforce", 'baseline:admission.mode is "Enforce"; use one of "Warn", "Audit", "Deny".'],
        [
            "admission.allowedRegistries",
            ["https://ghcr.io"],
            'baseline:admission.allowedRegistries[0] is "https://ghcr.io", not a registry; write a host with an optional path, e.g. 111122223333.dkr.ecr.eu-west-1.amazonaws.com or public.ecr.aws/eks-distro, without scheme, wildcard or tag.',
        ],
        ["runtimeDetection", "sysdig", 'baseline:runtimeDetection is "sysdig"; use one of "falco", "guardduty", "none".'],
        [
            "protection",
            false,
            "baseline:protection must be a mapping of keys to values, not false; fix its value in stacks/Pulumi.dev.yaml.",
        ],
        [
            "rbac.viewers",
            "engineering",
            'baseline:rbac.viewers must be a list, not "engineering"; fix its value in stacks/Pulumi.dev.yaml.',
        ],
    ])("rejects %s = %j", (key, value, message) => {
        expect(problemsOf(setting(key, value))).toEqual([message]);
    });

    it("accepts CPU quantities written as YAML numbers", () => {
        const raw = { ...minimalRaw("dev"), namespaces: [{ name: "shop", team: "commerce", quota: { cpu: 4, memory: "8Gi", pods: 10 } }] };
        expect(parseBaselineConfig(raw, { stack: "dev", region: "eu-west-1" }).namespaces[0]?.quota).toEqual({
            cpu: "4",
            memory: "8Gi",
            pods: 10,
        });
    });
});
