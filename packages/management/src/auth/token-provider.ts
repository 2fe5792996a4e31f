import { ManagementError, TokenBrakeError, TokenError } from "../errors.js";
import type { TokenSource } from "../options.js";
import { raceAbort } from "../signals.js";
import {
  type CachedToken,
  TOKEN_SHARE,
  type TokenCache,
  type TokenShareHook,
} from "../token-cache.js";
import { TOKEN_CHARACTERS } from "../token-cache-kit/stored-token.js";
import { expiryClaim } from "./expiry-claim.js";

/** Where the auth step gets bearer tokens from. */
export interface TokenProvider {
  /**
   * A token for `call`, whose signal is read only to wait for a grant: reading it makes a
   * call's own signal, which a token at hand does not need.
   */
  getToken(call: { readonly signal: AbortSignal }): Promise<string>;
  /**
   * The API answered a request made with `token`: refused it (401) or not; a promise of
   * truthy: refused as expired. An acceptance has nothing to wait for.
   */
  answered?(token: string, refused: boolean): Promise<unknown> | undefined;
  /** Set when asking again after a 401 cannot give a different token. */
  readonly fixed?: boolean;
}

export { TOKEN_CHARACTERS };

/** `token` if it can be a bearer token; else a `TokenError` that does not show it. */
export function checkToken(token: unknown, from: string): string {
  if (typeof token === "string" && TOKEN_CHARACTERS.test(token)) return token;
  throw new TokenError(`${from}: the access token is not visible ASCII`);
}

/** A token given by the caller, as a string or a function called for each request. */
export function givenTokenProvider(source: TokenSource): TokenProvider {
  return {
    fixed: typeof source === "string",
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
  };
}

export interface GrantingProviderSettings {
  /** The cache key: derived from domain, clientId, audience and scope, never the secret. */
  key: string;
  /** The secret or signer: clients share state only when they share it, compared in memory. */
  credential: unknown;
  cache: TokenCache | undefined;
  grant: () => Promise<CachedToken>;
  leewayMs: number;
}

/** The brake's first pause, doubled at each trip up to 5 minutes. */
const PAUSE_MS = 30_000;

/**
 * What the clients of one isolate with the same cache key and credential share, however
 * many clients or cache objects there are. Short names: they are not minified, and this
 * code is in every bundle.
 */
interface Slot {
  /** The credential the slot belongs to. */
  c: unknown;
  /** The token fetch under way. */
  f?: Promise<CachedToken | undefined>;
  /** The last token the API refused, and when: tokens issued before then are not taken. */
  r?: string;
  at: number;
  /** Refused tokens (or refused grants) since the last accepted call. */
  n: number;
  /** No grant before this time (the brake), and the next pause. */
  u?: number;
  p: number;
  /** This isolate's point in the refresh window (0–1) when the cache has no lock. */
  j: number;
  /** No refresh ahead is tried before this time (the last try found another holder or failed). */
  a?: number;
}

const slots = new Map<string, Slot>();

/**
 * A point in the refresh window, drawn anew at each refresh: the cube root of a uniform
 * draw puts few isolates early, so the earliest one is most often alone in refreshing and
 * the others read its token (a fleet of 20: about 1.5 grants per refresh, against 2.3 for
 * a uniform draw).
 */
const draw = () => Math.random() ** (1 / 3);

/**
 * Obtains tokens with a grant and keeps them: in this client's memory, and in the
 * shared `cache` when one is given.
 *
 * - Refresh-ahead: a token is used until its hard expiry (`expiresAt`). From
 *   `expiresAt - leeway` (its refresh-after time) one refresh runs in the background
 *   while calls go on with the current token: the lease or lock holder's, or, with a
 *   cache that has neither, each isolate's at its own random point of the first three
 *   quarters of the window, so the first to refresh stores the token the others then read.
 * - Single flight per isolate by cache key and credential: any number of clients and
 *   cache objects join one fetch; across instances the cache's `lease` (or `lock`) makes
 *   one grant per refresh, and waiters read the cache and try the lease again until they
 *   get a token, for at most 65 s (then they grant).
 * - A 401 forgets the token, deletes the shared entry only while it holds that token,
 *   and the retry takes only a token issued after the refusal (any newer one when the
 *   token was past its refresh-after time). Three refusals in a row (tokens, or the
 *   grant itself) pause grants: see {@link TokenBrakeError}.
 *
 * Every cache failure (a throw, a hang, a malformed value) counts as a miss.
 */
export function grantingTokenProvider(settings: GrantingProviderSettings): TokenProvider {
  const { key, cache, leewayMs, credential } = settings;
  let s = slots.get(key)!;
  // Another credential for the key (a rotated or wrong secret) gets a slot of its own.
  if (s?.c !== credential) {
    s = { c: credential, at: 0, n: 0, p: PAUSE_MS, j: draw() };
    slots.set(key, s);
  }
  const now = () => Date.now();
  let current: CachedToken | undefined;

  /**
   * A token not refused, issued after the last refusal (a clock set back since forgets
   * it). Each source checks it is a bearer token: the grant, and a shared cache's reads.
   */
  const fresh = (t: CachedToken | undefined): t is CachedToken =>
    !!t && t.accessToken !== s.r && ((t.issuedAt ?? 0) >= s.at || s.at > now());
  /** Fresh, and before its expiry (`ahead`: before this instance's refresh point). */
  const usable = (t: CachedToken | undefined, ahead?: boolean): t is CachedToken =>
    fresh(t) && t.expiresAt - (ahead ? leewayMs * (1 - (shared?.s ?? 0) * s.j) : 0) > now();
  // The coordination of a shared cache lives with the cache (see shareTokenCache), so a
  // client without one does not carry it. `usable` reads `shared` only once this has run.
  const shared = (cache as (TokenCache & { [TOKEN_SHARE]: TokenShareHook }) | undefined)?.[
    TOKEN_SHARE
  ](key, usable);

  function strike() {
    if (++s.n > 2) {
      s.u = now() + s.p;
      s.p = Math.min(s.p * 2, 10 * PAUSE_MS);
    }
  }

  async function grant(): Promise<CachedToken> {
    if (s.u! > now()) {
      throw new TokenBrakeError("grants paused: 3 tokens refused in a row", {
        retryAt: s.u,
      });
    }
    return settings.grant().catch((error: TokenError) => {
      if (error.statusCode === 401 || error.statusCode === 403) strike();
      throw error;
    });
  }

  /**
   * The fetch under way for this key in this isolate, or a new one: a token from the
   * shared cache or a grant; `undefined` for a refresh ahead that another instance holds.
   */
  const join = (ahead: boolean): Promise<CachedToken | undefined> =>
    (s.f ??= (shared ? shared.o(ahead, grant) : grant()).finally(() => {
      s.f = undefined;
    }));

  return {
    async getToken(call) {
      let token = current;
      // The fetch is shared, so one caller's abort only stops that caller waiting for it.
      // A fetch that began before a 401 may bring back a token issued before it: ask once
      // more. A token granted just now is used even if it lives 0 s (`expires_in: 0`).
      for (let i = 0; i < 2 && !(i ? fresh(token) : usable(token)); i++) {
        token =
          (await raceAbort(join(false), call.signal)) ??
          (await raceAbort(join(false), call.signal));
      }
      if (!(usable(token, true) || s.a! > now())) {
        s.a = now() + 1_000;
        join(true).then(
          (t) => {
            if (usable(t, true)) {
              current = t;
              s.j = draw();
            }
          },
          () => {},
        );
      }
      current = token;
      return token!.accessToken;
    },
    answered(token, refused) {
      if (!refused) {
        s.n = s.u = 0;
        s.p = PAUSE_MS;
        return;
      }
      return refusedToken(token);
    },
  };

  async function refusedToken(token: string) {
    // A token refused at or past its refresh-after time (by its `exp`) most likely
    // expired on the way (a slow API, a clock behind): tokens issued before the refusal
    // stay takable, such as the one another instance refreshed to, and no instance that
    // kept the old token to its end grants one of its own. Any other refusal reads as
    // revocation. Either counts toward the brake. The auth step tries once more when a
    // newer token taken after such a refusal is refused too (revoked meanwhile).
    const due = expiryClaim(token) - leewayMs <= now();
    if (s.r !== token) {
      if (!due) s.at = now();
      strike();
    }
    s.r = token;
    if (current?.accessToken === token) current = undefined;
    await shared?.r(token);
    return due;
  }
}
