import type { ContractCache, ContractToken, TokenCacheSubject } from "./types";

/** What a check works with: a cache, a second one on the same store, its own keys and clock. */
export interface CheckEnv {
  cache: ContractCache;
  /** Another cache on the same store, as another isolate or process would make. */
  other(): Promise<ContractCache>;
  /** A key of this run of this check, so checks never see each other's entries. */
  key(name: string): string;
  /** Moves the caches' clock forward by `ms` (real time goes on as well). */
  advance(ms: number): void;
  now(): number;
  /** A token living `lifetimeMs` from now, distinct from every other one made. */
  token(lifetimeMs?: number): ContractToken;
}

let runs = 0;

export async function newEnv(subject: TokenCacheSubject, check: string): Promise<CheckEnv> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const context = { now };
  const run = `${Date.now().toString(36)}-${(runs++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const slug = check.replace(/[^\w]+/g, "-").slice(0, 40);
  let tokens = 0;
  return {
    cache: await subject.create(context),
    other: async () => subject.create(context),
    key: (name) => `contract:${run}:${slug}:${name}`,
    advance(ms) {
      offset += ms;
    },
    now,
    token(lifetimeMs = 3_600_000) {
      const issuedAt = now();
      return {
        accessToken: `contract.${run}.${++tokens}`,
        expiresAt: issuedAt + lifetimeMs,
        issuedAt,
      };
    },
  };
}
