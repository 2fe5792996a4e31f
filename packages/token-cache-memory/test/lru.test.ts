import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../src/index.js";
import { manualClock, token } from "./clock.js";

describe("bound on entries", () => {
  it("evicts the least recently set token when a set goes past maxEntries", () => {
    const cache = createMemoryTokenCache({ maxEntries: 2, now: manualClock().now });
    cache.set("a", token("ta"), 60);
    cache.set("b", token("tb"), 60);
    cache.set("c", token("tc"), 60);

    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")?.accessToken).toBe("tb");
    expect(cache.get("c")?.accessToken).toBe("tc");
  });

  it("evicts in least-recently-used order, one entry per overflowing set", () => {
    const cache = createMemoryTokenCache({ maxEntries: 3, now: manualClock().now });
    for (const key of ["a", "b", "c", "d", "e"]) cache.set(key, token(`t${key}`), 60);

    expect(["a", "b", "c", "d", "e"].map((key) => cache.get(key)?.accessToken)).toEqual([
      undefined,
      undefined,
      "tc",
      "td",
      "te",
    ]);
  });

  it("makes a token most recently used when get hits it", () => {
    const cache = createMemoryTokenCache({ maxEntries: 2, now: manualClock().now });
    cache.set("a", token("ta"), 60);
    cache.set("b", token("tb"), 60);

    cache.get("a");
    cache.set("c", token("tc"), 60);

    expect(cache.get("a")?.accessToken).toBe("ta");
    expect(cache.get("b")).toBeUndefined();
  });

  it("makes a token most recently used when it is set again", () => {
    const cache = createMemoryTokenCache({ maxEntries: 2, now: manualClock().now });
    cache.set("a", token("ta"), 60);
    cache.set("b", token("tb"), 60);

    cache.set("a", token("ta2"), 60);
    cache.set("c", token("tc"), 60);

    expect(cache.get("a")?.accessToken).toBe("ta2");
    expect(cache.get("b")).toBeUndefined();
  });

  it("does not count a get miss as a use", () => {
    const cache = createMemoryTokenCache({ maxEntries: 2, now: manualClock().now });
    cache.set("a", token("ta"), 60);
    cache.set("b", token("tb"), 60);

    cache.get("missing");
    cache.set("c", token("tc"), 60);

    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it("evicts expired tokens before a live one when full", () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ maxEntries: 2, now: clock.now });
    cache.set("live", token("tl"), 600);
    cache.set("dying", token("td"), 10);

    clock.advance(10_000);
    cache.set("new", token("tn"), 600);

    expect(cache.get("live")?.accessToken).toBe("tl");
    expect(cache.get("new")?.accessToken).toBe("tn");
    expect(cache.size).toBe(2);
  });
});
