import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bottlerocketUserData, encodeUserData } from "../../../components/cluster/user-data";

const golden = (file: string) => readFileSync(join(__dirname, "golden", file), "utf8");

describe("bottlerocketUserData", () => {
    it("renders the default Bottlerocket settings exactly as the golden file (NODE-2)", () => {
        expect(bottlerocketUserData({ controlContainer: false })).toBe(golden("bottlerocket-default.toml"));
    });

    it("renders the control container opt-out exactly as the golden file", () => {
        expect(bottlerocketUserData({ controlContainer: true })).toBe(golden("bottlerocket-control-container.toml"));
    });

    it("base64-encodes the settings for the launch template", () => {
        const toml = bottlerocketUserData({ controlContainer: false });
        expect(Buffer.from(encodeUserData(toml), "base64").toString("utf8")).toBe(toml);
    });
});
