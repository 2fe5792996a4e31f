import type { CachedToken } from "@auth0-edge/management";

/**
 * The text stored in Redis for a token:
 * `{"accessToken":"…","expiresAt":1700000000000,"issuedAt":1699999990000}` (`issuedAt` when known).
 */
export function encodeToken(value: CachedToken): string {
  const { accessToken, expiresAt, issuedAt } = value;
  return JSON.stringify({ accessToken, expiresAt, issuedAt });
}

/**
 * The token in `text`, or `undefined` when the text is not one (another writer, a different
 * format, garbage) or the token has expired at `now`: every such entry is a miss.
 */
export function decodeToken(text: string | null, now: number): CachedToken | undefined {
  if (text === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { accessToken, expiresAt, issuedAt } = parsed as Record<string, unknown>;
  if (typeof accessToken !== "string" || accessToken === "") return undefined;
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt) || expiresAt <= now) {
    return undefined;
  }
  if (issuedAt === undefined) return { accessToken, expiresAt };
  return typeof issuedAt === "number" && Number.isFinite(issuedAt)
    ? { accessToken, expiresAt, issuedAt }
    : undefined;
}

/** Checks a token before it is stored, without ever putting the token in the message. */
export function assertToken(value: unknown): asserts value is CachedToken {
  const { accessToken, expiresAt, issuedAt } = (value ?? {}) as Partial<
    Record<keyof CachedToken, unknown>
  >;
  if (typeof value !== "object" || value === null) {
    throw new TypeError("value must be an object { accessToken, expiresAt }");
  }
  // Visible ASCII: what an Authorization header can carry.
  if (typeof accessToken !== "string" || !/^[\x21-\x7e]+$/.test(accessToken)) {
    throw new TypeError("value.accessToken must be a non-empty string of visible ASCII");
  }
  if (issuedAt !== undefined && !Number.isFinite(issuedAt)) {
    throw new TypeError("value.issuedAt must be a finite number of milliseconds when present");
  }
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) {
    throw new TypeError(
      "value.expiresAt must be a finite number of milliseconds since the Unix epoch",
    );
  }
}
