/**
 * Thrown when the stack configuration is invalid. It lists every problem at once, one line each,
 * naming the full config key (`baseline:cluster.publicEndpoint.cidrs`) and the fix, so a single
 * `pulumi preview` shows everything to change. No partial config is ever returned.
 */
export class BaselineConfigError extends Error {
    override readonly name = "BaselineConfigError";

    constructor(readonly problems: string[]) {
        super(problems.join("\n"));
        // The message is the whole report; a stack trace would only point into the parser.
        this.stack = `${this.name}: ${this.message}`;
    }
}
