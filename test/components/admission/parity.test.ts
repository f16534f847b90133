/**
 * Parity: one shared set of compliant and violating objects per control, run through every
 * admission rule and every pack policy tagged with the same control ID. Preview time and
 * admission time must reach the same verdict on every object, and the verdict the fixture names.
 */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import {
    ALLOWED_SELINUX_TYPES,
    AGGREGATE_TO_VIEW_LABEL,
    AdmissionRule,
    CONTROLLER_ROLE_PREFIX,
    DEFAULT_ALLOWED_REGISTRIES,
    ESCALATING_BUILTIN_ROLE_LABELS,
    IMPERSONATING_BUILTIN_ROLES,
    SAFE_SYSCTLS,
    admissionRules,
    ownEcrRegistry,
} from "../../../components/admission";
import {
    aggregateToViewLabel,
    builtinClusterRoleLabels,
    controllerRolePrefix,
    impersonatingBuiltinRoles,
} from "../../../policypacks/baseline/lib/k8s-rbac";
import { defaultAllowedRegistries } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-image-allowed";
import { kubernetesPolicies } from "../../../policypacks/baseline/policies/kubernetes";
import { safeSysctls } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-safe-sysctls";
import { allowedSelinuxTypes } from "../../../policypacks/baseline/policies/kubernetes/k8s-pod-selinux-options";
import { runResourcePolicy } from "../../helpers/run-policy";
import { cases as iam5 } from "../../fixtures/parity/iam-5";
import { BREAK_GLASS_SUBJECT } from "../../fixtures/parity/iam-5";
import { cases as net11 } from "../../fixtures/parity/net-11";
import { EXPOSED_NAMESPACE, cases as net8 } from "../../fixtures/parity/net-8";
import { cases as node5 } from "../../fixtures/parity/node-5";
import { ParityCase, pulumiType } from "../../fixtures/parity/objects";
import { cases as sec8 } from "../../fixtures/parity/sec-8";
import { cases as wl1 } from "../../fixtures/parity/wl-1";
import { OWN_ACCOUNT, OWN_REGION, cases as wl10 } from "../../fixtures/parity/wl-10";
import { cases as wl11 } from "../../fixtures/parity/wl-11";
import { cases as wl2 } from "../../fixtures/parity/wl-2";
import { cases as wl3 } from "../../fixtures/parity/wl-3";
import { cases as wl4 } from "../../fixtures/parity/wl-4";
import { cases as wl5 } from "../../fixtures/parity/wl-5";
import { cases as wl6 } from "../../fixtures/parity/wl-6";
import { cases as wl7 } from "../../fixtures/parity/wl-7";
import { cases as wl9 } from "../../fixtures/parity/wl-9";
import { evaluateRule } from "./evaluate";

const casesByControl: Record<string, ParityCase[]> = {
    "WL-1": wl1,
    "WL-2": wl2,
    "WL-3": wl3,
    "WL-4": wl4,
    "WL-5": wl5,
    "WL-6": wl6,
    "WL-7": wl7,
    "WL-9": wl9,
    "WL-10": wl10,
    "WL-11": wl11,
    "NET-8": net8,
    "NET-11": net11,
    "IAM-5": iam5,
    "NODE-5": node5,
    "SEC-8": sec8,
};

/** The same settings on both sides: the stack's own ECR (as infra resolves it) plus the defaults. */
const rules = admissionRules({
    allowedRegistries: [ownEcrRegistry(OWN_ACCOUNT, OWN_REGION), ...DEFAULT_ALLOWED_REGISTRIES],
    requireDigest: false,
    allowedExposedNamespaces: [EXPOSED_NAMESPACE],
    breakGlassSubjects: [BREAK_GLASS_SUBJECT],
});
const packConfig = {
    allowedRegistries: [...DEFAULT_ALLOWED_REGISTRIES],
    accountId: OWN_ACCOUNT,
    region: OWN_REGION,
    requireDigest: false,
    allowedExposedNamespaces: [EXPOSED_NAMESPACE],
    breakGlassSubjects: [BREAK_GLASS_SUBJECT],
};

/** The control a rule exists for (WL-13 only says it covers every pod-bearing kind). */
const primaryControl = (rule: AdmissionRule) => rule.controls[0]!;
const rulesFor = (control: string) => rules.filter((rule) => primaryControl(rule) === control);
const packPoliciesFor = (control: string) =>
    kubernetesPolicies.filter(
        (policy) => (policy.tags ?? []).includes(control) && "validateResource" in policy,
    ) as ResourceValidationPolicy[];

async function packVerdict(control: string, testCase: ParityCase): Promise<{ deny: boolean; messages: string[] }> {
    const messages: string[] = [];
    for (const policy of packPoliciesFor(control)) {
        const outcome = await runResourcePolicy(
            policy,
            { type: pulumiType(testCase.object), name: "parity", props: testCase.object },
            packConfig,
        );
        messages.push(...outcome.violations.map((message) => `${policy.name}: ${message}`));
    }
    return { deny: messages.length > 0, messages };
}

function admissionVerdict(control: string, testCase: ParityCase): { deny: boolean; messages: string[] } {
    const messages = rulesFor(control).flatMap((rule) =>
        evaluateRule(rule, { object: testCase.object }).failures.map((message) => `${rule.name}: ${message}`),
    );
    return { deny: messages.length > 0, messages };
}

describe("admission/pack parity", () => {
    it("has an admission rule and a pack policy for every A-layer control it covers", () => {
        const missing = Object.keys(casesByControl).flatMap((control) => [
            ...(rulesFor(control).length === 0 ? [`${control}: no admission rule`] : []),
            ...(packPoliciesFor(control).length === 0 ? [`${control}: no pack policy tagged ${control}`] : []),
        ]);
        expect(missing).toEqual([]);
    });

    it("uses the pack's default registry list as the admission default (WL-10)", () => {
        expect([...DEFAULT_ALLOWED_REGISTRIES]).toEqual([...defaultAllowedRegistries]);
    });

    it("uses the pack's built-in RBAC role lists and labels (IAM-5)", () => {
        expect([...IMPERSONATING_BUILTIN_ROLES].sort()).toEqual([...impersonatingBuiltinRoles.keys()].sort());
        expect(CONTROLLER_ROLE_PREFIX).toBe(controllerRolePrefix);
        expect(AGGREGATE_TO_VIEW_LABEL).toBe(aggregateToViewLabel);
        const admissionSets = ESCALATING_BUILTIN_ROLE_LABELS.flatMap((entry) =>
            entry.roles.map((role) => ({ name: role, labels: entry.labels })),
        );
        const packSets = builtinClusterRoleLabels.filter((role) => role.escalates).map(({ name, labels }) => ({ name, labels }));
        expect(admissionSets.sort((a, b) => a.name.localeCompare(b.name))).toEqual(packSets.sort((a, b) => a.name.localeCompare(b.name)));
    });

    it("uses the pack's safe sysctls and SELinux types as the admission lists (WL-7)", () => {
        expect([...SAFE_SYSCTLS]).toEqual([...safeSysctls]);
        expect([...ALLOWED_SELINUX_TYPES]).toEqual([...allowedSelinuxTypes]);
    });

    it("pairs the WL-7 rule with all five WL-7 pack policies", () => {
        expect(
            packPoliciesFor("WL-7")
                .map((policy) => policy.name)
                .sort(),
        ).toEqual([
            "k8s-pod-apparmor-profile",
            "k8s-pod-default-proc-mount",
            "k8s-pod-safe-sysctls",
            "k8s-pod-seccomp-profile",
            "k8s-pod-selinux-options",
        ]);
        expect(rulesFor("WL-7").map((rule) => rule.name)).toEqual(["baseline-wl-7-security-profiles"]);
    });

    for (const [control, cases] of Object.entries(casesByControl)) {
        it(`agrees with the pack on every ${control} fixture`, async () => {
            const disagreements: string[] = [];
            for (const testCase of cases) {
                const pack = await packVerdict(control, testCase);
                const admission = admissionVerdict(control, testCase);
                const want = testCase.expect === "deny";
                if (pack.deny !== want || admission.deny !== want) {
                    disagreements.push(
                        `${control} "${testCase.name}": expected ${testCase.expect}; pack ${pack.deny ? "denies" : "admits"} ${JSON.stringify(pack.messages)}, ` +
                            `admission ${admission.deny ? "denies" : "admits"} ${JSON.stringify(admission.messages)}`,
                    );
                }
            }
            expect(disagreements).toEqual([]);
        });
    }
});
