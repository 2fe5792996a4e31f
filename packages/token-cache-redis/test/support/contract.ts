import { TokenCacheError } from "@auth0-edge/management/token-cache";
import type Redis from "ioredis";
import { beforeEach, describe, expect, it } from "vitest";
import type { RedisLike } from "../../src/index.js";
import { eventually } from "./eventually.js";

/**
 * What every adapter must do against a real Redis. `inspect` is a separate ioredis
 * connection to the same server, used to look at keys behind the adapter's back.
 */
export function describeRedisLike(
  name: string,
  context: () => { redis: RedisLike; inspect: Redis },
): void {
  describe(`${name} as RedisLike`, () => {
    let redis: RedisLike;
    let inspect: Redis;
    beforeEach(async () => {
      ({ redis, inspect } = context());
      await inspect.flushall();
    });

    it("reads back what it wrote, and null for a key that is not there", async () => {
      expect(await redis.set("k", '{"a":"ü ✓"}', { px: 60_000 })).toBe(true);

      expect(await redis.get("k")).toBe('{"a":"ü ✓"}');
      expect(await redis.get("missing")).toBeNull();
    });

    it("gives the key Redis's own expiry in milliseconds (PX)", async () => {
      await redis.set("k", "v", { px: 60_000 });

      const pttl = await inspect.pttl("k");
      expect(pttl).toBeGreaterThan(55_000);
      expect(pttl).toBeLessThanOrEqual(60_000);
    });

    it("lets Redis drop the key once its PX has passed", async () => {
      await redis.set("k", "v", { px: 30 });

      await eventually(async () => expect(await redis.get("k")).toBeNull());
    });

    it("rounds a fractional PX up to whole milliseconds and refuses a PX that is not positive", async () => {
      await redis.set("k", "v", { px: 59_999.2 });
      expect(await inspect.pttl("k")).toBeGreaterThan(55_000);

      for (const px of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(redis.set("k", "v", { px })).rejects.toThrow(TokenCacheError);
      }
    });

    it("overwrites with a plain set, and with NX writes only a key that is absent", async () => {
      await redis.set("k", "first", { px: 60_000 });
      expect(await redis.set("k", "second", { px: 60_000 })).toBe(true);
      expect(await redis.get("k")).toBe("second");

      expect(await redis.set("k", "third", { px: 60_000, nx: true })).toBe(false);
      expect(await redis.get("k")).toBe("second");
      expect(await redis.set("fresh", "one", { px: 60_000, nx: true })).toBe(true);
      expect(await redis.get("fresh")).toBe("one");
    });

    it("deletes a key, and deleting a missing key is not an error", async () => {
      await redis.set("k", "v", { px: 60_000 });

      await redis.del("k");
      await redis.del("k");

      expect(await inspect.exists("k")).toBe(0);
    });

    it("compare-and-deletes only while the key still holds the given value", async () => {
      await redis.set("k", "mine", { px: 60_000 });

      expect(await redis.compareAndDelete("k", "someone-else")).toBe(false);
      expect(await inspect.get("k")).toBe("mine");
      expect(await redis.compareAndDelete("k", "mine")).toBe(true);
      expect(await inspect.exists("k")).toBe(0);
      expect(await redis.compareAndDelete("k", "mine")).toBe(false);
    });
  });
}
