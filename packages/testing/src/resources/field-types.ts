import type { FieldType } from "../validate";

/**
 * Turns `{ string: ["name"], boolean: ["enabled"] }` into the `fields` of a body schema,
 * which keeps the long field lists of the OpenAPI document readable.
 *
 * @example
 * ```ts
 * validateBody(body, { fields: fieldTypes({ string: ["name", "script"], number: ["order"] }) });
 * ```
 */
export function fieldTypes(
  groups: Partial<Record<FieldType, string[]>>,
): Record<string, FieldType> {
  const fields: Record<string, FieldType> = {};
  for (const [type, names] of Object.entries(groups)) {
    for (const name of names ?? []) fields[name] = type as FieldType;
  }
  return fields;
}
