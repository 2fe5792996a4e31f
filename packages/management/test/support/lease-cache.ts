import type { CachedToken, TokenCache, TokenCacheLease } from "../../src/index.js";

/**
 * One store as several instances would share it (a test double standing for Redis or a
 * Durable Object): entries, leases that lapse by the clock (fake timers move it), and a
 * compare-and-delete. It counts what the instances did with it.
 */
export function leaseStore() {
  const entries = new Map<string, CachedToken>();
  const leases = new Map<string, { owner: number; until: number }>();
  let owners = 0;
  const counts = { leases: 0, renewals: 0, releases: 0, deletes: 0 };
  const held = (key: string) => {
    const lease = leases.get(key);
    return lease && lease.until > Date.now() ? lease : undefined;
  };
  /** Takes the lease as a holder would, for a test that plays a holder which then crashes. */
  const take = (key: string, ttlMs: number): TokenCacheLease | undefined => {
    if (held(key)) return undefined;
    const owner = ++owners;
    leases.set(key, { owner, until: Date.now() + ttlMs });
    counts.leases++;
    return {
      async renew() {
        const lease = held(key);
        if (lease?.owner !== owner) return false;
        lease.until = Date.now() + ttlMs;
        counts.renewals++;
        return true;
      },
      async release() {
        if (leases.get(key)?.owner === owner) leases.delete(key);
        counts.releases++;
      },
    };
  };
  /** A new cache object over the shared store, as each instance (or request) would make. */
  const cache = (): TokenCache => ({
    get: (key) => entries.get(key),
    set: (key, value) => void entries.set(key, value),
    delete: (key, accessToken) => {
      if (accessToken === undefined || entries.get(key)?.accessToken === accessToken) {
        entries.delete(key);
        counts.deletes++;
      }
    },
    lease: async (key, ttlMs) => take(key, ttlMs),
  });
  return { entries, counts, take, cache };
}
