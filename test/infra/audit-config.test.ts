import { describe, expect, it } from "vitest";
import { parseBaselineConfig } from "../../infra/config";
import { minimalRaw, problemsOf, set, setting } from "./fixtures";

describe("baseline:audit.serviceAccountSecretReaders (LOG-4)", () => {
    it("passes the allow-list through to the config, and leaves it out for the AuditTrail's default", () => {
        const raw = minimalRaw("dev");
        set(raw, "audit.serviceAccountSecretReaders", ["kube-system", "payments:api"]);
        expect(parseBaselineConfig(raw, { stack: "dev", region: "eu-west-1" }).audit.serviceAccountSecretReaders).toEqual([
            "kube-system",
            "payments:api",
        ]);
        expect(parseBaselineConfig(minimalRaw("dev"), { stack: "dev", region: "eu-west-1" }).audit).not.toHaveProperty(
            "serviceAccountSecretReaders",
        );
    });

    it("names the key and the entry that is not <namespace> or <namespace>:<serviceAccount>", () => {
        expect(problemsOf(setting("audit.serviceAccountSecretReaders", ["kube-system", "Payments"]))).toEqual([
            'baseline:audit.serviceAccountSecretReaders[1] has "Payments", not <namespace> or <namespace>:<serviceAccount>; write lower-case DNS names such as payments or payments:api.',
        ]);
    });

    it("names the key when the list would not fit one CloudWatch filter pattern", () => {
        const entries = Array.from({ length: 8 }, (_, index) => `namespace-${index}:${"s".repeat(60)}`);
        expect(problemsOf(setting("audit.serviceAccountSecretReaders", entries))).toEqual([
            "baseline:audit.serviceAccountSecretReaders makes a filter pattern longer than CloudWatch's 1,024 characters; allow whole namespaces instead of single service accounts, or list fewer.",
        ]);
    });
});
