/**
 * IAM-11: who a role's trust policy lets assume it. Pure reading of parsed statements
 * (lib/iam-document.ts) with the shared condition reading (lib/iam-conditions.ts).
 * - A `*` principal (`"*"`, `{"AWS": "*"}`, `{"AWS": [..., "*"]}`) or NotPrincipal trusts every
 *   AWS account unless a Condition pins aws:PrincipalAccount / aws:PrincipalOrgID /
 *   aws:PrincipalArn (and, for `{"Service": "*"}`, aws:SourceAccount / aws:SourceArn) to a
 *   concrete value.
 * - IRSA: an EKS OIDC provider (`arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>`)
 *   issues a token to every pod of the cluster, so the trust names the service account with
 *   `StringEquals` on `<provider>:sub` = `system:serviceaccount:<namespace>:<name>` and
 *   `<provider>:aud` = `sts.amazonaws.com`
 *   (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 * - EKS Pod Identity: the role trusts `pods.eks.amazonaws.com` alone, for exactly
 *   `sts:AssumeRole` and `sts:TagSession` (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html).
 */
import { ConditionEntry, conditionEntries, conditionPinning, principalPinningKeys, sourcePinningKeys } from "./iam-conditions";
import { Statement, isAllow, isPublicPrincipal, statementLabel, unknownReference } from "./iam-document";

/** The service principal of EKS Pod Identity. */
export const podIdentityPrincipal = "pods.eks.amazonaws.com";
/** The actions a Pod Identity trust allows, no more, no fewer. */
export const podIdentityActions: readonly string[] = ["sts:AssumeRole", "sts:TagSession"];
/** The audience EKS sets on projected service-account tokens for IRSA. */
export const irsaAudience = "sts.amazonaws.com";

const serviceAccountSubject = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function strings(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The principal's values under one key (`AWS`, `Service`, `Federated`). */
export function principalValues(principal: unknown, key: string): string[] {
    return isRecord(principal) ? strings(principal[key]) : [];
}

/** True when an action pattern (IAM: case-insensitive, `*` wildcards) covers `action`. */
export function actionCovers(pattern: string, action: string): boolean {
    const regex = new RegExp(
        `^${pattern
            .trim()
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        "i",
    );
    return regex.test(action);
}

/** The OIDC host path of an EKS OIDC provider ARN (`oidc.eks.<region>.amazonaws.com/id/<id>`), else undefined. */
export function eksOidcProvider(federated: string): string | undefined {
    const match = /:oidc-provider\/(oidc\.eks\.[^/]+\/id\/[^/\s]+)$/.exec(federated.trim());
    return match?.[1];
}

function publicProblem(statement: Statement, label: string): string | undefined {
    const servicesOnly = isRecord(statement.principal) && principalValues(statement.principal, "Service").includes("*");
    const keys = servicesOnly ? [...principalPinningKeys, ...sourcePinningKeys] : principalPinningKeys;
    const pinning = conditionPinning(statement.condition, keys);
    if (pinning.pinned) {
        return undefined;
    }
    return (
        `${label} trusts Principal "*" ${pinning.reason}; name the principals, or pin them with StringEquals on ` +
        "aws:PrincipalAccount or aws:PrincipalOrgID (a concrete value)"
    );
}

function webIdentityProblems(statement: Statement, label: string, provider: string): string[] {
    const entries = conditionEntries(statement.condition);
    const problems: string[] = [];
    const on = (suffix: string) => entries.filter((entry) => entry.key.toLowerCase() === `${provider}:${suffix}`.toLowerCase());
    const exact = (entry: ConditionEntry) => entry.operator === "StringEquals";
    const sub = on("sub");
    for (const entry of sub.filter((candidate) => !exact(candidate))) {
        problems.push(
            `${label} checks ${provider}:sub with ${entry.operator}, which does not pin one service account; use StringEquals with system:serviceaccount:<namespace>:<name>`,
        );
    }
    const subjects = sub.filter(exact).flatMap((entry) => entry.values);
    if (sub.filter(exact).length === 0) {
        problems.push(
            `${label} lets every service account of the cluster assume the role (no StringEquals on ${provider}:sub); pin it to system:serviceaccount:<namespace>:<name>`,
        );
    }
    for (const subject of subjects.filter((value) => value !== unknownReference && !serviceAccountSubject.test(value))) {
        problems.push(
            `${label} allows ${provider}:sub "${subject}", which is not one service account; use system:serviceaccount:<namespace>:<name>`,
        );
    }
    const audiences = on("aud");
    const pinnedAudience =
        audiences.some(exact) &&
        audiences.every((entry) => exact(entry) && entry.values.length > 0 && entry.values.every((value) => value === irsaAudience));
    if (!pinnedAudience) {
        problems.push(`${label} does not require StringEquals ${provider}:aud = "${irsaAudience}"; add it`);
    }
    return problems;
}

function podIdentityProblems(statement: Statement, label: string): string[] {
    const problems: string[] = [];
    const others = isRecord(statement.principal)
        ? Object.keys(statement.principal).flatMap((key) =>
              principalValues(statement.principal, key)
                  .filter((value) => !(key === "Service" && value === podIdentityPrincipal))
                  .map((value) => `${key} "${value}"`),
          )
        : [];
    if (others.length > 0) {
        problems.push(`${label} trusts ${others.join(", ")} besides ${podIdentityPrincipal}; a Pod Identity role trusts nothing else`);
    }
    const actions = statement.action.map((action) => action.trim());
    const exactActions =
        !statement.hasNotAction &&
        actions.length === podIdentityActions.length &&
        podIdentityActions.every((wanted) => actions.some((action) => action.toLowerCase() === wanted.toLowerCase()));
    if (!exactActions) {
        const written = statement.hasNotAction ? "NotAction" : `Action ${JSON.stringify(actions)}`;
        problems.push(`${label} allows ${written} to ${podIdentityPrincipal}; allow exactly ["sts:AssumeRole", "sts:TagSession"]`);
    }
    return problems;
}

/** Every IAM-11 problem of a trust policy's statements, as "<statement> <problem>" texts. */
export function trustProblems(statements: readonly Statement[]): string[] {
    const allows = statements.filter(isAllow);
    const podIdentity = allows.filter((statement) => principalValues(statement.principal, "Service").includes(podIdentityPrincipal));
    const problems: string[] = [];
    for (const statement of allows) {
        const label = statementLabel(statement);
        if (statement.hasNotPrincipal) {
            problems.push(`${label} uses NotPrincipal, which trusts everyone not listed; name the principals in Principal`);
            continue;
        }
        if (isPublicPrincipal(statement.principal)) {
            const problem = publicProblem(statement, label);
            if (problem !== undefined) {
                problems.push(problem);
            }
        }
        const webIdentity = statement.action.some((action) => actionCovers(action, "sts:AssumeRoleWithWebIdentity"));
        for (const federated of principalValues(statement.principal, "Federated")) {
            const provider = eksOidcProvider(federated);
            if (webIdentity && provider !== undefined) {
                problems.push(...webIdentityProblems(statement, label, provider));
            }
        }
        if (podIdentity.includes(statement)) {
            problems.push(...podIdentityProblems(statement, label));
        } else if (podIdentity.length > 0) {
            problems.push(
                `${label} trusts another principal in a role that trusts ${podIdentityPrincipal}; a Pod Identity role trusts nothing else, so remove it`,
            );
        }
    }
    return problems;
}
