import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import {
    ALLOWED_FALCO_CHART_REPOSITORIES,
    RuntimeDetection,
    RuntimeDetectionArgs,
    validateRuntimeDetectionArgs,
} from "../../../components/runtime";
import { InvalidArgsError } from "../../../components/shared/errors";
import { capture } from "../../helpers/capture";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const DETECTOR = "aws:guardduty/detector:Detector";
const ADDON = "aws:eks/addon:Addon";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

const kmsKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const alarmTopicArn = "arn:aws:sns:eu-west-1:111122223333:baseline-alarms";

function run(args: (provider: k8s.Provider) => Omit<RuntimeDetectionArgs, "clusterName">) {
    return capture(() => {
        const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
        new RuntimeDetection("rt", { clusterName: "prod", ...args(provider) });
    });
}

describe("RuntimeDetection", () => {
    it("installs Falco pinned from the allow-listed repository with the modern eBPF driver and falcosidekick to an encrypted log group (LOG-5)", async () => {
        const c = await run((provider) => ({
            detector: "falco",
            falco: { provider, region: "eu-west-1", output: { cloudWatchLogs: { kmsKeyArn } } },
        }));
        const release = c.inputsOf(RELEASE, "rt-falco");
        expect(release).toMatchObject({
            chart: "falco",
            version: "9.1.1",
            repositoryOpts: { repo: "https://falcosecurity.github.io/charts" },
            namespace: "falco",
            createNamespace: false,
        });
        expect(ALLOWED_FALCO_CHART_REPOSITORIES).toContain((release.repositoryOpts as { repo: string }).repo);
        expect(release.values).toEqual({
            driver: { kind: "modern_ebpf" },
            falco: { json_output: true },
            falcosidekick: {
                enabled: true,
                fullnameOverride: "falcosidekick",
                webui: { enabled: false },
                config: {
                    aws: {
                        useirsa: false,
                        rolearn: "",
                        region: "eu-west-1",
                        cloudwatchlogs: { loggroup: "/baseline/rt-falco-alerts", minimumpriority: "notice" },
                    },
                },
            },
        });
        expect(c.inputsOf(LOG_GROUP)).toMatchObject({ name: "/baseline/rt-falco-alerts", kmsKeyId: kmsKeyArn, retentionInDays: 365 });
    });

    it("lets falcosidekick only create streams in and write to its log group, through Pod Identity (IAM-7)", async () => {
        const c = await run((provider) => ({
            detector: "falco",
            falco: { provider, region: "eu-west-1", output: { cloudWatchLogs: { kmsKeyArn } } },
        }));
        expect(c.inputsOf(ASSOCIATION)).toMatchObject({ clusterName: "prod", namespace: "falco", serviceAccount: "falcosidekick" });
        const logGroupArn = c.one(LOG_GROUP).wireOutputs.arn;
        expect(logGroupArn).toBe("arn:aws:logs:eu-west-1:111122223333:log-group:/baseline/rt-falco-alerts");
        expect(JSON.parse(c.inputsOf(ROLE_POLICY).policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WriteFalcoAlerts",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
                },
            ],
        });
    });

    it("publishes Falco alerts only to the given SNS topic", async () => {
        const c = await run((provider) => ({
            detector: "falco",
            falco: { provider, region: "eu-west-1", output: { snsTopicArn: alarmTopicArn } },
        }));
        expect(JSON.parse(c.inputsOf(ROLE_POLICY).policy as string).Statement).toEqual([
            { Sid: "PublishFalcoAlerts", Effect: "Allow", Action: ["sns:Publish"], Resource: [alarmTopicArn] },
        ]);
        expect(
            (c.inputsOf(RELEASE, "rt-falco").values as { falcosidekick: { config: { aws: Record<string, unknown> } } }).falcosidekick.config
                .aws,
        ).toEqual({
            useirsa: false,
            rolearn: "",
            region: "eu-west-1",
            sns: { topicarn: alarmTopicArn, minimumpriority: "warning" },
        });
        expect(c.ofType(LOG_GROUP)).toHaveLength(0);
    });

    it("enables GuardDuty Runtime Monitoring with add-on management and routes findings to the alarm topic", async () => {
        const c = await run(() => ({ detector: "guardduty", alarmTopicArn }));
        expect(c.inputsOf(DETECTOR)).toMatchObject({ enable: true });
        expect(c.inputsOf(FEATURE, "rt-runtime-monitoring")).toMatchObject({
            name: "RUNTIME_MONITORING",
            status: "ENABLED",
            additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }],
        });
        expect(c.ofType(ADDON)).toHaveLength(0);
        expect(JSON.parse(c.inputsOf(RULE).eventPattern as string)).toEqual({
            source: ["aws.guardduty"],
            "detail-type": ["GuardDuty Finding"],
            detail: { severity: [{ numeric: [">=", 4] }], resource: { eksClusterDetails: { name: ["prod"] } } },
        });
        expect(c.inputsOf(TARGET)).toMatchObject({ arn: alarmTopicArn });
    });

    it("turns on GuardDuty EKS audit-log monitoring beside the metric-filter alarms, on a detector it creates or is given (LOG-4)", async () => {
        for (const guardDuty of [undefined, { detectorId: "abc123" }]) {
            const c = await run(() => ({ detector: "guardduty", alarmTopicArn, ...(guardDuty ? { guardDuty } : {}) }));
            expect(c.ofType(FEATURE)).toHaveLength(2);
            expect(c.inputsOf(FEATURE, "rt-eks-audit-logs")).toEqual({
                detectorId: guardDuty ? "abc123" : expect.any(String),
                name: "EKS_AUDIT_LOGS",
                status: "ENABLED",
            });
        }
    });

    it("pins the aws-guardduty-agent add-on and turns GuardDuty's management off when a version is given (NODE-3)", async () => {
        const c = await run(() => ({
            detector: "guardduty",
            alarmTopicArn,
            guardDuty: { detectorId: "abc123", agentManagement: { addonVersion: "v1.10.0-eksbuild.2" } },
        }));
        expect(c.ofType(DETECTOR)).toHaveLength(0);
        expect(c.inputsOf(FEATURE, "rt-runtime-monitoring")).toMatchObject({
            detectorId: "abc123",
            additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }],
        });
        expect(c.inputsOf(ADDON)).toMatchObject({
            clusterName: "prod",
            addonName: "aws-guardduty-agent",
            addonVersion: "v1.10.0-eksbuild.2",
        });
    });

    it("creates nothing for an explained opt-out", async () => {
        const c = await run(() => ({ detector: "none", optOut: { reason: "ephemeral preview cluster" } }));
        expect(
            c.resources
                .map((resource) => resource.type)
                .filter((type) => !type.startsWith("pulumi:") && type !== "baseline:runtime:RuntimeDetection"),
        ).toEqual([]);
    });

    it("allows detector none only with an explicit opt-out, with the exact message", () => {
        expect(validateRuntimeDetectionArgs({ detector: "none" })).toEqual([
            'RuntimeDetectionArgs.detector is "none" without optOut.reason; pick "falco" or "guardduty", or state why this environment runs without runtime detection. [LOG-5]',
        ]);
    });

    it("refuses GuardDuty without an alarm topic and Falco without its settings, with the exact messages", () => {
        expect(validateRuntimeDetectionArgs({ detector: "guardduty" })).toEqual([
            "RuntimeDetectionArgs.alarmTopicArn is missing; GuardDuty findings are routed to the alarm SNS topic, give its ARN. [LOG-5]",
        ]);
        expect(validateRuntimeDetectionArgs({ detector: "falco" })).toEqual([
            'RuntimeDetectionArgs.falco is required with detector "falco"; give the provider, the region and the alert output.',
        ]);
        expect(
            validateRuntimeDetectionArgs({
                detector: "guardduty",
                alarmTopicArn,
                guardDuty: { agentManagement: { addonVersion: "latest" } },
            }),
        ).toEqual([
            'RuntimeDetectionArgs.guardDuty.agentManagement.addonVersion "latest" is not an EKS add-on version; pin one such as "v1.10.0-eksbuild.2". [NODE-3]',
        ]);
    });

    it("throws before creating any child when the Args are invalid", async () => {
        const invalid = run(() => ({ detector: "none" }));
        await expect(invalid).rejects.toThrow(InvalidArgsError);
        await expect(invalid).rejects.toThrow(
            new InvalidArgsError("RuntimeDetection", [
                'RuntimeDetectionArgs.detector is "none" without optOut.reason; pick "falco" or "guardduty", or state why this environment runs without runtime detection. [LOG-5]',
            ]),
        );
    });
});
