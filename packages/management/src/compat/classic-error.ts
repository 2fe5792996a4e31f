import { ManagementApiError, ManagementError, NetworkError, TokenError } from "../errors.js";
import { redact, scrub } from "../redact.js";
import { Unretried } from "./steps.js";

/** Where a classic error says the failed request went: method (lower case, as the classic) and URL. */
export interface RequestInfo {
  method: string;
  url: string;
}

/** The fields the classic client's errors had, on top of ours. */
export interface ClassicErrorFields {
  /** Auth0's `error` (`"Not Found"`), or `"APIError"`. */
  name: string;
  /** Auth0's `message` (`"The user does not exist."`). */
  message: string;
  /** The HTTP status, or for a network failure its code (`"ECONNRESET"`), as the classic. */
  statusCode?: number | string;
  requestInfo: RequestInfo;
  /** The error as this package raised it, with its own message. */
  originalError: ManagementError;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function networkCode(error: NetworkError): string | undefined {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 3 && typeof cause === "object" && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

const classicMethod = (method: string) => (method === "DELETE" ? "del" : method.toLowerCase());

function classicFields(
  error: ManagementError,
  apiBase: string,
  request: { method: string; url: string } | undefined,
): Omit<ClassicErrorFields, "originalError"> {
  const origin = new URL(apiBase).origin;
  if (error instanceof ManagementApiError) {
    const body = (
      typeof error.body === "object" && error.body !== null ? error.body : {}
    ) as Record<string, unknown>;
    const message =
      text(body.message) ??
      (Object.keys(body).length > 0 ? JSON.stringify(body) : undefined) ??
      text(error.body) ??
      error.message;
    return {
      name: text(body.error) ?? "APIError",
      message,
      statusCode: error.statusCode,
      requestInfo: {
        method: classicMethod(error.method),
        url: origin + error.path.replace(/\?.*$/, ""),
      },
    };
  }
  const grant = { method: "post", url: `${origin}/oauth/token` };
  const requestInfo = request ? { method: classicMethod(request.method), url: request.url } : grant;
  if (error instanceof TokenError) {
    return {
      name: error.error ?? "APIError",
      message: error.message,
      statusCode: error.statusCode,
      requestInfo: grant,
    };
  }
  return {
    name: error instanceof NetworkError ? "APIError" : error.name,
    message: error.message,
    statusCode: error instanceof NetworkError ? networkCode(error) : undefined,
    requestInfo,
  };
}

/**
 * The error a compat call rejects with: a copy of ours (same class, so `instanceof
 * ManagementApiError` and `code`, `errorCode`, `requestId`, `rateLimit` still hold)
 * that also has the classic's shape: `name` from Auth0's `error`, `message` as Auth0
 * wrote it, `statusCode`, `requestInfo` (no credentials, no query) and `originalError`.
 * Argument errors, input errors and anything not of this package are returned as they are.
 */
export function classicError(
  thrown: unknown,
  apiBase: string,
  maybeSecrets: readonly (string | undefined)[],
): unknown {
  const secrets = maybeSecrets.filter((secret): secret is string => secret !== undefined);
  const error = thrown instanceof Unretried ? thrown.error : thrown;
  const request = thrown instanceof Unretried ? thrown.request : undefined;
  if (
    !(error instanceof ManagementError) ||
    error.code === "ERR_CONFIGURATION" ||
    error.code === "ERR_INVALID_INPUT"
  ) {
    return error;
  }
  const fields = classicFields(error, apiBase, request);
  const shaped = Object.create(
    Object.getPrototypeOf(error),
    Object.getOwnPropertyDescriptors(error),
  ) as ManagementError & ClassicErrorFields;
  const own = (key: string, value: unknown) =>
    Object.defineProperty(shaped, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  own("name", redact(fields.name, secrets));
  own("message", redact(fields.message, secrets));
  own("statusCode", fields.statusCode);
  const auth0Error = (error as unknown as { error?: unknown }).error;
  if (typeof auth0Error === "string") own("error", redact(auth0Error, secrets));
  own("requestInfo", fields.requestInfo);
  // The core scrubs errors at its call boundary; this one left the pipeline inside our own
  // wrapper, so it is scrubbed here before it is shown as the classic's originalError.
  own("originalError", scrub(error, secrets));
  if (typeof error.stack === "string") {
    const rest = error.stack.indexOf("\n    at ");
    shaped.stack = `${shaped.name}: ${shaped.message}${rest < 0 ? "" : error.stack.slice(rest)}`;
  }
  return shaped;
}
