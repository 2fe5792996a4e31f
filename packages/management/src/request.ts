import { internalsOf, type ManagementClient } from "./client.js";
import { CallContext, headersOf } from "./context.js";
import { InvalidInputError, ManagementError } from "./errors.js";
import { OBSERVE, type Observer } from "./observe.js";
import type { RetryOptions } from "./options.js";
import type { RequestContext } from "./pipeline.js";
import { readResult } from "./response.js";
import { retryOptions } from "./retry-strategy.js";
import { buildUrl, type PathParams, type QueryParams } from "./url.js";
import { anything, type Check, checkOptions, number, refuse } from "./validate.js";
import type { BodyLike, HeadersLike } from "./web-types.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";

/** Per-call options, shared by `request` and every generated operation. */
export interface CallOptions {
  /** Abort the call (every attempt and every wait). */
  signal?: AbortSignal;
  /** This call's time budget in milliseconds, retries included. */
  timeoutMs?: number;
  /** Per-attempt time budget in milliseconds. */
  attemptTimeoutMs?: number;
  /** Overrides of the client's retry options for this call. */
  retry?: RetryOptions;
  /** Extra request headers. */
  headers?: HeadersLike;
  /**
   * Extra query parameters, for a parameter Auth0 accepts that the API document does
   * not declare (the input of a generated operation takes only declared ones). The
   * operation's own parameters win over these.
   */
  query?: QueryParams;
}

export interface RequestOptions extends CallOptions {
  method: HttpMethod;
  /** Relative to `/api/v2`, with `{name}` placeholders filled from `params`: `/users/{id}`. */
  path: string;
  params?: PathParams;
  /** A JSON value, or a body fetch sends as it is (FormData, Blob, URLSearchParams, string). */
  body?: unknown;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/** The options of `request`, with their checks; `path`, `params`, `query`, `headers` and `body` are checked as they are used. */
const CALL_OPTIONS = {
  method: anything,
  path: anything,
  params: anything,
  body: anything,
  query: anything,
  headers: anything,
  signal: ((value, name, Err) =>
    value instanceof AbortSignal
      ? value
      : refuse(Err, name, "be an AbortSignal")) as Check<AbortSignal>,
  timeoutMs: /* @__PURE__ */ number(1),
  attemptTimeoutMs: /* @__PURE__ */ number(1),
  retry: retryOptions,
};

function isRawBody(body: unknown): body is BodyLike {
  return (
    typeof body === "string" ||
    ArrayBuffer.isView(body) ||
    [FormData, Blob, URLSearchParams, ArrayBuffer].some((type) => body instanceof type)
  );
}

/** A JSON body, with its content type; a value `JSON.stringify` cannot encode (BigInt, a cycle, a function) is refused. */
function bodyOf(body: unknown, headers: Headers): BodyLike | undefined {
  if (body === undefined || isRawBody(body)) return body;
  let json: string | undefined;
  try {
    if (!(body instanceof ReadableStream)) json = JSON.stringify(body);
  } catch {}
  if (json === undefined) {
    throw new InvalidInputError("`body` cannot be sent as JSON");
  }
  headers.set("content-type", "application/json");
  return json;
}

/**
 * Calls any Management API endpoint: the escape hatch for what the generated
 * functions do not cover. Resolves to the parsed JSON (or `undefined` for an empty
 * answer); rejects with a `ManagementError` — a `ManagementApiError` for an HTTP error.
 * Every error carries `attempts` and `totalRetryDelayMs`, and holds no credential.
 *
 * @example
 * ```ts
 * import { request } from "@auth0-edge/management";
 * const user = await request<{ email: string }>(client, {
 *   method: "GET",
 *   path: "/users/{id}",
 *   params: { id: "auth0|123" },
 *   query: { fields: "email", include_fields: true },
 * });
 * ```
 */
export async function request<T = unknown>(
  client: ManagementClient,
  options: RequestOptions,
): Promise<T> {
  const internals = internalsOf(client);
  let ctx: RequestContext | undefined;
  try {
    const o = checkOptions(InvalidInputError, "options", options, CALL_OPTIONS);
    const verb = o.method as HttpMethod;
    if (!METHODS.includes(verb)) {
      refuse(InvalidInputError, "method", `be one of ${METHODS.join(", ")}`);
    }
    const url = buildUrl(
      client.apiBase,
      o.path as string,
      o.params as PathParams | undefined,
      o.query as QueryParams | undefined,
    );
    const headers = headersOf(o.headers as HeadersLike | undefined);
    if (!headers.has("accept")) headers.set("accept", "application/json");
    ctx = new CallContext(internals, verb, url, headers, bodyOf(o.body, headers), o);
    const response = await internals.send(ctx);
    const value = (await readResult(ctx, response)) as T;
    (options as { [OBSERVE]?: Observer })[OBSERVE]?.(ctx, response);
    return value;
  } catch (error) {
    // The caller's own abort reason (or a caller's step's own error) is theirs to keep.
    if (!(error instanceof ManagementError)) throw error;
    Object.assign(error, {
      attempts: ctx?.attempt ?? 0,
      totalRetryDelayMs: ctx?.retryDelayMs ?? 0,
    });
    throw internals.scrub(error);
  }
}
