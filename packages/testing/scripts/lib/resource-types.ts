/**
 * The emulator's resource types as TypeScript interfaces: each top-level property of the
 * document's schema with a shallow type (nested objects stay `Record<string, unknown>`,
 * since the emulator stores and returns them whole). No index signature: the emulator's own
 * types (src/types.ts) add it, and may `Omit` a field first, which an index signature defeats.
 */
import {
  answerSchema,
  type Document,
  type DocumentOperation,
  refName,
  resolve,
  type Schema,
} from "./document.js";

/** Enums longer than this become `string`: a long union would only weigh on the types. */
const MAX_ENUM = 8;

export interface ResourceSource {
  name: string;
  operation: DocumentOperation;
  /** `item` or `item:<property>`, see scripts/emulated.ts. */
  pick?: string;
}

/** The element schema of an array, or of the array branch of a `oneOf`. */
function itemOf(document: Document, schema: Schema): Schema {
  const resolved = resolve(document, schema);
  if (resolved.type === "array") return resolved.items as Schema;
  for (const branch of (resolved.oneOf as Schema[] | undefined) ?? []) {
    const option = resolve(document, branch);
    if (option.type === "array") return option.items as Schema;
  }
  throw new Error("no array to take an item of");
}

/** The schema a resource type is made from (still a `$ref` where the document has one). */
export function resourceSchema(document: Document, source: ResourceSource): Schema {
  const answer = answerSchema(document, source.operation.operation);
  if (answer === undefined) throw new Error(`${source.operation.id} answers no JSON`);
  if (source.pick === undefined) return answer;
  if (source.pick === "item") return itemOf(document, answer);
  const property = source.pick.replace(/^item:/, "");
  const properties = resolve(document, answer).properties as Record<string, Schema>;
  return itemOf(document, properties[property]!);
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  if (unique.includes("unknown")) return "unknown";
  return unique.join(" | ");
}

/** A property's type, one level deep; `names` maps schema names to emitted interfaces. */
function typeOf(document: Document, schema: Schema, names: Map<string, string>): string {
  if (typeof schema.$ref === "string") {
    const named = names.get(refName(schema.$ref));
    if (named !== undefined) return named;
  }
  const resolved = resolve(document, schema);
  const branches = (resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined;
  if (branches !== undefined) return union(branches.map((b) => typeOf(document, b, names)));
  if (Array.isArray(resolved.enum) && resolved.enum.length <= MAX_ENUM) {
    return union(resolved.enum.map((value) => JSON.stringify(value)));
  }
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  return union(
    types.map((type) => {
      switch (type) {
        case "string":
        case "boolean":
        case "null":
          return type as string;
        case "integer":
        case "number":
          return "number";
        case "array": {
          const item = typeOf(document, (resolved.items as Schema) ?? {}, names);
          return item.includes(" ") ? `Array<${item}>` : `${item}[]`;
        }
        case "object":
          return "Record<string, unknown>";
        default:
          return "unknown";
      }
    }),
  );
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** One `export interface`, its properties in the document's order. */
export function resourceInterface(
  document: Document,
  source: ResourceSource,
  names: Map<string, string>,
): string {
  const schema = resourceSchema(document, source);
  const resolved = resolve(document, schema);
  const required = new Set((resolved.required as string[] | undefined) ?? []);
  const from = typeof schema.$ref === "string" ? `\`${refName(schema.$ref)}\`: ` : "";
  const answer = `the answer of \`${source.operation.id}\``;
  const property = source.pick?.replace(/^item:?/, "");
  const where =
    source.pick === undefined
      ? answer
      : property === ""
        ? `an item of ${answer}`
        : `an item of \`${property}\` in ${answer}`;
  const lines = [`/** ${from}${where}. */`];
  lines.push(`export interface ${source.name} {`);
  for (const [key, property] of Object.entries((resolved.properties as Schema) ?? {})) {
    const name = identifier.test(key) ? key : JSON.stringify(key);
    const optional = required.has(key) ? "" : "?";
    lines.push(`  ${name}${optional}: ${typeOf(document, property as Schema, names)};`);
  }
  lines.push("}");
  return lines.join("\n");
}
