import { inspect } from "node:util";
import { expect } from "vitest";

/** The client secret every test uses. No error or log line may ever contain it. */
export const CLIENT_SECRET = "s3cr3t-DO-NOT-LEAK-7f1c2e9a";
export const CLIENT_ID = "edge-test-client";
export const DOMAIN = "tenant.example.auth0.com";

/** Every rendering of an error a user or a logger might see, its causes included. */
export function renderings(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    out.push(String(e), inspect(e, { depth: 5, showHidden: true }));
    try {
      out.push(JSON.stringify(e) ?? "");
    } catch {
      // A circular cause is fine: inspect covered it.
    }
    if (e instanceof Error) out.push(e.message, e.stack ?? "");
    e = e instanceof Error ? e.cause : undefined;
  }
  return out;
}

/** Asserts that nothing the error shows contains any of the given secrets. */
export function expectNoSecrets(
  error: unknown,
  secrets: readonly string[] = [CLIENT_SECRET],
): void {
  for (const text of renderings(error)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/** Awaits a promise that must reject, checks that the error leaks no secret, and returns it. */
export async function rejectionOf(
  promise: Promise<unknown>,
  secrets?: readonly string[],
): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    expectNoSecrets(error, secrets);
    return error;
  }
  throw new Error("expected the promise to reject");
}
