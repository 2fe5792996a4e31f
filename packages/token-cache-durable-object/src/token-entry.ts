import type { CachedToken } from "@auth0-edge/management";

// Visible ASCII only: a token goes into `Authorization: Bearer …`, where a space breaks
// the scheme and a line break makes `Headers` throw on every call that uses it.
const BEARER_TOKEN = /^[\x21-\x7e]+$/;

const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

/** Whether `value` is a {@link CachedToken} whose token an HTTP header can carry. */
export function isCachedToken(value: unknown): value is CachedToken {
  if (typeof value !== "object" || value === null) return false;
  const { accessToken, expiresAt, issuedAt } = value as Partial<CachedToken>;
  return (
    typeof accessToken === "string" &&
    BEARER_TOKEN.test(accessToken) &&
    finite(expiresAt) &&
    (issuedAt === undefined || finite(issuedAt))
  );
}

/** `{ accessToken, expiresAt, issuedAt? }` as JSON: nothing else the caller's object held. */
export const tokenJson = ({ accessToken, expiresAt, issuedAt }: CachedToken): string =>
  JSON.stringify({ accessToken, expiresAt, issuedAt });

/** The token in `text`, or `undefined` when it is no token or has expired by `now`. */
export function readToken(text: string, now: number): CachedToken | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isCachedToken(value) || value.expiresAt <= now) return undefined;
  const { accessToken, expiresAt, issuedAt } = value;
  return issuedAt === undefined ? { accessToken, expiresAt } : { accessToken, expiresAt, issuedAt };
}

/** The hex SHA-256 of an access token: what the object compares before it deletes. */
export async function fingerprintOf(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
