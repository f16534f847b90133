/** CloudWatch Logs JSON filter-pattern evaluator for tests (no npm package evaluates them). */
export { evaluate, matchesFilterPattern } from "./evaluator";
export { parsePattern, parseSelector } from "./parser";
export { compileRegex } from "./regex";
export { FilterPatternError, tokenize } from "./tokenizer";
