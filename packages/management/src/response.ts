import { type ApiErrorDetails, ManagementApiError, RateLimitError } from "./errors.js";
import { readRateLimit, serverRetryDelay } from "./rate-limit.js";

function parseBody(text: string, contentType: string | null): unknown {
  if (text === "") return undefined;
  if (contentType?.includes("json") || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/** The typed error for an HTTP error answer: Auth0's `error`, `errorCode` and `message`, headers and rate limit. */
export function apiError(
  method: string,
  url: URL,
  response: Response,
  text: string,
  attempts: number,
): ManagementApiError {
  const body = parseBody(text, response.headers.get("content-type"));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const details: ApiErrorDetails = {
    method,
    path: url.pathname + url.search,
    statusCode: response.status,
    error: field(body, "error") ?? (response.statusText || "Error"),
    errorCode: field(body, "errorCode"),
    message:
      field(body, "message") ??
      (typeof body === "string" && body.length <= 200 ? body : response.statusText),
    headers,
    requestId:
      response.headers.get("x-auth0-requestid") ??
      response.headers.get("x-request-id") ??
      undefined,
    rateLimit: readRateLimit(response.headers),
    body,
    attempts,
  };
  if (response.status === 429)
    return new RateLimitError(details, serverRetryDelay(response.headers, Date.now()));
  return new ManagementApiError(details);
}

/** The parsed body of a successful answer: JSON as a value, text as a string, no body as `undefined`. */
export async function readResult(
  method: string,
  url: URL,
  response: Response,
  attempts: number,
): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw apiError(method, url, response, text, attempts);
  return parseBody(text, response.headers.get("content-type"));
}
