import type { ManagementClient } from "./client.js";
import { BAD_HEADER, headersOf } from "./context.js";
import { InvalidInputError } from "./errors.js";
import { type CallOptions, type HttpMethod, request } from "./request.js";
import type { PathParams, QueryParams, QueryValue } from "./url.js";
import { isRecord, refuse } from "./validate.js";
import type { HeadersLike } from "./web-types.js";

/** How an operation pages through a list, or `null`. */
export type PaginationKind = "offset" | "checkpoint" | "offset+checkpoint";

/** Where an input key goes: a path placeholder, a query parameter or a header. */
export type ParameterLocation = "path" | "query" | "header";

/** The kind of an operation's request body: JSON, or a multipart form (an upload). */
export type BodyKind = "json" | "multipart";

/**
 * What a generated function passes to the runtime: the method, the path template, where
 * each input key goes and the kind of body (the "location" of the `body` key). Generated
 * from the document (one per operation, in `src/generated/descriptors/`); nothing is
 * guessed from the path string.
 */
export interface OperationRequest {
  readonly method: HttpMethod;
  /** The path template, relative to `/api/v2`: `/users/{id}`. */
  readonly path: string;
  /**
   * Where each input key goes, by its API name, and the kind of the request body under
   * `body` when the operation takes one: `{ id: "path", fields: "query", body: "json" }`.
   */
  readonly params: Readonly<Record<string, ParameterLocation | BodyKind>>;
}

/** The facts of one row of the `operations` table: its request descriptor and the rest. */
export interface OperationFacts extends OperationRequest {
  /** The document's `operationId`: `get_users_by_id`. */
  readonly operationId: string;
  /** The top-level `x-operation-group`: `users`. */
  readonly group: string;
  /** The generated function's name: `getUser`. */
  readonly name: string;
  /** The scopes of which a token needs one (from the document's security requirement). */
  readonly scopes: readonly string[];
  /** `x-release-lifecycle` (`GA`, `EA`, `beta`), or `null` where the document says nothing. */
  readonly lifecycle: string | null;
  readonly pagination: PaginationKind | null;
}

/** Any row of the table, for code that drives operations by `operationId` string. */
export interface AnyOperationEntry extends OperationFacts {
  // `object`, not `Record<string, unknown>`: the named inputs are interfaces, which have no
  // implicit index signature.
  call(client: ManagementClient, input?: object, options?: CallOptions): Promise<unknown>;
}

/**
 * Sends one operation through the client's pipeline. Each `input` key goes where the
 * descriptor says: a path placeholder, a query parameter (arrays repeat the key, as
 * Auth0 expects) or `body`; a key the operation does not declare is an
 * `InvalidInputError` before anything is sent (an undeclared query parameter goes
 * through `options.query`). Header parameters arrive in `options.headers`
 * ({@link headerParameters}), string JSON bodies encoded ({@link jsonStringBody}): only
 * the functions of operations that take them carry that code.
 *
 * @internal The generated functions' engine, not part of the public API (and left out of
 * the published declarations).
 */
export async function callOperation<T>(
  client: ManagementClient,
  operation: OperationRequest,
  input: object | undefined,
  options: CallOptions | undefined,
): Promise<T> {
  if (input !== undefined && !isRecord(input)) refuse(InvalidInputError, "input", "be an object");
  const query: QueryParams = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    // An inherited name (`constructor`, `__proto__`) reads a function or an object from
    // `params`, not a location: it is refused like any other undeclared key.
    const at = operation.params[key];
    if (at === "query") query[key] = value as QueryValue;
    else if (at !== "path" && (key !== "body" || !at)) {
      refuse(
        InvalidInputError,
        `input.${key}`,
        `be one of ${Object.keys(operation.params).join(", ")}`,
      );
    }
  }
  return request<T>(client, {
    ...options,
    // A descriptor holds only `method`, `path` and `params`, which gives way below.
    ...operation,
    // The path template takes its placeholders from here: the keys the descriptor puts in the path.
    params: input as PathParams,
    query: { ...options?.query, ...query },
    body: (input as { body?: unknown } | undefined)?.body,
  });
}

/**
 * `init` as `Headers` with `extra` set over it (`undefined` and `null` left out): only the
 * functions that take header parameters or a string body pay for it.
 */
function headersWith(init: HeadersLike | undefined, extra: Record<string, unknown>): Headers {
  const headers = headersOf(init);
  try {
    for (const [name, value] of Object.entries(extra)) {
      if (value !== undefined && value !== null) headers.set(name, String(value));
    }
  } catch {
    throw new InvalidInputError(BAD_HEADER);
  }
  return headers;
}

/**
 * For an operation with header parameters: the input without them, and the options with
 * them added to `options.headers`.
 *
 * @internal
 */
export function headerParameters<I extends object | undefined>(
  operation: OperationRequest,
  input: I,
  options: CallOptions | undefined,
): [I, CallOptions] {
  const rest: Record<string, unknown> = {};
  const headers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (operation.params[key] === "header") headers[key] = value;
    else rest[key] = value;
  }
  return [rest as I, { ...options, headers: headersWith(options?.headers, headers) }];
}

/**
 * For an operation whose JSON body may be a string (the universal login template): the
 * input and options that send such a body as a JSON string, not as raw text.
 *
 * @internal
 */
export function jsonStringBody<I extends { body?: unknown } | undefined>(
  input: I,
  options: CallOptions | undefined,
): [I, CallOptions | undefined] {
  if (typeof input?.body !== "string") return [input, options];
  const headers = headersWith(options?.headers, { "content-type": "application/json" });
  return [
    { ...input, body: JSON.stringify(input.body) },
    { ...options, headers },
  ];
}
