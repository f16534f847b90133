/**
 * Field schemas shared by the config sections. Custom messages are fragments
 * (`is 7; use a whole number from 2 to 6`); format.ts prefixes the full config key.
 */
import { z } from "zod";
import { logRetentionDays } from "./versions";

/** JSON text of a value for messages: strings quoted, everything else as written. */
export function show(value: unknown): string {
    return JSON.stringify(value) ?? String(value);
}

/** Adds a check with a message fragment built from the rejected value. */
export function check<S extends z.ZodType>(schema: S, ok: (value: z.output<S>) => boolean, message: (value: z.output<S>) => string): S {
    return schema.superRefine((value, ctx) => {
        if (!ok(value)) {
            ctx.addIssue({ code: "custom", message: message(value) });
        }
    }) as unknown as S;
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A whole number in [min, max]. */
export function intBetween(min: number, max: number) {
    return check(
        z.number().int(),
        (value) => value >= min && value <= max,
        (value) => `is ${value}; use a whole number from ${min} to ${max}`,
    );
}

/** A Kubernetes object name (DNS label). */
export const dnsLabelSchema = check(
    z.string(),
    (value) => dnsLabel.test(value),
    (value) =>
        `is ${show(value)}, not a DNS label; use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit`,
);

/** A CloudWatch Logs retention value. */
export const retentionSchema = check(
    z.number().int(),
    (value) => (logRetentionDays as readonly number[]).includes(value),
    (value) => `is ${value}; use a retention CloudWatch Logs accepts (${logRetentionDays.join(", ")})`,
);

const partition = "aws|aws-us-gov|aws-cn";
const roleArn = new RegExp(`^arn:(${partition}):iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`);
const principalArn = new RegExp(`^arn:(${partition}):iam::\\d{12}:(root|role/[\\w+=,.@/-]{1,512}|user/[\\w+=,.@/-]{1,512})$`);

/** An IAM role ARN. */
export const roleArnSchema = check(
    z.string(),
    (value) => roleArn.test(value),
    (value) => `is ${show(value)}, not an IAM role ARN; write arn:aws:iam::<12-digit account>:role/<name>`,
);

/** An IAM principal allowed to assume the break-glass role: an account root, role or user ARN, never a wildcard. */
export const principalArnSchema = check(
    z.string(),
    (value) => principalArn.test(value),
    (value) =>
        `is ${show(value)}, not an IAM principal ARN; write arn:aws:iam::<12-digit account>:role/<name> (or :user/<name>, :root), never a wildcard`,
);

/** An exact EKS add-on version (NODE-3). */
export const addonVersionSchema = check(
    z.string(),
    (value) => /^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(value),
    (value) => `is ${show(value)}, not an exact EKS add-on version; pin one such as v1.20.0-eksbuild.1 (aws eks describe-addon-versions)`,
);

/** `cron(m h dom mon dow year)` with `?` in exactly one of the day fields, as EventBridge Scheduler wants. */
export function isSchedulerCron(value: string): boolean {
    const match = /^cron\((.+)\)$/.exec(value);
    const fields = match?.[1]?.split(" ") ?? [];
    if (fields.length !== 6 || fields.some((field) => !/^[0-9A-Za-z*?,/#L-]+$/.test(field))) {
        return false;
    }
    return (fields[2] === "?") !== (fields[4] === "?");
}

const secretArn = new RegExp(`^arn:(${partition}):secretsmanager:[a-z0-9-]+:\\d{12}:secret:[\\w/+=.@-]+$`);

/** A Secrets Manager secret ARN (SEC-4): delivery grants read on exactly these. */
export const secretArnSchema = check(
    z.string(),
    (value) => secretArn.test(value),
    (value) => `is ${show(value)}, not a Secrets Manager secret ARN; write arn:aws:secretsmanager:<region>:<account>:secret:<name>`,
);
