/** Everything `pnpm generate` writes, computed in memory so a test can compare it with the tree. */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Operation, readOperations } from "./document.js";
import { emitDescriptors, emitModule, generatedBanner } from "./emit-module.js";
import { emitOperationTypes, emitTable } from "./emit-table.js";
import { createFormatter } from "./format.js";
import { moduleName, nameOperations } from "./naming.js";
import { SHARED_MODULE, schemaTypes } from "./schema-types.js";

export const GENERATED_DIR = "src/generated";
/** The list of generated entry points, read by tsup.config.ts and the sync test. */
export const ENTRIES_FILE = `${GENERATED_DIR}/entries.json`;
const RESERVED_MODULES = new Set([
  "operations",
  "entries",
  "index",
  "types",
  "descriptors",
  "schemas",
  "README",
]);
/** The subpath of the schemas several groups share. */
export const SCHEMAS_ENTRY = "schemas";

export interface Generated {
  /** Paths relative to the package, with their formatted content. */
  files: Map<string, string>;
  /** Entry name (`users`) → source file (`./src/generated/users.ts`). */
  entries: Record<string, string>;
  operations: Operation[];
}

/** The hex sha256 of the document's bytes, as the banner and spec/README.md record it. */
export function documentSha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface GenerateOptions {
  oasPath: string;
  packageDir: string;
  repoRoot: string;
}

export async function generate({
  oasPath,
  packageDir,
  repoRoot,
}: GenerateOptions): Promise<Generated> {
  const raw = readFileSync(oasPath);
  const sha256 = documentSha256(raw);
  const banner = generatedBanner(sha256);
  const document = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  const operations = readOperations(document);
  const names = nameOperations(operations);
  const byModule = new Map<string, Operation[]>();
  const modules = new Map<string, string>();
  for (const op of operations) {
    const module = moduleName(op.group[0]!);
    if (RESERVED_MODULES.has(module))
      throw new Error(`group "${op.group[0]}" would overwrite ${module}.ts`);
    const group = byModule.get(module) ?? [];
    group.push(op);
    byModule.set(module, group);
    modules.set(op.id, module);
  }
  const format = createFormatter(repoRoot, packageDir);
  const pending = new Map<string, Promise<string>>();
  const add = (file: string, text: string) => pending.set(file, format(file, text));
  const types = await schemaTypes(document, operations, names, modules);
  const typesBanner = generatedBanner(sha256, " with openapi-typescript");
  for (const [module, text] of types.modules) {
    add(`${GENERATED_DIR}/types/${module}.ts`, `${typesBanner}\n\n${text}\n`);
  }
  const sorted = [...byModule.keys()].sort();
  const entries: Record<string, string> = {};
  for (const module of sorted) {
    const ops = byModule.get(module)!;
    add(
      `${GENERATED_DIR}/${module}.ts`,
      emitModule(ops[0]!.group[0]!, module, ops, names, banner, {
        typing: types.typing,
        shared: types.sharedUsed.get(module) ?? [],
        schemas: new Set(types.ownSchemas.get(module) ?? []),
      }),
    );
    add(`${GENERATED_DIR}/descriptors/${module}.ts`, emitDescriptors(module, ops, names, banner));
    // A hand-written entry (re-exporting the generated module plus helpers) takes its place.
    const custom = `src/entries/${module}.ts`;
    entries[module] =
      `./${existsSync(join(packageDir, custom)) ? custom : `${GENERATED_DIR}/${module}.ts`}`;
  }
  add(`${GENERATED_DIR}/operations.ts`, emitTable(operations, names, modules, banner));
  add(
    `${GENERATED_DIR}/types/operations.ts`,
    emitOperationTypes(operations, modules, types.typing, banner),
  );
  entries.operations = `./${GENERATED_DIR}/operations.ts`;
  entries[SCHEMAS_ENTRY] = `./${GENERATED_DIR}/types/${SHARED_MODULE}.ts`;
  const files = new Map<string, string>();
  for (const [file, text] of pending) files.set(file, await text);
  files.set(ENTRIES_FILE, `${JSON.stringify(entries, null, 2)}\n`);
  files.set(`${GENERATED_DIR}/README.md`, readme(sha256, operations.length, sorted.length));
  return { files, entries, operations };
}

/** `src/generated/README.md`: what is generated, from what, and how to regenerate it. */
function readme(sha256: string, operations: number, groups: number): string {
  return `# Generated code: do not edit

Everything in this folder is written by \`pnpm generate\` (\`scripts/generate.ts\`) from the
Management API document vendored at \`spec/management-api-oas.json\` (sha256 \`${sha256}\`;
\`spec/README.md\` says where it comes from). A test fails when a file here is not what the
generator makes from the document, so change the generator (\`scripts/lib/\`), not these files.

From one reading of the document's ${operations} operations (\`scripts/lib/document.ts\`):

| file | what it holds | written by |
| --- | --- | --- |
| \`<group>.ts\` (${groups} of them) | the standalone function of every operation of a resource group, with its doc comment (scopes, an example), re-exporting the group's types: the subpath \`@auth0-edge/management/<group>\` | \`emit-module.ts\` |
| \`descriptors/<group>.ts\` | one request descriptor per operation: method, path template, where each input key goes (\`path\`, \`query\`, \`header\`) and the body's kind, which is all a call needs at run time | \`emit-module.ts\` |
| \`types/<group>.ts\` | the named types of a group: \`…Input\`, \`…Result\`, \`…Page\` per operation, and the document's schemas that only this group uses, as interfaces where they are objects | \`schema-types.ts\` (through openapi-typescript) |
| \`types/shared.ts\` | the schemas several groups use: the subpath \`@auth0-edge/management/schemas\` | \`schema-types.ts\` |
| \`types/operations.ts\` | every operation's types by \`operationId\` and by path, for \`Input<K>\`, \`Output<K>\` and the path-typed \`request\` | \`emit-table.ts\` |
| \`operations.ts\` | the \`operations\` table (\`@auth0-edge/management/operations\`): each descriptor with its scopes, group, name, lifecycle, pagination and function | \`emit-table.ts\` |
| \`entries.json\` | the generated entry points, read by \`tsup.config.ts\`; the generator also sets \`exports\` of \`package.json\` and \`jsr.json\` (and nothing else of them) | \`generate.ts\` |

A group's declarations reference only its own types module and \`types/shared.ts\`, so a program
that imports one subpath type-checks that group's types only. Output is sorted where the
document's order does not matter, and formatted with the repository's biome.
`;
}

type ExportTarget = {
  import: { types: string; default: string };
  require: { types: string; default: string };
};

export function exportTarget(entry: string): ExportTarget {
  return {
    import: { types: `./dist/${entry}.d.ts`, default: `./dist/${entry}.js` },
    require: { types: `./dist/${entry}.d.cts`, default: `./dist/${entry}.cjs` },
  };
}

/**
 * An exports map with one subpath per generated entry: hand-written subpaths first (in
 * their order), generated ones sorted. Subpaths generated before but no longer
 * (`previous`) are dropped.
 */
function withGeneratedEntries<T>(
  current: Record<string, T>,
  entries: Record<string, string>,
  previous: string[],
  target: (entry: string) => T,
): Record<string, T> {
  const generated = new Set([...Object.keys(entries), ...previous].map((e) => `./${e}`));
  const result: Record<string, T> = {};
  for (const [key, value] of Object.entries(current)) if (!generated.has(key)) result[key] = value;
  for (const entry of Object.keys(entries).sort()) result[`./${entry}`] = target(entry);
  return result;
}

/** jsr.json's `exports`, pointing at the TypeScript sources (JSR publishes sources). */
export function jsrExports(
  current: Record<string, string>,
  entries: Record<string, string>,
  previous: string[],
): Record<string, string> {
  return withGeneratedEntries(current, entries, previous, (entry) => entries[entry]!);
}

/** package.json's `exports`, pointing at dist/, with `./package.json` last. */
export function exportsMap(
  current: Record<string, unknown>,
  entries: Record<string, string>,
  previous: string[],
): Record<string, unknown> {
  const { "./package.json": _, ...rest } = current;
  return {
    ...withGeneratedEntries(rest, entries, previous, exportTarget),
    "./package.json": "./package.json",
  };
}
