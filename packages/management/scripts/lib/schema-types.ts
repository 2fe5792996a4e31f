/** The schema types, made by openapi-typescript from a trimmed copy of the document. */
import openapiTS, { astToString, stringToAST } from "openapi-typescript";
import type ts from "typescript";
import type { Operation } from "./document.js";

type Json = Record<string, unknown>;

/** What an upload field of a multipart body accepts (`contentMediaType: application/octet-stream`). */
const UPLOAD_TYPE = "Blob | string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>";

/**
 * A copy of the document with what the functions' types do not use removed (error
 * answers: they become `ManagementApiError`), and a request body marked required
 * when its schema requires a property, so `body` is required in the input type.
 */
function trimmed(document: Json, operations: Operation[]): Json {
  const copy = structuredClone(document);
  const byId = new Map(operations.map((op) => [op.id, op]));
  for (const item of Object.values(copy.paths as Json)) {
    for (const op of Object.values(item as Json)) {
      const operation = op as Json;
      const known = byId.get(operation.operationId as string);
      if (!known) continue;
      const responses = operation.responses as Json;
      for (const code of Object.keys(responses)) if (!/^2\d\d$/.test(code)) delete responses[code];
      if (known.body?.required && operation.requestBody) {
        operation.requestBody = { ...(operation.requestBody as Json), required: true };
      }
    }
  }
  delete (copy.components as Json).responses;
  return copy;
}

/** `src/generated/schema.ts`, unformatted. */
export async function schemaTypes(
  document: Json,
  operations: Operation[],
  banner: string,
): Promise<string> {
  const [uploadType] = stringToAST(`type T = ${UPLOAD_TYPE};`) as ts.TypeAliasDeclaration[];
  const nodes = await openapiTS(trimmed(document, operations) as never, {
    // A default is what the server fills in: it does not make a request field required.
    defaultNonNullable: false,
    silent: true,
    transform(schema) {
      if ((schema as Json).contentMediaType === "application/octet-stream") return uploadType!.type;
      return undefined;
    },
  });
  // The functions need `operations` and the schemas they name; `paths` would only repeat them by path.
  const kept = nodes.filter((node) => {
    const name = (node as ts.Node & { name?: ts.Identifier }).name?.text;
    return name === "components" || name === "operations";
  });
  // A comment's first paragraph is its description already: openapi-typescript's leading
  // `@description` tag adds 13 bytes to 6,000 declarations of the published types.
  const text = astToString(kept)
    .replace(/\/\*\* @description /g, "/** ")
    .replace(/(\/\*\*\n\s*\* )@description /g, "$1");
  return `${banner}\n\n${text}`;
}
