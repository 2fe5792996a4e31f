/**
 * Auth0 error bodies. The Management API answers `{statusCode, error, message, errorCode?}`
 * (hapi/Boom style: errors raised by the framework itself, such as an unknown route or a
 * missing token, carry no `errorCode`); the Authentication API answers OAuth's
 * `{error, error_description}`.
 */

const reasonPhrases: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The reason phrase Auth0 puts in `error` for a status. */
export function reasonPhrase(status: number): string {
  return reasonPhrases[status] ?? (status >= 500 ? "Internal Server Error" : "Bad Request");
}

/** An HTTP answer raised from deep inside a handler. */
export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
    this.name = "EmulatorHttpError";
  }
}

/** A Management API error body. */
export function apiErrorBody(status: number, message: string, errorCode?: string) {
  const body: Record<string, unknown> = {
    statusCode: status,
    error: reasonPhrase(status),
    message,
  };
  if (errorCode !== undefined) body.errorCode = errorCode;
  return body;
}

/** A Management API error to throw. */
export function apiError(status: number, message: string, errorCode?: string): EmulatorHttpError {
  return new EmulatorHttpError(status, apiErrorBody(status, message, errorCode));
}

export const userNotFound = () => apiError(404, "The user does not exist.", "inexistent_user");
export const roleNotFound = () => apiError(404, "The role does not exist.");
export const logNotFound = () => apiError(404, "The log does not exist.", "inexistent_log");
export const routeNotFound = () => apiError(404, "Not Found");
export const userExists = () => apiError(409, "The user already exists.", "auth0_idp_error");
export const invalidJson = () => apiError(400, "Invalid request payload JSON format");

/** `400 invalid_body`, worded like Auth0's JSON-schema validator. */
export function payloadError(detail: string, property?: string): EmulatorHttpError {
  const where = property === undefined ? "" : ` on property ${property}`;
  return apiError(400, `Payload validation error: '${detail}'${where}.`, "invalid_body");
}

/** `400 invalid_query_string`, worded like Auth0's JSON-schema validator. */
export function queryError(detail: string, property?: string, description?: string) {
  const where =
    property === undefined
      ? ""
      : ` on property ${property}${description ? ` (${description})` : ""}`;
  return apiError(400, `Query validation error: '${detail}'${where}.`, "invalid_query_string");
}

/** 401 without a usable `Authorization: Bearer` header. */
export function missingAuthentication(): EmulatorHttpError {
  return new EmulatorHttpError(401, apiErrorBody(401, "Missing authentication"), {
    "www-authenticate": "Bearer",
  });
}

/**
 * 401 for a token that was read but refused. `attributes` and the challenge header are
 * what Boom adds to every `unauthorized(message, "Bearer")`, which is how Auth0 answers.
 */
export function tokenRefused(message: string): EmulatorHttpError {
  return new EmulatorHttpError(
    401,
    { ...apiErrorBody(401, message), attributes: { error: message } },
    { "www-authenticate": `Bearer error="${message}"` },
  );
}

/** 400 for a bearer token that is not even shaped like a JWT. */
export const badAuthorizationHeader = () =>
  apiError(400, "Bad HTTP authentication header format", "Bearer");

/** 403 when the token lacks every scope the route accepts. */
export function insufficientScope(expected: string): EmulatorHttpError {
  return apiError(403, `Insufficient scope, expected any of: ${expected}`, "insufficient_scope");
}

/** 429 once the tenant's rate limit is used up. */
export function tooManyRequestsBody() {
  return apiErrorBody(429, "Global limit has been reached", "too_many_requests");
}

/** An Authentication API (OAuth) error. */
export function oauthError(status: number, error: string, description: string) {
  return new EmulatorHttpError(status, { error, error_description: description });
}
