import { internalsOf, type ManagementClient, resolveRetry } from "./client.js";
import { InvalidInputError } from "./errors.js";
import type { RetryOptions } from "./options.js";
import { readResult } from "./response.js";
import { buildUrl, type PathParams, type QueryParams } from "./url.js";

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
  headers?: HeadersInit;
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

function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === "string" ||
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new InvalidInputError(`\`${name}\` must be a positive number of milliseconds`);
  }
  return value;
}

/**
 * Calls any Management API endpoint: the escape hatch for what the generated
 * functions do not cover. Resolves to the parsed JSON (or `undefined` for an empty
 * answer); rejects with a `ManagementApiError` for an HTTP error.
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
  const url = buildUrl(client.apiBase, options.path, options.params, options.query);
  const headers = new Headers(options.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (isRawBody(options.body)) body = options.body;
    else {
      if (
        typeof options.body === "function" ||
        typeof options.body === "symbol" ||
        options.body instanceof ReadableStream
      ) {
        throw new InvalidInputError(
          "`body` must be a JSON value, FormData, Blob, URLSearchParams or a string",
        );
      }
      body = JSON.stringify(options.body);
      headers.set("content-type", "application/json");
    }
  }
  const ctx = {
    method: options.method,
    url,
    headers,
    body,
    // A signal of its own per call: one shared never-aborting signal would collect a listener per call.
    signal: options.signal ?? new AbortController().signal,
    deadline: Number.POSITIVE_INFINITY,
    attempt: 1,
    retry: resolveRetry(options.retry, internals.retry),
    attemptTimeoutMs: positive(
      "attemptTimeoutMs",
      options.attemptTimeoutMs,
      internals.attemptTimeoutMs,
    ),
    timeoutMs: positive("timeoutMs", options.timeoutMs, internals.timeoutMs),
    state: {},
  };
  const response = await internals.send(ctx);
  return (await readResult(options.method, url, response, ctx.attempt)) as T;
}
