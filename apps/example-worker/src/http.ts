/** An answer the Worker gives on purpose: a status, a stable `error` code and a message for humans. */
export class HttpError extends Error {
  readonly status: number;
  readonly error: string;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    error: string,
    message: string,
    extra: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.error = error;
    this.details = extra.details ?? {};
    this.headers = extra.headers ?? {};
  }
}

// Admin data is per caller and changes at any time: no shared cache may keep it.
const COMMON_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

/** A JSON answer with the headers every answer of this Worker carries. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...COMMON_HEADERS, ...headers } });
}

/** The JSON form of an {@link HttpError}: `{ error, message, ...details }`. */
export function errorResponse(error: HttpError): Response {
  return json({ error: error.error, message: error.message, ...error.details }, error.status, {
    ...error.headers,
  });
}
