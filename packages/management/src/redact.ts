/**
 * Replaces every occurrence of the given secrets in `text` with `[REDACTED]`.
 * Used on text that comes from elsewhere (a server's error description, a cause's
 * message) before it goes into an error of ours.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[REDACTED]");
  }
  return out;
}
