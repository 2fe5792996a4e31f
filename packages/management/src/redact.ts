/** Replaces every occurrence of the given secrets in `text` with `[REDACTED]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
  }
  return out;
}

/**
 * Redacts `secrets` from every string `value` holds, at any depth: an error's message,
 * stack, fields, body, headers and its cause chain, non-enumerable properties included,
 * so that neither `JSON.stringify`, `toString()` nor an inspector can show them — even
 * when a server echoed a credential back. Changes `value` in place and returns it.
 */
export function scrub<T>(value: T, secrets: readonly string[], seen = new WeakSet<object>()): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (typeof value !== "object" || value === null || seen.has(value)) return value;
  seen.add(value);
  const record = value as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(value)) {
    const current = record[key];
    const clean = scrub(current, secrets, seen);
    if (clean === current) continue;
    try {
      // Through a setter too: a V8 error's `stack` may be an accessor pair.
      record[key] = clean;
    } catch {
      // A frozen object of someone else's cannot be changed in place.
    }
  }
  return value;
}
