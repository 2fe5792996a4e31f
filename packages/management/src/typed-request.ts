/**
 * `@auth0-edge/management/request`: {@link request}, typed by path. The method and path
 * template of a documented operation decide the rest: its path parameters (`params`), its
 * query parameters (`query`), its body and what the call resolves to, as openapi-fetch
 * types its calls. It lives in a subpath of its own because its types are the map of
 * every path: the root entry's `request` stays untyped, so that importing the root entry
 * does not load them.
 *
 * @packageDocumentation
 * @module request
 */
import type { ManagementClient } from "./client.js";
import type { PathTypes } from "./generated/types/operations.js";
import { type CallOptions, type RequestOptions, request as untypedRequest } from "./request.js";

/** Every documented path template: `"/users/{id}"`, … */
export type DocumentedPath = keyof PathTypes;

/** The methods a documented path answers. */
export type MethodOf<P extends DocumentedPath> = keyof PathTypes[P] & string;

/**
 * The types of the operation at `method` `path`. The path map holds them directly: an
 * `operationId` intersected with every id (to index the map by it) cost a user's
 * type-check 30 s.
 */
type Entry<P extends DocumentedPath, M extends MethodOf<P>> = PathTypes[P][M];

/** A part of the options: required when a key of it is required, absent when the operation has none. */
type Part<I, K, Name extends string> = [K] extends [never]
  ? { [N in Name]?: never }
  : Record<string, never> extends Pick<I, K & keyof I>
    ? { [N in Name]?: Pick<I, K & keyof I> }
    : { [N in Name]: Pick<I, K & keyof I> };

type BodyPart<I> = "body" extends keyof I
  ? Record<string, never> extends Pick<I, "body" & keyof I>
    ? { body?: I["body" & keyof I] }
    : { body: I["body" & keyof I] }
  : { body?: never };

/** `params`, `query` and `body` of an operation's types. */
type Parts<T> = T extends { input: infer I; path: infer PK; query: infer QK }
  ? Part<I, PK, "params"> & Part<I, QK, "query"> & BodyPart<I>
  : never;

/**
 * The options of a typed request to `method` `path`: the per-call options (`headers`
 * carries header parameters), `params` for the path placeholders, `query` for the
 * documented query parameters and `body`.
 */
export type TypedRequestOptions<P extends DocumentedPath, M extends MethodOf<P>> = Omit<
  CallOptions,
  "query"
> & { method: M; path: P } & Parts<Entry<P, M>>;

/** What a typed request to `method` `path` resolves to. */
export type TypedResult<P extends DocumentedPath, M extends MethodOf<P>> =
  Entry<P, M> extends { result: infer R } ? R : never;

/**
 * Calls a documented Management API operation by its method and path template, typed
 * from the API document; the same request as the root entry's `request`. For a path or
 * a query parameter the document lacks, use that one.
 *
 * @example
 * ```ts
 * import { request } from "@auth0-edge/management/request";
 *
 * const user = await request(client, {
 *   method: "GET",
 *   path: "/users/{id}",
 *   params: { id: "auth0|507f1f77bcf86cd799439011" },
 *   query: { fields: "email,name", include_fields: true },
 * });
 * console.log(user.email);
 * ```
 */
export function request<P extends DocumentedPath, M extends MethodOf<P>>(
  client: ManagementClient,
  options: TypedRequestOptions<P, M>,
): Promise<TypedResult<P, M>> {
  return untypedRequest(client, options as unknown as RequestOptions);
}
