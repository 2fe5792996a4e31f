import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test Worker, bundled once for every test file. */
    workerScript: string;
  }
}

/**
 * Bundles the test Worker as wrangler would: one ESM file for a neutral platform (a Node
 * built-in anywhere in the cache or the client fails the bundle), with `cloudflare:workers`
 * left to workerd.
 */
export default async function bundleTestWorker(project: TestProject): Promise<void> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../worker/entry.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser", "import"],
    external: ["cloudflare:workers"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  project.provide("workerScript", result.outputFiles[0]!.text);
}
