/**
 * Turns data/classic-surface.json (the classic client's managers, methods and flat
 * methods) into the compat layer's two generated modules:
 *
 * - `src/compat/generated/methods.ts`: one row per manager method (how its arguments
 *   become an input, and the generated operation it calls, or its method and path
 *   for `callOperation` where the API document lacks the path), one row per flat method;
 * - `src/compat/generated/types.ts`: an interface per manager and the flat methods,
 *   with explicit parameter and result types taken from the operations.
 *
 * Pure: the caller reads the files and writes the result (scripts/generate-compat.ts,
 * and the test that checks the committed modules are not stale).
 */

export interface SurfaceManager {
  name: string;
  className: string;
  since: string;
}

export interface SurfaceMethod {
  manager: string;
  method: string;
  args: string[];
  callShape: string;
  http: string;
  path: string;
  pathKeys: string[];
  pathKeyAliases?: Record<string, string>;
  query: string;
  body: string;
  since: string;
}

export interface SurfaceFlat {
  method: string;
  target: string | null;
  since: string;
  removedIn: string | null;
}

export interface Surface {
  managers: SurfaceManager[];
  managerMethods: SurfaceMethod[];
  flatMethods: SurfaceFlat[];
}

/** What the generator needs of an operation of the `operations` table. */
export interface OperationFacts {
  id: string;
  method: string;
  path: string;
  name: string;
  /** The file under src/generated/ that exports `name`: `users`. */
  module: string;
  /** The operation takes a multipart body, which its function builds. */
  multipart?: boolean;
}

/** Rows whose arguments do not follow one of the common call shapes. */
const SPECIAL_KINDS: Record<string, string> = {
  "users.getByEmail": "email",
  "users.updateUserMetadata": "metadata",
  "users.updateAppMetadata": "metadata",
  "users.link": "link",
  "actions.deployVersion": "deployVersion",
  "prompts.updateCustomTextByLanguage": "customText",
};

/** Rows carried out by hand-written code of the compat layer: [module, export]. */
const CUSTOM_TARGETS: Record<string, readonly [string, string]> = {
  "users.deleteAll": ["../delete-all-users.js", "deleteAllUsers"],
  "jobs.importUsers": ["../import-users.js", "importUsers"],
  "jobs.importUsersJob": ["../import-users.js", "importUsersJob"],
};

/** Flat methods that are not a manager call; the class defines them itself. */
const CLASS_METHODS = new Set(["getAccessToken", "getClientInfo"]);

const placeholders = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
const shape = (path: string) => path.replace(/\{[^}]+\}/g, "{}");
const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

export interface PlannedRow {
  row: SurfaceMethod;
  kind: string;
  operation: OperationFacts | undefined;
  custom: readonly [string, string] | undefined;
  rename: Record<string, string>;
  fallback: "{}" | "[]" | undefined;
  wrap: string | undefined;
}

function kindOf(row: SurfaceMethod): string {
  const special = SPECIAL_KINDS[`${row.manager}.${row.method}`];
  if (special) return special;
  const args = row.args.map((a) => a.replace("?", "")).join(",");
  if (args === "") return "none";
  if (args === "data" || args === "token") return "data";
  if (args === "params") return row.body === "`{}`" ? "params+{}" : "params";
  if (args === "params,data" || args === "params,payload") return "params+data";
  throw new Error(`${row.manager}.${row.method}: no kind for the call shape ${row.callShape}`);
}

function fallbackOf(row: SurfaceMethod): "{}" | "[]" | undefined {
  const stated = /defaults? (?:to )?`(\{\}|\[\])`/.exec(row.body)?.[1];
  if (stated === "{}" || stated === "[]") return stated;
  // The classic sent `{}` as the body of every DELETE that was given none.
  return row.http === "DELETE" ? "{}" : undefined;
}

/** Matches every row with its operation (same method, same path up to placeholder names). */
export function planRows(surface: Surface, operations: OperationFacts[]): PlannedRow[] {
  const byShape = new Map<string, OperationFacts>();
  for (const op of operations) {
    const key = `${op.method} ${shape(op.path)}`;
    if (!byShape.has(key)) byShape.set(key, op);
  }
  return surface.managerMethods.map((row) => {
    const qualified = `${row.manager}.${row.method}`;
    const custom = CUSTOM_TARGETS[qualified];
    const operation = byShape.get(`${row.http} ${shape(row.path)}`);
    const rename: Record<string, string> = {};
    if (operation) {
      const classic = row.method === "link" ? ["id"] : placeholders(row.path);
      const documented = placeholders(operation.path);
      classic.forEach((name, i) => {
        if (documented[i] !== name) rename[name] = documented[i]!;
      });
    }
    const kind = kindOf(row);
    return {
      row,
      kind: custom ? "custom" : kind,
      operation,
      custom,
      rename,
      fallback: kind === "params+data" ? fallbackOf(row) : undefined,
      wrap: kind === "metadata" ? (/\{ (\w+): /.exec(row.body)?.[1] ?? undefined) : undefined,
    };
  });
}

const HEADER =
  "/* Generated by scripts/generate-compat.ts from data/classic-surface.json and the operations: do not edit. */\n";

function literal(value: Record<string, string>): string {
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ")} }`;
}

function methodsModule(surface: Surface, plan: PlannedRow[]): string {
  const imports = new Map<string, Set<string>>();
  const use = (module: string, name: string) => {
    if (!imports.has(module)) imports.set(module, new Set());
    imports.get(module)!.add(name);
  };
  const rows = plan.map((p) => {
    let target: string;
    if (p.custom) {
      use(p.custom[0], p.custom[1]);
      target = p.custom[1];
    } else if (p.operation) {
      // The operation's request descriptor, sent by the compat's own call (which moves the
      // keys the classic accepted beyond the document's to the query); an upload goes
      // through its function, which builds the form.
      if (p.operation.multipart) {
        use(`../../generated/${p.operation.module}.js`, p.operation.name);
        target = p.operation.name;
      } else {
        use(
          `../../generated/descriptors/${p.operation.module}.js`,
          `${p.operation.name} as ${p.operation.name}$`,
        );
        target = `${p.operation.name}$`;
      }
    } else {
      target = `[${JSON.stringify(p.row.http)}, ${JSON.stringify(p.row.path)}]`;
    }
    const extras: string[] = [];
    if (Object.keys(p.rename).length > 0) extras.push(`rename: ${literal(p.rename)}`);
    if (p.row.pathKeyAliases) extras.push(`alias: ${literal(p.row.pathKeyAliases)}`);
    if (p.fallback) extras.push(`fallback: ${p.fallback}`);
    if (p.wrap) extras.push(`wrap: ${JSON.stringify(p.wrap)}`);
    const tail = extras.length > 0 ? `, { ${extras.join(", ")} }` : "";
    return `  [${JSON.stringify(p.row.manager)}, ${JSON.stringify(p.row.method)}, ${JSON.stringify(p.kind)}, ${target}${tail}],`;
  });
  const flat = surface.flatMethods
    .filter((f) => f.target !== null && !CLASS_METHODS.has(f.method))
    .map((f) => {
      const [manager, method] = f.target!.split(".");
      return `  [${JSON.stringify(f.method)}, ${JSON.stringify(manager)}, ${JSON.stringify(method)}],`;
    });
  // In the order biome's organizeImports keeps: by path without the extension, then names, ignoring case.
  const byText = (a: string, b: string) => {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
  const importLines = [...imports]
    .sort(([a], [b]) => byText(a.replace(/\.js$/, ""), b.replace(/\.js$/, "")))
    .map(([module, names]) =>
      [...names].every((n) => n.startsWith("type "))
        ? `import type { ${[...names]
            .map((n) => n.slice(5))
            .sort(byText)
            .join(", ")} } from "${module}";`
        : `import { ${[...names].sort(byText).join(", ")} } from "${module}";`,
    );
  return `${HEADER}
${importLines.join("\n")}
import type { FlatRow, MethodRow } from "../method-rows.js";

/**
 * Every manager method of the classic client (${plan.length}): manager, method, how its
 * arguments become an input, and what carries it out: a generated operation (its request descriptor), a
 * hand-written function, or a method and path the API document does not list.
 */
export const methodRows: readonly MethodRow[] = [
${rows.join("\n")}
];

/** Every flat method that calls a manager method (${flat.length}): name, manager, method. */
export const flatRows: readonly FlatRow[] = [
${flat.join("\n")}
];
`;
}

function paramsType(p: PlannedRow): string {
  const classic = p.row.method === "link" ? [] : placeholders(p.row.path);
  const keys = classic.map((k) => JSON.stringify(k)).join(" | ") || "never";
  if (!p.operation) return `RequestParams<${keys}>`;
  const documented = Object.values(p.rename)
    .map((k) => JSON.stringify(k))
    .join(" | ");
  const renamedFrom = Object.keys(p.rename)
    .map((k) => JSON.stringify(k))
    .join(" | ");
  const id = JSON.stringify(p.operation.id);
  return renamedFrom ? `Params<${id}, ${renamedFrom}, ${documented}>` : `Params<${id}>`;
}

function methodType(p: PlannedRow): string {
  const id = p.operation ? JSON.stringify(p.operation.id) : undefined;
  const result = id ? `Output<${id}>` : "unknown";
  const data = id ? `BodyOf<${id}>` : "unknown";
  const aliases = Object.keys(p.row.pathKeyAliases ?? {});
  const params =
    aliases.length > 0
      ? `(${paramsType(p)} | (ExtraParams & { ${aliases.map((a) => `${a}: string`).join("; ")} }))`
      : paramsType(p);
  const optional = p.row.args[0]?.endsWith("?") ? "?" : "";
  let args: string;
  let returns = result;
  switch (p.kind) {
    case "none":
      args = "";
      break;
    case "data":
      args = `${p.row.args[0]}: ${data}`;
      break;
    case "params":
    case "params+{}":
      args = `params${optional}: ${params}`;
      break;
    case "params+data":
      args = `params: ${params}, ${p.row.args[1]}${p.fallback ? "?" : ""}: ${data}`;
      break;
    case "email":
      args = `email: string, options?: Omit<${params}, "email">`;
      break;
    case "metadata":
      args = `params: ${params}, metadata: Record<string, unknown>`;
      break;
    case "link":
      args = `userId: string | { id: string }, params: ${data}`;
      break;
    case "deployVersion":
      args = `params: ${params} & { update_draft?: boolean }`;
      break;
    case "customText":
      args = `params: { prompt: string; language: string; body: ${data} }`;
      break;
    case "custom":
      if (p.row.method === "deleteAll") {
        args = "";
        returns = "void";
      } else {
        args = "data: ImportUsersData";
        returns = p.row.method === "importUsers" ? `ImportUsersResponse<${result}>` : result;
      }
      break;
    default:
      throw new Error(`no type for kind ${p.kind}`);
  }
  return `Callbackified<[${args}], ${returns}>`;
}

function typesModule(surface: Surface, plan: PlannedRow[]): string {
  const interfaces = surface.managers.map((m) => {
    const members = plan
      .filter((p) => p.row.manager === m.name)
      .map((p) => {
        const where = p.custom
          ? "carried out by the compat layer"
          : p.operation
            ? `\`${p.operation.name}\``
            : "`request`, as the API document lacks the path";
        return `  /** \`${p.row.http} ${p.row.path}\` (${where}); classic since ${p.row.since}. */
  readonly ${p.row.method}: ${methodType(p)};`;
      });
    return `/** The classic \`${m.className}\`: \`management.${m.name}\`. */
export interface ${pascal(m.name)}Manager {
${members.join("\n")}
}`;
  });
  const managers = surface.managers.map((m) => `  readonly ${m.name}: ${pascal(m.name)}Manager;`);
  const flat = surface.flatMethods
    .filter((f) => f.target !== null && !CLASS_METHODS.has(f.method))
    .map((f) => {
      const [manager, method] = f.target!.split(".");
      const deprecated = f.method === "deleteUserMultifcator" || f.method === "createRules";
      const note = deprecated ? " @deprecated the classic's other spelling of the same call." : "";
      let type = `${pascal(manager!)}Manager[${JSON.stringify(method)}]`;
      if (f.method === "updatePromptsSettings") {
        // The classic documented (data, cb?), which v2.44.1 rejected; both forms work here.
        const id = JSON.stringify(
          plan.find((p) => p.row.manager === manager && p.row.method === method)!.operation!.id,
        );
        type = `${type} & Callbackified<[data: BodyOf<${id}>], Output<${id}>>`;
      }
      return `  /** \`management.${f.target}\`; classic since ${f.since}.${note} */
  ${f.method}: ${type};`;
    });
  return `${HEADER}
import type { Output } from "../../operation-types.js";
import type { Callbackified } from "../callbackify.js";
import type { ImportUsersData, ImportUsersResponse } from "../import-users.js";
import type { BodyOf, ExtraParams, Params, RequestParams } from "../params.js";

${interfaces.join("\n\n")}

/** The managers of the classic client, by property name. */
export interface Managers {
${managers.join("\n")}
}

/** The classic client's flat methods, each the manager method it calls. */
export interface FlatMethods {
${flat.join("\n")}
}
`;
}

/** The two generated modules, by path relative to the package, unformatted. */
export function compatModules(surface: Surface, operations: OperationFacts[]): Map<string, string> {
  const plan = planRows(surface, operations);
  return new Map([
    ["src/compat/generated/methods.ts", methodsModule(surface, plan)],
    ["src/compat/generated/types.ts", typesModule(surface, plan)],
  ]);
}

/** Reads the operation facts from the `operations` table and the generated sources. */
export function operationFacts(
  table: Record<string, { method: string; path: string; name: string; params: object }>,
  sources: Record<string, string>,
): OperationFacts[] {
  const moduleOf = new Map<string, string>();
  for (const [module, text] of Object.entries(sources)) {
    for (const m of text.matchAll(/^export (?:async )?(?:function|const) (\w+)/gm)) {
      moduleOf.set(m[1]!, module);
    }
  }
  return Object.entries(table).map(([id, e]) => {
    const module = moduleOf.get(e.name);
    if (!module) throw new Error(`no generated module exports ${e.name}`);
    const multipart = (e.params as Record<string, string>).body === "multipart";
    return { id, method: e.method, path: e.path, name: e.name, module, multipart };
  });
}
