import { readFileSync } from "node:fs";

/** How a query parameter or a multipart field is typed in the API document. */
export type ValueKind = "string" | "boolean" | "integer" | "number" | "array";

export interface OperationSpec {
  /** Query parameters by name, with their type (an array's items as `itemKind`). */
  query: Map<string, { kind: ValueKind; itemKind: ValueKind }>;
  /** The content types the request body may have; empty for an operation without one. */
  bodyTypes: string[];
  /** Multipart fields by name, with their type. */
  multipartFields: Map<string, ValueKind>;
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  items?: Schema;
  properties?: Record<string, Schema>;
}

interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

function resolve(document: Document, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let depth = 0; current.$ref !== undefined && depth < 10; depth++) {
    current = document.components.schemas[current.$ref.split("/").pop() ?? ""] ?? {};
  }
  return current;
}

function kindOf(document: Document, schema: Schema | undefined): ValueKind {
  const resolved = resolve(document, schema);
  const type = Array.isArray(resolved.type)
    ? resolved.type.find((t) => t !== "null")
    : resolved.type;
  return type === "boolean" || type === "integer" || type === "number" || type === "array"
    ? type
    : "string";
}

/** Reads, for every `operationId` of the Management API document, what a replay needs to type its input. */
export function readOperationSpecs(file: string): Map<string, OperationSpec> {
  const document = JSON.parse(readFileSync(file, "utf8")) as Document;
  const specs = new Map<string, OperationSpec>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== "object" || operation?.operationId === undefined) continue;
      const query = new Map<string, { kind: ValueKind; itemKind: ValueKind }>();
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== "query") continue;
        const schema = resolve(document, parameter.schema);
        query.set(parameter.name, {
          kind: kindOf(document, schema),
          itemKind: kindOf(document, schema.items),
        });
      }
      const content = operation.requestBody?.content ?? {};
      const multipartFields = new Map<string, ValueKind>();
      const multipart = resolve(document, content["multipart/form-data"]?.schema);
      for (const [name, property] of Object.entries(multipart.properties ?? {})) {
        multipartFields.set(name, kindOf(document, property));
      }
      specs.set(operation.operationId, { query, bodyTypes: Object.keys(content), multipartFields });
    }
  }
  return specs;
}
