/**
 * NET-8 / NET-11: the pack's exposure allow-list and the cluster's admission allow-list are one
 * list. Every policy that declares `allowedExposedNamespaces` gets, in each stack's pack config,
 * exactly the stack's `baseline:admission.exposedNamespaces`.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { policySpecOf } from "../../policypacks/baseline/lib/policy";
import { baselinePolicies } from "../../policypacks/baseline/policies";
import { loadStackConfig } from "../../tools/plan/stack-config";

const root = path.resolve(__dirname, "..", "..");
const knob = "allowedExposedNamespaces";
const exposurePolicies = baselinePolicies.filter((policy) => knob in (policySpecOf(policy)?.config ?? {})).map((policy) => policy.name);

describe("one exposure allow-list (NET-8, NET-11)", () => {
    it("is read by the NET-8 policy and every Kubernetes NET-11 policy", () => {
        expect(exposurePolicies.sort()).toEqual([
            "k8s-gateway-exposure-restricted",
            "k8s-ingress-internet-facing-restricted",
            "k8s-service-exposure-restricted",
            "k8s-service-internet-facing-restricted",
        ]);
    });

    it.each(["dev", "staging", "prod"])("gives every exposure policy the %s stack's admission.exposedNamespaces", (stack) => {
        const { config } = loadStackConfig(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "baseline");
        const admission = JSON.parse(String(config["baseline:admission"] ?? "{}")) as { exposedNamespaces?: string[] };
        const packConfig = JSON.parse(
            readFileSync(path.join(root, "policypacks", "baseline", "config", `${stack}.json`), "utf8"),
        ) as Record<string, Record<string, unknown>>;
        const given = Object.fromEntries(exposurePolicies.map((name) => [name, packConfig[name]?.[knob] ?? []]));
        expect(given).toEqual(Object.fromEntries(exposurePolicies.map((name) => [name, admission.exposedNamespaces ?? []])));
    });
});
