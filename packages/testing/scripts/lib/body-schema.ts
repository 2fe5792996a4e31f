/**
 * A request body's JSON schema in the few terms the emulator's validator checks (src/validate.ts):
 * the top-level properties and their JSON types, which are required, which may be `null`,
 * which must be email addresses, the minimum property count and whether others are allowed.
 */
import { type Document, resolve, type Schema } from "./document.js";

/**
 * src/route-spec.ts's `CompactBodySchema`: lists as space-separated names, so the data
 * the package ships stays small; `fields` is `name:type …` in the document's order.
 */
export interface GeneratedBodySchema {
  fields: string;
  required?: string;
  minProperties?: number;
  emails?: string;
  nullable?: string;
  open?: true;
}

const jsonTypes = new Set(["string", "boolean", "object", "array", "number", "integer"]);

/** The JSON types a property may have, `null` included, following `$ref`s and unions. */
function typesOf(document: Document, schema: Schema): Set<string> {
  const resolved = resolve(document, schema);
  const types = new Set<string>();
  const { type } = resolved;
  if (typeof type === "string") types.add(type);
  else if (Array.isArray(type)) for (const t of type) types.add(t as string);
  for (const key of ["oneOf", "anyOf"] as const) {
    for (const branch of (resolved[key] as Schema[] | undefined) ?? []) {
      for (const t of typesOf(document, branch)) types.add(t);
    }
  }
  for (const branch of (resolved.allOf as Schema[] | undefined) ?? []) {
    for (const t of typesOf(document, branch)) types.add(t);
  }
  if (types.size === 0 && Array.isArray(resolved.enum)) {
    for (const value of resolved.enum) types.add(value === null ? "null" : typeof value);
  }
  if (resolved.nullable === true) types.add("null");
  return types;
}

/** One JSON type, `number` for number-or-integer, else `any` (a mix the validator does not check). */
function fieldType(types: Set<string>): string {
  if (types.size === 2 && types.has("number") && types.has("integer")) return "number";
  const [only] = types;
  if (types.size !== 1 || only === undefined) return "any";
  if (!jsonTypes.has(only)) throw new Error(`unknown JSON type ${only}`);
  return only;
}

/** `format: email` on the property or the schema it refers to. */
function isEmail(document: Document, schema: Schema): boolean {
  return schema.format === "email" || resolve(document, schema).format === "email";
}

export function bodySchema(document: Document, schema: Schema): GeneratedBodySchema {
  const resolved = resolve(document, schema);
  if (resolved.type !== "object") throw new Error("a request body that is not an object");
  const fields: Record<string, string> = {};
  const nullable: string[] = [];
  const emails: string[] = [];
  for (const [name, property] of Object.entries((resolved.properties as Schema) ?? {})) {
    const types = typesOf(document, property as Schema);
    if (types.delete("null")) nullable.push(name);
    fields[name] = fieldType(types);
    if (isEmail(document, property as Schema)) emails.push(name);
  }
  const body: GeneratedBodySchema = {
    fields: Object.entries(fields)
      .map(([name, type]) => `${name}:${type}`)
      .join(" "),
  };
  const required = (resolved.required as string[] | undefined) ?? [];
  if (required.length > 0) body.required = required.join(" ");
  if (typeof resolved.minProperties === "number") body.minProperties = resolved.minProperties;
  if (emails.length > 0) body.emails = emails.join(" ");
  // The validator lets any object field be null (metadata is cleared so): no need to list them.
  const listed = nullable.filter((name) => fields[name] !== "object");
  if (listed.length > 0) body.nullable = listed.join(" ");
  // JSON Schema allows other properties unless the document closes the object.
  if (resolved.additionalProperties !== false) body.open = true;
  return body;
}
