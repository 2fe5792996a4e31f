import type { CachedToken } from "@auth0-edge/management";
import { ManagementError } from "@auth0-edge/management";
import { TokenCacheError } from "@auth0-edge/management/token-cache";
import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../src/index.js";
import { manualClock, token } from "./clock.js";

const SECRET = "eyJhbGciOiJSUzI1NiJ9.secret-token-text.signature";

describe("bad input", () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "10", null])(
    "rejects maxEntries %s with a TokenCacheError (ERR_TOKEN_CACHE)",
    (maxEntries) => {
      expect(() => createMemoryTokenCache({ maxEntries: maxEntries as number })).toThrow(
        /maxEntries must be a positive integer/,
      );
      expect(() => createMemoryTokenCache({ maxEntries: maxEntries as number })).toThrow(
        expect.objectContaining({ code: "ERR_TOKEN_CACHE", reason: "invalid-option" }),
      );
    },
  );

  it("rejects a clock that is not a function", () => {
    expect(() => createMemoryTokenCache({ now: 0 as unknown as () => number })).toThrow(
      TokenCacheError,
    );
  });

  it.each([
    ["null", null],
    ["a bare string", SECRET],
    ["a missing accessToken", { expiresAt: 1 }],
    ["an accessToken that is not a string", { accessToken: 42, expiresAt: 1 }],
    ["an empty accessToken", { accessToken: "", expiresAt: 1 }],
    ["a missing expiresAt", { accessToken: SECRET }],
    ["an expiresAt that is a string", { accessToken: SECRET, expiresAt: "1700000000000" }],
    ["an expiresAt that is NaN", { accessToken: SECRET, expiresAt: Number.NaN }],
    ["an expiresAt that is Infinity", { accessToken: SECRET, expiresAt: Number.POSITIVE_INFINITY }],
  ])("rejects a value with %s, without the token in the message", (_, value) => {
    const cache = createMemoryTokenCache({ now: manualClock().now });

    let error: unknown;
    try {
      cache.set("k", value as CachedToken, 60);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(TokenCacheError);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ code: "ERR_TOKEN_CACHE", reason: "invalid-value" });
    expect((error as Error).message).toMatch(/^a token to cache must be/);
    expect(String(error)).not.toContain("secret-token-text");
    expect(cache.size).toBe(0);
  });

  it("rejects a ttlSeconds that is not a number, and stores nothing", () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });

    for (const ttlSeconds of [Number.NaN, "60", undefined]) {
      expect(() => cache.set("k", token(SECRET), ttlSeconds as number)).toThrow(TokenCacheError);
    }
    expect(cache.size).toBe(0);
  });

  it("leaves the previous token in place when a set is rejected", () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    cache.set("k", token("t1"), 60);

    expect(() => cache.set("k", { accessToken: 1 } as unknown as CachedToken, 60)).toThrow();

    expect(cache.get("k")?.accessToken).toBe("t1");
  });
});
