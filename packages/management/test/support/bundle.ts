import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, { import?: { default: string } } | string>;
};

/**
 * Resolves this package's own name through its `exports` map to the built files,
 * as a user's bundler would; with `from: "src"`, to the sources instead, which
 * gives the same code with a per-module account of the bytes.
 */
function thisPackage(from: "dist" | "src"): Plugin {
  return {
    name: "this-package",
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${manifest.name}(/.*)?$`) }, (args) => {
        const subpath = `.${args.path.slice(manifest.name.length)}`;
        const target = manifest.exports[subpath];
        if (typeof target !== "object" || !target.import)
          return { errors: [{ text: `no export ${subpath}` }] };
        const built = target.import.default;
        const file = from === "dist" ? built : built.replace(/^\.\/dist\/(.*)\.js$/, "./src/$1.ts");
        return { path: join(packageDir, file) };
      });
    },
  };
}

export interface BundleReport {
  bytes: number;
  gzipBytes: number;
  text: string;
  /** Every import the bundle leaves to the runtime (a Node built-in, say). */
  externalImports: string[];
  /** Bytes in the output per input file, largest first. */
  spentOn: { file: string; bytes: number }[];
}

/** Bundles `entry` as a Worker would be: minified ESM for a neutral (non-Node) platform. */
export async function bundle(entry: string, from: "dist" | "src" = "dist"): Promise<BundleReport> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser", "import"],
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [thisPackage(from)],
  });
  const output = result.outputFiles[0]!;
  const meta = Object.values(result.metafile.outputs)[0]!;
  const spentOn = Object.entries(meta.inputs)
    .map(([file, info]) => ({
      file: relative(packageDir, resolve(file)),
      bytes: info.bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    text: output.text,
    externalImports: meta.imports.map((i) => i.path),
    spentOn,
  };
}
