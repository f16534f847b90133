import { Rule, regionPattern } from "./context";

/** `aws:region` is set and well-formed. */
export const regionRule: Rule = ({ region, stackFile }) => {
    if (region === undefined || region === "") {
        return [`aws:region is not set; add it to ${stackFile}, e.g. aws:region: eu-west-1.`];
    }
    if (!regionPattern.test(region)) {
        return [`aws:region is "${region}", not an AWS region; write one such as eu-west-1.`];
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
