/**
 * A token as a cache keeps it: the shape of `CachedToken` in `@auth0-edge/management`,
 * written out here so that this package never depends on the client (which tests with it).
 */
export interface ContractToken {
  accessToken: string;
  expiresAt: number;
  issuedAt?: number;
}

/** A lease on a key's refresh: the shape of `TokenCacheLease`. */
export interface ContractLease {
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * The cache under test, structurally: any `TokenCache` of `@auth0-edge/management` is one.
 * `lease` and `lock` are optional, as they are there.
 */
export interface ContractCache {
  get(key: string): Promise<ContractToken | undefined> | ContractToken | undefined;
  set(key: string, value: ContractToken, ttlSeconds: number): Promise<void> | void;
  delete(key: string, accessToken?: string): Promise<void> | void;
  lease?(key: string, ttlMs: number, waitMs: number): Promise<ContractLease | undefined>;
  lock?(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/** What a check hands to {@link TokenCacheSubject.create}. */
export interface ContractContext {
  /**
   * The clock the cache must use for token expiry (its `now` option), in milliseconds
   * since the Unix epoch: real time plus whatever the check moved it forward by.
   */
  now(): number;
}

/** A cache implementation to check, and what it promises beyond get/set/delete. */
export interface TokenCacheSubject {
  /**
   * A cache on the store under test. Every check calls it once or twice (twice: two
   * instances that must see the same store) and uses keys of its own, so one store may
   * serve every check.
   */
  create(context: ContractContext): Promise<ContractCache> | ContractCache;
  /** The cache has `lock` (one holder at a time, lapsing after its ttlMs). Default: `false`. */
  lock?: boolean;
  /** The cache has `lease` (renewable, passing to one taker once it lapses). Default: `false`. */
  lease?: boolean;
  /**
   * `delete(key, accessToken)` is an atomic compare-and-delete: it leaves an entry that
   * holds another token. Without it the contract only asks that the matching entry goes.
   * Default: `false`.
   */
  compareAndDelete?: boolean;
  /**
   * The shortest time to live the store honours, in seconds (Workers KV: 60). The check
   * that an entry ends with its `ttlSeconds` runs only when this is at most 1. Default: `1`.
   */
  minTtlSeconds?: number;
}

/** One named check of the contract. It resolves when the cache behaves, and rejects with a message saying what it did instead. */
export interface ContractCheck {
  readonly name: string;
  run(): Promise<void>;
}

/** What {@link runTokenCacheContract} reports for one check. */
export interface ContractOutcome {
  name: string;
  ok: boolean;
  /** Why the check failed, when it did. */
  message?: string;
}
