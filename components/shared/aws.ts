/**
 * AWS facts every component validates its Args against, kept in one place so the components
 * agree with each other and with infra/config.
 */

/** Retention periods CloudWatch Logs accepts (days). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** True when CloudWatch Logs accepts `days` as a retention period. */
export function isLogRetention(days: number): boolean {
    return (LOG_RETENTION_DAYS as readonly number[]).includes(days);
}

/** An AWS region name: `eu-west-1`, `us-gov-west-1`, `us-isob-east-1`. */
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
