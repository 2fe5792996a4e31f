import {
  type ApiErrorDetails,
  InvalidResponseError,
  ManagementApiError,
  RateLimitError,
} from "./errors.js";
import { callName, type RequestContext } from "./pipeline.js";
import { readRateLimit } from "./rate-limit.js";
import { serverHint } from "./retry-strategy.js";

/** The request id Auth0 (or a proxy in front of it) gave an answer. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-auth0-requestid") ?? headers.get("x-request-id") ?? undefined;
}

/**
 * An answer's body as a value: `undefined` when empty, JSON when it says or looks so,
 * else the text. A 2xx that says JSON must be JSON: anything else is an
 * {@link InvalidResponseError}, never a string handed back as if it were the result.
 */
export function parseBody(ctx: RequestContext, response: Response, text: string): unknown {
  if (text === "") return undefined;
  const json = /\bjson\b/i.test(response.headers.get("content-type") ?? "");
  if (json || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      if (json && response.ok) {
        throw new InvalidResponseError(
          `${callName(ctx)}: ${response.status} answer is not JSON: ${JSON.stringify(text.slice(0, 40))}`,
          { statusCode: response.status, requestId: requestIdOf(response.headers) },
        );
      }
    }
  }
  return text;
}

/** `body[name]` when it is a string, whatever `body` is. */
export function field(body: unknown, name: string): string | undefined {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === "string" ? value : undefined;
}

/** The typed error for an HTTP error answer: Auth0's `error`, `errorCode` and `message`, headers and rate limit. */
function apiError(ctx: RequestContext, response: Response, body: unknown): ManagementApiError {
  const details: ApiErrorDetails = {
    method: ctx.method,
    path: ctx.url.pathname + ctx.url.search,
    statusCode: response.status,
    error: field(body, "error") ?? (response.statusText || "Error"),
    errorCode: field(body, "errorCode"),
    message:
      field(body, "message") ??
      (typeof body === "string" && body.length <= 200 ? body : response.statusText),
    headers: Object.fromEntries(response.headers),
    requestId: requestIdOf(response.headers),
    rateLimit: readRateLimit(response.headers),
    body,
  };
  return response.status === 429
    ? new RateLimitError(details, serverHint(response.headers, true, Date.now()))
    : new ManagementApiError(details);
}

/**
 * The result of a call: the value the transport step parsed (a step of the caller's
 * that answered by itself has its body read here), or the API error it stands for.
 */
export async function readResult(ctx: RequestContext, response: Response): Promise<unknown> {
  const value =
    ctx.result?.response === response
      ? ctx.result.value
      : parseBody(ctx, response, await response.text());
  if (!response.ok) throw apiError(ctx, response, value);
  return value;
}
