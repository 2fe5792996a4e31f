/** Reads the operations of the Management API document into what the emitters need. */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type PaginationKind = "offset" | "checkpoint" | "offset+checkpoint";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  /** A value for an `@example`, as TypeScript source: `"auth0|507f1f77bcf86cd799439020"`. */
  example: string;
}

export interface Pagination {
  kind: PaginationKind;
  /** The property of an object answer that holds the items; absent when every answer is an array. */
  items?: string;
  /** Where the next checkpoint comes from: the answer's `next`, or a field of the last item. */
  cursor?: "next" | "log_id" | "id";
  /** The operation takes `include_totals`. */
  totals: boolean;
}

export interface Operation {
  id: string;
  method: HttpMethod;
  path: string;
  /** `x-operation-group` as an array: `["users", "roles"]`. */
  group: string[];
  /** `x-operation-name`: `list`, `get`, `listUsersByEmail`, … */
  operationName: string;
  lifecycle: string | null;
  summary: string;
  description: string;
  parameters: Parameter[];
  body: {
    kind: "json" | "multipart";
    /** A value of the body for an `@example`, as TypeScript source. */
    example: string;
    /** A JSON body that may be a string (the universal login template): sent JSON-encoded. */
    string: boolean;
    required: boolean;
    requiredFields: Record<string, string>;
  } | null;
  pagination: Pagination | null;
  /** The scopes of the client-credentials security requirement: a token needs one of them. */
  scopes: string[];
}

type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** The scopes the document lists for the client-credentials scheme (Auth0 accepts any one). */
function scopesOf(op: Json): string[] {
  const requirements = (op.security as Record<string, string[]>[] | undefined) ?? [];
  return requirements.flatMap((requirement) => requirement.oAuth2ClientCredentials ?? []);
}

export function createResolver(document: Json) {
  return function resolve<T = Json>(value: unknown): T {
    let current = value as Json;
    for (let depth = 0; typeof current?.$ref === "string"; depth++) {
      if (depth > 20) throw new Error(`reference cycle at ${String(current.$ref)}`);
      const ref = current.$ref as string;
      if (!ref.startsWith("#/")) throw new Error(`external reference ${ref} is not supported`);
      current = ref
        .slice(2)
        .split("/")
        .reduce<Json>(
          (node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")] as Json,
          document,
        );
      if (current === undefined) throw new Error(`unresolved reference ${ref}`);
    }
    return current as T;
  };
}

/** Every variant of a schema (`oneOf`/`anyOf` members, or the schema itself), resolved. */
function variants(resolve: ReturnType<typeof createResolver>, schema: unknown): Json[] {
  const s = resolve(schema);
  const members = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  return members ? members.flatMap((m) => variants(resolve, m)) : [s];
}

function isArraySchema(resolve: ReturnType<typeof createResolver>, schema: unknown): boolean {
  return resolve(schema).type === "array";
}

/**
 * A value for an `@example`, as TypeScript source: the document's own example value where
 * it gives one (`example`, or the `default` it uses as one), an enum's first value, and
 * objects with their required fields, so that the example type-checks.
 */
function placeholder(
  resolve: ReturnType<typeof createResolver>,
  schema: unknown,
  name = "value",
  depth = 0,
): string {
  const s = resolve(schema);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (s.enum) return JSON.stringify((s.enum as unknown[])[0]);
  if (s.const !== undefined) return JSON.stringify(s.const);
  const variants = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (variants) {
    const first = variants.find((v) => resolve(v).type !== "null") ?? variants[0];
    return placeholder(resolve, first, name, depth + 1);
  }
  if (type === "boolean") return "true";
  if (type === "integer" || type === "number") {
    return String(typeof s.minimum === "number" && s.minimum > 1 ? s.minimum : 1);
  }
  if (type === "array" || s.items) {
    const min = typeof s.minItems === "number" ? s.minItems : 0;
    return min > 0 && depth < 8
      ? `[${placeholder(resolve, s.items ?? {}, name, depth + 1)}]`
      : "[]";
  }
  if (type === "object" || s.properties || s.allOf) {
    if (depth >= 8) return "{}";
    const fields = requiredFields(resolve, s, depth + 1);
    const entries = Object.entries(fields).map(
      ([key, value]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${value}`,
    );
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  for (const value of [s.example, s.default]) {
    if (typeof value === "string" && value !== "") return JSON.stringify(value);
  }
  if (s.format === "email") return JSON.stringify("jane.doe@example.com");
  if (s.format === "uri" || s.format === "url") return JSON.stringify("https://example.com");
  return JSON.stringify(`example-${name.replace(/_/g, "-")}`);
}

/**
 * Ids in Auth0's formats, by the path's first segment (the document gives parameters no
 * examples): what an example puts in `{id}` and its kin.
 */
const ID_FORMATS: Record<string, string> = {
  users: "auth0|507f1f77bcf86cd799439020",
  roles: "rol_2xGl8QDoJcSfcFNd",
  organizations: "org_W4h5K7zeJf2Pw9yB",
  connections: "con_0000000000000001",
  clients: "DaM8bokEXBWrTUFCiJjWn50jei6ardyX",
  "client-grants": "cgr_4pI9a42haOLLWnwq",
  jobs: "job_0000000000000001",
  "log-streams": "lst_0000000000000001",
  rules: "rul_0000000000000001",
  "resource-servers": "5f8bdcde2e1a2c0064a70b64",
  "custom-domains": "cd_0000000000000001",
  "device-credentials": "dcr_0000000000000001",
  logs: "90020230721123456789012345678901234567890123456789",
};
/** Ids named by what they identify, whatever the path. */
const NAMED_IDS: Record<string, string> = {
  user_id: ID_FORMATS.users!,
  client_id: ID_FORMATS.clients!,
  connection_id: ID_FORMATS.connections!,
  connectionId: ID_FORMATS.connections!,
  organization_id: ID_FORMATS.organizations!,
  invitation_id: "uinv_0000000000000001",
  grant_id: ID_FORMATS["client-grants"]!,
};

/** A value for a parameter's `@example`: an enum's first value, a number, or an id in Auth0's format. */
function parameterExample(
  resolve: ReturnType<typeof createResolver>,
  parameter: Json,
  path: string,
): string {
  const schema = resolve(parameter.schema ?? {});
  const name = parameter.name as string;
  if (
    schema.enum ||
    schema.type === "boolean" ||
    schema.type === "integer" ||
    schema.type === "number"
  )
    return placeholder(resolve, schema);
  if (schema.type === "array") return "[]";
  const format =
    NAMED_IDS[name] ?? (parameter.in === "path" ? ID_FORMATS[path.split("/")[1]!] : undefined);
  return JSON.stringify(format ?? `${name.replace(/[^A-Za-z0-9]+/g, "_")}_value`);
}

/** Whether a schema admits a string, through `oneOf`/`anyOf`. */
function admitsString(resolve: ReturnType<typeof createResolver>, schema: unknown): boolean {
  return variants(resolve, schema).some((s) =>
    Array.isArray(s.type) ? s.type.includes("string") : s.type === "string",
  );
}

function requiredFields(resolve: ReturnType<typeof createResolver>, schema: unknown, depth = 0) {
  const fields: Record<string, string> = {};
  const s = resolve(schema);
  const parts = [s, ...((s.allOf as unknown[] | undefined) ?? []).map((p) => resolve(p))];
  for (const part of parts) {
    const properties = (part.properties ?? {}) as Json;
    for (const name of (part.required as string[] | undefined) ?? []) {
      fields[name] =
        properties[name] === undefined ? "{}" : placeholder(resolve, properties[name], name, depth);
    }
  }
  return fields;
}

function paginationOf(
  resolve: ReturnType<typeof createResolver>,
  op: Json,
  query: Set<string>,
): Pagination | null {
  const offset = query.has("page") && query.has("per_page");
  const hasCheckpointParams = query.has("from") && query.has("take");
  if (!offset && !hasCheckpointParams) return null;
  const response = resolve(((op.responses as Json)["200"] ?? {}) as Json);
  const schema = ((response.content as Json | undefined)?.["application/json"] as Json | undefined)
    ?.schema;
  if (schema === undefined) throw new Error(`${op.operationId}: a list without a JSON answer`);
  const shapes = variants(resolve, schema);
  const itemKeys = new Set<string>();
  let next = false;
  let arrayItem: Json | undefined;
  for (const shape of shapes) {
    if (shape.type === "array") {
      arrayItem = resolve(shape.items);
      continue;
    }
    const properties = (shape.properties ?? {}) as Json;
    if ("next" in properties) next = true;
    const arrays = Object.keys(properties).filter((k) => isArraySchema(resolve, properties[k]));
    if (arrays.length !== 1) {
      throw new Error(`${op.operationId}: cannot tell which of [${arrays}] holds the items`);
    }
    itemKeys.add(arrays[0]!);
  }
  if (itemKeys.size > 1) throw new Error(`${op.operationId}: items under several keys`);
  let cursor: Pagination["cursor"];
  if (hasCheckpointParams) {
    const itemFields = Object.keys((arrayItem?.properties ?? {}) as Json);
    if (next) cursor = "next";
    else if (itemFields.includes("log_id")) cursor = "log_id";
    else if (itemFields.includes("id")) cursor = "id";
  }
  const checkpoint = cursor !== undefined;
  if (!offset && !checkpoint) return null;
  const kind: PaginationKind =
    offset && checkpoint ? "offset+checkpoint" : offset ? "offset" : "checkpoint";
  const pagination: Pagination = { kind, totals: query.has("include_totals") };
  const [items] = itemKeys;
  if (items !== undefined) pagination.items = items;
  if (cursor !== undefined) pagination.cursor = cursor;
  return pagination;
}

/** The operations of the document, in document order, checked for what the runtime relies on. */
export function readOperations(document: Json): Operation[] {
  const resolve = createResolver(document);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Json)) {
    const pathItem = item as Json;
    for (const [method, value] of Object.entries(pathItem)) {
      if (!METHODS.includes(method as (typeof METHODS)[number])) continue;
      const op = value as Json;
      const id = op.operationId as string;
      const rawGroup = op["x-operation-group"];
      const group = (Array.isArray(rawGroup) ? rawGroup : [rawGroup]) as string[];
      const operationName = op["x-operation-name"] as string;
      if (!id || !group.every((g) => typeof g === "string" && g) || !operationName) {
        throw new Error(
          `${method.toUpperCase()} ${path}: operationId, x-operation-group and x-operation-name are required`,
        );
      }
      const parameters: Parameter[] = [
        ...((pathItem.parameters as unknown[] | undefined) ?? []),
        ...((op.parameters as unknown[] | undefined) ?? []),
      ]
        .map((p) => resolve(p))
        .filter((p) => p.in !== "cookie")
        .map((p) => ({
          name: p.name as string,
          in: p.in as Parameter["in"],
          required: p.required === true || p.in === "path",
          example: parameterExample(resolve, p, path),
        }));
      const names = parameters.map((p) => p.name);
      const clash = names.find((n, i) => n === "body" || names.indexOf(n) !== i);
      if (clash)
        throw new Error(`${id}: parameter name "${clash}" would be ambiguous in the input`);
      const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      for (const name of placeholders) {
        if (!parameters.some((p) => p.in === "path" && p.name === name)) {
          throw new Error(`${id}: no path parameter for {${name}}`);
        }
      }
      let body: Operation["body"] = null;
      if (op.requestBody) {
        const requestBody = resolve(op.requestBody);
        const content = requestBody.content as Json;
        const kind = content["application/json"]
          ? "json"
          : content["multipart/form-data"]
            ? "multipart"
            : null;
        if (!kind) throw new Error(`${id}: unsupported request body ${Object.keys(content)}`);
        const schema = (
          content[kind === "json" ? "application/json" : "multipart/form-data"] as Json
        ).schema;
        const fields = requiredFields(resolve, schema);
        body = {
          kind,
          string: kind === "json" && admitsString(resolve, schema),
          example: placeholder(resolve, schema, "body"),
          required: requestBody.required === true || Object.keys(fields).length > 0,
          requiredFields: fields,
        };
      }
      const query = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
      operations.push({
        id,
        method: method.toUpperCase() as HttpMethod,
        path,
        group,
        operationName,
        lifecycle: (op["x-release-lifecycle"] as string | undefined) ?? null,
        summary: ((op.summary as string | undefined) ?? "").trim(),
        description: ((op.description as string | undefined) ?? "").trim(),
        parameters,
        body,
        pagination: paginationOf(resolve, op, query),
        scopes: scopesOf(op),
      });
    }
  }
  return operations;
}
