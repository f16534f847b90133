/** The parsed form of a JSON filter pattern. */

/** One step of a selector: an object key or an array index. */
export type Step = { key: string } | { index: number };

/** A literal on the right of a comparison. */
export type Literal =
    { kind: "string"; value: string } | { kind: "number"; value: number } | { kind: "regex"; source: string; regex: RegExp };

/** A boolean expression over the event. */
export type Expr =
    | { kind: "and" | "or"; left: Expr; right: Expr }
    | { kind: "compare"; path: Step[]; op: "=" | "!=" | "<" | "<=" | ">" | ">="; literal: Literal }
    | { kind: "is"; path: Step[]; value: null | true | false }
    | { kind: "not-exists"; path: Step[] };
