/**
 * Component tests run the component under the mock runtime through the same capture the
 * offline plan uses, then assert on the exact inputs the component registered.
 */
import { CapturedResource } from "../../tools/plan/capture";
import { runProgramUnderMocks } from "../../tools/plan/run-program";

export interface Captured {
    resources: CapturedResource[];
    outputs: Record<string, unknown>;
    /** Every resource of the given type token (e.g. "aws:eks/cluster:Cluster"). */
    ofType(type: string): CapturedResource[];
    /** The single resource of that type (optionally with that name); throws if not exactly one. */
    one(type: string, name?: string): CapturedResource;
    /** Inputs of that single resource, typed loosely for assertions. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    inputsOf(type: string, name?: string): Record<string, any>;
}

/**
 * Runs `program` (which constructs components) under mocks and returns what it registered.
 * `config` uses full keys (`aws:region`); `preview` runs as `pulumi preview`.
 */
export async function capture(
    program: () => unknown,
    options: { stack?: string; config?: Record<string, string>; preview?: boolean } = {},
): Promise<Captured> {
    const run = await runProgramUnderMocks(program, {
        project: "eks-baseline",
        stack: options.stack ?? "test",
        config: { "aws:region": "eu-west-1", ...(options.config ?? {}) },
        preview: options.preview,
    });
    const ofType = (type: string) => run.resources.filter((resource) => resource.type === type);
    const one = (type: string, name?: string) => {
        const matches = ofType(type).filter((resource) => name === undefined || resource.name === name);
        if (matches.length !== 1) {
            const names = matches.map((resource) => resource.name).join(", ");
            throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${matches.length} (${names})`);
        }
        return matches[0]!;
    };
    return {
        resources: run.resources,
        outputs: run.outputs,
        ofType,
        one,
        inputsOf: (type, name) => one(type, name).inputs,
    };
}
