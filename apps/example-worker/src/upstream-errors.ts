import {
  ConfigurationError,
  InvalidInputError,
  ManagementApiError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  TokenError,
} from "@auth0-edge/management";
import { HttpError } from "./http.js";

function auth0Message(error: ManagementApiError): string {
  const body = error.body as { message?: unknown } | undefined;
  return typeof body?.message === "string" ? body.message : error.error;
}

function apiError(error: ManagementApiError): HttpError {
  const details = {
    upstreamStatus: error.statusCode,
    errorCode: error.errorCode,
    requestId: error.requestId,
  };
  const message = auth0Message(error);
  if (error instanceof RateLimitError) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
    return new HttpError(429, "rate_limited", `Auth0 rate limit: ${message}`, {
      details,
      headers: { "retry-after": String(seconds) },
    });
  }
  // What the caller asked for was wrong or is missing: their status, Auth0's reason.
  if ([400, 404, 409].includes(error.statusCode)) {
    const code = { 400: "invalid_request", 404: "not_found", 409: "conflict" }[error.statusCode];
    return new HttpError(error.statusCode, code!, message, { details });
  }
  // 401/403 from Auth0 mean this Worker's application lacks a grant or a scope: that is
  // not the caller's credentials, so it must not look like a 401 of this Worker.
  return new HttpError(502, "upstream_error", `Auth0 refused the request: ${message}`, {
    details,
  });
}

/**
 * Turns what a call to the Management API may throw into this Worker's answer. The
 * messages of these errors never hold the client secret or a token (the SDK redacts
 * them), so they can be shown; anything unexpected becomes a bare 500.
 */
export function fromManagementError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ManagementApiError) return apiError(error);
  if (error instanceof TokenError) {
    return new HttpError(502, "token_error", `no Management API token: ${error.message}`, {
      details: { upstreamStatus: error.statusCode, errorCode: error.error },
    });
  }
  if (error instanceof TimeoutError) {
    return new HttpError(504, "upstream_timeout", "Auth0 did not answer in time");
  }
  if (error instanceof NetworkError) {
    return new HttpError(502, "upstream_unreachable", "Auth0 could not be reached");
  }
  if (error instanceof ConfigurationError) {
    return new HttpError(500, "misconfigured", `the Auth0 settings are invalid: ${error.message}`);
  }
  if (error instanceof InvalidInputError) {
    return new HttpError(400, "invalid_request", error.message);
  }
  return new HttpError(500, "internal_error", "unexpected error");
}
