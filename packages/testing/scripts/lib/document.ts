/** Reading what the emulator needs out of the Management API document (OpenAPI 3.1). */

export type Schema = Record<string, unknown>;
export type Document = { paths: Record<string, Record<string, Schema>>; components: Schema };

/** One operation of the document, found by its `operationId`. */
export interface DocumentOperation {
  id: string;
  method: string;
  /** As the document writes it: `/users/{id}`. */
  path: string;
  operation: Schema;
}

const methods = new Set(["get", "post", "put", "patch", "delete"]);

/** Every operation of the document by `operationId`. */
export function operationsById(document: Document): Map<string, DocumentOperation> {
  const found = new Map<string, DocumentOperation>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!methods.has(method)) continue;
      const id = operation.operationId as string;
      if (found.has(id)) throw new Error(`operationId ${id} appears twice in the document`);
      found.set(id, { id, method: method.toUpperCase(), path, operation });
    }
  }
  return found;
}

/** The name a `$ref` points at: `#/components/schemas/User` → `User`. */
export const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** Follows `$ref`s to the schema itself. */
export function resolve(document: Document, schema: Schema | undefined): Schema {
  const schemas = (document.components as { schemas: Record<string, Schema> }).schemas;
  let current = schema ?? {};
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    const target = schemas[refName(current.$ref)];
    if (target === undefined) throw new Error(`unresolved $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/**
 * The scopes of an operation's `security`, in the document's order and once each. The
 * document lists, per operation, the scopes any one of which lets a token through.
 */
export function securityScopes(operation: Schema): string[] {
  const scopes: string[] = [];
  for (const requirement of (operation.security as Record<string, string[]>[] | undefined) ?? []) {
    for (const list of Object.values(requirement)) {
      for (const scope of list) if (!scopes.includes(scope)) scopes.push(scope);
    }
  }
  return scopes;
}

/** `/users/{id}/roles` → `/users/:id/roles`, the emulator router's form. */
export const routePath = (path: string) => path.replace(/\{([^}]+)\}/g, ":$1");

/** The schema of an operation's success answer (200, then 201, then 202), if it has one. */
export function answerSchema(document: Document, operation: Schema): Schema | undefined {
  const responses = operation.responses as Record<string, Schema>;
  for (const status of ["200", "201", "202"]) {
    const response = resolve(document, responses[status]);
    const content = response.content as Record<string, { schema?: Schema }> | undefined;
    const schema = content?.["application/json"]?.schema;
    if (schema !== undefined) return schema;
  }
  return undefined;
}

/** The schema of an operation's JSON request body, if it takes one. */
export function jsonBodySchema(document: Document, operation: Schema): Schema | undefined {
  const body = resolve(document, operation.requestBody as Schema | undefined);
  const content = body.content as Record<string, { schema?: Schema }> | undefined;
  return content?.["application/json"]?.schema;
}
