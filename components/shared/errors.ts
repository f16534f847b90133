/**
 * Thrown when a component's Args are invalid, before any child resource exists.
 * The message names the argument, the offending value and the fix.
 */
export class InvalidArgsError extends Error {
    constructor(
        readonly component: string,
        readonly problems: string[],
    ) {
        super(problems.map((problem) => `${component}: ${problem}`).join("\n"));
        this.name = "InvalidArgsError";
    }
}

/** Throws one InvalidArgsError listing every problem, or returns when there are none. */
export function assertNoProblems(component: string, problems: string[]): void {
    if (problems.length > 0) {
        throw new InvalidArgsError(component, problems);
    }
}
