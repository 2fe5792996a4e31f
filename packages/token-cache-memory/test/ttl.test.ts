import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../src/index.js";
import { manualClock, token } from "./clock.js";

describe("expiry", () => {
  it("serves a token until its TTL runs out, then never again", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    cache.set("k", token("t1"), 60);

    clock.advance(59_999);
    expect(cache.get("k")).toEqual(token("t1"));

    clock.advance(1);
    expect(cache.get("k")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("stops serving a token at its own expiresAt when that comes before the TTL", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    cache.set("k", token("t1", clock.now() + 10_000), 3600);

    clock.advance(9_999);
    expect(cache.get("k")?.accessToken).toBe("t1");

    clock.advance(1);
    expect(cache.get("k")).toBeUndefined();
  });

  it("returns the token's own expiresAt, not the moment the cache lets go of it", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    cache.set("k", token("t1"), 60);

    expect(cache.get("k")?.expiresAt).toBe(token("t1").expiresAt);
  });

  it("stores nothing when ttlSeconds is zero or negative, and forgets the older token", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    cache.set("k", token("old"), 60);

    cache.set("k", token("new"), 0);
    expect(cache.get("k")).toBeUndefined();

    cache.set("k", token("new"), -5);
    expect(cache.size).toBe(0);
  });

  it("stores nothing when the token has already expired", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });

    cache.set("k", token("t1", clock.now()), 60);

    expect(cache.get("k")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("counts only unexpired tokens in size", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    cache.set("short", token("t1"), 10);
    cache.set("long", token("t2"), 100);

    expect(cache.size).toBe(2);
    clock.advance(10_000);
    expect(cache.size).toBe(1);
  });

  it("replaces a token and its TTL when the same key is set again", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    cache.set("k", token("t1"), 10);
    cache.set("k", token("t2"), 100);

    clock.advance(50_000);
    expect(cache.get("k")?.accessToken).toBe("t2");
    expect(cache.size).toBe(1);
  });

  it("forgets a token on delete and every token on clear", () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    cache.set("a", token("t1"), 60);
    cache.set("b", token("t2"), 60);

    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")?.accessToken).toBe("t2");

    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get("b")).toBeUndefined();
  });

  it("keeps its own copy, so mutating a stored or returned token changes nothing", () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    const value = token("t1");
    cache.set("k", value, 60);

    value.accessToken = "mutated";
    const got = cache.get("k")!;
    got.accessToken = "mutated again";

    expect(cache.get("k")?.accessToken).toBe("t1");
  });

  it("drops extra properties of the stored value", () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    cache.set("k", { ...token("t1"), scope: "read:users" } as ReturnType<typeof token>, 60);

    expect(cache.get("k")).toStrictEqual(token("t1"));
  });

  it("uses Date.now when no clock is given", () => {
    const cache = createMemoryTokenCache();
    cache.set("k", { accessToken: "t1", expiresAt: Date.now() + 60_000 }, 60);

    expect(cache.get("k")?.accessToken).toBe("t1");
  });
});
