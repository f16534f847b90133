/** One piece of proof that a control layer exists: the code that builds it and the test that proves it. */
export interface ControlEvidence {
    /** Control ID exactly as in controls/catalogue.md, e.g. "NET-1". */
    control: string;
    /** B component default, P preview policy, A admission, R runtime detection, D runbook. */
    layer: "B" | "P" | "A" | "R" | "D";
    /** Repository-relative path of the implementing file (must exist). */
    implementation: string;
    /** A symbol or text that must occur in the implementing file (export name, policy name, heading). */
    symbol: string;
    /** Repository-relative path of the test file (must exist). */
    test: string;
    /** Text of the test's name (the string passed to `it`/`test`) that must occur in the test file. */
    testName: string;
}
