// What type-checking a user's program costs because it imports @auth0-edge/management:
// `tsc --extendedDiagnostics` (TypeScript 5.9, skipLibCheck off) of a consumer, against an
// empty program compiled with the same options in the same run. The package is found as a
// user's project finds it (node_modules, then `exports`), from the built dist/.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const packageDir = join(root, "packages/management");
const TSC = join(root, "node_modules/typescript/bin/tsc");
const NAME = "@auth0-edge/management";

/** The generated and hand-written subpaths of the package, from its `exports`. */
export function subpaths() {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  return Object.keys(manifest.exports)
    .filter((key) => key !== "./package.json")
    .map((key) => NAME + key.slice(1));
}

/** The programs measured, by name: each is the source of one consumer.ts. */
export function programs() {
  const all = subpaths();
  return {
    empty: "export {};\n",
    "root + /users, one getUser call": `import { createManagementClient } from "${NAME}";
import { getUser } from "${NAME}/users";

const client = createManagementClient({ domain: "tenant.example.auth0.com", token: "t" });
export const user = await getUser(client, { id: "auth0|123" });
`,
    "every subpath": `${all.map((s, i) => `import * as m${i} from "${s}";`).join("\n")}
import { createManagementClient } from "${NAME}";
import { getUser } from "${NAME}/users";

const client = createManagementClient({ domain: "tenant.example.auth0.com", token: "t" });
export const user = await getUser(client, { id: "auth0|123" });
export const modules = [${all.map((_, i) => `m${i}`).join(", ")}];
`,
  };
}

const FIELDS = {
  Files: "files",
  "Lines of Library": "libraryLines",
  "Lines of Definitions": "definitionLines",
  "Lines of TypeScript": "typescriptLines",
  Identifiers: "identifiers",
  Symbols: "symbols",
  Types: "types",
  Instantiations: "instantiations",
  "Memory used": "memoryKB",
  "Check time": "checkSeconds",
  "Total time": "totalSeconds",
};

/** The numbers of one `--extendedDiagnostics` report. */
export function parseDiagnostics(text) {
  const result = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z ]+?):\s+([\d.]+)(K|s)?\s*$/.exec(line.trim());
    if (match && FIELDS[match[1]]) result[FIELDS[match[1]]] = Number(match[2]);
  }
  return result;
}

/** Compiles one program; throws with the compiler's output if it does not type-check. */
function compile(project, source) {
  writeFileSync(join(project, "consumer.ts"), source);
  const run = spawnSync(process.execPath, [TSC, "-p", project, "--extendedDiagnostics"], {
    encoding: "utf8",
  });
  const output = run.stdout + run.stderr;
  if (run.status !== 0) throw new Error(`the consumer does not type-check:\n${output}`);
  return parseDiagnostics(output);
}

/** Measures every program of `programs()` (or the ones given) in one temporary project. */
export function measure(sources = programs()) {
  const project = mkdtempSync(join(tmpdir(), "auth0-edge-type-cost-"));
  try {
    mkdirSync(join(project, "node_modules/@auth0-edge"), { recursive: true });
    symlinkSync(packageDir, join(project, "node_modules", NAME), "dir");
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", type: "module" }),
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "preserve",
          moduleResolution: "bundler",
          target: "es2022",
          lib: ["es2022", "dom", "dom.iterable"],
          types: [],
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ["consumer.ts"],
      }),
    );
    const results = {};
    for (const [name, source] of Object.entries(sources)) results[name] = compile(project, source);
    return results;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** `name`'s figures over the empty program's. */
export function overEmpty(results, name) {
  const base = results.empty;
  const m = results[name];
  return {
    instantiations: m.instantiations - base.instantiations,
    types: m.types - base.types,
    memoryMB: Math.round((m.memoryKB - base.memoryKB) / 1024),
    checkSeconds: Math.round((m.checkSeconds - base.checkSeconds) * 100) / 100,
    totalSeconds: Math.round((m.totalSeconds - base.totalSeconds) * 100) / 100,
    definitionLines: m.definitionLines - base.definitionLines,
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const results = measure();
  for (const name of Object.keys(results)) {
    if (name === "empty") continue;
    console.log(name, JSON.stringify(overEmpty(results, name)));
  }
  console.log("empty", JSON.stringify(results.empty));
}
