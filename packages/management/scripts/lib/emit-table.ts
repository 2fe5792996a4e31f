/**
 * Emits `src/generated/operations.ts` (every operation by `operationId`: its request
 * descriptor, spread from the group's descriptors, and the facts a bundle of one function
 * does not need) and `src/generated/types/operations.ts` (every operation's types, by
 * `operationId` and by path, for `Input<K>`, `Output<K>` and the path-typed `request`).
 */
import type { Operation } from "./document.js";
import { PACKAGE_NAME } from "./emit-module.js";
import type { OperationTyping } from "./schema-types.js";

const identifier = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const union = (names: string[]) => names.map((n) => JSON.stringify(n)).join(" | ") || "never";

export function emitTable(
  operations: Operation[],
  names: Map<string, string>,
  modules: Map<string, string>,
  banner: string,
): string {
  const subpaths = [...new Set(operations.map((op) => modules.get(op.id)!))].sort();
  const imports = subpaths.flatMap((s) => [
    `import * as ${identifier(s)} from "./${s}.js";`,
    `import * as ${identifier(s)}$ from "./descriptors/${s}.js";`,
  ]);
  const entries = operations.map((op) => {
    const module = identifier(modules.get(op.id)!);
    const name = names.get(op.id)!;
    const facts = [
      `${module}$.${name}`,
      `${module}.${name}`,
      JSON.stringify(op.id),
      JSON.stringify(op.group[0]),
      JSON.stringify(name),
      JSON.stringify(op.scopes.join(" ")),
      JSON.stringify(op.lifecycle),
      JSON.stringify(op.pagination?.kind ?? null),
    ];
    const key = /^[A-Za-z_$][\w$]*$/.test(op.id) ? op.id : JSON.stringify(op.id);
    return `  ${key}: row(${facts.join(", ")}),`;
  });
  return `${banner}

/**
 * Every operation of the Management API, by \`operationId\`: \`${PACKAGE_NAME}/operations\`.
 *
 * @packageDocumentation
 */
import { operationRow as row } from "../operation-row.js";
import type { OperationTable } from "../operation-types.js";
${imports.join("\n")}

export type { AnyOperationEntry, OperationFacts, OperationRequest, PaginationKind } from "../operation.js";
export type { Input, OperationEntry, OperationId, OperationTable, Output } from "../operation-types.js";
export type { OperationTypes, PathTypes } from "./types/operations.js";

/**
 * Every operation of the Management API (${operations.length} of them), keyed by the
 * document's \`operationId\`: its method, path template, where each input key goes, the
 * body's kind, the scopes of which a token needs one, resource group, function name,
 * release lifecycle, pagination kind and \`call(client, input, options)\`. Tools and
 * conformance tests drive the API through it (and can check a token's scopes before a
 * call); importing it pulls in every operation.
 *
 * @example
 * \`\`\`ts
 * import { type AnyOperationEntry, operations } from "${PACKAGE_NAME}/operations";
 *
 * const { method, path, scopes, call } = operations.get_users_by_id; // "GET", "/users/{id}"
 * const user = await call(client, { id: "auth0|507f1f77bcf86cd799439020" });
 *
 * // By an operationId known only at run time:
 * const operationId: string = "get_users_by_id";
 * const table: Record<string, AnyOperationEntry> = operations;
 * const answer = await table[operationId]?.call(client, { id: "auth0|507f1f77bcf86cd799439020" });
 * \`\`\`
 */
// biome-ignore format: one row per line keeps the table (and its build output) half as long.
export const operations: OperationTable = {
${entries.join("\n")}
};
`;
}

/** `src/generated/types/operations.ts`, unformatted. */
export function emitOperationTypes(
  operations: Operation[],
  modules: Map<string, string>,
  typing: Map<string, OperationTyping>,
  banner: string,
): string {
  const subpaths = [...new Set(operations.map((op) => modules.get(op.id)!))].sort();
  const imports = subpaths.map((s) => `import type * as ${identifier(s)} from "./${s}.js";`);
  const rows = [...operations]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((op) => {
      const module = identifier(modules.get(op.id)!);
      const t = typing.get(op.id)!;
      return `  ${JSON.stringify(op.id)}: { input: ${module}.${t.input}; result: ${module}.${t.result}; path: ${union(t.keys.path)}; query: ${union(t.keys.query)}; header: ${union(t.keys.header)} };`;
    });
  const byPath = new Map<string, Operation[]>();
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  const paths = [...byPath.keys()].sort().map((path) => {
    const methods = byPath
      .get(path)!
      .sort((a, b) => (a.method < b.method ? -1 : 1))
      .map((op) => `${op.method}: OperationTypes[${JSON.stringify(op.id)}]`);
    return `  ${JSON.stringify(path)}: { ${methods.join("; ")} };`;
  });
  return `${banner}

/* The types of every operation, by operationId and by path: what Input<K>, Output<K> and the path-typed request read. */
${imports.join("\n")}

/** Every operation's named input and result types, and which input keys go in the path, the query and the headers. */
export interface OperationTypes {
${rows.join("\n")}
}

/** Every documented path template, and the types of the operation of each of its methods. */
export interface PathTypes {
${paths.join("\n")}
}
`;
}
