// Bundles every published entry of every workspace package for a neutral (non-Node)
// platform and fails when any of them imports a Node built-in, directly or through
// a dependency.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { recordNodeBuiltins } from "./bundle.mjs";

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Runtime modules an entry may import besides the Web APIs: only the Durable Object cache's,
 * whose coordinator class extends `DurableObject` from `cloudflare:workers`. It is the
 * Workers runtime's own module (not a Node built-in), left to workerd by the user's bundler.
 */
const RUNTIME_MODULES = { "@auth0-edge/token-cache-durable-object": ["cloudflare:workers"] };

let failures = 0;
let checked = 0;
for (const dir of readdirSync(packagesDir)) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8"));
  } catch {
    continue;
  }
  if (manifest.private) continue;
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target !== "object" || !target.import) continue;
    const name = `${manifest.name}${subpath.slice(1)}`;
    const found = [];
    await build({
      entryPoints: [join(packagesDir, dir, target.import.default)],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser", "import", "default"],
      logLevel: "error",
      external: RUNTIME_MODULES[manifest.name] ?? [],
      plugins: [recordNodeBuiltins(found)],
    });
    checked++;
    if (found.length > 0) {
      failures++;
      console.log(`  ✗ ${name} imports Node built-ins: ${found.join(", ")}`);
    }
  }
}
console.log(
  `published entries without Node built-ins: ${checked - failures} passed, ${failures} failed`,
);
process.exitCode = failures === 0 && checked > 0 ? 0 : 1;
