/**
 * After `tsc -p tsconfig.build.json` has written dist/types/**.d.ts: gives every entry
 * point its dist/<entry>.d.ts (for `import`) and .d.cts (for `require`), both one line that
 * re-exports the declarations of its source.
 *
 * One set of declarations serves both: dist/types/ holds a package.json that makes its files
 * CommonJS to TypeScript, which an ES module may import and a .d.cts may re-export (the other
 * way round, a .d.cts re-exporting ES declarations, is TS1479). A second set for `require`
 * would double the 2 MB of declarations in the tarball.
 *
 * tsc rather than tsup's bundled declarations: with the 1.7 MB schema and ~50 entries,
 * bundling took about 80 s and 1.3 GB; tsc takes about 20 s and 0.3 GB.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { entryPoints } from "../tsup.config.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const dist = join(packageDir, "dist");
const types = join(dist, "types");
const NAMED_IMPORT = /^import \{([^}]*)\} from/gm;
const BARE_TYPE_IMPORT = /^(import type \{[^}]*\} from (["'])[^."'][^"']*\2);$/gm;

/**
 * tsc writes `import { type A } from "jose"`; in a .d.cts that is a `require` of an
 * ES module (TS1479). `import type { A }` is not, given a resolution mode (below).
 */
function typeOnlyImports(text: string): string {
  return text.replace(NAMED_IMPORT, (whole, names: string) => {
    const specifiers = names
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    if (!specifiers.every((n) => n.startsWith("type "))) return whole;
    return `import type { ${specifiers.map((n) => n.slice(5)).join(", ")} } from`;
  });
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

const TSC_INDENT = /^((?: {4})+)/gm;

/**
 * tsc indents declarations by four spaces a level; two, as in the sources, take 60 KB
 * less of the tarball, which the size budget of test/tarball.test.ts counts.
 */
function halfIndent(text: string): string {
  return text.replace(TSC_INDENT, (levels: string) => levels.slice(levels.length / 2));
}

for (const file of declarationFiles(types)) {
  // Read as CommonJS (below), these files must name an ES-only dependency (jose) with its mode.
  const text = typeOnlyImports(halfIndent(readFileSync(file, "utf8"))).replace(
    BARE_TYPE_IMPORT,
    '$1 with { "resolution-mode": "import" };',
  );
  writeFileSync(file, text);
}
writeFileSync(join(types, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);

for (const [entry, source] of Object.entries(entryPoints)) {
  const target = relative(
    dist,
    join(types, relative(join(packageDir, "src"), join(packageDir, source))),
  )
    .replace(/\\/g, "/")
    .replace(/\.ts$/, "");
  writeFileSync(join(dist, `${entry}.d.ts`), `export * from "./${target}.js";\n`);
  writeFileSync(join(dist, `${entry}.d.cts`), `export * from "./${target}.js";\n`);
}
