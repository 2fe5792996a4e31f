import { check, sameToken, shown, sleep } from "./assert";
import type { CheckEnv } from "./env";
import type { TokenCacheSubject } from "./types";

export type CheckBody = (env: CheckEnv, subject: TokenCacheSubject) => Promise<void>;

const miss = async (env: CheckEnv, key: string, what: string) => {
  const got = await env.cache.get(key);
  check(got === undefined, `${what}: expected a miss (undefined), got ${shown(got)}`);
};

/** get, set and delete: what every cache must do. */
export const storageChecks: Record<string, CheckBody> = {
  "reads undefined for a key that was never set": async (env) => {
    await miss(env, env.key("never"), "get of a key never set");
  },

  "reads back the token it stored, with its expiresAt and issuedAt": async (env) => {
    const key = env.key("k");
    const token = env.token();
    await env.cache.set(key, token, 3600);
    sameToken(await env.cache.get(key), token, "get after set");
  },

  "reads back a token stored without issuedAt as one without issuedAt": async (env) => {
    const key = env.key("k");
    const { accessToken, expiresAt } = env.token();
    await env.cache.set(key, { accessToken, expiresAt }, 3600);
    sameToken(await env.cache.get(key), { accessToken, expiresAt }, "get after set");
  },

  "keeps only accessToken, expiresAt and issuedAt of what it is given": async (env) => {
    const key = env.key("k");
    const token = env.token();
    await env.cache.set(key, { ...token, refreshToken: "extra", scope: "x" } as never, 3600);
    sameToken(await env.cache.get(key), token, "get after a set with extra fields");
  },

  "serves what another cache on the same store stored": async (env) => {
    const key = env.key("k");
    const token = env.token();
    await env.cache.set(key, token, 3600);
    sameToken(await (await env.other()).get(key), token, "get from a second cache");
  },

  "replaces the token stored before under the same key": async (env) => {
    const key = env.key("k");
    await env.cache.set(key, env.token(), 3600);
    const newer = env.token();
    await env.cache.set(key, newer, 3600);
    sameToken(await env.cache.get(key), newer, "get after a second set");
  },

  "keeps keys apart: a set or delete under one key changes no other": async (env) => {
    const [a, b] = [env.key("a"), env.key("b")];
    const [ta, tb] = [env.token(), env.token()];
    await env.cache.set(a, ta, 3600);
    await env.cache.set(b, tb, 3600);
    await env.cache.delete(a);
    await miss(env, a, "get of the deleted key");
    sameToken(await env.cache.get(b), tb, "get of the other key");
  },

  "takes any key of visible ASCII, 2,000 characters long included": async (env) => {
    let visible = "";
    for (let c = 0x21; c <= 0x7e; c++) visible += String.fromCharCode(c);
    const long = env.key("long:") + "scope:read:users ".repeat(120).replace(/ /g, "%20");
    for (const key of [env.key(visible), long.slice(0, 2000)]) {
      const token = env.token();
      await env.cache.set(key, token, 3600);
      sameToken(await env.cache.get(key), token, `get under a key of ${key.length} characters`);
    }
    const [one, two] = [`${long.slice(0, 1999)}a`, `${long.slice(0, 1999)}b`];
    const [t1, t2] = [env.token(), env.token()];
    await env.cache.set(one, t1, 3600);
    await env.cache.set(two, t2, 3600);
    sameToken(await env.cache.get(one), t1, "long keys differing only in their last character");
  },

  "forgets the token on delete": async (env) => {
    const key = env.key("k");
    await env.cache.set(key, env.token(), 3600);
    await env.cache.delete(key);
    await miss(env, key, "get after delete");
  },

  "forgets the token on a delete that names it": async (env) => {
    const key = env.key("k");
    const token = env.token();
    await env.cache.set(key, token, 3600);
    await env.cache.delete(key, token.accessToken);
    await miss(env, key, "get after delete(key, storedToken)");
  },

  "reads a token past its expiresAt as a miss": async (env) => {
    const key = env.key("k");
    await env.cache.set(key, env.token(60_000), 3600);
    env.advance(60_001);
    await miss(env, key, "get once the token's expiresAt has passed");
  },

  "stores nothing for ttlSeconds <= 0, and forgets the older token": async (env) => {
    for (const ttl of [0, -30]) {
      const key = env.key(`ttl${ttl}`);
      await env.cache.set(key, env.token(), 3600);
      await env.cache.set(key, env.token(), ttl);
      await miss(env, key, `get after set(…, ${ttl})`);
    }
  },

  "stores nothing for a token that has expired, and forgets the older token": async (env) => {
    const key = env.key("k");
    await env.cache.set(key, env.token(), 3600);
    await env.cache.set(key, env.token(-1), 3600);
    await miss(env, key, "get after the set of an expired token");
  },

  "ends an entry with its ttlSeconds, before the token's own expiry": async (env, subject) => {
    if ((subject.minTtlSeconds ?? 1) > 1) return;
    const key = env.key("k");
    await env.cache.set(key, env.token(), 1);
    // Real time, for stores that expire entries themselves (Redis PX), and the same on the clock.
    await sleep(1_300);
    await miss(env, key, "get 1.3 s after set(…, 1)");
  },

  "keeps copies: changing a token it was given or returned changes nothing stored": async (env) => {
    const key = env.key("k");
    const token = env.token();
    const given = { ...token };
    await env.cache.set(key, given, 3600);
    given.accessToken = "changed-after-set";
    const got = await env.cache.get(key);
    if (got) got.accessToken = "changed-after-get";
    sameToken(await env.cache.get(key), token, "get after the caller changed an earlier result");
  },
};
