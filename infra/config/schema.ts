/**
 * The shape of every `baseline:*` config key as zod schemas: types, local formats and documented
 * defaults. Rules that need several keys or the environment live in rules/.
 */
import { z } from "zod";
import { parseCidr } from "./cidr";
import {
    addonVersionSchema,
    check,
    dnsLabelSchema,
    intBetween,
    isSchedulerCron,
    principalArnSchema,
    retentionSchema,
    roleArnSchema,
    secretArnSchema,
    show,
} from "./fields";
import { defaultIstioVersion } from "./versions";
import { isSecretReaderEntry, secretReadersFit } from "../../components/audit/args";

export const networkSchema = z.strictObject({
    /** IPv4 block of the VPC, /16 to /20, private range. Required. */
    cidr: check(
        z.string(),
        (value) => parseCidr(value)?.version === 4,
        (value) => `is ${show(value)}, not an IPv4 CIDR; write a block such as 10.20.0.0/16`,
    ),
    /** Availability zones. Default: 3 (prod and staging need 3; dev may use 2). */
    azCount: intBetween(2, 6).default(3),
    /** Explicit zone names in the region. Default: the first `azCount` letters (`<region>a`, `<region>b`, ...). */
    availabilityZones: z.array(z.string()).optional(),
    /** Internet egress. Default: "none" (VPC endpoints only, NET-3); "nat" is the opt-out. */
    egress: z.enum(["none", "nat"]).default("none"),
    /** NAT gateways with egress "nat". Default: "perAz"; prod refuses "single". */
    natGateways: z.enum(["single", "perAz"]).optional(),
    /** Flow-log retention in days. Default: 365 (NET-5). */
    flowLogRetentionDays: retentionSchema.default(365),
});

const nodeGroupSchema = z.strictObject({
    name: dnsLabelSchema,
    /** What the group runs (NET-10): label and taint by sensitivity. */
    sensitivity: z.enum(["system", "internal", "internet-facing"]),
    instanceTypes: z
        .array(
            check(
                z.string(),
                (value) => /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(value),
                (value) => `is ${show(value)}, not an EC2 instance type; write one such as m7g.large`,
            ),
        )
        .min(1),
    minSize: intBetween(0, 1000),
    desiredSize: intBetween(0, 1000),
    maxSize: intBetween(1, 1000),
    /** Data volume size in GiB. Default: 50; always encrypted gp3 (SEC-3). */
    diskSizeGiB: intBetween(20, 16384).default(50),
});

export const clusterSchema = z.strictObject({
    /** EKS cluster name. Default: `baseline-<environment>`. */
    name: check(
        z.string(),
        (value) => /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(value),
        (value) => `is ${show(value)}; use 1-100 letters, digits, '-' and '_', starting with a letter or digit`,
    ).optional(),
    /** Kubernetes version "1.NN", pinned (NODE-3). Required. */
    kubernetesVersion: z.string(),
    /** Lowest version this stack accepts. Default: the project floor. */
    minimumKubernetesVersion: z.string().optional(),
    /** EKS upgrade policy. Default: "STANDARD" (no silent, paid extended support). */
    upgradeSupportType: z.enum(["STANDARD", "EXTENDED"]).default("STANDARD"),
    /** Control-plane log retention. Default: 365 (LOG-2). */
    logRetentionDays: retentionSchema.default(365),
    /** EKS deletion protection. Default: true; false is a non-prod opt-out (SEC-7). */
    deletionProtection: z.boolean().default(true),
    /** Public API endpoint. Default: none (NET-1); a non-prod opt-out with explicit CIDRs and a reason. */
    publicEndpoint: z
        .strictObject({
            cidrs: z.array(z.string()).min(1),
            reason: check(
                z.string(),
                (value) => value.trim().length > 0,
                () => `is empty; say why this stack needs a public API endpoint`,
            ),
        })
        .optional(),
    /** Bottlerocket control container (SSM on nodes). Default: false (NODE-2); true is a non-prod opt-out. */
    nodeControlContainer: z.boolean().default(false),
    /** Exact add-on versions. Default: the table for Kubernetes 1.33. */
    addons: z
        .strictObject({
            vpcCni: addonVersionSchema.optional(),
            coredns: addonVersionSchema.optional(),
            kubeProxy: addonVersionSchema.optional(),
            podIdentityAgent: addonVersionSchema.optional(),
            ebsCsiDriver: addonVersionSchema.optional(),
        })
        .default({}),
    /**
     * Managed node groups: `system` and `workloads` with compute "managedNodeGroups", `system`
     * with "karpenter", none with "autoMode". Default: none.
     */
    nodeGroups: z.array(nodeGroupSchema).default([]),
    /**
     * Where nodes come from (NODE-5). Default: "managedNodeGroups"; "autoMode" (EKS Auto Mode)
     * and "karpenter" are compute choices, not opt-outs: both keep every node control, so every
     * mode is allowed in prod.
     */
    compute: z.enum(["managedNodeGroups", "autoMode", "karpenter"]).default("managedNodeGroups"),
    /** Karpenter pins, only with compute "karpenter". Default: the versions pinned in the cluster component. */
    karpenter: z
        .strictObject({
            /** Exact chart release, e.g. "1.8.3" (NODE-3). */
            version: check(
                z.string(),
                (value) => /^\d+\.\d+\.\d+$/.test(value),
                (value) => `is ${show(value)}, not an exact Karpenter release; pin one such as "1.8.3"`,
            ).optional(),
            /** Bottlerocket release of the EC2NodeClass alias, e.g. "v1.46.0" (NODE-1). */
            bottlerocketVersion: check(
                z.string(),
                (value) => /^v\d+\.\d+\.\d+$/.test(value),
                (value) => `is ${show(value)}, not a Bottlerocket release; pin one such as "v1.46.0", never "latest"`,
            ).optional(),
        })
        .optional(),
});

export const storageSchema = z.strictObject({
    /**
     * EBS encryption by default for the account and region, with the EBS key as the default key
     * (SEC-8). Default: true; false is the named opt-out for accounts shared with other teams,
     * whose owner sets these account-wide settings.
     */
    accountEncryptionDefaults: z.boolean().default(true),
});

export const identitySchema = z.strictObject({
    /** The human identity provider (IAM-3). Required. */
    oidc: z.strictObject({
        issuerUrl: z.string(),
        clientId: check(
            z.string(),
            (value) => value.trim().length > 0,
            () => `is empty; set the client id registered for the cluster at your identity provider`,
        ),
        /** Default: "email". */
        usernameClaim: z.string().min(1).default("email"),
        /** Default: "groups". */
        groupsClaim: z.string().min(1).default("groups"),
    }),
    /** IAM role of the platform team's administrators (access entry). Required. */
    platformAdminRoleArn: roleArnSchema,
    /**
     * IAM role that deploys the in-cluster layer (the CI deploy role): a cluster-admin access
     * entry, needed to create RBAC and admission objects. Default: none (phase "aws" only works).
     */
    deployRoleArn: roleArnSchema.optional(),
    /** Who may assume the break-glass role (with MFA). Required, at least one. */
    breakGlassRoleTrustedPrincipals: z.array(principalArnSchema).min(1),
    /** Also create an IAM OIDC provider for IRSA. Default: false (EKS Pod Identity only, IAM-7). */
    irsa: z.boolean().default(false),
});

export const accessHostSchema = z.strictObject({
    /** Default: true; false runs the baseline with no access host. */
    enabled: z.boolean().default(true),
    /** Default: "t3.micro" (Session Manager needs little). */
    instanceType: check(
        z.string(),
        (value) => /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(value),
        (value) => `is ${show(value)}, not an EC2 instance type; write one such as t3.micro`,
    ).default("t3.micro"),
    /** EventBridge Scheduler cron that stops the host nightly, or null. Default: null. */
    nightlyStop: check(
        z.string(),
        (value) => isSchedulerCron(value),
        (value) =>
            `is ${show(value)}, not an EventBridge Scheduler cron; write cron(minutes hours day-of-month month day-of-week year) with ? in one day field, e.g. cron(0 20 ? * MON-FRI *), or null`,
    )
        .nullable()
        .default(null),
    /** Default: 365 (IAM-2). */
    sessionLogRetentionDays: retentionSchema.default(365),
    /** Also archive session logs to the audit bucket. Default: false. */
    sessionLogsToS3: z.boolean().default(false),
});

export const auditSchema = z.strictObject({
    /** Where security alarms are mailed. Default: none (subscribe the SNS topic yourself). */
    alarmEmail: check(
        z.string(),
        (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
        (value) => `is ${show(value)}, not an e-mail address; write one such as security@example.com`,
    ).optional(),
    archive: z
        .strictObject({
            /** Default: true (LOG-3); false is a non-prod opt-out. */
            enabled: z.boolean().default(true),
            /** S3 object lock. Default: true in prod, false elsewhere (a locked bucket outlives a torn-down dev stack). */
            objectLock: z.boolean().optional(),
        })
        .default({ enabled: true }),
    /**
     * Service accounts expected to read Secrets, `<namespace>` or `<namespace>:<serviceAccount>`;
     * reads by any other raise `service-account-secret-reads` (LOG-4). Default: the AuditTrail's
     * (`kube-system`, `istio-system:istiod`).
     */
    serviceAccountSecretReaders: check(
        z.array(
            check(
                z.string(),
                (value) => isSecretReaderEntry(value),
                (value) =>
                    `has ${show(value)}, not <namespace> or <namespace>:<serviceAccount>; write lower-case DNS names such as payments or payments:api`,
            ),
        ),
        (entries) => secretReadersFit(entries),
        () =>
            `makes a filter pattern longer than CloudWatch's 1,024 characters; allow whole namespaces instead of single service accounts, or list fewer`,
    ).optional(),
});

export const protectionSchema = z.strictObject({
    /** Pulumi protect + retainOnDelete on keys, log groups, archive and cluster. Default: true (SEC-7). */
    enabled: z.boolean().default(true),
});

export const clusterAccessSchema = z.strictObject({
    /** Default: "in-vpc"; "ssm-tunnel" goes through the access host. */
    mode: z.enum(["in-vpc", "ssm-tunnel"]).default("in-vpc"),
    /** Local end of the tunnel. Default: 8443; only with "ssm-tunnel". */
    localPort: intBetween(1024, 65535).optional(),
});

const quantity = z.union([z.string(), z.number()]).transform((value) => String(value));

const namespaceSchema = z.strictObject({
    name: dnsLabelSchema,
    team: dnsLabelSchema,
    /** Default: cpu "2", memory "4Gi", pods 20. */
    quota: z
        .strictObject({
            cpu: check(
                quantity,
                (value) => /^(\d+(\.\d+)?|\d+m)$/.test(value) && parseFloat(value) > 0,
                (value) => `is ${show(value)}, not a CPU quantity; write cores such as "4" or millicores such as "500m"`,
            ).default("2"),
            memory: check(
                quantity,
                (value) => /^\d+(Ki|Mi|Gi|Ti)$/.test(value) && parseInt(value, 10) > 0,
                (value) => `is ${show(value)}, not a memory quantity; write one such as "8Gi" or "512Mi"`,
            ).default("4Gi"),
            pods: intBetween(1, 10000).default(20),
        })
        .default({ cpu: "2", memory: "4Gi", pods: 20 }),
});

export const namespacesSchema = z.array(namespaceSchema);

export const rbacSchema = z.strictObject({
    /** Identity-provider groups with read-only access. Default: none. */
    viewers: z.array(z.string()).default([]),
    /** Platform operators (no escalate/bind/impersonate). Default: none. */
    operators: z.array(z.string()).default([]),
    /** Namespace name to developer groups. Default: none. */
    developers: z.record(z.string(), z.array(z.string())).default({}),
    /** Kubernetes group of the break-glass access entry. Default: "break-glass". */
    breakGlassGroup: z.string().default("break-glass"),
});

const workloadRef = z.strictObject({ namespace: dnsLabelSchema, serviceAccount: dnsLabelSchema });

export const meshSchema = z.strictObject({
    /** Default: true; false is a non-prod opt-out (MESH-2, MESH-3). */
    enabled: z.boolean().default(true),
    /** Default: "sidecar" (with the Istio CNI node agent, MESH-4). */
    mode: z.enum(["sidecar", "ambient"]).default("sidecar"),
    /** Exact Istio release. Default: the pinned one (MESH-1). */
    istioVersion: check(
        z.string(),
        (value) => /^\d+\.\d+\.\d+$/.test(value),
        (value) => `is ${show(value)}, not an exact Istio release; pin one such as ${defaultIstioVersion}`,
    ).default(defaultIstioVersion),
    /** Allowed service-to-service calls; everything else is denied (MESH-3). Default: none. */
    authorizations: z
        .array(z.strictObject({ from: workloadRef, to: workloadRef, ports: z.array(intBetween(1, 65535)).min(1) }))
        .default([]),
});

export const secretsDeliverySchema = z.strictObject({
    /** Default: true (SEC-4); false is a non-prod opt-out. */
    enabled: z.boolean().default(true),
    /**
     * Workloads that mount Secrets Manager values as files: each gets a pod identity that can read
     * exactly the listed secrets, and a SecretProviderClass in its namespace. Default: none.
     */
    teams: z
        .array(z.strictObject({ namespace: dnsLabelSchema, serviceAccount: dnsLabelSchema, secretArns: z.array(secretArnSchema).min(1) }))
        .default([]),
});

export const admissionSchema = z.strictObject({
    /** Default: "Deny"; "Warn" and "Audit" are the non-prod crawl/walk opt-outs (OPS-2). */
    mode: z.enum(["Warn", "Audit", "Deny"]).default("Deny"),
    /** Registries images may come from. Default: the account's ECR in the region (WL-10). */
    allowedRegistries: z
        .array(
            check(
                z.string(),
                (value) => /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9._-]+)*$/.test(value) && value.includes("."),
                (value) =>
                    `is ${show(value)}, not a registry; write a host with an optional path, e.g. 111122223333.dkr.ecr.eu-west-1.amazonaws.com or public.ecr.aws/eks-distro, without scheme, wildcard or tag`,
            ),
        )
        .optional(),
    /** Namespaces allowed Services of type LoadBalancer/NodePort (NET-8). Default: none. */
    exposedNamespaces: z.array(z.string()).default([]),
});

export const runtimeDetectionSchema = z.enum(["falco", "guardduty", "none"]).default("falco");

/** True for a YYYY-MM-DD string naming a real calendar day (`2027-13-45` is not). */
function isCalendarDate(value: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return (
        match !== null && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value
    );
}

/** The longest exemption (docs/runbooks/exemptions.md: "at most 90 days out"). */
export const maximumExemptionDays = 90;

const exemptionSchema = check(
    z.strictObject({
        /** Resource name or URN the exemption covers (this or `namespace` is required). */
        resource: z.string().min(1).optional(),
        /** Kubernetes namespace the exemption covers. */
        namespace: dnsLabelSchema.optional(),
        reason: check(
            z.string(),
            (value) => value.trim().length > 0,
            () => "is empty; say why the exemption is acceptable, the ticket that removes it and the owner",
        ),
        /** Last day (YYYY-MM-DD, UTC); a real day at most 90 days ahead. */
        expires: check(
            z.string(),
            (value) =>
                isCalendarDate(value) &&
                Date.parse(`${value}T00:00:00Z`) - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) <=
                    maximumExemptionDays * 86_400_000,
            (value) =>
                `is ${show(value)}; write a calendar day YYYY-MM-DD at most ${maximumExemptionDays} days ahead (docs/runbooks/exemptions.md)`,
        ),
    }),
    (value) => value.resource !== undefined || value.namespace !== undefined,
    () => 'names no target; set "resource" (a resource name or URN) or "namespace"',
);

/**
 * The policy pack's settings for this stack. tools/pack-config turns them, with the values the
 * pack shares with the rest of the stack config, into policypacks/baseline/config/<stack>.json.
 */
export const policyPackSchema = z.strictObject({
    /** Rollout mode of the pack (OPS-2). Default: "run"; "crawl" and "walk" are opt-outs, prod refuses "crawl". */
    rollout: z.enum(["crawl", "walk", "run"]).default("run"),
    /** Unknown values during preview. Default: "fail" in prod, "preview" elsewhere. */
    unknowns: z.enum(["preview", "fail"]).optional(),
    /** Policies kept at their own level whatever the rollout mode. Default: none. */
    promote: z.array(z.string()).default([]),
    /** Policy name to its exemptions (checked by tools/pack-config/validate.ts). Default: none. */
    exemptions: z.record(z.string(), z.array(exemptionSchema)).default({}),
});

export const environmentSchema = z.enum(["dev", "staging", "prod"]);

export const accountIdSchema = check(
    z.string(),
    (value) => /^\d{12}$/.test(value),
    (value) => `is ${show(value)}, not a 12-digit AWS account id; write it in quotes, e.g. "111122223333"`,
);

export const deployPhaseSchema = z.enum(["aws", "full"]).default("full");

/** Every top-level key, its schema, and whether a stack must set it. */
export const sections = {
    environment: { schema: environmentSchema, required: true },
    accountId: { schema: accountIdSchema, required: true },
    deployPhase: { schema: deployPhaseSchema, required: false },
    network: { schema: networkSchema, required: true },
    cluster: { schema: clusterSchema, required: true },
    identity: { schema: identitySchema, required: true },
    accessHost: {
        schema: accessHostSchema.default({
            enabled: true,
            instanceType: "t3.micro",
            nightlyStop: null,
            sessionLogRetentionDays: 365,
            sessionLogsToS3: false,
        }),
        required: false,
    },
    audit: { schema: auditSchema.default({ archive: { enabled: true } }), required: false },
    protection: { schema: protectionSchema.default({ enabled: true }), required: false },
    clusterAccess: { schema: clusterAccessSchema.default({ mode: "in-vpc" }), required: false },
    namespaces: { schema: namespacesSchema.default([]), required: false },
    rbac: { schema: rbacSchema.default({ viewers: [], operators: [], developers: {}, breakGlassGroup: "break-glass" }), required: false },
    mesh: {
        schema: meshSchema.default({ enabled: true, mode: "sidecar", istioVersion: defaultIstioVersion, authorizations: [] }),
        required: false,
    },
    secretsDelivery: { schema: secretsDeliverySchema.default({ enabled: true, teams: [] }), required: false },
    admission: { schema: admissionSchema.default({ mode: "Deny", exposedNamespaces: [] }), required: false },
    runtimeDetection: { schema: runtimeDetectionSchema, required: false },
    policyPack: { schema: policyPackSchema.default({ rollout: "run", promote: [], exemptions: {} }), required: false },
    storage: { schema: storageSchema.default({ accountEncryptionDefaults: true }), required: false },
} as const;

export type SectionName = keyof typeof sections;

/** The parsed value of each section (defaults applied, cross-key rules not yet checked). */
export type Parsed = { [K in SectionName]: z.output<(typeof sections)[K]["schema"]> };

/** Config keys the parser knows, in the order a stack file lists them. */
export const knownKeys = Object.keys(sections) as SectionName[];
