import { ConfigurationError } from "../errors.js";
import { sleep } from "../signals.js";
import {
  type CachedToken,
  TOKEN_SHARE,
  type TokenCache,
  type TokenShare,
  type TokenShareHook,
} from "../token-cache.js";
import { TOKEN_CHARACTERS } from "./stored-token.js";

/** A lease's time to live; the holder renews it every third of that while it grants. */
const LEASE_MS = 5_000;
/** The time to live of a `lock` (never renewed), for caches without `lease`. */
const LOCK_MS = 10_000;
/** How long to wait for another instance's grant at most: a grant's own time-out, and a margin. */
const WAIT_MS = 65_000;
/** A bound on each cache call, so a hanging cache cannot hang the API call. */
const CACHE_MS = 2_000;

/**
 * Runs a cache call; a failure, or a call slower than `ms`, gives `fallback`. When a
 * call that timed out turns out to have succeeded, `late` gets its value: a lease taken
 * after its caller stopped waiting is given back rather than left to block everyone.
 */
async function guarded<T, F = undefined>(
  call: () => Promise<T> | T,
  fallback?: F,
  ms = CACHE_MS,
  late?: (value: T) => unknown,
): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const running = Promise.resolve().then(call);
  try {
    return await Promise.race([
      running,
      new Promise<F>((resolve) => {
        timer = setTimeout(() => {
          if (late) running.then(late).catch(() => {});
          resolve(fallback as F);
        }, ms);
      }),
    ]);
  } catch {
    return fallback as F;
  } finally {
    clearTimeout(timer);
  }
}

/** What holds a refresh: a lease (renewable) or a lock (its release only). */
type Held = { release(): Promise<void>; renew?(): Promise<boolean> };

/**
 * Makes `cache` one a client can share tokens through, and returns it (the same object,
 * marked). The memory, Workers KV, Redis and Durable Object caches come marked; a cache
 * of your own goes through this before it is given as `tokenCache`:
 *
 * ```ts
 * import { shareTokenCache } from "@auth0-edge/management/token-cache";
 *
 * const client = createManagementClient({ ...options, tokenCache: shareTokenCache(myCache) });
 * ```
 *
 * The coordination lives here rather than in the client, so a Worker without a cache
 * does not carry it:
 *
 * - The client reads the cache before it grants, stores what it granted, and after a
 *   401 deletes the entry only while it holds the refused token.
 * - `lease` (or `lock`) makes one grant per refresh across instances; waiters read the
 *   cache and try the lease again until they get a token, for at most 65 s (then they
 *   grant). The holder renews its lease every third of its 5 s while its grant runs.
 * - Without either, each instance refreshes at its own random point of the first three
 *   quarters of the refresh window, so the first to refresh stores the token the others
 *   then read.
 * - Every cache failure (a throw, a call slower than 2 s, a malformed value) counts as
 *   a miss and never fails an API call.
 *
 * @throws {ConfigurationError} when `cache` has no `get`, `set` and `delete` methods.
 */
export function shareTokenCache<C extends TokenCache>(cache: C): C {
  if (!["get", "set", "delete"].every((m) => typeof (cache as never)?.[m] === "function")) {
    throw new ConfigurationError("`tokenCache` must have get, set and delete methods");
  }
  // A method over `this`, and enumerable, so that a copy (`{ ...cache, set }`) stays
  // shared and coordinates through the copy's own methods.
  if (!(TOKEN_SHARE in cache)) {
    Object.defineProperty(cache, TOKEN_SHARE, {
      value: function (this: TokenCache, key, usable) {
        return share(this, key, usable);
      } satisfies TokenShareHook,
      enumerable: true,
    });
  }
  return cache;
}

/** The coordination of one cache key over `cache`; `usable` is the client's rule for a token it may take. */
function share(
  cache: TokenCache,
  key: string,
  usable: (token: CachedToken | undefined, ahead: boolean) => boolean,
): TokenShare {
  const now = () => Date.now();

  /** The cache's token when it is a bearer token the client may take now (or `ahead`). */
  const readShared = async (ahead: boolean) => {
    const t = await guarded(() => cache.get(key));
    return typeof t?.accessToken === "string" &&
      TOKEN_CHARACTERS.test(t.accessToken) &&
      usable(t, ahead)
      ? t
      : undefined;
  };

  /** A lease or lock for this key's refresh; `undefined` while another holds it; `null` with none to take; `false` when the cache failed. */
  async function take(waitMs: number): Promise<Held | undefined | null | false> {
    const name = `${key}:lock`;
    if (cache.lease) {
      return guarded(
        () => cache.lease!(name, LEASE_MS, waitMs),
        false as const,
        waitMs + CACHE_MS,
        (l) => l?.release(),
      );
    }
    if (!cache.lock) return null;
    const release = await guarded(
      () => cache.lock!(name, LOCK_MS),
      false as const,
      CACHE_MS,
      (r) => r?.(),
    );
    return release && { release };
  }

  return {
    // Without a lock, instances spread their refreshes over the window (XFetch-style).
    s: !cache.lease && !cache.lock ? 0.75 : 0,

    async o(ahead, grant) {
      const grantAndShare = async () => {
        const token = await grant();
        const ttlSeconds = Math.floor((token.expiresAt - now()) / 1000);
        if (ttlSeconds > 0) await guarded(() => cache.set(key, token, ttlSeconds));
        return token;
      };
      const giveUpAt = now() + WAIT_MS;
      let failures = 0;
      for (let step = 25; ; step = Math.min(step * 2, 100)) {
        const shared = await readShared(ahead);
        if (shared) return shared;
        const held = await take(ahead ? 0 : LEASE_MS);
        if (held) {
          const renewing =
            held.renew && setInterval(() => guarded(() => held.renew!()), LEASE_MS / 3);
          try {
            return (await readShared(ahead)) ?? (await grantAndShare());
          } finally {
            clearInterval(renewing);
            guarded(() => held.release());
          }
        }
        // Nothing to take (`null`), or a cache that failed twice in a row when a token is
        // needed now (`false`; once may be a slow moment): grant directly, as after a long
        // wait. Ahead, a failure leaves the refresh to a later call.
        failures = held === false ? failures + 1 : 0;
        if (held === null || (failures > 1 && !ahead) || now() > giveUpAt) return grantAndShare();
        if (ahead) return;
        await sleep(step);
      }
    },

    async r(token) {
      const shared = await guarded(() => cache.get(key));
      if (shared?.accessToken === token) await guarded(() => cache.delete(key, token));
    },
  };
}
