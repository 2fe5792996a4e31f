import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageDir } from "./support/oas.js";

/** The unpacked size of the published tarball, as npm reports it. */
const BUDGET_BYTES = 3_000_000;

interface Packed {
  unpackedSize: number;
  files: { path: string; size: number }[];
}

const packed = (): Packed =>
  JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: packageDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }),
  )[0];

function kindOf(path: string): string {
  if (/\.d\.c?ts$/.test(path)) return "d.ts";
  if (/\.map$/.test(path)) return "maps";
  if (/\.c?js$/.test(path)) return "js";
  return "other";
}

describe("the published tarball of @auth0-edge/management", () => {
  const { unpackedSize, files } = packed();
  const byKind: Record<string, number> = {};
  for (const file of files)
    byKind[kindOf(file.path)] = (byKind[kindOf(file.path)] ?? 0) + file.size;

  it(`unpacks to at most ${BUDGET_BYTES.toLocaleString("en")} bytes`, () => {
    const kinds = Object.entries(byKind)
      .map(([kind, bytes]) => `${kind} ${bytes.toLocaleString("en")} B`)
      .join(", ");
    console.log(
      `tarball: ${unpackedSize.toLocaleString("en")} B unpacked in ${files.length} files (${kinds})`,
    );
    expect(unpackedSize).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("ships one set of declarations, no source maps, and no source", () => {
    expect(byKind.maps ?? 0).toBe(0);
    expect(files.filter((file) => file.path.startsWith("src/"))).toEqual([]);
    // Every .d.cts is a one-line stub over the shared declarations in dist/types.
    const cts = files.filter((file) => file.path.endsWith(".d.cts"));
    expect(cts.length).toBeGreaterThan(40);
    for (const file of cts) {
      expect(readFileSync(join(packageDir, file.path), "utf8")).toMatch(
        /^export \* from "\.\/types\/[\w/-]+\.js";\n$/,
      );
    }
    expect(
      files.filter((file) => file.path.startsWith("dist/types/") && file.path.endsWith(".d.cts")),
    ).toEqual([]);
  });

  it("publishes only public declarations: internals such as callOperation and internalsOf are left out", () => {
    const declarations = files
      .filter((file) => file.path.startsWith("dist/types/") && file.path.endsWith(".d.ts"))
      .map((file) => readFileSync(join(packageDir, file.path), "utf8"))
      .join("\n");
    for (const internal of ["callOperation", "internalsOf", "ClientInternals"]) {
      expect(declarations).not.toMatch(
        new RegExp(`export (declare )?(function|interface|const) ${internal}\\b`),
      );
    }
    // …while the public API is all there.
    expect(declarations).toMatch(/export declare function createManagementClient\b/);
  });

  it("marks the shared declarations as CommonJS, so both stubs may re-export them", () => {
    const nested = JSON.parse(readFileSync(join(packageDir, "dist/types/package.json"), "utf8"));
    expect(nested).toEqual({ type: "commonjs" });
    expect(files.map((file) => file.path)).toContain("dist/types/package.json");
  });
});
