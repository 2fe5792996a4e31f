/**
 * `pnpm generate` (also run by the root `pnpm generate`): writes src/generated/ from the
 * Management API document vendored at spec/.
 *
 *   tsx scripts/generate.ts [--oas <path>]    (or AUTH0_MANAGEMENT_OAS=<path>)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { GENERATED_DIR, generate } from "./lib/generate.js";

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(packageDir, "../..");
/** The document vendored in the repository (spec/README.md says where it comes from). */
export const defaultOasPath = resolve(repoRoot, "spec/management-api-oas.json");

function main() {
  const { values } = parseArgs({ options: { oas: { type: "string" } } });
  const oasPath = resolve(values.oas ?? process.env.AUTH0_MANAGEMENT_OAS ?? defaultOasPath);
  const files = generate({ oasPath, packageDir, repoRoot });
  const outDir = join(packageDir, GENERATED_DIR);
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) {
    if (!files.has(`${GENERATED_DIR}/${name}`)) rmSync(join(outDir, name), { recursive: true });
  }
  for (const [file, text] of files) writeFileSync(join(packageDir, file), text);
  console.log(`generated ${[...files.keys()].join(", ")} from ${oasPath}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
