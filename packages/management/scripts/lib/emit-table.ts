/** Emits `src/generated/operations.ts`: every operation by `operationId`. */
import type { Operation } from "./document.js";
import { PACKAGE_NAME } from "./emit-module.js";

const identifier = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export function emitTable(
  operations: Operation[],
  names: Map<string, string>,
  modules: Map<string, string>,
  banner: string,
): string {
  const subpaths = [...new Set(operations.map((op) => modules.get(op.id)!))];
  const imports = subpaths.map((s) => `import * as ${identifier(s)} from "./${s}.js";`);
  const entries = operations.map((op) => {
    const fields = [
      `method: ${JSON.stringify(op.method)}`,
      `path: ${JSON.stringify(op.path)}`,
      `group: ${JSON.stringify(op.group[0])}`,
      `name: ${JSON.stringify(names.get(op.id))}`,
      `lifecycle: ${JSON.stringify(op.lifecycle)}`,
      `pagination: ${JSON.stringify(op.pagination?.kind ?? null)}`,
      `call: ${identifier(modules.get(op.id)!)}.${names.get(op.id)}`,
    ];
    return `  ${JSON.stringify(op.id)}: { ${fields.join(", ")} },`;
  });
  return `${banner}

/**
 * Every operation of the Management API, by \`operationId\`: \`${PACKAGE_NAME}/operations\`.
 *
 * @packageDocumentation
 */
import type { OperationTable } from "../operation.js";
${imports.join("\n")}

export type {
  AnyOperationEntry,
  OperationEntry,
  OperationId,
  OperationTable,
} from "../operation.js";

/**
 * Every operation of the Management API (${operations.length} of them), keyed by the
 * document's \`operationId\`: its method, path template, resource group, function name,
 * release lifecycle, pagination kind and \`call(client, input, options)\`. Tools and
 * conformance tests drive the API through it; importing it pulls in every operation.
 *
 * @example
 * \`\`\`ts
 * import { type AnyOperationEntry, operations } from "${PACKAGE_NAME}/operations";
 *
 * const { method, path, call } = operations.get_users_by_id; // "GET", "/users/{id}"
 * const user = await call(client, { id: "auth0|123" });
 *
 * // By an operationId known only at run time:
 * const table: Record<string, AnyOperationEntry> = operations;
 * const answer = await table[operationId]?.call(client, input);
 * \`\`\`
 */
export const operations: OperationTable = {
${entries.join("\n")}
};
`;
}
