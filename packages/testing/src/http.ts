import { apiErrorBody, EmulatorHttpError, reasonPhrase, tooManyRequestsBody } from "./errors";

/** Content type of every Management API response, 204s included (as recorded). */
export const apiContentType = "application/json; charset=utf-8";

/** What a route handler answers; turned into a `Response` by the router. */
export interface HandlerResult {
  status: number;
  /** `undefined` means an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Builds a JSON response; a string body is sent as is. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = apiContentType,
): Response {
  // A stream (an event stream, a file) goes out as it is read.
  const text =
    body === undefined
      ? null
      : typeof body === "string" || body instanceof ReadableStream
        ? body
        : JSON.stringify(body);
  return new Response(text, { status, headers: { "content-type": contentType, ...headers } });
}

/** Turns a thrown value into a response; anything unexpected becomes a 500 like Auth0's. */
export function errorResponse(error: unknown, contentType = apiContentType): Response {
  if (error instanceof EmulatorHttpError) {
    return jsonResponse(error.status, error.body, error.headers, contentType);
  }
  return jsonResponse(500, apiErrorBody(500, "Internal Server Error"), {}, contentType);
}

/** The body Auth0 would send for a bare status, used by injected faults. */
export function defaultErrorBody(status: number): unknown {
  if (status === 429) return tooManyRequestsBody();
  return apiErrorBody(status, reasonPhrase(status));
}

/** Reads a JSON request body: empty is `undefined`, text that does not parse is `ok: false`. */
export async function readJson(request: Request): Promise<{ ok: boolean; value: unknown }> {
  const text = await request.text();
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}
