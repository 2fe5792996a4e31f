import type { BodySchema, FieldType } from "./validate";

/**
 * A body schema as src/generated/routes.ts writes it: lists as space-separated names (the
 * data ships in the package), `fields` as `name:type …` in the document's order.
 */
export interface CompactBodySchema {
  readonly fields: string;
  readonly required?: string;
  readonly minProperties?: number;
  readonly emails?: string;
  readonly nullable?: string;
  readonly open?: boolean;
}

/** What the document says of one operation (src/generated/routes.ts holds them). */
export interface RouteSpec {
  readonly method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path under `/api/v2`, with `:name` parameters, e.g. `/users/:id/roles`. */
  readonly path: string;
  /** The token needs any one of these; the first is the one Auth0 names in its 403. */
  readonly scopes: readonly string[];
  /** The JSON request body's schema, when the operation takes one. */
  readonly body?: CompactBodySchema;
}

const fieldTypes = new Set<string>([
  "string",
  "boolean",
  "object",
  "array",
  "number",
  "integer",
  "any",
]);
const names = (list: string | undefined) => (list === undefined ? undefined : list.split(" "));

/**
 * The validator's schema from the compact one.
 *
 * @example
 * ```ts
 * expandBody({ fields: "name:string order:number", required: "name" });
 * // { fields: { name: "string", order: "number" }, required: ["name"] }
 * ```
 */
export function expandBody(compact: CompactBodySchema): BodySchema {
  const fields: Record<string, FieldType> = {};
  for (const field of compact.fields === "" ? [] : compact.fields.split(" ")) {
    const [name, type] = field.split(":");
    if (name === undefined || type === undefined || !fieldTypes.has(type)) {
      throw new TypeError(`bad field in a route's body schema: ${field}`);
    }
    fields[name] = type as FieldType;
  }
  return {
    fields,
    required: names(compact.required),
    minProperties: compact.minProperties,
    emails: names(compact.emails),
    nullable: names(compact.nullable),
    open: compact.open,
  };
}
