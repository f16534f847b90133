/**
 * The JSON-schema subset policy `configSchema`s use (type, enum, const, properties, required,
 * additionalProperties, items, min/max lengths and items, pattern, minimum/maximum, uniqueItems,
 * anyOf/oneOf/allOf/not), validated the way the engine's gojsonschema reports it: one line per
 * problem, naming the property path.
 */

/** A JSON-schema fragment. */
export type JsonSchema = Record<string, unknown>;

function typeOf(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
    const actual = typeOf(value);
    return actual === type || (type === "number" && actual === "integer");
}

function deepEqual(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/** Validates `value` against `schema`; returns problems as `<path>: <problem>` lines. */
export function validateJsonSchema(schema: JsonSchema, value: unknown, at = "(root)"): string[] {
    const problems: string[] = [];
    const say = (problem: string) => problems.push(`${at}: ${problem}`);
    const type = schema.type as string | string[] | undefined;
    if (type !== undefined) {
        const types = Array.isArray(type) ? type : [type];
        if (!types.some((candidate) => matchesType(value, candidate))) {
            say(`Invalid type. Expected: ${types.join(" or ")}, given: ${typeOf(value)}`);
            return problems;
        }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
        say(`must be one of the following: ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(", ")}`);
    }
    if ("const" in schema && !deepEqual(schema.const, value)) {
        say(`does not match: ${JSON.stringify(schema.const)}`);
    }
    if (typeof value === "string") {
        if (typeof schema.minLength === "number" && [...value].length < schema.minLength) {
            say(`String length must be greater than or equal to ${schema.minLength}`);
        }
        if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) {
            say(`String length must be less than or equal to ${schema.maxLength}`);
        }
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
            say(`Does not match pattern '${schema.pattern}'`);
        }
    }
    if (typeof value === "number") {
        if (typeof schema.minimum === "number" && value < schema.minimum) {
            say(`Must be greater than or equal to ${schema.minimum}`);
        }
        if (typeof schema.maximum === "number" && value > schema.maximum) {
            say(`Must be less than or equal to ${schema.maximum}`);
        }
    }
    if (Array.isArray(value)) {
        if (typeof schema.minItems === "number" && value.length < schema.minItems) {
            say(`Array must have at least ${schema.minItems} items`);
        }
        if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
            say(`Array must have at most ${schema.maxItems} items`);
        }
        if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
            say("array items must be unique");
        }
        if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
            value.forEach((item, index) => problems.push(...validateJsonSchema(schema.items as JsonSchema, item, `${at}.${index}`)));
        }
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const object = value as Record<string, unknown>;
        const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
        for (const required of (schema.required as string[] | undefined) ?? []) {
            if (!(required in object)) {
                say(`${required} is required`);
            }
        }
        for (const [key, item] of Object.entries(object)) {
            const childAt = at === "(root)" ? key : `${at}.${key}`;
            if (properties[key]) {
                problems.push(...validateJsonSchema(properties[key]!, item, childAt));
            } else if (schema.additionalProperties === false) {
                say(`Additional property ${key} is not allowed`);
            } else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
                problems.push(...validateJsonSchema(schema.additionalProperties as JsonSchema, item, childAt));
            }
        }
    }
    if (Array.isArray(schema.allOf)) {
        for (const part of schema.allOf as JsonSchema[]) {
            problems.push(...validateJsonSchema(part, value, at));
        }
    }
    if (Array.isArray(schema.anyOf) && !(schema.anyOf as JsonSchema[]).some((part) => validateJsonSchema(part, value, at).length === 0)) {
        say("Must validate at least one schema (anyOf)");
    }
    if (
        Array.isArray(schema.oneOf) &&
        (schema.oneOf as JsonSchema[]).filter((part) => validateJsonSchema(part, value, at).length === 0).length !== 1
    ) {
        say("Must validate one and only one schema (oneOf)");
    }
    if (schema.not && typeof schema.not === "object" && validateJsonSchema(schema.not as JsonSchema, value, at).length === 0) {
        say("Must not validate the schema (not)");
    }
    return problems;
}
