import { check, rejects, sameToken } from "./assert";
import type { CheckBody } from "./storage-checks";

// What no Authorization header can carry: empty, a space, a line break, NUL, non-ASCII.
const NOT_BEARER = ["", "two words", "line\r\nbreak", "nul\u0000byte", "tökén", "tab\tbed"];

/** Bad input is refused with an error, the error never shows the token, and nothing stored is lost. */
export const validationChecks: Record<string, CheckBody> = {
  "refuses a token that is not visible ASCII, never shows it, and keeps the older one": async (
    env,
  ) => {
    const key = env.key("k");
    const kept = env.token();
    await env.cache.set(key, kept, 3600);
    for (const accessToken of NOT_BEARER) {
      const marked = accessToken && `${accessToken}-SECRET-MARK`;
      const error = await rejects(
        () => env.cache.set(key, { ...env.token(), accessToken: marked }, 3600),
        `set of the access token ${JSON.stringify(marked)} was accepted`,
      );
      const text = error instanceof Error ? `${error.message} ${error.stack ?? ""}` : String(error);
      check(
        marked === "" || !text.includes("SECRET-MARK"),
        `the error for a refused token shows it: ${JSON.stringify(text.slice(0, 200))}`,
      );
    }
    sameToken(await env.cache.get(key), kept, "get after the refused sets");
  },

  "refuses a value of the wrong shape, and keeps the older one": async (env) => {
    const key = env.key("k");
    const kept = env.token();
    await env.cache.set(key, kept, 3600);
    const { accessToken, expiresAt } = env.token();
    const bad: unknown[] = [
      null,
      undefined,
      "a.b.c",
      { accessToken },
      { expiresAt },
      { accessToken: 42, expiresAt },
      { accessToken, expiresAt: "tomorrow" },
      { accessToken, expiresAt: Number.NaN },
      { accessToken, expiresAt: Number.POSITIVE_INFINITY },
      { accessToken, expiresAt, issuedAt: "yesterday" },
    ];
    for (const value of bad) {
      await rejects(
        () => env.cache.set(key, value as never, 3600),
        `set of ${JSON.stringify(value) ?? String(value)} was accepted`,
      );
    }
    sameToken(await env.cache.get(key), kept, "get after the refused sets");
  },

  "refuses a ttlSeconds that is not a number, and keeps the older one": async (env) => {
    const key = env.key("k");
    const kept = env.token();
    await env.cache.set(key, kept, 3600);
    for (const ttl of [Number.NaN, "60", undefined, null]) {
      await rejects(
        () => env.cache.set(key, env.token(), ttl as never),
        `set with ttlSeconds ${String(ttl)} was accepted`,
      );
    }
    sameToken(await env.cache.get(key), kept, "get after the refused sets");
  },
};
