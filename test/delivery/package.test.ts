/**
 * The package as another team gets it, made with nothing but the documented commands: the
 * repository's files (what a fresh clone holds; its node_modules is what `npm ci` installs) are
 * packed with a plain `npm pack`, which runs `prepack` (the build) under the tracked .npmrc. The
 * tarball is installed with `npm install` into a project outside the repository, a consumer
 * program (examples/consumer/program.ts importing the package) and the documentation's snippets
 * are compiled against the installed declarations with skipLibCheck, and the consumer is planned
 * through the installed package, by `planProgram` and by the `eks-baseline` bin.
 * A real build and install (about 30 s); the repository is not touched.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as barrel from "../../index";
import { docSnippets } from "./doc-snippets";

const root = path.resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npmFlags = ["--prefer-offline", "--no-audit", "--no-fund"];
const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
    main: string;
    types: string;
    bin: Record<string, string>;
    exports: Record<string, unknown>;
    devDependencies: Record<string, string>;
};
const name = packageJson.name;

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
            ].map((match) => ({ area, className: match[1]! })),
        );
}

/** The files a fresh clone holds: tracked and new, not ignored, still present. */
function cloneFiles(): string[] {
    return execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
        .split("\0")
        .filter((file) => file && existsSync(path.join(root, file)));
}

function run(command: string, args: string[], cwd: string): string {
    try {
        return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
        const output = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${output.stdout ?? ""}${output.stderr ?? output.message}`);
    }
}

const classes = componentClasses();
let temp: string;
let app: string;
let packed: string[];
let compiled: string;
let compiledNode10: string;
let required: {
    types: Record<string, string>;
    deep: Record<string, boolean>;
    policies: number;
    planProgram: string;
    notExported: string;
};
let planned: {
    mandatory: number;
    compliance: number;
    controls: string[];
    packDir: string;
    pack: string;
    policyRollout: unknown;
    network: number;
};
let bin: { code: number; stdout: string; stderr: string };
let withoutCatalogue: { code: number; stderr: string };

beforeAll(() => {
    temp = mkdtempSync(path.join(os.tmpdir(), "eks-baseline-package-"));
    const clone = path.join(temp, "clone");
    mkdirSync(clone);
    execFileSync("tar", ["-cf", path.join(temp, "clone.tar"), "--null", "-T", "-"], { cwd: root, input: cloneFiles().join("\0") });
    execFileSync("tar", ["-xf", path.join(temp, "clone.tar")], { cwd: clone });
    symlinkSync(path.join(root, "node_modules"), path.join(clone, "node_modules"), "dir");

    // Exactly the user's command: prepack builds dist/ and the pack's bin/ (npm prints the JSON on stdout).
    const report = JSON.parse(run(npm, ["pack", "--json", "--pack-destination", temp], clone)) as {
        filename: string;
        files: { path: string }[];
    }[];
    packed = report[0]!.files.map((file) => file.path).sort();
    const tarball = path.join(temp, report[0]!.filename);

    app = path.join(temp, "app");
    mkdirSync(app);
    writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    // With what a platform team's test suite has beside it: Node.js types and vitest.
    const devDependency = (dependency: string) => `${dependency}@${packageJson.devDependencies[dependency]}`;
    run(npm, ["install", ...npmFlags, tarball, devDependency("@types/node"), devDependency("vitest")], app);

    // The consumer: the example program importing the package, a plan through /plan, the doc snippets.
    const example = path.join(root, "examples", "consumer");
    writeFileSync(
        path.join(app, "program.ts"),
        `${readFileSync(path.join(example, "program.ts"), "utf8").replace('from "../../index"', `from "${name}"`)}\nexport default consumerProgram;\n`,
    );
    for (const file of ["Pulumi.yaml", "Pulumi.staging.yaml"]) {
        writeFileSync(path.join(app, file), readFileSync(path.join(example, file)));
    }
    writeFileSync(
        path.join(app, "plan-it.ts"),
        [
            'import * as path from "node:path";',
            `import { baselinePackDir, loadStackConfig, planProgram } from "${name}/plan";`,
            'import { consumerProgram, consumerProject } from "./program";',
            "async function main(): Promise<void> {",
            '    const stack = loadStackConfig(path.join(__dirname, "..", "Pulumi.staging.yaml"), consumerProject);',
            "    const plan = await planProgram(consumerProgram, {",
            '        stack: "staging",',
            "        project: consumerProject,",
            "        config: stack.config,",
            "        secretKeys: stack.secretKeys,",
            '        policyConfig: path.join(baselinePackDir, "config", "staging.json"),',
            "    });",
            "    console.log(JSON.stringify({",
            "        mandatory: plan.summary.mandatory,",
            "        compliance: plan.compliance.length,",
            "        controls: plan.compliance.map((entry) => entry.control),",
            "        packDir: plan.policyPack.dir,",
            "        pack: `${plan.policyPack.name}@${plan.policyPack.version}`,",
            '        policyRollout: plan.policyConfig["baseline-rollout"]?.properties,',
            '        network: plan.resources.filter((resource) => resource.type === "aws:ec2/subnet:Subnet").length,',
            "    }));",
            "}",
            "main().catch((error) => { console.error(error); process.exit(3); });",
        ].join("\n"),
    );
    mkdirSync(path.join(app, "snippets"));
    writeFileSync(
        path.join(app, "snippets", "program.ts"),
        '/** What the snippets call `myProgram`: the consumer\'s own program. */\nexport { consumerProgram as myProgram } from "../program";\n',
    );
    for (const snippet of docSnippets(root, name)) {
        writeFileSync(path.join(app, "snippets", `${snippet.id}.ts`), snippet.module);
    }
    writeFileSync(
        path.join(app, "tsconfig.json"),
        JSON.stringify({
            compilerOptions: {
                target: "ES2022",
                module: "node16",
                moduleResolution: "node16",
                strict: true,
                skipLibCheck: true,
                esModuleInterop: true,
                types: ["node"],
                outDir: "dist",
                rootDir: ".",
            },
            include: ["*.ts", "snippets/*.ts"],
        }),
    );
    compiled = run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], app);
    // Pulumi's own TypeScript template resolves modules the node10 way, which reads typesVersions, not exports.
    writeFileSync(
        path.join(app, "tsconfig.node10.json"),
        JSON.stringify({
            extends: "./tsconfig.json",
            compilerOptions: { module: "commonjs", moduleResolution: "node", noEmit: true },
        }),
    );
    compiledNode10 = run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node10.json"], app);
    planned = JSON.parse(run(process.execPath, [path.join("dist", "plan-it.js")], app));

    writeFileSync(
        path.join(app, "check.js"),
        [
            `const pkg = require(${JSON.stringify(name)});`,
            `const names = ${JSON.stringify(classes)};`,
            "const deep = {};",
            "for (const { area, className } of names) {",
            `    deep[className] = require(${JSON.stringify(name)} + "/components/" + area)[className] === pkg[className];`,
            "}",
            `const { baselinePolicies } = require(${JSON.stringify(name)} + "/policies");`,
            `const plan = require(${JSON.stringify(name)} + "/plan");`,
            "let notExported = 'required';",
            `try { require(${JSON.stringify(name)} + "/dist/index.js"); } catch (error) { notExported = error.code; }`,
            "console.log(JSON.stringify({",
            "    types: Object.fromEntries(names.map(({ className }) => [className, typeof pkg[className]])),",
            "    deep,",
            "    policies: baselinePolicies.length,",
            "    planProgram: typeof plan.planProgram,",
            "    notExported,",
            "}));",
        ].join("\n"),
    );
    required = JSON.parse(run(process.execPath, ["check.js"], app));

    // Without the control catalogue the plan refuses to print an empty compliance table.
    const installedCatalogue = path.join(app, "node_modules", ...name.split("/"), "controls", "catalogue.md");
    const catalogue = readFileSync(installedCatalogue);
    rmSync(installedCatalogue);
    try {
        execFileSync(process.execPath, [path.join("dist", "plan-it.js")], {
            cwd: app,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        });
        withoutCatalogue = { code: 0, stderr: "" };
    } catch (error) {
        const output = error as { status?: number; stderr?: string };
        withoutCatalogue = { code: output.status ?? -1, stderr: output.stderr ?? "" };
    } finally {
        writeFileSync(installedCatalogue, catalogue);
    }

    // The bin as npx runs it, from the consumer's directory (Pulumi.<stack>.yaml beside Pulumi.yaml).
    try {
        const stdout = execFileSync(
            "npx",
            ["--no", "eks-baseline", "plan", "--stack", "staging", "--program", path.join("dist", "program.js"), "--json"],
            { cwd: app, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 },
        );
        bin = { code: 0, stdout, stderr: "" };
    } catch (error) {
        const output = error as { status?: number; stdout?: string; stderr?: string };
        bin = { code: output.status ?? -1, stdout: output.stdout ?? "", stderr: output.stderr ?? "" };
    }
}, 300_000);

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

    it("declares a semantic version, points main, types and exports at dist and names one bin", () => {
        expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
        expect([packageJson.main, packageJson.types]).toEqual(["dist/index.js", "dist/index.d.ts"]);
        expect(Object.keys(packageJson.exports)).toEqual([".", "./components/*", "./policies", "./plan", "./package.json"]);
        expect(packageJson.bin).toEqual({ "eks-baseline": "dist/tools/plan/bin.js" });
    });

    it("the tracked .npmrc leaves lifecycle scripts on, so npm pack runs prepack", () => {
        const npmrc = readFileSync(path.join(root, ".npmrc"), "utf8")
            .split("\n")
            .filter((line) => line.trim() && !line.trim().startsWith("#"));
        expect(npmrc.filter((line) => /ignore-scripts/.test(line))).toEqual([]);
    });
});

describe("npm pack from a fresh clone", () => {
    it("ships compiled JavaScript with declarations for the barrel, every component area and the bin", () => {
        for (const file of [
            "package.json",
            "README.md",
            "dist/index.js",
            "dist/index.d.ts",
            "dist/policypacks/baseline/policies.js",
            "dist/policypacks/baseline/policies.d.ts",
            "dist/tools/plan/index.js",
            "dist/tools/plan/index.d.ts",
            "dist/tools/plan/bin.js",
        ]) {
            expect(packed, file).toContain(file);
        }
        for (const area of new Set(classes.map((entry) => entry.area))) {
            expect(packed).toContain(`dist/components/${area}/index.js`);
            expect(packed).toContain(`dist/components/${area}/index.d.ts`);
        }
        const installed = path.join(app, "node_modules", ...name.split("/"));
        expect(readFileSync(path.join(installed, "dist", "tools", "plan", "bin.js"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(
            true,
        );
    });

    it("ships what the harness reads at run time: the control catalogue, the pack, its configs and compiled entry", () => {
        for (const file of [
            "controls/catalogue.md",
            "policypacks/baseline/PulumiPolicy.yaml",
            "policypacks/baseline/package.json",
            "policypacks/baseline/tsconfig.json",
            "policypacks/baseline/index.ts",
            "policypacks/baseline/bin/index.js",
            "policypacks/baseline/bin/lib/policy.js",
            "policypacks/baseline/bin/policies.js",
            "policypacks/baseline/config/dev.json",
            "policypacks/baseline/config/staging.json",
            "policypacks/baseline/config/prod.json",
            "docs/upgrading.md",
        ]) {
            expect(packed, file).toContain(file);
        }
    });

    it("leaves out tests, source maps, build config, runbooks and anything outside dist, the catalogue and the pack", () => {
        const allowed =
            /^(package\.json|README\.md|docs\/upgrading\.md|controls\/catalogue\.md|dist\/.+|policypacks\/baseline\/(PulumiPolicy\.yaml|package\.json|tsconfig\.json|README\.md|index\.ts|policies\.ts|(policies|lib|config|bin)\/.+))$/;
        expect(packed.filter((file) => !allowed.test(file))).toEqual([]);
        expect(packed.filter((file) => /\.test\.|\.map$|^tsconfig|node_modules|runbooks/.test(file))).toEqual([]);
    });
});

describe("a project that installed the tarball", () => {
    it("compiles the example program and every documentation snippet against the installed types (skipLibCheck)", () => {
        expect(compiled).toBe("");
        expect(compiledNode10).toBe("");
        expect(docSnippets(root, name).map((snippet) => snippet.id)).toEqual(
            expect.arrayContaining(["README-1", "docs-plan-report-1", "examples-consumer-README-1", "examples-consumer-README-2"]),
        );
    });

    it("plans the example through the installed package's pack with a non-empty compliance table", () => {
        expect(planned.mandatory).toBe(0);
        expect(planned.pack).toBe("eks-baseline@0.1.0");
        expect(planned.packDir).toBe(path.join(app, "node_modules", ...name.split("/"), "policypacks", "baseline"));
        expect(planned.policyRollout).toMatchObject({ mode: "run" });
        expect(planned.compliance).toBeGreaterThan(20);
        expect(planned.controls).toEqual(expect.arrayContaining(["NET-1", "NET-2", "SEC-1"]));
        expect(planned.network).toBe(2);
    });

    it("fails loudly, naming the file, when the control catalogue is missing", () => {
        expect(withoutCatalogue.code).toBe(3);
        expect(withoutCatalogue.stderr).toContain(
            `the control catalogue ${path.join(app, "node_modules", ...name.split("/"), "controls", "catalogue.md")} is missing`,
        );
    });

    it("runs the eks-baseline bin with npx; stdout is the JSON report and nothing else", () => {
        expect(bin.stderr).toBe("");
        expect(bin.code).toBe(0);
        const report = JSON.parse(bin.stdout) as { stack: string; project: string; summary: { mandatory: number } };
        expect([report.stack, report.project, report.summary.mandatory]).toEqual(["staging", "analytics-platform", 0]);
    });

    it("requires the compiled package, each area through components/*, the policies and the plan", () => {
        expect(required.types).toEqual(Object.fromEntries(classes.map(({ className }) => [className, "function"])));
        expect(required.deep).toEqual(Object.fromEntries(classes.map(({ className }) => [className, true])));
        expect(required.policies).toBe(barrel.baselinePolicies.length);
        expect(required.planProgram).toBe("function");
    });

    it("cannot reach files the exports map does not list", () => {
        expect(required.notExported).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
    });
});
