// Bundle bytes of the Worker entries, built as bundle-operations.test.ts builds them:
// esbuild, minified ESM for a neutral platform with the Worker conditions, gzip -9.

import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// The official package imports Node built-ins (`fs`, `stream`) behind run-time checks: a
// Worker bundle leaves them to the runtime, as wrangler does with `nodejs_compat`. They
// are listed in `nodeImports`, and cost nothing here (which flatters that package).
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export const ENTRIES = ["get-user", "list-users", "workflow", "classic"];
const entryFile = (name) => fileURLToPath(new URL(`../entries/${name}.mjs`, import.meta.url));

/** `{ bytes, gzipBytes, text }` of one entry (`ours-get-user`, `empty`, …). */
export async function bundleEntry(name) {
  const result = await build({
    entryPoints: [entryFile(name)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser", "import"],
    target: "es2022",
    write: false,
    logLevel: "silent",
    external: NODE_BUILTINS,
    metafile: true,
  });
  const output = result.outputFiles[0];
  const meta = Object.values(result.metafile.outputs)[0];
  return {
    nodeImports: [...new Set(meta.imports.map((i) => i.path))].sort(),
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    text: output.text,
  };
}

/** Every implementation's bundle of every entry (the hand-written fetch has no classic client). */
export async function measureBundles(impls) {
  const out = {};
  for (const entry of ENTRIES) {
    out[entry] = {};
    for (const impl of impls) {
      if (impl === "raw" && entry === "classic") continue;
      const { bytes, gzipBytes, nodeImports } = await bundleEntry(`${impl}-${entry}`);
      out[entry][impl] = { bytes, gzipBytes, nodeImports };
    }
  }
  return out;
}
