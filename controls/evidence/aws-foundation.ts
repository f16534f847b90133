/**
 * Evidence for the AWS foundation components: Network, EncryptionKeys and AuditTrail.
 * B layer (component defaults) and R layer (audit alarms); the P layer lives with the policy pack.
 */
import { ControlEvidence } from "../evidence";

const network = "components/network/index.ts";
const networkArgs = "components/network/args.ts";
const endpoints = "components/network/endpoints.ts";
const networkTest = "test/components/network/network.test.ts";
const networkArgsTest = "test/components/network/args.test.ts";
const keys = "components/kms/index.ts";
const keyPolicies = "components/kms/key-policies.ts";
const keysTest = "test/components/kms/encryption-keys.test.ts";
const audit = "components/audit/index.ts";
const archive = "components/audit/archive.ts";
const auditPolicies = "components/audit/policies.ts";
const metricFilters = "components/audit/metric-filters.ts";
const auditTest = "test/components/audit/audit-trail.test.ts";
const metricFiltersTest = "test/components/audit/metric-filters.test.ts";
const patterns = "components/audit/patterns.ts";
const goldenEventsTest = "test/components/audit/golden-events.test.ts";
const verifyAlarms = "tools/verify-alarms/verify.ts";
const verifyAlarmsTest = "test/tools/verify-alarms/verify.test.ts";

export const evidence: ControlEvidence[] = [
    // NET-2: private subnets, no public IPs, no public path unless NAT is opted into.
    {
        control: "NET-2",
        layer: "B",
        implementation: network,
        symbol: "mapPublicIpOnLaunch: false",
        test: networkTest,
        testName: "puts nodes in private subnets without public IPs, tagged for internal load balancers (NET-2)",
    },
    {
        control: "NET-2",
        layer: "B",
        implementation: networkArgs,
        symbol: 'args.egress ?? "none"',
        test: networkTest,
        testName: "creates no public subnet, internet gateway, NAT gateway or EIP with the default egress none (NET-2)",
    },
    // NET-3: VPC endpoints for every AWS API private nodes need.
    {
        control: "NET-3",
        layer: "B",
        implementation: endpoints,
        symbol: '"eks-auth"',
        test: networkTest,
        testName: "reaches AWS APIs through interface endpoints with private DNS in the private subnets (NET-3)",
    },
    {
        control: "NET-3",
        layer: "B",
        implementation: network,
        symbol: 'vpcEndpointType: "Gateway"',
        test: networkTest,
        testName: "routes S3 through a gateway endpoint on every private route table (NET-3)",
    },
    // NET-4: no open ingress; the default security group is emptied.
    {
        control: "NET-4",
        layer: "B",
        implementation: network,
        symbol: "aws.ec2.DefaultSecurityGroup",
        test: networkTest,
        testName: "manages the default security group with no ingress and no egress (NET-4)",
    },
    {
        control: "NET-4",
        layer: "B",
        implementation: network,
        symbol: "cidrBlocks: [resolved.cidrBlock]",
        test: networkTest,
        testName: "lets the endpoint security group admit only 443 from the VPC CIDR (NET-4)",
    },
    {
        control: "NET-4",
        layer: "B",
        implementation: network,
        symbol: "HTTPS_PORT",
        test: networkTest,
        testName: "has no security group ingress from 0.0.0.0/0 or ::/0 in any egress mode (NET-4)",
    },
    // NET-5: flow logs of all traffic to an encrypted log group with retention.
    {
        control: "NET-5",
        layer: "B",
        implementation: network,
        symbol: 'trafficType: "ALL"',
        test: networkTest,
        testName: "sends flow logs of all traffic to a KMS-encrypted log group with retention (NET-5)",
    },
    {
        control: "NET-5",
        layer: "B",
        implementation: networkArgs,
        symbol: "LOG_RETENTION_DAYS",
        test: networkArgsTest,
        testName: "refuses a retention CloudWatch Logs does not accept",
    },
    // SEC-1: the Secrets key.
    {
        control: "SEC-1",
        layer: "B",
        implementation: keyPolicies,
        symbol: "secretsKeyPolicy",
        test: keysTest,
        testName: "scopes the secrets key to the account root only (SEC-1)",
    },
    // SEC-2: rotation, deletion window, no unconditioned * principal, scoped service grants.
    {
        control: "SEC-2",
        layer: "B",
        implementation: keys,
        symbol: "enableKeyRotation: true",
        test: keysTest,
        testName: "rotates every key with a 30-day deletion window (SEC-2)",
    },
    {
        control: "SEC-2",
        layer: "B",
        implementation: keyPolicies,
        symbol: "accountRootStatement",
        test: keysTest,
        testName: "grants no key to the * principal (SEC-2)",
    },
    {
        control: "SEC-2",
        layer: "B",
        implementation: keyPolicies,
        symbol: "kms:EncryptionContext:aws:logs:arn",
        test: keysTest,
        testName: "lets CloudWatch Logs use the logs key only for log groups of the account, through the encryption context (SEC-2)",
    },
    // SEC-3: the EBS key usable by EC2 Auto Scaling for node volumes.
    {
        control: "SEC-3",
        layer: "B",
        implementation: keyPolicies,
        symbol: "kms:GrantIsForAWSResource",
        test: keysTest,
        testName: "lets the EC2 Auto Scaling service-linked role use the EBS key and grant it only to AWS resources (SEC-3)",
    },
    // SEC-7: keys, log groups and the log archive protected in production.
    {
        control: "SEC-7",
        layer: "B",
        implementation: keys,
        symbol: "retainOnDelete: protect",
        test: keysTest,
        testName: "protects and retains keys and aliases by default (SEC-7)",
    },
    {
        control: "SEC-7",
        layer: "B",
        implementation: network,
        symbol: "retainOnDelete: resolved.protect",
        test: networkTest,
        testName: "protects the flow-log group unless protect is false (SEC-7)",
    },
    {
        control: "SEC-7",
        layer: "B",
        implementation: archive,
        symbol: "retainOnDelete: protect",
        test: auditTest,
        testName: "protects and retains the archive bucket by default, not with protect false (SEC-7)",
    },
    // LOG-3: archive outside the cluster, hardened, fed for a SIEM.
    {
        control: "LOG-3",
        layer: "B",
        implementation: archive,
        symbol: "aws.s3.BucketPublicAccessBlock",
        test: auditTest,
        testName: "blocks all public access to the archive bucket (LOG-3)",
    },
    {
        control: "LOG-3",
        layer: "B",
        implementation: archive,
        symbol: "aws.s3.BucketVersioning",
        test: auditTest,
        testName: "versions the archive and encrypts it with the logs key (LOG-3)",
    },
    {
        control: "LOG-3",
        layer: "B",
        implementation: auditPolicies,
        symbol: "archiveBucketPolicy",
        test: auditTest,
        testName: "denies every archive request without TLS (LOG-3)",
    },
    {
        control: "LOG-3",
        layer: "B",
        implementation: archive,
        symbol: "aws.s3.BucketObjectLockConfiguration",
        test: auditTest,
        testName: "object-locks the archive in GOVERNANCE mode for 365 days by default (LOG-3)",
    },
    {
        control: "LOG-3",
        layer: "B",
        implementation: archive,
        symbol: "aws.cloudwatch.LogSubscriptionFilter",
        test: auditTest,
        testName: "streams the control-plane and session logs through Firehose into the archive (LOG-3)",
    },
    // LOG-4: metric filters on the audit log (B) and the alarms that fire on them (R).
    {
        control: "LOG-4",
        layer: "B",
        implementation: audit,
        symbol: "aws.cloudwatch.LogMetricFilter",
        test: auditTest,
        testName: "creates a metric filter on the control-plane audit log for each security signal (LOG-4)",
    },
    // What each filter matches, run over golden EKS audit events with the filter-pattern evaluator.
    {
        control: "LOG-4",
        layer: "B",
        implementation: patterns,
        symbol: "rbacChangesPattern",
        test: goldenEventsTest,
        testName: "counts successful RBAC changes only, server dry runs included as documented (LOG-4)",
    },
    {
        control: "LOG-4",
        layer: "B",
        implementation: patterns,
        symbol: "serviceAccountSecretReadsPattern",
        test: goldenEventsTest,
        testName: "counts Secret reads by people apart from reads by service accounts outside the allow-list (LOG-4)",
    },
    {
        control: "LOG-4",
        layer: "B",
        implementation: patterns,
        symbol: "admissionRefusalsPattern",
        test: goldenEventsTest,
        testName: "counts authorization denials apart from admission refusals (LOG-4)",
    },
    {
        control: "LOG-4",
        layer: "B",
        implementation: patterns,
        symbol: "unauthenticatedRequestsPattern",
        test: goldenEventsTest,
        testName: "counts failed authentication, not anonymous health probes (IAM-9)",
    },
    {
        control: "LOG-4",
        layer: "B",
        implementation: metricFilters,
        symbol: "MAX_PATTERN_LENGTH",
        test: metricFiltersTest,
        testName: "keeps the service-account pattern within 1,024 characters for every allow-list the args accept (LOG-4)",
    },
    {
        control: "LOG-4",
        layer: "B",
        implementation: verifyAlarms,
        symbol: "verifyAlarms",
        test: verifyAlarmsTest,
        testName: "reports what the service missed and what it matched beyond the intent",
    },
    // Secondary: the pattern text.
    {
        control: "LOG-4",
        layer: "B",
        implementation: patterns,
        symbol: "forbiddenRequestsPattern",
        test: metricFiltersTest,
        testName: "counts 401s at ResponseStarted and authorizer 403s by their message (IAM-9, LOG-4)",
    },
    {
        control: "LOG-4",
        layer: "R",
        implementation: audit,
        symbol: "aws.cloudwatch.MetricAlarm",
        test: auditTest,
        testName: "wires every alarm to the topic and waits for its metric filter (LOG-4)",
    },
    {
        control: "LOG-4",
        layer: "R",
        implementation: audit,
        symbol: "kmsMasterKeyId: args.alarmTopicKeyArn",
        test: auditTest,
        testName: "encrypts the alarm topic with the alarms key and refuses publishing without TLS (LOG-4)",
    },
    // IAM-9: unauthenticated requests (401 at ResponseStarted) raise an alarm on a burst.
    {
        control: "IAM-9",
        layer: "B",
        implementation: patterns,
        symbol: "unauthenticatedRequestsPattern",
        test: goldenEventsTest,
        testName: "counts failed authentication, not anonymous health probes (IAM-9)",
    },
    // IAM-6: every use of the break-glass role raises an alarm; the API server's loopback client never does.
    {
        control: "IAM-6",
        layer: "R",
        implementation: patterns,
        symbol: "breakGlassImpersonationPattern",
        test: goldenEventsTest,
        testName: "keeps break-glass silent on the API server's loopback traffic and fires on every break-glass form (IAM-6)",
    },
    {
        control: "IAM-6",
        layer: "R",
        implementation: patterns,
        symbol: "LOOPBACK_USER",
        test: metricFiltersTest,
        testName: "excludes the loopback user from direct system:masters use and checks impersonated groups at every index (IAM-6)",
    },
    {
        control: "IAM-6",
        layer: "R",
        implementation: patterns,
        symbol: "breakGlassPattern",
        test: metricFiltersTest,
        testName: "keeps the direct break-glass pattern within 1,024 characters for the longest role, username and group (IAM-6)",
    },
    {
        control: "IAM-6",
        layer: "R",
        implementation: metricFilters,
        symbol: "AUDIT_FILTER_IDS",
        test: auditTest,
        testName: "feeds the break-glass metric from two filters, direct use and impersonation (IAM-6)",
    },
    {
        control: "IAM-6",
        layer: "R",
        implementation: audit,
        symbol: "breakGlass",
        test: auditTest,
        testName: "alarms to the SNS topic on every break-glass use (IAM-6)",
    },
];
