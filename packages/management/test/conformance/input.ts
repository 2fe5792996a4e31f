import type { Interaction } from "./cassettes.js";
import type { RouteMatch } from "./match.js";
import type { OperationSpec, ValueKind } from "./spec.js";

/** The `input` of an operation call rebuilt from a recording, and what in it the document does not know. */
export interface RebuiltInput {
  input: Record<string, unknown>;
  /** Query parameters the recording sent that the operation does not declare. */
  undeclared: string[];
}

function typed(value: string, kind: ValueKind): unknown {
  if (kind === "boolean" && (value === "true" || value === "false")) return value === "true";
  if ((kind === "integer" || kind === "number") && /^-?\d+(?:\.\d+)?$/.test(value)) {
    return Number(value);
  }
  return value;
}

function queryInput(url: URL, spec: OperationSpec | undefined, rebuilt: RebuiltInput): void {
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    const declared = spec?.query.get(name);
    if (declared === undefined) rebuilt.undeclared.push(name);
    if (declared?.kind === "array") {
      rebuilt.input[name] = values.map((value) => typed(value, declared.itemKind));
    } else {
      const items = values.map((value) => typed(value, declared?.kind ?? "string"));
      rebuilt.input[name] = items.length === 1 ? items[0] : items;
    }
  }
}

/** The fields of a recorded multipart body, typed as the operation's multipart schema says. */
export async function multipartFields(
  body: string,
  contentType: string,
  spec: OperationSpec | undefined,
): Promise<Record<string, unknown>> {
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form) {
    fields[name] =
      typeof value === "string"
        ? typed(value, spec?.multipartFields.get(name) ?? "string")
        : await value.text();
  }
  return fields;
}

/**
 * The body the SDK must send for a recorded request: `undefined` where bodies are not
 * compared (GET, and DELETE of an operation without a request body), `""` for none.
 * Go sends `null` on GETs and `null` or `{}` on operations that take no body at all:
 * artefacts of its encoder, not input, so those operations must send no body.
 */
export function expectedBody(
  interaction: Interaction,
  spec: OperationSpec | undefined,
): string | undefined {
  const takesBody = (spec?.bodyTypes.length ?? 0) > 0;
  if (interaction.method === "GET" || (interaction.method === "DELETE" && !takesBody))
    return undefined;
  return takesBody ? interaction.body.trim() : "";
}

/**
 * Rebuilds the `input` a caller would pass for a recorded request: path parameters
 * decoded, query parameters typed per the document (booleans, numbers, arrays), and
 * the recorded JSON or multipart body as `body`.
 */
export async function rebuildInput(
  interaction: Interaction,
  match: RouteMatch,
  spec: OperationSpec | undefined,
): Promise<RebuiltInput> {
  const rebuilt: RebuiltInput = { input: { ...match.params }, undeclared: [] };
  queryInput(interaction.url, spec, rebuilt);
  const body = expectedBody(interaction, spec);
  if (body !== undefined && body !== "") {
    const contentType = interaction.contentType ?? "";
    rebuilt.input.body = contentType.startsWith("multipart/form-data")
      ? await multipartFields(body, contentType, spec)
      : JSON.parse(body);
  }
  return rebuilt;
}
