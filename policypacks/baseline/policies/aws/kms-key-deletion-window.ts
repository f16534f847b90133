import { show } from "../../lib/aws-props";
import { kmsExternalKey, kmsKey, kmsReplicaExternalKey, kmsReplicaKey } from "../../lib/aws-types";
import { resourcePolicy } from "../../lib/policy";

/** The longest (and, unset, the default) KMS deletion waiting period, in days. */
const maximumWindow = 30;

/**
 * SEC-2 (and SEC-7): a scheduled key deletion waits the full 30 days, leaving a month to notice
 * and cancel it before data encrypted under the key becomes unreadable. Unset
 * `deletionWindowInDays` is 30, AWS's default and maximum.
 */
export const kmsKeyDeletionWindow = resourcePolicy({
    name: "kms-key-deletion-window",
    description:
        "KMS keys keep a deletion window of 30 days (deletionWindowInDays unset or 30), so a scheduled deletion can be noticed and cancelled. AWS KMS best practices (waiting period before key deletion).",
    severity: "medium",
    controls: ["SEC-2", "SEC-7"],
    remediationSteps: "Remove deletionWindowInDays or set it to 30.",
    resourceTypes: [kmsKey, kmsReplicaKey, kmsExternalKey, kmsReplicaExternalKey],
    validate: ({ props }, report) => {
        const days = props.deletionWindowInDays;
        if (days !== undefined && !(typeof days === "number" && days >= maximumWindow)) {
            report(`deletionWindowInDays is ${show(days)}, below 30; remove it or set it to 30.`);
        }
    },
});
