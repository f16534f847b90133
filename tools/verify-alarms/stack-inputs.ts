/**
 * The audit patterns of one stack, built from its validated config the way infra/aws-layer.ts
 * builds them: the break-glass role is ClusterIdentity's `<cluster>-break-glass` role, its group
 * `baseline:rbac.breakGlassGroup`, the allow-list `baseline:audit.serviceAccountSecretReaders`
 * with the AuditTrail's default.
 */
import { resolveSecretReaders } from "../../components/audit/args";
import { AuditMetricFilterSpec, auditMetricFilters } from "../../components/audit/metric-filters";
import { iamRoleArn } from "../../components/identity/policies";
import { childName } from "../../components/shared/naming";
import type { BaselineConfig } from "../../infra/config";
import { EventIdentity } from "./golden-events";

/** ARN partition of a region (`cn-*`: aws-cn, `us-gov-*`: aws-us-gov, else aws). */
export function partitionOf(region: string): string {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** What verify-alarms needs from a stack: its filters, the identity to render events for, its allow-list. */
export interface StackAlarmInputs {
    filters: AuditMetricFilterSpec[];
    identity: EventIdentity;
    serviceAccountSecretReaders: readonly string[];
}

/** The stack's metric filters and the identity its golden events are rendered for. */
export function stackAlarmInputs(config: Pick<BaselineConfig, "accountId" | "region" | "cluster" | "rbac" | "audit">): StackAlarmInputs {
    const breakGlassRoleName = childName(config.cluster.name, "break-glass");
    const serviceAccountSecretReaders = resolveSecretReaders(config.audit.serviceAccountSecretReaders);
    const filters = auditMetricFilters({
        breakGlass: {
            roleArn: iamRoleArn(partitionOf(config.region), config.accountId, breakGlassRoleName),
            group: config.rbac.breakGlassGroup,
        },
        serviceAccountSecretReaders,
    });
    return {
        filters,
        identity: { accountId: config.accountId, breakGlassRoleName, breakGlassGroup: config.rbac.breakGlassGroup },
        serviceAccountSecretReaders,
    };
}
