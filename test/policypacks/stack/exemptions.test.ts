import { StackValidationPolicy } from "@pulumi/policy";
import { beforeEach, describe, expect, it } from "vitest";
import { resetPackSettings } from "../../../policypacks/baseline/lib/policy";
import { k8sNamespaceDefaultDeny, productionResourcesProtected } from "../../../policypacks/baseline/policies/stack";
import { runStackPolicy } from "../../helpers/run-policy";
import { changed, compliantPlan, types, urn, without } from "./fixtures";

const namespaces = k8sNamespaceDefaultDeny as StackValidationPolicy;
const protection = productionResourcesProtected as StackValidationPolicy;
const open = without(compliantPlan(), "apps-default-deny");
const unprotected = changed(compliantPlan(), "cluster-key", (key) => ({ ...key, protect: false }));
const keyMessage =
    'aws:kms/key:Key "cluster-key": protect is not set in a production stack, so a destroy or replacement deletes it; add { protect: true } to its resource options. [SEC-7]';

beforeEach(() => resetPackSettings());

describe("stack policy exemptions", () => {
    it("exempts a namespace by name until its expiry date", async () => {
        const exemptions = [{ namespace: "apps", reason: "migration to the baseline, ticket OPS-12", expires: "2999-12-31" }];
        expect(await runStackPolicy(namespaces, open, { exemptions })).toEqual({ violations: [], violationUrns: [] });
    });

    it("reports again after the expiry date and says the exemption expired", async () => {
        const exemptions = [{ namespace: "apps", reason: "migration to the baseline", expires: "2001-01-31" }];
        const suffix = ' (exemption "migration to the baseline" expired on 2001-01-31; renew it in the pack config or fix the resource)';
        expect((await runStackPolicy(namespaces, open, { exemptions })).violations).toEqual([
            `namespace "apps" (kubernetes:core/v1:Namespace "apps"): no default-deny ingress NetworkPolicy; add a NetworkPolicy in "apps" with podSelector {}, "Ingress" in policyTypes and no ingress rules. [NET-7]${suffix}`,
            `namespace "apps" (kubernetes:core/v1:Namespace "apps"): no default-deny egress NetworkPolicy; add a NetworkPolicy in "apps" with podSelector {}, "Egress" in policyTypes and no egress rules. [NET-7]${suffix}`,
        ]);
    });

    it("exempts a resource by name or by URN, and nothing else", async () => {
        const plan = [...unprotected, { type: types.bucket, name: "scratch", props: { bucket: "prod-scratch" } }];
        const byName = [{ resource: "cluster-key", reason: "key is being rotated out", expires: "2999-01-01" }];
        expect((await runStackPolicy(protection, plan, { production: true, exemptions: byName })).violations).toEqual([
            'aws:s3/bucket:Bucket "scratch": protect is not set in a production stack, so a destroy or replacement deletes it; add { protect: true } to its resource options. [SEC-7]',
        ]);
        const byUrn = [{ resource: urn(types.bucket, "scratch"), reason: "disposable scratch space", expires: "2999-01-01" }];
        expect((await runStackPolicy(protection, plan, { production: true, exemptions: byUrn })).violations).toEqual([keyMessage]);
    });

    it("ignores an annotation or tag on the resource itself", async () => {
        const plan = changed(unprotected, "cluster-key", (key) => ({
            ...key,
            props: { ...key.props, tags: { "policy.exempt/production-resources-protected": "true" } },
        }));
        expect((await runStackPolicy(protection, plan, { production: true })).violations).toEqual([keyMessage]);
    });

    it("ignores malformed exemption entries instead of failing", async () => {
        const exemptions = [
            null,
            42,
            { resource: 7, reason: "x", expires: "2999-01-01" },
            { resource: "cluster-key", reason: "no expiry" },
        ];
        expect((await runStackPolicy(protection, unprotected, { production: true, exemptions })).violations).toEqual([
            `${keyMessage} (exemption "no expiry" has no expiry date (YYYY-MM-DD), so it never applied; renew it in the pack config or fix the resource)`,
        ]);
    });
});
