import type { CachedToken } from "@auth0-edge/management";

// Visible ASCII only: a token goes into `Authorization: Bearer …`, where a space breaks
// the scheme and a line break makes `Headers` throw on every call that uses it.
const BEARER_TOKEN = /^[\x21-\x7e]+$/;

/** Whether `value` is a {@link CachedToken} whose token an HTTP header can carry. */
export function isCachedToken(value: unknown): value is CachedToken {
  if (typeof value !== "object" || value === null) return false;
  const { accessToken, expiresAt, issuedAt } = value as Partial<CachedToken>;
  return (
    typeof accessToken === "string" &&
    BEARER_TOKEN.test(accessToken) &&
    typeof expiresAt === "number" &&
    Number.isFinite(expiresAt) &&
    (issuedAt === undefined || Number.isFinite(issuedAt))
  );
}

/** The JSON stored for a token: exactly `{ accessToken, expiresAt, issuedAt? }`, nothing the caller added. */
export function serializeToken(token: CachedToken): string {
  const { accessToken, expiresAt, issuedAt } = token;
  return JSON.stringify({ accessToken, expiresAt, issuedAt });
}

/**
 * Reads what another writer may have stored: anything that is not JSON of a
 * {@link CachedToken}, or a token that expired by `now`, is no token at all.
 */
export function parseToken(text: string, now: number): CachedToken | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isCachedToken(value) || value.expiresAt <= now) return undefined;
  const { accessToken, expiresAt, issuedAt } = value;
  // An entry of the previous format has no issuedAt: it counts as issued before any 401.
  return Number.isFinite(issuedAt)
    ? { accessToken, expiresAt, issuedAt }
    : { accessToken, expiresAt };
}
