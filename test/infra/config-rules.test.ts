import { describe, expect, it } from "vitest";
import { parseBaselineConfig } from "../../infra/config";
import { minimalRaw, problemsOf, set, setting, withNamespaces } from "./fixtures";

describe("parseBaselineConfig: deploy identity", () => {
    it("requires a deploy role for the in-cluster layer and keeps it apart from the platform admins (IAM-5)", () => {
        expect(problemsOf((raw) => delete (raw.identity as Record<string, unknown>).deployRoleArn)).toEqual([
            'baseline:identity.deployRoleArn is not set but baseline:deployPhase is "full"; set the IAM role that runs pulumi up (it gets the cluster-admin access entry the in-cluster layer needs), or deploy phase "aws" first.',
        ]);
        expect(
            problemsOf((raw) => {
                delete (raw.identity as Record<string, unknown>).deployRoleArn;
                raw.deployPhase = "aws";
            }),
        ).toEqual([]);
        expect(problemsOf(setting("identity.deployRoleArn", "arn:aws:iam::111122223333:role/platform-admin"))).toEqual([
            "baseline:identity.deployRoleArn is the platform admin role; give deployments their own role so humans never hold cluster-admin (IAM-5).",
        ]);
    });
});

describe("parseBaselineConfig: stack and region", () => {
    it("requires aws:region", () => {
        expect(problemsOf(() => undefined, { region: undefined })).toEqual([
            "aws:region is not set; add it to stacks/Pulumi.dev.yaml, e.g. aws:region: eu-west-1.",
        ]);
    });

    it("rejects a malformed aws:region", () => {
        expect(problemsOf(() => undefined, { region: "europe" })).toEqual([
            'aws:region is "europe", not an AWS region; write one such as eu-west-1.',
        ]);
    });

    it("requires the environment to match the stack name family (OPS-1)", () => {
        expect(problemsOf(() => undefined, { environment: "prod", stack: "dev" })).toEqual([
            'baseline:environment is "prod" but the stack is "dev"; name the stack "prod" or "prod-<suffix>", or set the environment its name says.',
        ]);
        expect(problemsOf(() => undefined, { environment: "dev", stack: "devops" })).toEqual([
            'baseline:environment is "dev" but the stack is "devops"; name the stack "dev" or "dev-<suffix>", or set the environment its name says.',
        ]);
        expect(problemsOf(() => undefined, { environment: "dev", stack: "dev-alice" })).toEqual([]);
    });
});

describe("parseBaselineConfig: network", () => {
    it.each([
        [
            "10.0.0.0/24",
            "baseline:network.cidr 10.0.0.0/24 is a /24; use a /16 to /20 block (every pod takes a VPC address with the VPC CNI).",
        ],
        [
            "10.0.0.0/12",
            "baseline:network.cidr 10.0.0.0/12 is a /12; use a /16 to /20 block (every pod takes a VPC address with the VPC CNI).",
        ],
        ["10.0.1.0/16", "baseline:network.cidr 10.0.1.0/16 is not a network address; write 10.0.0.0/16."],
        [
            "8.8.0.0/16",
            "baseline:network.cidr 8.8.0.0/16 is not a private range; use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10.",
        ],
    ])("rejects the VPC block %s", (cidr, message) => {
        expect(problemsOf(setting("network.cidr", cidr))).toEqual([message]);
    });

    it("allows 2 zones in dev but needs 3 in staging and prod", () => {
        expect(problemsOf(setting("network.azCount", 2), { environment: "dev" })).toEqual([]);
        expect(problemsOf(setting("network.azCount", 2), { environment: "staging" })).toEqual([
            "baseline:network.azCount gives 2 zones; staging needs at least 3 so nodes and endpoints survive the loss of a zone.",
        ]);
        expect(problemsOf(setting("network.availabilityZones", ["eu-west-1a", "eu-west-1b"]), { environment: "prod" })).toEqual([
            "baseline:network.availabilityZones gives 2 zones; prod needs at least 3 so nodes and endpoints survive the loss of a zone.",
        ]);
    });

    it("checks explicit zone names against the region and the count", () => {
        expect(
            problemsOf((raw) => {
                set(raw, "network.azCount", 3);
                set(raw, "network.availabilityZones", ["eu-west-1a", "us-east-1b", "eu-west-1a", "eu-west-1c"]);
            }),
        ).toEqual([
            "baseline:network.azCount is 3 but baseline:network.availabilityZones lists 4; remove azCount or make them agree.",
            'baseline:network.availabilityZones[1] is "us-east-1b", not a zone of aws:region eu-west-1; list zones such as eu-west-1a.',
            'baseline:network.availabilityZones[2] repeats "eu-west-1a"; list each zone once.',
        ]);
        expect(problemsOf(setting("network.availabilityZones", ["eu-west-1a"]))).toEqual([
            "baseline:network.availabilityZones lists 1 zone(s); list 2 to 6.",
        ]);
    });

    it("uses explicit zone names as given", () => {
        const raw = minimalRaw("dev");
        set(raw, "network.availabilityZones", ["eu-west-1b", "eu-west-1c"]);
        const config = parseBaselineConfig(raw, { stack: "dev", region: "eu-west-1" });
        expect(config.network.availabilityZones).toEqual(["eu-west-1b", "eu-west-1c"]);
        expect(config.network.subnets.private).toEqual(["10.0.0.0/18", "10.0.64.0/18"]);
    });

    it("refuses natGateways without NAT egress", () => {
        expect(problemsOf(setting("network.natGateways", "perAz"))).toEqual([
            'baseline:network.natGateways is set but baseline:network.egress is "none"; remove natGateways, or set egress to "nat".',
        ]);
    });

    it("needs one NAT gateway per zone in prod", () => {
        const singleNat = (raw: Record<string, unknown>) => {
            set(raw, "network.egress", "nat");
            set(raw, "network.natGateways", "single");
        };
        expect(problemsOf(singleNat, { environment: "dev" })).toEqual([]);
        expect(problemsOf(singleNat, { environment: "prod" })).toEqual([
            'baseline:network.natGateways is "single" for environment prod; use "perAz" so egress survives the loss of a zone.',
        ]);
    });

    it("defaults NAT egress to one gateway per zone", () => {
        const raw = minimalRaw("prod");
        set(raw, "network.egress", "nat");
        expect(parseBaselineConfig(raw, { stack: "prod", region: "eu-west-1" }).network.natGateways).toBe("perAz");
    });
});

describe("parseBaselineConfig: cluster", () => {
    it("needs a minor Kubernetes version (NODE-3)", () => {
        expect(problemsOf(setting("cluster.kubernetesVersion", "1.33.1"))).toEqual([
            'baseline:cluster.kubernetesVersion is "1.33.1"; pin a minor version "1.NN", e.g. "1.33".',
        ]);
    });

    it("refuses a Kubernetes version below the configured minimum (NODE-3)", () => {
        expect(
            problemsOf((raw) => {
                set(raw, "cluster.minimumKubernetesVersion", "1.34");
            }),
        ).toEqual(['baseline:cluster.kubernetesVersion is "1.33", below the minimum "1.34"; upgrade to "1.34" or newer (NODE-3).']);
    });

    it("refuses a Kubernetes version below the project floor (NODE-3)", () => {
        expect(
            problemsOf((raw) => {
                set(raw, "cluster.kubernetesVersion", "1.31");
                set(raw, "cluster.addons.kubeProxy", "v1.31.10-eksbuild.2");
            }),
        ).toEqual(['baseline:cluster.kubernetesVersion is "1.31", below the minimum "1.32"; upgrade to "1.32" or newer (NODE-3).']);
    });

    it("refuses a configured minimum below the project floor (NODE-3)", () => {
        expect(problemsOf(setting("cluster.minimumKubernetesVersion", "1.30"))).toEqual([
            'baseline:cluster.minimumKubernetesVersion is "1.30", below the project floor 1.32 (the oldest minor in EKS standard support); raise it to at least "1.32".',
        ]);
        expect(problemsOf(setting("cluster.minimumKubernetesVersion", "latest"))).toEqual([
            'baseline:cluster.minimumKubernetesVersion is "latest"; pin a minor version "1.NN", e.g. "1.33".',
        ]);
    });

    it("needs pinned add-ons for a version other than the default table's, matching its minor", () => {
        expect(problemsOf(setting("cluster.kubernetesVersion", "1.34"))).toEqual([
            "baseline:cluster.addons.kubeProxy is missing; the default add-on versions are for Kubernetes 1.33, so pin kube-proxy (and the other add-ons) for 1.34.",
        ]);
        expect(problemsOf(setting("cluster.addons.kubeProxy", "v1.32.6-eksbuild.1"))).toEqual([
            'baseline:cluster.addons.kubeProxy is "v1.32.6-eksbuild.1", built for Kubernetes 1.32 but the cluster runs 1.33; pin a kube-proxy v1.33.x-eksbuild.N.',
        ]);
    });

    it("needs a system and a workloads node group (NET-10)", () => {
        expect(problemsOf((raw) => set(raw, "cluster.nodeGroups", [(raw.cluster as { nodeGroups: unknown[] }).nodeGroups[1]]))).toEqual([
            'baseline:cluster.nodeGroups has no "system" group; add one (cluster add-ons and workloads run on separate nodes, NET-10).',
        ]);
        expect(problemsOf((raw) => set(raw, "cluster.nodeGroups", [(raw.cluster as { nodeGroups: unknown[] }).nodeGroups[0]]))).toEqual([
            'baseline:cluster.nodeGroups has no "workloads" group; add one (cluster add-ons and workloads run on separate nodes, NET-10).',
        ]);
    });

    it("checks node group names, sensitivities and scaling bounds", () => {
        expect(problemsOf(setting("cluster.nodeGroups.1.name", "system"))).toEqual([
            'baseline:cluster.nodeGroups has no "workloads" group; add one (cluster add-ons and workloads run on separate nodes, NET-10).',
            'baseline:cluster.nodeGroups[1].name "system" is used twice; give every node group its own name.',
            'baseline:cluster.nodeGroups[1].sensitivity is "internal"; the system group must have sensitivity "system" (NET-10).',
        ]);
        expect(problemsOf(setting("cluster.nodeGroups.1.sensitivity", "system"))).toEqual([
            'baseline:cluster.nodeGroups[1].sensitivity is "system"; the workloads group runs team workloads, use "internal" or "internet-facing" (NET-10).',
        ]);
        expect(problemsOf(setting("cluster.nodeGroups.1.minSize", 4))).toEqual([
            "baseline:cluster.nodeGroups[1] has minSize 4, desiredSize 3, maxSize 6; keep minSize <= desiredSize <= maxSize.",
        ]);
        expect(problemsOf(setting("cluster.nodeGroups.1.maxSize", 2))).toEqual([
            "baseline:cluster.nodeGroups[1] has minSize 2, desiredSize 3, maxSize 2; keep minSize <= desiredSize <= maxSize.",
        ]);
    });
});

describe("parseBaselineConfig: public endpoint opt-out (NET-1)", () => {
    const endpoint = (cidrs: string[]) => setting("cluster.publicEndpoint", { cidrs, reason: "on-call laptops over the office VPN" });

    it("lets dev open the API endpoint to explicit CIDRs and lists the opt-out", () => {
        const raw = minimalRaw("dev");
        set(raw, "cluster.publicEndpoint", { cidrs: ["203.0.113.0/24"], reason: "on-call laptops over the office VPN" });
        const config = parseBaselineConfig(raw, { stack: "dev", region: "eu-west-1" });
        expect(config.cluster.publicEndpoint).toEqual({ cidrs: ["203.0.113.0/24"], reason: "on-call laptops over the office VPN" });
        expect(config.optOuts).toEqual([
            {
                key: "baseline:cluster.publicEndpoint",
                weakens: ["NET-1"],
                detail: "public API endpoint open to 203.0.113.0/24 (non-prod opt-out)",
            },
        ]);
    });

    it("refuses the public endpoint in prod", () => {
        expect(problemsOf(endpoint(["203.0.113.0/24"]), { environment: "prod" })).toEqual([
            'baseline:cluster.publicEndpoint is set for environment prod; the prod API endpoint stays private (NET-1): remove publicEndpoint and reach the API from inside the VPC or through the access host (clusterAccess.mode "ssm-tunnel").',
        ]);
    });

    it.each([
        [
            "0.0.0.0/0",
            "baseline:cluster.publicEndpoint.cidrs contains 0.0.0.0/0; list your VPN CIDRs, or remove publicEndpoint to keep the API private.",
        ],
        [
            "::/0",
            "baseline:cluster.publicEndpoint.cidrs contains ::/0; list your VPN CIDRs, or remove publicEndpoint to keep the API private.",
        ],
        [
            "0.0.0.0/1",
            "baseline:cluster.publicEndpoint.cidrs[0] is 0.0.0.0/1, broader than /16; list your VPN egress ranges, or remove publicEndpoint to keep the API private.",
        ],
        [
            "2001:db8::/32",
            "baseline:cluster.publicEndpoint.cidrs[0] is 2001:db8::/32, broader than /48; list your VPN egress ranges, or remove publicEndpoint to keep the API private.",
        ],
        ["vpn", 'baseline:cluster.publicEndpoint.cidrs[0] is "vpn", not a CIDR; write one such as 203.0.113.0/24.'],
        [
            "203.0.113.7/24",
            "baseline:cluster.publicEndpoint.cidrs[0] is 203.0.113.7/24, not a network address; clear the host bits (e.g. 203.0.113.0/24).",
        ],
        [
            "10.0.4.0/24",
            "baseline:cluster.publicEndpoint.cidrs[0] is 10.0.4.0/24, which overlaps baseline:network.cidr 10.0.0.0/16; callers in the VPC use the private endpoint, so list only external VPN ranges.",
        ],
    ])("refuses the endpoint CIDR %s", (cidr, message) => {
        expect(problemsOf(endpoint([cidr]))).toEqual([message]);
    });
});

describe("parseBaselineConfig: identity and access", () => {
    it.each(["http://idp.example.com", "https://idp.example.com/?tenant=1", "idp.example.com"])(
        "refuses the issuer URL %s (IAM-3)",
        (issuer) => {
            expect(problemsOf(setting("identity.oidc.issuerUrl", issuer))).toEqual([
                `baseline:identity.oidc.issuerUrl is "${issuer}"; use the https:// issuer URL of your identity provider, without query, fragment or credentials (IAM-3).`,
            ]);
        },
    );

    it("needs the access host for the SSM tunnel", () => {
        expect(
            problemsOf((raw) => {
                set(raw, "clusterAccess.mode", "ssm-tunnel");
                set(raw, "accessHost.enabled", false);
            }),
        ).toEqual([
            'baseline:clusterAccess.mode is "ssm-tunnel" but baseline:accessHost.enabled is false; enable the access host (the tunnel runs through it), or use mode "in-vpc".',
        ]);
    });

    it("takes a local port only for the SSM tunnel, defaulting to 8443", () => {
        expect(problemsOf(setting("clusterAccess.localPort", 9443))).toEqual([
            'baseline:clusterAccess.localPort is set but baseline:clusterAccess.mode is "in-vpc"; remove localPort, or set mode to "ssm-tunnel".',
        ]);
        const raw = minimalRaw("dev");
        set(raw, "clusterAccess.mode", "ssm-tunnel");
        expect(parseBaselineConfig(raw, { stack: "dev", region: "eu-west-1" }).clusterAccess).toEqual({
            mode: "ssm-tunnel",
            localPort: 8443,
        });
    });

    it("refuses a stop schedule for a disabled access host", () => {
        expect(
            problemsOf((raw) => {
                set(raw, "accessHost.enabled", false);
                set(raw, "accessHost.nightlyStop", "cron(0 20 ? * MON-FRI *)");
            }),
        ).toEqual([
            "baseline:accessHost.nightlyStop is set but baseline:accessHost.enabled is false; remove nightlyStop, or enable the access host.",
        ]);
    });

    it("needs the archive for session logs in S3", () => {
        expect(
            problemsOf((raw) => {
                set(raw, "accessHost.sessionLogsToS3", true);
                set(raw, "audit.archive", { enabled: false });
            }),
        ).toEqual([
            "baseline:accessHost.sessionLogsToS3 is true but baseline:audit.archive.enabled is false; enable the archive (session logs go to its bucket), or set sessionLogsToS3 to false.",
        ]);
    });
});

describe("parseBaselineConfig: namespaces, RBAC, mesh and admission", () => {
    const base = withNamespaces("dev");

    it.each([
        [
            "default",
            'baseline:namespaces[0].name is "default", a system namespace (default, kube-*, istio-*); declare team namespaces only (WL-11).',
        ],
        [
            "kube-system",
            'baseline:namespaces[0].name is "kube-system", a system namespace (default, kube-*, istio-*); declare team namespaces only (WL-11).',
        ],
        [
            "istio-system",
            'baseline:namespaces[0].name is "istio-system", a system namespace (default, kube-*, istio-*); declare team namespaces only (WL-11).',
        ],
        ["payments", 'baseline:namespaces[1].name "payments" is declared twice; declare each namespace once.'],
    ])("refuses the namespace name %s", (name, message) => {
        expect(problemsOf(setting("namespaces.0.name", name), { base })).toEqual([message]);
    });

    it("refuses RBAC groups that are Kubernetes-internal or already prefixed (IAM-5)", () => {
        expect(problemsOf(setting("rbac.viewers", ["system:masters"]), { base })).toEqual([
            'baseline:rbac.viewers[0] is "system:masters"; system: groups belong to Kubernetes, name a group of your identity provider (IAM-5).',
        ]);
        expect(problemsOf(setting("rbac.operators", ["oidc:platform"]), { base })).toEqual([
            'baseline:rbac.operators[0] is "oidc:platform"; write the group as the identity provider sends it, without the "oidc:" prefix the baseline adds.',
        ]);
        expect(problemsOf(setting("rbac.breakGlassGroup", " "), { base })).toEqual([
            "baseline:rbac.breakGlassGroup is empty; name a group of your identity provider.",
        ]);
    });

    it("refuses developer groups for undeclared namespaces", () => {
        expect(problemsOf(setting("rbac.developers", { search: ["search-devs"] }), { base })).toEqual([
            "baseline:rbac.developers.search names a namespace baseline:namespaces does not declare; declare it or remove the entry.",
        ]);
    });

    it("keeps the break-glass group apart from everyday groups (IAM-5)", () => {
        expect(
            problemsOf(
                (raw) => {
                    set(raw, "rbac.developers", { shop: ["admins"] });
                    set(raw, "rbac.breakGlassGroup", "admins");
                },
                { base },
            ),
        ).toEqual([
            'baseline:rbac.breakGlassGroup "admins" is also baseline:rbac.developers.shop[0]; keep the break-glass group apart from everyday groups (IAM-5).',
        ]);
    });

    it("refuses mesh authorizations between undeclared namespaces (MESH-3)", () => {
        expect(
            problemsOf(
                setting("mesh.authorizations", [
                    {
                        from: { namespace: "shop", serviceAccount: "web" },
                        to: { namespace: "ledger", serviceAccount: "api" },
                        ports: [8080],
                    },
                ]),
                { base },
            ),
        ).toEqual([
            'baseline:mesh.authorizations[0].to.namespace is "ledger", not declared in baseline:namespaces; declare it or fix the name.',
        ]);
    });

    it("refuses secret delivery to an undeclared namespace and a malformed secret ARN (SEC-4)", () => {
        const base = withNamespaces();
        expect(
            problemsOf(
                setting("secretsDelivery", {
                    teams: [
                        {
                            namespace: "ledger",
                            serviceAccount: "api",
                            secretArns: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger/db-AbCdEf"],
                        },
                    ],
                }),
                { base },
            ),
        ).toEqual([
            'baseline:secretsDelivery.teams[0].namespace is "ledger", not declared in baseline:namespaces; declare it or fix the name.',
        ]);
        expect(
            problemsOf(
                setting("secretsDelivery", { teams: [{ namespace: "shop", serviceAccount: "web", secretArns: ["arn:aws:s3:::bucket"] }] }),
                { base },
            ),
        ).toEqual([
            'baseline:secretsDelivery.teams[0].secretArns[0] is "arn:aws:s3:::bucket", not a Secrets Manager secret ARN; write arn:aws:secretsmanager:<region>:<account>:secret:<name>.',
        ]);
    });

    it("refuses mesh authorizations without the mesh", () => {
        expect(
            problemsOf(
                setting("mesh", {
                    enabled: false,
                    authorizations: [
                        {
                            from: { namespace: "shop", serviceAccount: "web" },
                            to: { namespace: "payments", serviceAccount: "api" },
                            ports: [8080],
                        },
                    ],
                }),
                { base },
            ),
        ).toEqual([
            "baseline:mesh.authorizations is set but baseline:mesh.enabled is false; remove the authorizations, or enable the mesh.",
        ]);
    });

    it("checks mesh authorization ports", () => {
        expect(
            problemsOf(
                setting("mesh.authorizations", [
                    {
                        from: { namespace: "shop", serviceAccount: "web" },
                        to: { namespace: "payments", serviceAccount: "api" },
                        ports: [0],
                    },
                ]),
                { base },
            ),
        ).toEqual(["baseline:mesh.authorizations[0].ports[0] is 0; use a whole number from 1 to 65535."]);
    });

    it("refuses an empty registry allow-list and undeclared exposed namespaces (WL-10, NET-8)", () => {
        expect(problemsOf(setting("admission.allowedRegistries", []), { base })).toEqual([
            "baseline:admission.allowedRegistries is empty; list at least one registry, or remove the key to allow only the account's ECR (WL-10).",
        ]);
        expect(problemsOf(setting("admission.exposedNamespaces", ["edge"]), { base })).toEqual([
            'baseline:admission.exposedNamespaces[0] is "edge", not declared in baseline:namespaces; declare it or remove it (NET-8).',
        ]);
    });
});
