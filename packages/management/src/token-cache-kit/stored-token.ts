import type { CachedToken } from "../token-cache.js";
import { TokenCacheError } from "./error.js";

/**
 * What a bearer token may hold: visible ASCII only. Anything else (CR, LF, NUL, a space,
 * non-Latin-1) makes an invalid Authorization header, whose error may echo the value.
 */
export const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

/**
 * The one rule for a token a cache keeps or serves: `accessToken` is visible ASCII,
 * `expiresAt` (and `issuedAt`, when present) a finite number of milliseconds, and, given
 * `now`, it has not expired.
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * if (isStoredToken(JSON.parse(text), Date.now())) …
 * ```
 */
export function isStoredToken(value: unknown, now = -Infinity): value is CachedToken {
  const { accessToken, expiresAt, issuedAt } = (value ?? {}) as Partial<
    Record<keyof CachedToken, unknown>
  >;
  return (
    typeof value === "object" &&
    typeof accessToken === "string" &&
    TOKEN_CHARACTERS.test(accessToken) &&
    finite(expiresAt) &&
    expiresAt > now &&
    (issuedAt === undefined || finite(issuedAt))
  );
}

/**
 * Checks a token before it is stored: a {@link TokenCacheError} (`invalid-value`) that
 * names what is wrong, never the token, unless {@link isStoredToken} holds.
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * set(key, value, ttlSeconds) { assertStoredToken(value); … }
 * ```
 */
export function assertStoredToken(value: unknown): asserts value is CachedToken {
  if (!isStoredToken(value)) {
    throw new TokenCacheError(
      "invalid-value",
      "a token to cache must be { accessToken: visible ASCII, expiresAt: finite ms, issuedAt?: finite ms }",
    );
  }
}

/**
 * Exactly the stored fields of `token`, whatever else the object holds: what a cache keeps
 * and what it serves (a copy, so no caller changes what another is served).
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * entries.set(key, storedFields(value));
 * ```
 */
export function storedFields({ accessToken, expiresAt, issuedAt }: CachedToken): CachedToken {
  return issuedAt === undefined ? { accessToken, expiresAt } : { accessToken, expiresAt, issuedAt };
}

/**
 * The text a store keeps for a token: `{"accessToken":"…","expiresAt":…,"issuedAt":…}`
 * (`issuedAt` when known). Checks the token first, as {@link assertStoredToken}.
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * await redis.set(key, encodeStoredToken(token), { px });
 * ```
 */
export function encodeStoredToken(token: CachedToken): string {
  assertStoredToken(token);
  return JSON.stringify(storedFields(token));
}

/**
 * The token in `text`, or `undefined` when the text is not one (garbage, another writer's
 * format, a token no header can carry) or it has expired at `now`: every such entry is a miss.
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * const token = decodeStoredToken(await kv.get(key), Date.now());
 * ```
 */
export function decodeStoredToken(
  text: string | null | undefined,
  now: number,
): CachedToken | undefined {
  if (typeof text !== "string") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isStoredToken(value, now) ? storedFields(value) : undefined;
  } catch {
    return undefined;
  }
}
