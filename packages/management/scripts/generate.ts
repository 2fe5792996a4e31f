/**
 * `pnpm generate`: reads the Management API document and writes src/generated/ and the
 * generated subpaths of package.json's `exports`.
 *
 *   tsx scripts/generate.ts [--oas <path>]    (or AUTH0_MANAGEMENT_OAS=<path>)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ENTRIES_FILE, exportsMap, GENERATED_DIR, generate, jsrExports } from "./lib/generate.js";
import { replaceJsonField } from "./lib/json-field.js";

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(packageDir, "../..");
/** The document vendored in the repository (spec/README.md says where it comes from). */
export const defaultOasPath = resolve(repoRoot, "spec/management-api-oas.json");

async function main() {
  const { values } = parseArgs({ options: { oas: { type: "string" } } });
  const oasPath = resolve(values.oas ?? process.env.AUTH0_MANAGEMENT_OAS ?? defaultOasPath);
  if (!existsSync(oasPath))
    throw new Error(`no OpenAPI document at ${oasPath} (give one with --oas <path>)`);
  const started = Date.now();
  const generated = await generate({ oasPath, packageDir, repoRoot });

  const entriesPath = join(packageDir, ENTRIES_FILE);
  const previous = existsSync(entriesPath)
    ? Object.keys(JSON.parse(readFileSync(entriesPath, "utf8")))
    : [];
  const outDir = join(packageDir, GENERATED_DIR);
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir, { recursive: true, encoding: "utf8" })) {
    const file = `${GENERATED_DIR}/${name.replace(/\\/g, "/")}`;
    const stale = ![...generated.files.keys()].some((f) => f === file || f.startsWith(`${file}/`));
    if (stale) rmSync(join(outDir, name), { recursive: true, force: true });
  }
  for (const [file, text] of generated.files) {
    mkdirSync(dirname(join(packageDir, file)), { recursive: true });
    writeFileSync(join(packageDir, file), text);
  }

  // Only `exports` of each manifest is the generator's: the rest of the file stays as written.
  const manifestPath = join(packageDir, "package.json");
  const manifestText = readFileSync(manifestPath, "utf8");
  const manifest = JSON.parse(manifestText) as { exports: Record<string, unknown> };
  const exports = exportsMap(manifest.exports, generated.entries, previous);
  writeFileSync(manifestPath, replaceJsonField(manifestText, "exports", exports));

  const jsrPath = join(packageDir, "jsr.json");
  const jsrText = readFileSync(jsrPath, "utf8");
  const jsr = JSON.parse(jsrText) as { exports: Record<string, string> };
  const jsrMap = jsrExports(jsr.exports, generated.entries, previous);
  writeFileSync(jsrPath, replaceJsonField(jsrText, "exports", jsrMap));

  // Every entry but the operations table and the shared schemas is a resource group.
  const groups = Object.keys(generated.entries).length - 2;
  console.log(
    `generated ${generated.operations.length} operations in ${groups} resource modules from ${oasPath} (${Date.now() - started} ms)`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
