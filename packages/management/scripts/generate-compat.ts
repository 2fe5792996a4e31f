/**
 * `pnpm generate:compat`: writes src/compat/generated/ from data/classic-surface.json and
 * the generated operations (run it after `pnpm generate` or after editing the data file).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { operations } from "../src/generated/operations.js";
import { compatModules, operationFacts, type Surface } from "./lib/compat-table.js";
import { createFormatter } from "./lib/format.js";

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The compat modules as they should be on disk, formatted. */
export async function generateCompat(): Promise<Map<string, string>> {
  const surface = JSON.parse(
    readFileSync(join(packageDir, "data/classic-surface.json"), "utf8"),
  ) as Surface;
  const generatedDir = join(packageDir, "src/generated");
  const sources: Record<string, string> = {};
  for (const file of readdirSync(generatedDir)) {
    if (file.endsWith(".ts"))
      sources[file.slice(0, -3)] = readFileSync(join(generatedDir, file), "utf8");
  }
  const modules = compatModules(surface, operationFacts(operations, sources));
  const format = createFormatter(resolve(packageDir, "../.."), packageDir);
  const out = new Map<string, string>();
  for (const [file, text] of modules) out.set(file, await format(file, text));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [file, text] of await generateCompat()) {
    mkdirSync(dirname(join(packageDir, file)), { recursive: true });
    writeFileSync(join(packageDir, file), text);
    console.info(`wrote ${file}`);
  }
}
