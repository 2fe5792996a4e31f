import { check, sameToken, shown, sleep } from "./assert";
import type { CheckBody } from "./storage-checks";

const declared = (has: boolean | undefined) => (has ? "declares" : "does not declare");

/** What the subject declares it offers is what the cache has. */
export const capabilityChecks: Record<string, CheckBody> = {
  "has lock and lease exactly as the subject declares": async (env, subject) => {
    for (const method of ["lock", "lease"] as const) {
      const has = typeof env.cache[method] === "function";
      check(
        has === Boolean(subject[method]),
        `the subject ${declared(subject[method])} ${method}, but the cache ${has ? "has" : "lacks"} it`,
      );
    }
  },
};

/** An atomic compare-and-delete, for caches that declare it. */
export const compareAndDeleteChecks: Record<string, CheckBody> = {
  "keeps the entry on a delete that names another token (compare-and-delete)": async (env) => {
    const key = env.key("k");
    const refused = env.token();
    const newer = env.token();
    await env.cache.set(key, refused, 3600);
    // Another instance stored a newer token between the refusal and the delete.
    await (await env.other()).set(key, newer, 3600);
    await env.cache.delete(key, refused.accessToken);
    sameToken(await env.cache.get(key), newer, "get after delete(key, olderToken)");
  },
};

/** `lock(key, ttlMs)`: one holder at a time, until it releases or its time runs out. */
export const lockChecks: Record<string, CheckBody> = {
  "lock: gives one holder at a time, across caches, until it releases": async (env) => {
    const name = env.key("lock");
    const other = await env.other();
    const release = await env.cache.lock!(name, 30_000);
    check(typeof release === "function", `the first lock answered ${shown(release)}`);
    check((await other.lock!(name, 30_000)) === undefined, "a second holder got a held lock");
    await release();
    const next = await other.lock!(name, 30_000);
    check(typeof next === "function", "nobody could take the lock after its release");
    await next();
  },

  "lock: lapses after ttlMs, and a late release does not free the next holder": async (env) => {
    const name = env.key("lock");
    const other = await env.other();
    const stale = await env.cache.lock!(name, 300);
    check(typeof stale === "function", "the first lock was refused");
    await sleep(700);
    env.advance(700);
    const next = await other.lock!(name, 30_000);
    check(typeof next === "function", "the lock was still held 0.7 s after a 0.3 s lock");
    await stale();
    check(
      (await env.cache.lock!(name, 30_000)) === undefined,
      "a late release freed the new holder's lock",
    );
    await next();
  },
};

/** `lease(key, ttlMs, waitMs)`: renewable, one holder, a lapsed lease passes to the next taker. */
export const leaseChecks: Record<string, CheckBody> = {
  "lease: gives one holder at a time, across caches, until it releases": async (env) => {
    const name = env.key("lease");
    const other = await env.other();
    const lease = await env.cache.lease!(name, 30_000, 0);
    check(
      typeof lease?.renew === "function" && typeof lease.release === "function",
      `the first lease answered ${shown(lease)}`,
    );
    check((await other.lease!(name, 30_000, 0)) === undefined, "a second holder got a held lease");
    await lease.release();
    const next = await other.lease!(name, 30_000, 0);
    check(next !== undefined, "nobody could take the lease after its release");
    await next.release();
  },

  "lease: renewing keeps it held past its ttlMs": async (env) => {
    const name = env.key("lease");
    const other = await env.other();
    const lease = await env.cache.lease!(name, 1_500, 0);
    check(lease !== undefined, "the first lease was refused");
    // Renewed every 0.3 s for 2.4 s: without renewal it would have lapsed at 1.5 s.
    for (let i = 0; i < 8; i++) {
      await sleep(300);
      env.advance(300);
      check((await lease.renew()) === true, `renewal ${i + 1} of a held lease answered false`);
    }
    check(
      (await other.lease!(name, 1_500, 0)) === undefined,
      "a renewed lease was taken by another",
    );
    await lease.release();
  },

  "lease: a lapsed lease goes to the next taker; the old holder can neither renew nor free it":
    async (env) => {
      const name = env.key("lease");
      const other = await env.other();
      const stale = await env.cache.lease!(name, 300, 0);
      check(stale !== undefined, "the first lease was refused");
      await sleep(700);
      env.advance(700);
      const next = await other.lease!(name, 30_000, 0);
      check(next !== undefined, "the lease was still held 0.7 s after a 0.3 s lease");
      check((await stale.renew()) === false, "the old holder renewed a lease another holds");
      await stale.release();
      check(
        (await env.cache.lease!(name, 30_000, 0)) === undefined,
        "the old holder's release freed the new holder's lease",
      );
      await next.release();
    },
};
