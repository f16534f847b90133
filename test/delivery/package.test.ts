/**
 * The package as another team gets it: compiled by tsc from tsconfig.build.json, packed by npm with
 * package.json `files`, and required through package.json `exports` by a plain Node.js process.
 * A real build (tens of seconds), into a temporary directory: the repository is not touched.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as barrel from "../../index";

const root = path.resolve(__dirname, "..", "..");
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
    main: string;
    types: string;
    exports: Record<string, unknown>;
};

/** `{ area, className }` of every `export class X extends pulumi.ComponentResource` in components/<area>/index.ts. */
function componentClasses(): { area: string; className: string }[] {
    const folder = path.join(root, "components");
    return readdirSync(folder)
        .filter((area) => existsSync(path.join(folder, area, "index.ts")))
        .sort()
        .flatMap((area) =>
            [
                ...readFileSync(path.join(folder, area, "index.ts"), "utf8").matchAll(
                    /export class (\w+) extends pulumi\.ComponentResource/g,
                ),
            ].map((match) => ({
                area,
                className: match[1]!,
            })),
        );
}

const classes = componentClasses();
let temp: string;
let packed: string[];
let required: {
    types: Record<string, string>;
    deep: Record<string, boolean>;
    policies: number;
    samePolicies: boolean;
    planProgram: string;
    notExported: string;
};

beforeAll(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), "eks-baseline-package-"));
    const pkg = path.join(temp, "pkg");
    mkdirSync(pkg);
    // Everything `files` might pick from, including what it must leave out (tsconfig, runbooks).
    for (const entry of ["package.json", "README.md", "docs", path.join("policypacks", "baseline")]) {
        if (existsSync(path.join(root, entry))) {
            cpSync(path.join(root, entry), path.join(pkg, entry), {
                recursive: true,
                filter: (source) => !source.includes(`${path.sep}node_modules`),
            });
        }
    }
    execFileSync(
        process.execPath,
        [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", path.join(pkg, "dist")],
        { cwd: root, stdio: "pipe" },
    );
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const report = JSON.parse(
        execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
            cwd: pkg,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        }),
    ) as {
        files: { path: string }[];
    }[];
    packed = report[0]!.files.map((file) => file.path).sort();

    // Install it the way npm would: the app's node_modules holds the package, the package finds its dependencies.
    symlinkSync(path.join(root, "node_modules"), path.join(pkg, "node_modules"), "dir");
    const app = path.join(temp, "app");
    const scope = path.join(app, "node_modules", ...packageJson.name.split("/").slice(0, -1));
    mkdirSync(scope, { recursive: true });
    symlinkSync(pkg, path.join(app, "node_modules", packageJson.name), "dir");
    const name = JSON.stringify(packageJson.name);
    writeFileSync(
        path.join(app, "check.js"),
        [
            `const pkg = require(${name});`,
            `const names = ${JSON.stringify(classes)};`,
            "const deep = {};",
            "for (const { area, className } of names) {",
            `    deep[className] = require(${name} + "/components/" + area)[className] === pkg[className];`,
            "}",
            `const { baselinePolicies } = require(${name} + "/policies");`,
            `const plan = require(${name} + "/plan");`,
            "let notExported = 'required';",
            `try { require(${name} + "/dist/index.js"); } catch (error) { notExported = error.code; }`,
            "console.log(JSON.stringify({",
            "    types: Object.fromEntries(names.map(({ className }) => [className, typeof pkg[className]])),",
            "    deep,",
            "    policies: baselinePolicies.length,",
            "    samePolicies: baselinePolicies === pkg.baselinePolicies,",
            "    planProgram: typeof plan.planProgram,",
            "    notExported,",
            "}));",
        ].join("\n"),
    );
    required = JSON.parse(execFileSync(process.execPath, ["check.js"], { cwd: app, encoding: "utf8" }));
}, 240_000);

afterAll(() => {
    if (temp) {
        rmSync(temp, { recursive: true, force: true });
    }
});

describe("the package barrel", () => {
    it("re-exports every component class of components/*/index.ts", () => {
        expect(classes.map((entry) => entry.className)).toEqual(
            expect.arrayContaining(["Network", "EncryptionKeys", "PrivateCluster", "NamespaceBaseline"]),
        );
        const exported = barrel as unknown as Record<string, unknown>;
        expect(classes.filter(({ className }) => typeof exported[className] !== "function").map(({ className }) => className)).toEqual([]);
    });

    it("re-exports the pack's policy list and the offline plan", () => {
        expect(barrel.baselinePolicies.length).toBeGreaterThan(40);
        expect(barrel.baselinePolicies[0]!.name).toBe("baseline-rollout");
        expect(typeof barrel.planProgram).toBe("function");
    });

    it("declares a semantic version and points main, types and exports at dist", () => {
        expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
        expect([packageJson.main, packageJson.types]).toEqual(["dist/index.js", "dist/index.d.ts"]);
        expect(Object.keys(packageJson.exports)).toEqual([".", "./components/*", "./policies", "./plan", "./package.json"]);
    });
});

describe("npm pack", () => {
    it("ships compiled JavaScript with declarations for the barrel and every component area", () => {
        for (const file of [
            "package.json",
            "README.md",
            "dist/index.js",
            "dist/index.d.ts",
            "dist/policypacks/baseline/policies.js",
            "dist/policypacks/baseline/policies.d.ts",
            "dist/tools/plan/index.js",
        ]) {
            expect(packed, file).toContain(file);
        }
        for (const area of new Set(classes.map((entry) => entry.area))) {
            expect(packed).toContain(`dist/components/${area}/index.js`);
            expect(packed).toContain(`dist/components/${area}/index.d.ts`);
        }
        expect(readFileSync(path.join(temp, "pkg", "dist", "index.d.ts"), "utf8")).toContain("PrivateClusterArgs");
    });

    it("ships the policy pack sources, PulumiPolicy.yaml, its package.json and compiled entry", () => {
        for (const file of [
            "policypacks/baseline/PulumiPolicy.yaml",
            "policypacks/baseline/package.json",
            "policypacks/baseline/index.ts",
            "policypacks/baseline/policies.ts",
            "policypacks/baseline/bin/index.js",
            "policypacks/baseline/config/prod.json",
            "docs/upgrading.md",
        ]) {
            expect(packed, file).toContain(file);
        }
        expect(packed.some((file) => file.startsWith("policypacks/baseline/policies/aws/"))).toBe(true);
        expect(packed.some((file) => file.startsWith("policypacks/baseline/lib/"))).toBe(true);
    });

    it("leaves out tests, source maps, build config, runbooks and anything outside dist and the pack", () => {
        const allowed =
            /^(package\.json|README\.md|docs\/upgrading\.md|dist\/.+|policypacks\/baseline\/(PulumiPolicy\.yaml|package\.json|README\.md|index\.ts|policies\.ts|(policies|lib|config|bin)\/.+))$/;
        expect(packed.filter((file) => !allowed.test(file))).toEqual([]);
        expect(packed.filter((file) => /\.test\.|\.map$|tsconfig|node_modules|runbooks/.test(file))).toEqual([]);
    });
});

describe("a plain Node.js program", () => {
    it("requires the compiled package and sees every component class as a function", () => {
        expect(required.types).toEqual(Object.fromEntries(classes.map(({ className }) => [className, "function"])));
    });

    it("reaches each area through the components/* export, the policies and the plan", () => {
        expect(required.deep).toEqual(Object.fromEntries(classes.map(({ className }) => [className, true])));
        expect(required.policies).toBe(barrel.baselinePolicies.length);
        expect(required.samePolicies).toBe(true);
        expect(required.planProgram).toBe("function");
    });

    it("cannot reach files the exports map does not list", () => {
        expect(required.notExported).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
    });
});
