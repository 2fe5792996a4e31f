import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const deno = join(root, "packages/management/node_modules/.bin/deno");
const workspace = JSON.parse(readFileSync(join(root, "deno.json"), "utf8"));

describe("the JSR packages", () => {
  it("are the six published packages, in one Deno workspace that resolves them locally", () => {
    expect(workspace).toMatchObject({ nodeModulesDir: "manual" });
    expect(workspace.workspace.sort()).toEqual([
      "./packages/management",
      "./packages/testing",
      "./packages/token-cache-durable-object",
      "./packages/token-cache-kv",
      "./packages/token-cache-memory",
      "./packages/token-cache-redis",
    ]);
  });

  it.each(workspace.workspace)("%s has the npm package's name, version and subpaths", (dir) => {
    const jsr = JSON.parse(readFileSync(join(root, dir, "jsr.json"), "utf8"));
    const npm = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    expect(jsr).toMatchObject({ name: npm.name, version: npm.version, license: "MIT" });
    const subpaths = Object.keys(npm.exports).filter((key) => key !== "./package.json");
    expect(Object.keys(jsr.exports).sort()).toEqual(subpaths.sort());
  });

  it("publish (dry run) with no problem: no slow types, every file resolvable", () => {
    const run = spawnSync(deno, ["publish", "--dry-run", "--allow-dirty"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 240_000,
    });
    const output = run.stdout + run.stderr;
    const problems = /Found (\d+) problems?/.exec(output)?.[1];
    expect(problems ?? "0", output.slice(-3000)).toBe("0");
    expect(run.status, output.slice(-3000)).toBe(0);
    expect(output).toMatch(/Success Dry run complete/);
  }, 300_000);
});
