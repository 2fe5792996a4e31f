import type { ManagementClient } from "./client.js";
import { headersOf } from "./context.js";
import { InvalidInputError } from "./errors.js";
import type { operations } from "./generated/schema.js";
import { type CallOptions, type HttpMethod, request } from "./request.js";
import type { PathParams, QueryParams, QueryValue } from "./url.js";
import { isRecord, refuse } from "./validate.js";

/** The `operationId` of every Management API operation: `"get_users_by_id"`, … */
export type OperationId = keyof operations;

type Present<T> = [Exclude<T, undefined>] extends [never] ? unknown : Exclude<T, undefined>;
type ParameterPart<O, In extends "path" | "query" | "header"> = O extends { parameters: infer P }
  ? Present<P[In & keyof P]>
  : unknown;
type ContentOf<B> = B extends { content: infer C }
  ? C extends { "application/json": infer T }
    ? T
    : C extends { "multipart/form-data": infer T }
      ? T
      : never
  : never;
type BodyPart<O> = O extends { requestBody: infer B }
  ? { body: ContentOf<B> }
  : O extends { requestBody?: infer B }
    ? [Exclude<B, undefined>] extends [never]
      ? unknown
      : { body?: ContentOf<Exclude<B, undefined>> }
    : unknown;
type Flat<T> = { [K in keyof T]: T[K] } & {};

/**
 * The `input` of an operation: its path, query and header parameters by their API
 * names, and `body` for a request body.
 *
 * @example
 * ```ts
 * import type { Input } from "@auth0-edge/management";
 * const input: Input<"get_users_by_id"> = { id: "auth0|123", fields: "email" };
 * ```
 */
export type Input<K extends OperationId> = K extends OperationId
  ? Flat<
      ParameterPart<operations[K], "path"> &
        ParameterPart<operations[K], "query"> &
        ParameterPart<operations[K], "header"> &
        BodyPart<operations[K]>
    >
  : never;

type Answers<O> = O extends { responses: infer R } ? R[keyof R] : never;
type Parsed<R> = R extends { content: infer C }
  ? C extends { "application/json": infer T }
    ? T
    : string
  : undefined;

/**
 * What an operation resolves to: the parsed body of its 2xx answers, `undefined` for
 * an answer without a body.
 *
 * @example
 * ```ts
 * import type { Output } from "@auth0-edge/management";
 * type User = Output<"get_users_by_id">;
 * ```
 */
export type Output<K extends OperationId> = K extends OperationId
  ? Parsed<Answers<operations[K]>>
  : never;

/** How an operation pages through a list, or `null`. */
export type PaginationKind = "offset" | "checkpoint" | "offset+checkpoint";

interface OperationFacts {
  readonly method: HttpMethod;
  /** The path template, relative to `/api/v2`: `/users/{id}`. */
  readonly path: string;
  /** The top-level `x-operation-group`: `users`. */
  readonly group: string;
  /** The generated function's name: `getUser`. */
  readonly name: string;
  /** `x-release-lifecycle` (`GA`, `EA`, `beta`), or `null` where the document says nothing. */
  readonly lifecycle: string | null;
  readonly pagination: PaginationKind | null;
}

/** One row of the `operations` table of `@auth0-edge/management/operations`. */
export interface OperationEntry<K extends OperationId> extends OperationFacts {
  /** Calls the operation: the same function as the one its resource module exports. */
  call(client: ManagementClient, input: Input<K>, options?: CallOptions): Promise<Output<K>>;
}

/** Any row of the table, for code that drives operations by `operationId` string. */
export interface AnyOperationEntry extends OperationFacts {
  call(
    client: ManagementClient,
    input?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<unknown>;
}

export type OperationTable = { readonly [K in OperationId]: OperationEntry<K> };

/**
 * Sends one operation through the client's pipeline. `input` keys that name a path
 * placeholder fill it, `headerNames` become headers, `body` is the JSON body (or
 * FormData) and every other key is a query parameter (arrays repeat the key, as Auth0
 * expects).
 *
 * @internal The generated functions' engine, not part of the public API (and left out of
 * the published declarations).
 */
export async function callOperation<T>(
  client: ManagementClient,
  method: HttpMethod,
  path: string,
  input: object | undefined,
  options: CallOptions | undefined,
  headerNames?: readonly string[],
): Promise<T> {
  if (input !== undefined && !isRecord(input)) refuse(InvalidInputError, "input", "be an object");
  const params: PathParams = {};
  const query: QueryParams = {};
  const headerParams: Record<string, unknown> = {};
  let body: unknown;
  for (const [key, value] of Object.entries(input ?? {})) {
    if (key === "body") body = value;
    else if (path.includes(`{${key}}`)) params[key] = value as PathParams[string];
    else if (headerNames?.includes(key)) headerParams[key] = value;
    else query[key] = value as QueryValue;
  }
  // Generated operations take JSON (a multipart body arrives as FormData): a string body is
  // a JSON string, such as the universal login template, and not raw text.
  if (typeof body === "string") {
    headerParams["content-type"] = "application/json";
    body = JSON.stringify(body);
  }
  const headers = headersOf(options?.headers, headerParams);
  const allQuery = { ...options?.query, ...query };
  return request<T>(client, { ...options, method, path, params, query: allQuery, body, headers });
}
