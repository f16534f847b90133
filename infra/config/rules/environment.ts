import { awsRegions } from "../regions";
import { Rule, regionPattern } from "./context";

/** The known Region nearest to a misspelt one (same letters in the most places), for the fix. */
function nearestRegion(region: string): string {
    const score = (candidate: string) => {
        let same = 0;
        for (let index = 0; index < Math.min(candidate.length, region.length); index++) {
            same += candidate[index] === region[index] ? 1 : 0;
        }
        return same - Math.abs(candidate.length - region.length);
    };
    return [...awsRegions].sort((a, b) => score(b) - score(a))[0];
}

/** `aws:region` is set and well-formed. */
export const regionRule: Rule = ({ region, stackFile }) => {
    if (region === undefined || region === "") {
        return [`aws:region is not set; add it to ${stackFile}, e.g. aws:region: eu-west-1.`];
    }
    if (!regionPattern.test(region)) {
        return [`aws:region is "${region}", not an AWS region; write one such as eu-west-1.`];
    }
    if (!awsRegions.includes(region)) {
        return [
            `aws:region is "${region}", not a known AWS Region (infra/config/regions.ts); did you mean ${nearestRegion(region)}? Fix it in ${stackFile}.`,
        ];
    }
    return [];
};

/** The stack's name says its environment (`prod`, `prod-eu`), so a dev file never drives prod (OPS-1). */
export const stackFamilyRule: Rule = ({ environment, stack }) => {
    if (environment === undefined || stack === environment || stack.startsWith(`${environment}-`)) {
        return [];
    }
    return [
        `baseline:environment is "${environment}" but the stack is "${stack}"; name the stack "${environment}" or "${environment}-<suffix>", or set the environment its name says.`,
    ];
};
