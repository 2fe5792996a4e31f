import { describe, expect, it } from "vitest";
import {
  type ContractCache,
  type ContractContext,
  type ContractToken,
  runTokenCacheContract,
  type TokenCacheSubject,
  tokenCacheContract,
} from "../src/token-cache-contract.js";

/** A small correct cache over one Map per context: the reference the mutants differ from. */
function referenceSubject(
  change: (cache: ContractCache, store: Store) => ContractCache = (c) => c,
) {
  const stores = new WeakMap<ContractContext, Store>();
  const subject: TokenCacheSubject = {
    lock: true,
    lease: true,
    compareAndDelete: true,
    create(context) {
      const store = stores.get(context) ?? { tokens: new Map(), locks: new Map() };
      stores.set(context, store);
      return change(referenceCache(store, context.now), store);
    },
  };
  return subject;
}

interface Store {
  tokens: Map<string, { token: ContractToken; until: number }>;
  locks: Map<string, { owner: object; until: number }>;
}

function referenceCache(store: Store, now: () => number): ContractCache {
  const take = (key: string, ttlMs: number) => {
    const held = store.locks.get(key);
    if (held && held.until > now()) return undefined;
    const owner = {};
    store.locks.set(key, { owner, until: now() + ttlMs });
    const mine = () => store.locks.get(key)?.owner === owner;
    return {
      renew: async () => {
        const ok = mine() && store.locks.get(key)!.until > now();
        if (ok) store.locks.set(key, { owner, until: now() + ttlMs });
        return ok;
      },
      release: async () => {
        if (mine()) store.locks.delete(key);
      },
    };
  };
  return {
    get(key) {
      const entry = store.tokens.get(key);
      return entry && entry.until > now() ? { ...entry.token } : undefined;
    },
    set(key, value, ttlSeconds) {
      const { accessToken, expiresAt, issuedAt } = (value ?? {}) as Partial<ContractToken>;
      if (typeof accessToken !== "string" || !/^[\x21-\x7e]+$/.test(accessToken)) {
        throw new TypeError("accessToken must be visible ASCII");
      }
      if (!Number.isFinite(expiresAt) || (issuedAt !== undefined && !Number.isFinite(issuedAt))) {
        throw new TypeError("expiresAt and issuedAt must be finite numbers");
      }
      if (typeof ttlSeconds !== "number" || Number.isNaN(ttlSeconds)) {
        throw new TypeError("ttlSeconds must be a number");
      }
      store.tokens.delete(key);
      const until = Math.min(now() + ttlSeconds * 1000, expiresAt!);
      const token = {
        accessToken,
        expiresAt: expiresAt!,
        ...(issuedAt === undefined ? {} : { issuedAt }),
      };
      if (until > now()) store.tokens.set(key, { token, until });
    },
    delete(key, accessToken) {
      if (accessToken === undefined || store.tokens.get(key)?.token.accessToken === accessToken) {
        store.tokens.delete(key);
      }
    },
    lease: async (key, ttlMs) => take(key, ttlMs),
    lock: async (key, ttlMs) => take(key, ttlMs)?.release,
  };
}

/** The names of the checks that fail, among those not sleeping (the TTL, lock and lease lapses) unless `all`. */
async function failed(subject: TokenCacheSubject, all = false): Promise<string[]> {
  const names: string[] = [];
  for (const { name, run } of tokenCacheContract(subject)) {
    if (!all && /lapse|ends an entry|renewing/.test(name)) continue;
    await run().catch(() => names.push(name));
  }
  return names;
}

describe("the token cache contract", () => {
  it("passes a correct cache on every check, lock, lease and compare-and-delete included", async () => {
    const outcomes = await runTokenCacheContract(referenceSubject());
    expect(outcomes.length).toBe(tokenCacheContract(referenceSubject()).length);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(25);
  }, 30_000);

  it("leaves out the lock, lease and compare-and-delete checks a subject does not declare", () => {
    const names = tokenCacheContract({ create: () => ({}) as never }).map((c) => c.name);
    expect(names.some((n) => /^lock:|^lease:|compare-and-delete/.test(n))).toBe(false);
    expect(names).toContain("reads back the token it stored, with its expiresAt and issuedAt");
  });

  it("fails a cache that drops issuedAt", async () => {
    const subject = referenceSubject((cache) => ({
      ...cache,
      set: (key, { accessToken, expiresAt }, ttl) =>
        cache.set(key, { accessToken, expiresAt }, ttl),
    }));
    expect(await failed(subject)).toContain(
      "reads back the token it stored, with its expiresAt and issuedAt",
    );
  }, 30_000);

  it("fails a cache that serves expired tokens or ignores ttlSeconds <= 0", async () => {
    const subject = referenceSubject((cache, store) => ({
      ...cache,
      get: (key) => store.tokens.get(key)?.token,
      set: (key, value, ttl) => cache.set(key, value, Math.max(ttl, 3600)),
    }));
    expect(await failed(subject)).toEqual(
      expect.arrayContaining([
        "reads a token past its expiresAt as a miss",
        "stores nothing for ttlSeconds <= 0, and forgets the older token",
        "keeps copies: changing a token it was given or returned changes nothing stored",
      ]),
    );
  }, 30_000);

  it("fails a cache that puts a refused token in its error message", async () => {
    const subject = referenceSubject((cache) => ({
      ...cache,
      set(key, value, ttl) {
        if (!/^[\x21-\x7e]+$/.test(value.accessToken))
          throw new TypeError(`bad token ${value.accessToken}`);
        return cache.set(key, value, ttl);
      },
    }));
    expect(await failed(subject)).toEqual([
      "refuses a token that is not visible ASCII, never shows it, and keeps the older one",
    ]);
  }, 30_000);

  it("fails a delete that ignores the token it names, when compare-and-delete is declared", async () => {
    const subject = referenceSubject((cache) => ({ ...cache, delete: (key) => cache.delete(key) }));
    expect(await failed(subject)).toEqual([
      "keeps the entry on a delete that names another token (compare-and-delete)",
    ]);
  }, 30_000);

  it("fails a lease that never lapses, and one whose stale holder still renews", async () => {
    const never = referenceSubject((cache) => ({
      ...cache,
      lease: (key, _ttl, wait) => cache.lease!(key, 3_600_000, wait),
    }));
    expect(await failed(never, true)).toContain(
      "lease: a lapsed lease goes to the next taker; the old holder can neither renew nor free it",
    );
    const stale = referenceSubject((cache) => ({
      ...cache,
      lease: async (key, ttl, wait) => {
        const lease = await cache.lease!(key, ttl, wait);
        return lease && { ...lease, renew: async () => true };
      },
    }));
    expect(await failed(stale, true)).toContain(
      "lease: a lapsed lease goes to the next taker; the old holder can neither renew nor free it",
    );
  }, 30_000);

  it("fails a subject that declares a lock the cache does not have", async () => {
    const subject = referenceSubject(({ lock: _lock, ...cache }) => cache);
    expect(await failed(subject)).toContain("has lock and lease exactly as the subject declares");
  }, 30_000);
});
