import { payloadError } from "./errors";

/** JSON types a body field may have. */
export type FieldType = "string" | "boolean" | "object" | "array" | "number" | "integer" | "any";

/**
 * A request body schema in the few terms the emulator's routes need (generated from the
 * document into src/generated/routes.ts).
 */
export interface BodySchema {
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly required?: readonly string[];
  readonly minProperties?: number;
  /** Fields that must look like an email address. */
  readonly emails?: readonly string[];
  /** Fields that may also be `null` (object fields always may). */
  readonly nullable?: readonly string[];
  /** Properties beyond `fields` are allowed (the document leaves the object open). */
  readonly open?: boolean;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates a body the way Auth0's JSON-schema validator reports it (first problem only):
 * wrong root type, additional properties, too few properties, missing required
 * properties, wrong field types, bad email format.
 *
 * @example
 * ```ts
 * const body = validateBody(await ctx.body(), { fields: { name: "string" }, required: ["name"] });
 * ```
 */
export function validateBody(body: unknown, schema: BodySchema): Record<string, unknown> {
  const type = jsonType(body ?? {});
  if (type !== "object") throw payloadError(`Expected type object but found type ${type}`);
  const value = (body ?? {}) as Record<string, unknown>;
  const extra = schema.open ? [] : Object.keys(value).filter((key) => !(key in schema.fields));
  if (extra.length > 0) throw payloadError(`Additional properties not allowed: ${extra.join(",")}`);
  const count = Object.keys(value).length;
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    throw payloadError(`Too few properties defined (${count}), minimum ${schema.minProperties}`);
  }
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) throw payloadError(`Missing required property: ${name}`);
  }
  for (const [name, expected] of Object.entries(schema.fields)) {
    const field = value[name];
    if (field === undefined || expected === "any") continue;
    const actual = jsonType(field);
    // Metadata may be set to null to clear it; other fields only when the schema says so.
    const nullable =
      actual === "null" && (expected === "object" || schema.nullable?.includes(name));
    const numeric = expected === "number" && actual === "integer";
    if (actual !== expected && !nullable && !numeric) {
      throw payloadError(`Expected type ${expected} but found type ${actual}`, name);
    }
  }
  for (const name of schema.emails ?? []) {
    const field = value[name];
    if (typeof field === "string" && !emailPattern.test(field)) {
      throw payloadError(`Object didn't pass validation for format email: ${field}`, name);
    }
  }
  return value;
}
