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
import { createFormatter } from "./lib/format.js";
import { ENTRIES_FILE, exportsMap, GENERATED_DIR, generate, jsrExports } from "./lib/generate.js";

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
  for (const name of readdirSync(outDir)) {
    if (!generated.files.has(`${GENERATED_DIR}/${name}`))
      rmSync(join(outDir, name), { recursive: true });
  }
  for (const [file, text] of generated.files) writeFileSync(join(packageDir, file), text);

  const manifestPath = join(packageDir, "package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  manifest.exports = exportsMap(
    manifest.exports as Record<string, unknown>,
    generated.entries,
    previous,
  );
  const format = createFormatter(repoRoot, packageDir);
  writeFileSync(
    manifestPath,
    await format("package.json", `${JSON.stringify(manifest, null, 2)}\n`),
  );

  const jsrPath = join(packageDir, "jsr.json");
  const jsr = JSON.parse(readFileSync(jsrPath, "utf8")) as { exports: Record<string, string> };
  jsr.exports = jsrExports(jsr.exports, generated.entries, previous);
  writeFileSync(jsrPath, await format("jsr.json", `${JSON.stringify(jsr, null, 2)}\n`));

  const groups = Object.keys(generated.entries).length - 1;
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
