import type { ContractToken } from "./types";

/** A broken promise of the contract. Its message names what was expected and what was seen. */
export class TokenCacheContractError extends Error {
  override readonly name = "TokenCacheContractError";
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new TokenCacheContractError(message);
}

/** A short description of a value for a failure message (tokens here are test values). */
export function shown(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `got` holds exactly `want` (same token, expiry and, when given, issuedAt) and nothing else. */
export function sameToken(got: unknown, want: ContractToken, what: string): void {
  const expected: ContractToken = { accessToken: want.accessToken, expiresAt: want.expiresAt };
  if (want.issuedAt !== undefined) expected.issuedAt = want.issuedAt;
  check(
    typeof got === "object" && got !== null && shown(sorted(got)) === shown(sorted(expected)),
    `${what}: expected ${shown(expected)}, got ${shown(got)}`,
  );
}

function sorted(value: object): Record<string, unknown> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Resolves when `call` rejects (or throws) with an error, else fails with `message`. */
export async function rejects(call: () => unknown, message: string): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new TokenCacheContractError(message);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
