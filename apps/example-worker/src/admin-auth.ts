import type { Env } from "./env.js";
import { HttpError } from "./http.js";

const MIN_TOKEN_LENGTH = 32;

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

// Comparing digests of equal length, every byte, keeps the time independent of where the inputs differ.
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/**
 * Lets a request through only when it carries `Authorization: Bearer <ADMIN_API_TOKEN>`.
 * Without a (long enough) `ADMIN_API_TOKEN` the admin routes stay closed: an admin tool
 * that opens itself when a secret is missing would hand the tenant to anyone.
 */
export async function requireAdmin(request: Request, env: Env): Promise<void> {
  const expected = env.ADMIN_API_TOKEN ?? "";
  if (expected.length < MIN_TOKEN_LENGTH) {
    throw new HttpError(
      500,
      "misconfigured",
      `ADMIN_API_TOKEN must be set to at least ${MIN_TOKEN_LENGTH} characters; the admin routes are closed until it is`,
    );
  }
  const match = /^Bearer +(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!match || !(await sameSecret(match[1]!, expected))) {
    throw new HttpError(401, "unauthorized", "send Authorization: Bearer <ADMIN_API_TOKEN>", {
      headers: { "www-authenticate": 'Bearer realm="auth0-edge-admin"' },
    });
  }
}
