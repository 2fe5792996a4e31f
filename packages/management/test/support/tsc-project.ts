import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageDir, repoRoot } from "./oas.js";

/** The compiler options of a user's strict ESM project (TypeScript 5.9, skipLibCheck off). */
export const USER_OPTIONS = {
  module: "preserve",
  moduleResolution: "bundler",
  target: "es2022",
  lib: ["es2022", "dom", "dom.iterable"],
  types: [],
  strict: true,
  skipLibCheck: false,
};

/**
 * A temporary project that finds this package as a user's does (node_modules, then
 * `exports`, so the built dist/), type-checked by the workspace's TypeScript.
 */
export function tscProject(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, "node_modules/@auth0-edge"), { recursive: true });
  symlinkSync(packageDir, join(dir, "node_modules/@auth0-edge/management"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module" }));
  const tsc = createRequire(join(repoRoot, "package.json")).resolve("typescript/bin/tsc");
  return {
    dir,
    /** Writes the sources and a tsconfig.json naming them, runs tsc; gives its output ("" when clean). */
    compile(sources: Record<string, string>, compilerOptions: Record<string, unknown>) {
      for (const [name, code] of Object.entries(sources)) writeFileSync(join(dir, name), code);
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions, files: Object.keys(sources) }),
      );
      const run = spawnSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
      return { status: run.status, output: (run.stdout + run.stderr).trim() };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
