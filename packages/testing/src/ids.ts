const alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` random lowercase hex digits. */
export function randomHex(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)));
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out.slice(0, length);
}

/** `length` random characters of `[0-9A-Za-z]`. */
export function randomAlphanumeric(length: number): string {
  // 62 does not divide 256; the slight bias is irrelevant for test ids.
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const byte of bytes) out += alphanumeric[byte % alphanumeric.length];
  return out;
}

/** The 24-hex part of an `auth0|…` user id: a Mongo ObjectId, seconds first, as Auth0's are. */
export function objectId(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000) >>> 0;
  return seconds.toString(16).padStart(8, "0") + randomHex(16);
}

/** A role id: `rol_` and 16 alphanumerics. */
export const roleId = () => `rol_${randomAlphanumeric(16)}`;

/** A value for `x-auth0-requestid`. */
export const requestId = () => randomHex(20);

function digits(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * Log ids shaped like Auth0's (56 digits: `900`, UTC time to the microsecond, padding and
 * a sequence number). They are strictly increasing as strings even when the injected clock
 * goes backwards, because checkpoint pagination (`from`) compares ids, not dates.
 */
export function createLogIdSequence() {
  let lastMs = 0;
  let sequence = 0;
  return {
    next(nowMs: number): string {
      lastMs = Math.max(lastMs, nowMs);
      sequence += 1;
      const d = new Date(lastMs);
      const stamp =
        digits(d.getUTCFullYear(), 4) +
        digits(d.getUTCMonth() + 1, 2) +
        digits(d.getUTCDate(), 2) +
        digits(d.getUTCHours(), 2) +
        digits(d.getUTCMinutes(), 2) +
        digits(d.getUTCSeconds(), 2) +
        digits(d.getUTCMilliseconds() * 1000, 6);
      return `900${stamp}00000000000000${digits(sequence, 19)}`;
    },
    reset(): void {
      lastMs = 0;
      sequence = 0;
    },
  };
}
