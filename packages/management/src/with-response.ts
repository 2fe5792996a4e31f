import type { ManagementClient } from "./client.js";
import { OBSERVE, type Observer } from "./observe.js";
import { type RateLimitInfo, readRateLimit } from "./rate-limit.js";
import { type CallOptions, type RequestOptions, request } from "./request.js";
import { requestIdOf } from "./response.js";

/** What came with an answer, besides its body. */
export interface ResponseInfo {
  /** The final answer's HTTP status. */
  status: number;
  /** The final answer's headers. */
  headers: Headers;
  /** Auth0's request id (`x-auth0-requestid`), for support tickets and logs. */
  requestId: string | undefined;
  /** `X-RateLimit-Limit`, `-Remaining` and `-Reset` of the final answer. */
  rateLimit: RateLimitInfo | undefined;
  /** Attempts made: 1, or more after retries. */
  attempts: number;
  /** Milliseconds spent waiting between attempts. */
  totalRetryDelayMs: number;
}

/** A result with the response it came from. */
export interface WithResponse<T> {
  data: T;
  response: ResponseInfo;
}

/** Any generated operation: `(client, input, options?)`. */
export type OperationFunction = (
  client: ManagementClient,
  input: never,
  options?: CallOptions,
) => Promise<unknown>;
/** The arguments of an operation after its client: `[input, options?]`. */
export type ArgumentsAfterClient<F> = F extends (
  client: ManagementClient,
  ...rest: infer R
) => unknown
  ? R
  : never;

function observed(options: object | undefined): [object, () => ResponseInfo] {
  let info: ResponseInfo | undefined;
  const observer: Observer = (ctx, response) => {
    info = {
      status: response.status,
      headers: response.headers,
      requestId: requestIdOf(response.headers),
      rateLimit: readRateLimit(response.headers),
      attempts: ctx.attempt,
      totalRetryDelayMs: ctx.retryDelayMs,
    };
  };
  return [{ ...options, [OBSERVE]: observer }, () => info!];
}

/**
 * Wraps a generated operation so that it resolves to `{ data, response }`: the result and
 * the status, headers, request id, rate limit, attempts and retry waits of its answer.
 * Only code that imports it pays for it; the operation itself is unchanged.
 *
 * @example
 * ```ts
 * import { withResponse } from "@auth0-edge/management";
 * import { getUser } from "@auth0-edge/management/users";
 *
 * const { data: user, response } = await withResponse(getUser)(client, { id: "auth0|123" });
 * console.log(response.rateLimit?.remaining, response.requestId);
 * ```
 */
export function withResponse<F extends OperationFunction>(
  operation: F,
): (
  client: ManagementClient,
  ...rest: ArgumentsAfterClient<F>
) => Promise<WithResponse<Awaited<ReturnType<F>>>> {
  return async (client, ...rest) => {
    const [input, options] = rest as unknown as [never, CallOptions | undefined];
    const [withObserver, info] = observed(options);
    const data = (await operation(client, input, withObserver)) as Awaited<ReturnType<F>>;
    return { data, response: info() };
  };
}

/**
 * {@link request} that resolves to `{ data, response }`, as {@link withResponse} does for
 * the generated operations.
 *
 * @example
 * ```ts
 * import { requestWithResponse } from "@auth0-edge/management";
 *
 * const { data, response } = await requestWithResponse(client, { method: "GET", path: "/stats/active-users" });
 * ```
 */
export async function requestWithResponse<T = unknown>(
  client: ManagementClient,
  options: RequestOptions,
): Promise<WithResponse<T>> {
  const [withObserver, info] = observed(options);
  const data = await request<T>(client, withObserver as RequestOptions);
  return { data, response: info() };
}
