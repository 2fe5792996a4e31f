import { TokenCacheError } from "@auth0-edge/management/token-cache";

/** The cache operation a {@link RedisCacheError} comes from. */
export type RedisCacheOperation = "get" | "set" | "delete" | "lock" | "release";

/**
 * A Redis call of the token cache failed or took longer than `timeoutMs`.
 *
 * The client of `@auth0-edge/management` treats it as a cache miss and goes on; the cache
 * hands it to its `onError` option so that you can log it. Its message keeps the client's
 * own words ("connect ECONNREFUSED 127.0.0.1:6379") with anything shaped like a token
 * taken out, and it has no `cause`: some clients put the whole command, token included,
 * in their errors.
 *
 * A {@link TokenCacheError} (`code: "ERR_TOKEN_CACHE"`), and so a `ManagementError` of
 * `@auth0-edge/management`.
 */
export class RedisCacheError extends TokenCacheError {
  static override readonly kind: string = "RedisCacheError";
  /** What the cache was doing. */
  declare readonly operation: RedisCacheOperation;
  /** `"timeout"` when the call outlasted `timeoutMs`, `"failure"` when it threw or rejected. */
  declare readonly reason: "timeout" | "failure";

  constructor(operation: RedisCacheOperation, reason: "timeout" | "failure", message: string) {
    super(reason, message, { operation });
  }
}

// A JWT: three base64url parts, the first two JSON objects ("eyJ" is `{"` in base64).
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
const MAX_MESSAGE = 300;

/** The message of `error` with `secrets` and anything shaped like a JWT removed. */
export function redactedMessage(error: unknown, secrets: readonly string[]): string {
  let text =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `non-error thrown: ${typeof error}`;
  for (const secret of secrets) {
    if (secret !== "") text = text.split(secret).join("[redacted]");
  }
  text = text.replace(JWT, "[redacted]");
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
