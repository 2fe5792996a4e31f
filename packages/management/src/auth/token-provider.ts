import { ManagementError, TokenError } from "../errors.js";
import type { TokenSource } from "../options.js";
import { raceAbort, sleep } from "../signals.js";
import type { CachedToken, TokenCache } from "../token-cache.js";

/** Where the auth step gets bearer tokens from. */
export interface TokenProvider {
  getToken(signal: AbortSignal): Promise<string>;
  /** Forget `token` because the API refused it. */
  invalidate(token: string): Promise<void>;
  /** Whether asking again after a 401 can give a different token. */
  readonly refreshable: boolean;
}

// A bearer token is visible ASCII only; anything else (CR, LF, NUL, a space, non-Latin-1)
// would make an invalid Authorization header, whose error may echo the value.
export const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

/** `token` if it can be a bearer token; else a `TokenError` that does not show it. */
export function checkToken(token: unknown, from: string): string {
  if (typeof token === "string" && TOKEN_CHARACTERS.test(token)) return token;
  throw new TokenError(`${from}: the access token is not visible ASCII`);
}

/** A token given by the caller, as a string or a function called for each request. */
export function givenTokenProvider(source: TokenSource): TokenProvider {
  return {
    refreshable: typeof source === "function",
    async getToken() {
      if (typeof source === "string") return source;
      let token: unknown;
      try {
        token = await source();
      } catch (cause) {
        if (cause instanceof ManagementError) throw cause;
        throw new TokenError("the `token` function failed", { cause });
      }
      return checkToken(token, "the `token` function");
    },
    invalidate: async () => {},
  };
}

export interface GrantingProviderSettings {
  /** The cache key: derived from domain, clientId, audience and scope, never the secret. */
  key: string;
  cache: TokenCache | undefined;
  grant: () => Promise<CachedToken>;
  leewayMs: number;
}

/** How long a cross-instance refresh lock is held at most. */
const LOCK_TTL_MS = 10_000;
/** How long to wait for another instance's token before granting one ourselves. */
const LOCK_WAIT_MS = 5_000;
/** A bound on each cache call, so a hanging cache cannot hang the API call. */
const CACHE_TIMEOUT_MS = 2_000;

function isCachedToken(value: unknown): value is CachedToken {
  if (typeof value !== "object" || value === null) return false;
  const { accessToken, expiresAt } = value as Partial<CachedToken>;
  return (
    typeof accessToken === "string" &&
    TOKEN_CHARACTERS.test(accessToken) &&
    Number.isFinite(expiresAt)
  );
}

/**
 * The token fetches under way in this isolate, per shared cache and key. Clients that
 * share a cache (a client per request in a Worker, say) join one fetch instead of each
 * missing the cache and granting: single flight in the isolate needs no `lock`.
 */
const flightsByCache = new WeakMap<TokenCache, Map<string, Promise<CachedToken>>>();

function flightsOf(cache: TokenCache): Map<string, Promise<CachedToken>> {
  let flights = flightsByCache.get(cache);
  if (!flights) {
    flights = new Map();
    flightsByCache.set(cache, flights);
  }
  return flights;
}

/**
 * Obtains tokens with a grant and keeps them: in this client's memory, and in the
 * shared `cache` when one is given. Concurrent callers share one in-flight grant, and
 * so do the clients of an isolate that share a cache; with a cache that can `lock`,
 * instances share one grant too. Every cache failure (a throw, a hang, a malformed
 * value) counts as a miss.
 */
export function grantingTokenProvider(settings: GrantingProviderSettings): TokenProvider {
  const { key, cache, leewayMs } = settings;
  let current: CachedToken | undefined;
  const flights = cache ? flightsOf(cache) : new Map<string, Promise<CachedToken>>();
  // The last token the API refused: a shared cache may still hold it for a moment.
  let rejected: string | undefined;

  const usable = (token: CachedToken | undefined): token is CachedToken =>
    token !== undefined && token.expiresAt - leewayMs > Date.now();

  /** Runs a cache call; any failure or a call slower than the bound gives `fallback`. */
  async function guarded<T>(call: () => Promise<T> | T, fallback: T): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(call),
        new Promise<T>((resolve) => {
          timer = setTimeout(() => resolve(fallback), CACHE_TIMEOUT_MS);
        }),
      ]);
    } catch {
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }

  async function readShared(): Promise<CachedToken | undefined> {
    if (!cache) return undefined;
    const value = await guarded(() => cache.get(key), undefined);
    if (!isCachedToken(value) || !usable(value) || value.accessToken === rejected) return undefined;
    return { accessToken: value.accessToken, expiresAt: value.expiresAt };
  }

  async function grantAndShare(): Promise<CachedToken> {
    const token = await settings.grant();
    const ttlSeconds = Math.floor((token.expiresAt - Date.now()) / 1000);
    if (cache && ttlSeconds > 0) await guarded(() => cache.set(key, token, ttlSeconds), undefined);
    return token;
  }

  async function waitForOtherInstance(): Promise<CachedToken | undefined> {
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    for (let step = 25; Date.now() < giveUpAt; step = Math.min(step * 2, 250)) {
      await sleep(Math.min(step, Math.max(0, giveUpAt - Date.now())));
      const shared = await readShared();
      if (shared) return shared;
    }
    return undefined;
  }

  async function obtain(): Promise<CachedToken> {
    const shared = await readShared();
    if (shared) return shared;
    if (cache?.lock) {
      const lock = cache.lock.bind(cache);
      const release = await guarded(() => lock(`${key}:lock`, LOCK_TTL_MS), null);
      if (release) {
        try {
          return (await readShared()) ?? (await grantAndShare());
        } finally {
          await guarded(release, undefined);
        }
      }
      // `undefined`: another instance is granting; `null`: the lock failed, grant directly.
      if (release === undefined) {
        const theirs = await waitForOtherInstance();
        if (theirs) return theirs;
      }
    }
    return grantAndShare();
  }

  /** The fetch under way for this key, or a new one. */
  function join(): Promise<CachedToken> {
    let flight = flights.get(key);
    if (!flight) {
      flight = obtain().finally(() => flights.delete(key));
      flights.set(key, flight);
    }
    return flight;
  }

  return {
    refreshable: true,
    async getToken(signal) {
      if (usable(current)) return current.accessToken;
      // The fetch is shared, so one caller's abort only stops that caller waiting for it.
      let token = await raceAbort(join(), signal);
      // A fetch that began before this client saw a 401 may bring back the refused token.
      if (token.accessToken === rejected) token = await raceAbort(join(), signal);
      current = token;
      return token.accessToken;
    },
    async invalidate(token) {
      rejected = token;
      if (current?.accessToken === token) current = undefined;
      if (!cache) return;
      const shared = await guarded(() => cache.get(key), undefined);
      if (isCachedToken(shared) && shared.accessToken === token) {
        await guarded(() => cache.delete(key), undefined);
      }
    },
  };
}
