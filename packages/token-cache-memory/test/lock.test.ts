import { TokenCacheError } from "@auth0-edge/management/token-cache";
import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../src/index.js";
import { manualClock } from "./clock.js";

describe("lock", () => {
  it("gives the lock to one caller at a time", async () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });

    const [first, second] = await Promise.all([cache.lock("k", 5_000), cache.lock("k", 5_000)]);

    expect(first).toBeTypeOf("function");
    expect(second).toBeUndefined();
  });

  it("frees the lock on release", async () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    const release = await cache.lock("k", 5_000);

    await release!();

    expect(await cache.lock("k", 5_000)).toBeTypeOf("function");
  });

  it("locks each key on its own", async () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    await cache.lock("a", 5_000);

    expect(await cache.lock("b", 5_000)).toBeTypeOf("function");
  });

  it("hands the lock to a new caller once the holder's ttlMs has passed", async () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    await cache.lock("k", 5_000);

    clock.advance(4_999);
    expect(await cache.lock("k", 5_000)).toBeUndefined();

    clock.advance(1);
    expect(await cache.lock("k", 5_000)).toBeTypeOf("function");
  });

  it("ignores a second release by the same holder", async () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    const release = await cache.lock("k", 5_000);
    await release!();
    await cache.lock("k", 5_000);

    await release!();

    expect(await cache.lock("k", 5_000)).toBeUndefined();
  });

  it("does not free a new holder's lock when a stale holder releases after expiry", async () => {
    const clock = manualClock();
    const cache = createMemoryTokenCache({ now: clock.now });
    const staleRelease = await cache.lock("k", 5_000);
    clock.advance(5_000);
    const freshRelease = await cache.lock("k", 5_000);

    await staleRelease!();

    expect(await cache.lock("k", 5_000)).toBeUndefined();
    await freshRelease!();
    expect(await cache.lock("k", 5_000)).toBeTypeOf("function");
  });

  it("keeps locks held when the tokens are cleared", async () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });
    await cache.lock("k", 5_000);

    cache.clear();

    expect(await cache.lock("k", 5_000)).toBeUndefined();
  });

  it("rejects a ttlMs that is not a positive, finite number", async () => {
    const cache = createMemoryTokenCache({ now: manualClock().now });

    for (const ttlMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "5000"]) {
      await expect(cache.lock("k", ttlMs as number)).rejects.toThrow(TokenCacheError);
    }
    expect(await cache.lock("k", 5_000)).toBeTypeOf("function");
  });
});
