import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Import specifiers of a module, comments excluded. */
function importsOf(path: string): string[] {
  const code = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  return [...code.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, "index.ts");
}

/** Every module `entry` loads, local or package. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    for (const specifier of importsOf(path)) {
      if (!specifier.startsWith(".")) {
        seen.add(specifier);
        continue;
      }
      const local = resolveLocal(path, specifier);
      if (seen.has(local)) continue;
      seen.add(local);
      visit(local);
    }
  };
  visit(entry);
  return seen;
}

describe("portability of src", () => {
  const files = sourceFiles(srcDir);

  it.each(files.map((file) => [relative(srcDir, file), file]))(
    "%s uses no Node built-in",
    (_, file) => {
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(code).not.toMatch(
        /from\s+["']node:|require\(|\bprocess\.|\bBuffer\b|__dirname|__filename/,
      );
    },
  );

  it.each(["index.ts", "core.ts"])("keeps msw out of %s, so it loads in workerd", (entry) => {
    const graph = importGraph(join(srcDir, entry));
    expect([...graph].filter((module) => !module.startsWith("/"))).toEqual(["jose"]);
  });

  it("keeps the token cache contract free of any package: no test runner, not the client", () => {
    const graph = importGraph(join(srcDir, "token-cache-contract.ts"));
    expect([...graph].filter((module) => !module.startsWith("/"))).toEqual([]);
    const adapter = importGraph(join(srcDir, "token-cache-contract-vitest.ts"));
    expect([...adapter].filter((module) => !module.startsWith("/"))).toEqual(["vitest"]);
  });

  it("keeps every source file under about 250 lines", () => {
    for (const file of files) {
      const lines = readFileSync(file, "utf8").split("\n").length;
      expect(lines, relative(srcDir, file)).toBeLessThanOrEqual(260);
    }
  });
});
