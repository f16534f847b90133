import { describe, expect, it } from "vitest";
import { FilterPatternError, compileRegex, matchesFilterPattern } from "./index";

// The example events and patterns of "Using filter patterns to match terms in JSON log events"
// (CloudWatch Logs User Guide, FilterAndPatternSyntax), with the answers the page gives.
const simple = JSON.stringify({
    eventType: "UpdateTrail",
    sourceIPAddress: "111.111.111.111",
    arrayKey: ["value", "another value"],
    objectList: [
        { name: "a", id: 1 },
        { name: "b", id: 2 },
    ],
    SomeObject: null,
    ThisFlag: true,
});
const compound = JSON.stringify({
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
        { id: 2, email: "John.Doe@example.com" },
        { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
        [0, 30],
        [40, 50],
    ],
});

describe("CloudWatch Logs JSON filter-pattern evaluator", () => {
    it.each([
        ['{ $.eventType = "UpdateTrail" }', true],
        ["{ $.sourceIPAddress != 123.123.* }", true],
        ['{ $.arrayKey[0] = "value" }', true],
        ["{ $.objectList[1].id = 2 }", true],
        ["{ $.SomeObject IS NULL }", true],
        ["{ $.SomeOtherObject NOT EXISTS }", true],
        ["{ $.ThisFlag IS TRUE }", true],
        ['{ $.eventType = "*Trail" }', true],
        ['{ $.eventType = "Update*" }', true],
    ])("matches the documentation's single-condition example %s", (pattern, expected) => {
        expect(matchesFilterPattern(pattern, simple)).toBe(expected);
    });

    it.each([
        ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
        ['{ ($.user.id = 2 && $.users[0].email = "John.Doe@example.com") || $.actions[2] = "GET" }', false],
        ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nomatch" }', true],
        ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nomatch" }', false],
        ["{ $.coordinates[0][1] = 30 }", true],
    ])("evaluates the documentation's compound example %s, && before ||", (pattern, expected) => {
        expect(matchesFilterPattern(pattern, compound)).toBe(expected);
    });

    it("never matches a selector that points at an array or an object, with = or !=", () => {
        for (const pattern of ['{ $.users = "*" }', '{ $.users != "x" }', '{ $.user = "*" }', '{ $.user != "x" }', "{ $.user IS NULL }"]) {
            expect(matchesFilterPattern(pattern, compound)).toBe(false);
        }
    });

    it("compares strings case-sensitively and numbers numerically", () => {
        expect(matchesFilterPattern('{ $.eventType = "updatetrail" }', simple)).toBe(false);
        expect(matchesFilterPattern("{ $.objectList[0].id < 2 }", simple)).toBe(true);
        expect(matchesFilterPattern("{ $.objectList[1].id >= 3 }", simple)).toBe(false);
        expect(matchesFilterPattern("{ $.eventType < 2 }", simple)).toBe(false);
    });

    it("matches an absent selector only with NOT EXISTS", () => {
        expect(matchesFilterPattern('{ $.missing = "*" }', simple)).toBe(false);
        expect(matchesFilterPattern('{ $.missing != "x" }', simple)).toBe(false);
        expect(matchesFilterPattern("{ $.arrayKey[5] NOT EXISTS }", simple)).toBe(true);
        expect(matchesFilterPattern("{ $.eventType NOT EXISTS }", simple)).toBe(false);
    });

    it("takes * wildcards at the start, the end or both ends of a value", () => {
        expect(matchesFilterPattern('{ $.arrayKey[1] = "*other*" }', simple)).toBe(true);
        expect(matchesFilterPattern('{ $.arrayKey[1] = "*other" }', simple)).toBe(false);
        expect(matchesFilterPattern('{ $.arrayKey[1] = "*" }', simple)).toBe(true);
        expect(() => matchesFilterPattern('{ $.arrayKey[1] = "an*value" }', simple)).toThrow(FilterPatternError);
    });

    it("searches with %regex% as the documentation's regex examples do", () => {
        expect(matchesFilterPattern("{ $.eventType = %Update% }", simple)).toBe(true);
        expect(matchesFilterPattern("{ $.eventType = %^Trail% }", simple)).toBe(false);
        expect(matchesFilterPattern("{ $.arrayKey[1] = %another\\svalue$% }", simple)).toBe(true);
        expect(matchesFilterPattern("{ $.sourceIPAddress = %\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}% }", simple)).toBe(true);
        expect(matchesFilterPattern("{ $.eventType != %Update% }", simple)).toBe(false);
    });

    it("refuses regex characters outside CloudWatch's regex syntax", () => {
        expect(() => compileRegex("something!")).toThrow('regex %something!% uses "!", which CloudWatch\'s regex syntax does not allow');
        expect(() => compileRegex("(a|b)")).toThrow('uses "("');
        expect(() => compileRegex("a b")).toThrow('uses " "');
        expect(() => compileRegex("é")).toThrow('uses "é"');
        expect(compileRegex("[Ee]rror|[Ff]ail").test("a Failure")).toBe(true);
    });

    it("refuses malformed patterns with the place that is wrong", () => {
        expect(() => matchesFilterPattern('{ $.eventType = "UpdateTrail" ', simple)).toThrow("pattern ends early");
        expect(() => matchesFilterPattern('{ ($.eventType = "a" }', simple)).toThrow("expected ) at 21");
        expect(() => matchesFilterPattern('{ $.eventType = "a', simple)).toThrow("unterminated string at 16");
        expect(() => matchesFilterPattern('{ eventType = "a" }', simple)).toThrow("expected a selector or ( at 2");
        expect(() => matchesFilterPattern('{ $.eventType > "a" }', simple)).toThrow("> at 14 needs a number");
        expect(() => matchesFilterPattern('{ $.a = "x" } extra', simple)).toThrow("unexpected text after } at 14");
    });

    it("never matches a message that is not JSON", () => {
        expect(matchesFilterPattern('{ $.eventType = "*" }', "UpdateTrail from 111.111.111.111")).toBe(false);
    });
});
