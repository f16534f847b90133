/**
 * The TypeScript snippets of the documentation that import the package, turned into modules a
 * consumer project can compile: a snippet that exports is a module as written; in any other, the
 * imports stay at the top and the rest becomes the body of an async function (snippets may `await`). `./program` is the consumer's own program module, which the
 * compiling project provides (exporting `myProgram`).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The documents whose snippets a reader copies into a project that installed the package. */
export const snippetDocuments = ["README.md", "docs/plan-report.md", "examples/consumer/README.md"];

/** One snippet: `<document path with / and . as ->-<n>` and its module text. */
export interface DocSnippet {
    id: string;
    document: string;
    source: string;
    module: string;
}

/** Every ```ts fence of the documents that imports `packageName` (or a subpath of it). */
export function docSnippets(root: string, packageName: string): DocSnippet[] {
    return snippetDocuments.flatMap((document) => {
        const text = readFileSync(path.join(root, document), "utf8");
        const fences = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
        return fences
            .filter((source) => source.includes(`from "${packageName}`))
            .map((source, index) => {
                const id = `${document.replace(/\.md$/, "").replace(/[/.]/g, "-")}-${index + 1}`;
                const lines = source.split("\n");
                if (lines.some((line) => /^export\s/.test(line))) {
                    return { id, document, source, module: source };
                }
                const imports = lines.filter((line) => /^import\s/.test(line));
                const body = lines.filter((line) => !/^import\s/.test(line));
                return {
                    id,
                    document,
                    source,
                    module: [
                        ...imports,
                        "",
                        "/** The snippet as written in the documentation. */",
                        "export async function snippet(): Promise<unknown> {",
                        ...body.map((line) => (line ? `    ${line}` : line)),
                        "    return undefined;",
                        "}",
                        "",
                    ].join("\n"),
                };
            });
    });
}
