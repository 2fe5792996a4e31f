/**
 * The one naming rule for generated functions and modules. It is documented in the
 * package README ("How functions are named"); change both together.
 */
import type { Operation } from "./document.js";

/** Words that look plural but are not, or whose singular would read worse. */
const INVARIANT = new Set(["sms", "stats"]);

const pascal = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const normalize = (segment: string) => segment.toLowerCase().replace(/[-_]/g, "");

/** The singular of the last word of a camelCase group: `effectiveRoles` → `effectiveRole`. */
export function singular(group: string): string {
  const match = /^(.*?)([A-Z]?[a-z0-9]+)$/.exec(group);
  if (!match) return group;
  const [, head, last] = match as unknown as [string, string, string];
  if (INVARIANT.has(last.toLowerCase())) return group;
  if (/ies$/.test(last)) return `${head}${last.slice(0, -3)}y`;
  if (/(?:sses|xes|ches|shes)$/.test(last)) return `${head}${last.slice(0, -2)}`;
  if (/[^su]s$/.test(last)) return `${head}${last.slice(0, -1)}`;
  return group;
}

/**
 * `verb` + one PascalCase word per group + the rest of `x-operation-name`:
 * - the verb is the first word of `x-operation-name` (`list` of `listUsersByEmail`),
 *   the rest is what follows it (`UsersByEmail`);
 * - every group is singular, except the last one, which keeps the document's spelling
 *   when the operation acts on the whole collection: the name is exactly `list`, or
 *   the path ends with that group's own segment and the verb is not `create`;
 * - when the rest starts with the last group's word (in either number), that group
 *   word is left out rather than said twice.
 */
export function functionName(op: Pick<Operation, "group" | "operationName" | "path">): string {
  const match = /^([a-z]+)(.*)$/.exec(op.operationName);
  if (!match) throw new Error(`x-operation-name "${op.operationName}" does not start with a verb`);
  const [, verb, rest] = match as unknown as [string, string, string];
  const last = op.group[op.group.length - 1]!;
  const lastSegment = op.path.split("/").pop()!;
  const collection =
    (verb === "list" && rest === "") ||
    (normalize(lastSegment) === normalize(last) && verb !== "create");
  const words = op.group.map((g, i) =>
    pascal(i === op.group.length - 1 && collection ? g : singular(g)),
  );
  const repeats = [pascal(last), pascal(singular(last))].some(
    (word) => rest.startsWith(word) && !/^[a-z]/.test(rest.slice(word.length)),
  );
  if (repeats) words.pop();
  return verb + words.join("") + rest;
}

/** The module and subpath of a top-level group: `attackProtection` → `attack-protection`. */
export function moduleName(topGroup: string): string {
  return topGroup.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Names every operation, failing on any collision. */
export function nameOperations(operations: Operation[]): Map<string, string> {
  const byName = new Map<string, Operation>();
  const names = new Map<string, string>();
  for (const op of operations) {
    const name = functionName(op);
    const taken = byName.get(name);
    if (taken) {
      throw new Error(
        `naming collision: ${op.id} (${op.method} ${op.path}) and ${taken.id} (${taken.method} ${taken.path}) are both "${name}"`,
      );
    }
    byName.set(name, op);
    names.set(op.id, name);
  }
  return names;
}
