/**
 * `npm run bench [-- --quick]`: prints figures, asserts nothing.
 * (a) offline plan of dev/staging/prod; (b) the pack over the Analyzer protocol vs a no-op pack vs
 * in-process, growth, start-up and peak memory.
 */
import * as path from "node:path";
import { packBench } from "./pack-protocol";
import { planBench } from "./plan-stacks";

async function main(): Promise<void> {
    const quick = process.argv.includes("--quick");
    const root = path.resolve(__dirname, "..");
    console.log(`eks-baseline bench${quick ? " (quick)" : ""} on ${process.platform}/${process.arch}, Node ${process.version}\n`);
    await planBench(root, quick);
    await packBench(root, quick);
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    },
);
