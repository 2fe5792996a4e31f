// Bundles a shim with the SDK's built files, as a user's bundler would for an edge runtime.
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..");

/** Bare names and `node:` specifiers of Node's built-in modules. */
export const isNodeBuiltin = (specifier) =>
  specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]);

/**
 * A plugin that records every import of a Node built-in and leaves it external,
 * so that the caller can fail on it with the full list instead of a resolve error.
 */
export function recordNodeBuiltins(found) {
  return {
    name: "record-node-builtins",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point" || !isNodeBuiltin(args.path)) return undefined;
        found.push(`${args.path} (from ${args.importer.replace(`${packageDir}/`, "")})`);
        return { path: args.path, external: true };
      });
    },
  };
}

const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));

/** Resolves this package's own subpaths through its `exports` map to the built files. */
const thisPackage = {
  name: "this-package",
  setup(b) {
    b.onResolve({ filter: /^@auth0-edge\/management(\/.*)?$/ }, (args) => {
      const target = manifest.exports[`.${args.path.slice(manifest.name.length)}`];
      if (!target?.import) return { errors: [{ text: `${args.path} is not exported` }] };
      return { path: join(packageDir, target.import.default) };
    });
  },
};

export async function bundleShim(shim, outfile) {
  const nodeImports = [];
  await build({
    entryPoints: [join(here, "shims", shim)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser", "import", "default"],
    logLevel: "error",
    plugins: [thisPackage, recordNodeBuiltins(nodeImports)],
  });
  if (nodeImports.length > 0)
    throw new Error(`the ${shim} bundle imports Node built-ins: ${nodeImports.join(", ")}`);
  return outfile;
}
