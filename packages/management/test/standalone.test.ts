import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentSha256, GENERATED_DIR } from "../scripts/lib/generate.js";
import { oasPath, packageDir, recordingsDir, repoRoot } from "./support/oas.js";

const specReadme = () => readFileSync(join(repoRoot, "spec/README.md"), "utf8");

describe("the clone stands alone", () => {
  it("vendors the API document with the sha256 its README records", () => {
    const recorded = /\| sha256\s*\| `([0-9a-f]{64})`/.exec(specReadme())?.[1];
    expect(recorded, "spec/README.md names no sha256").toBeDefined();
    expect(documentSha256(readFileSync(oasPath))).toBe(recorded);
  });

  it("marks every generated file with the sha256 of the document it came from", () => {
    const sha = documentSha256(readFileSync(oasPath));
    const files = readdirSync(join(packageDir, GENERATED_DIR)).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const first = readFileSync(join(packageDir, GENERATED_DIR, file), "utf8").split("\n")[0];
      expect(first, file).toContain(`(sha256 ${sha})`);
    }
  });

  it("keeps the licences of the vendored document and recordings beside them", () => {
    expect(readFileSync(join(repoRoot, "spec/LICENSE"), "utf8")).toMatch(/^MIT License/);
    expect(readFileSync(join(recordingsDir, "LICENSE"), "utf8")).toMatch(/MIT License/);
    const cassettes = readdirSync(recordingsDir, { recursive: true, encoding: "utf8" });
    // 486 Management API cassettes and the 52 of authentication/.
    expect(cassettes.filter((f) => f.endsWith(".yaml"))).toHaveLength(538);
  });

  it("has no tracked script, test or manifest that reads a shared folder outside the repository", () => {
    const parent = String.raw`\.\.[\\/]`;
    // A parent folder (one or more levels up) named shared, as one path or as separate segments.
    const outside = new RegExp(
      `${parent}(?:${parent})*shared\\b|["']\\.\\.["']\\s*,\\s*["']shared["']`,
    );
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot, encoding: "utf8" })
      .split("\0")
      .filter((file) => /\.(ts|mjs|js|json|sh)$/.test(file) || file === ".ci/run")
      .filter((file) => file !== "pnpm-lock.yaml");
    expect(tracked.length).toBeGreaterThan(200);
    const offenders = tracked.filter((file) =>
      outside.test(readFileSync(join(repoRoot, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
