import { ManagementError } from "@auth0-edge/management";
import { TokenCacheError } from "@auth0-edge/management/token-cache";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRedisTokenCache, RedisCacheError, type RedisLike } from "../src/index.js";

const ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmYWlsdXJlcyJ9.c2lnbmF0dXJl";

/** A RedisLike whose every call does what `behave` says: hang, throw, or answer. */
function scripted(behave: () => Promise<never>): RedisLike {
  return { get: behave, set: behave, del: behave, compareAndDelete: behave };
}
const hanging = () => scripted(() => new Promise<never>(() => {}));

describe("a Redis that hangs", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fails each call once timeoutMs has passed, and not before", async () => {
    const cache = createRedisTokenCache(hanging(), { timeoutMs: 250 });
    let outcome: unknown = "pending";
    cache.get("k").catch((error: unknown) => {
      outcome = error;
    });

    await vi.advanceTimersByTimeAsync(249);
    expect(outcome).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);

    expect(outcome).toBeInstanceOf(RedisCacheError);
    expect(outcome).toMatchObject({ operation: "get", reason: "timeout" });
    // One error scheme with the client: a ManagementError with a code to switch on.
    expect(outcome).toBeInstanceOf(ManagementError);
    expect(outcome).toBeInstanceOf(TokenCacheError);
    expect(outcome).toMatchObject({ name: "RedisCacheError", code: "ERR_TOKEN_CACHE" });
  });

  it("bounds every operation by 1 s by default, below the client's own 2 s", async () => {
    const cache = createRedisTokenCache(hanging());
    const calls = [
      cache.get("k"),
      cache.set("k", { accessToken: ACCESS_TOKEN, expiresAt: Date.now() + 60_000 }, 60),
      cache.delete("k"),
      cache.lock("k:lock", 10_000),
    ].map((call) => call.catch((error: RedisCacheError) => [error.operation, error.reason]));

    await vi.advanceTimersByTimeAsync(1_000);

    expect(await Promise.all(calls)).toEqual([
      ["get", "timeout"],
      ["set", "timeout"],
      ["delete", "timeout"],
      ["lock", "timeout"],
    ]);
  });
});

describe("a Redis that fails", () => {
  it("turns a client's error into a RedisCacheError without the token and without its cause", async () => {
    const cause = new Error(
      `ERR command was: ["SET","k","{\\"accessToken\\":\\"${ACCESS_TOKEN}\\"}","PX","60000"]`,
    );
    const errors: RedisCacheError[] = [];
    const cache = createRedisTokenCache(
      scripted(() => Promise.reject(cause)),
      {
        onError: (error) => errors.push(error),
      },
    );

    const failure = (await cache
      .set("k", { accessToken: ACCESS_TOKEN, expiresAt: Date.now() + 60_000 }, 60)
      .catch((error: unknown) => error)) as RedisCacheError;

    expect(failure).toBeInstanceOf(RedisCacheError);
    expect(failure.message).toMatch(/^redis set failed: Error: ERR command was: \["SET","k",/);
    expect(failure.message).toContain("[redacted]");
    expect(JSON.stringify([failure.message, failure.stack, String(failure)])).not.toContain(
      ACCESS_TOKEN,
    );
    expect(failure.cause).toBeUndefined();
    expect(errors).toEqual([failure]);
  });

  it("takes any JWT out of a message, even one it did not write", async () => {
    const leaky = new Error(`bad reply ${ACCESS_TOKEN}`);
    const cache = createRedisTokenCache(scripted(() => Promise.reject(leaky)));

    await expect(cache.get("k")).rejects.toThrow(
      /^redis get failed: Error: bad reply \[redacted\]$/,
    );
  });

  it("reports a client that throws synchronously like one that rejects", async () => {
    const throwing: RedisLike = {
      ...hanging(),
      get: () => {
        throw new Error("not connected");
      },
    };

    await expect(createRedisTokenCache(throwing).get("k")).rejects.toMatchObject({
      operation: "get",
      reason: "failure",
      message: "redis get failed: Error: not connected",
    });
  });

  it("rejects the release when Redis fails, so the lock is left to expire", async () => {
    let taken = false;
    const redis: RedisLike = {
      ...hanging(),
      set: async () => {
        taken = true;
        return true;
      },
      compareAndDelete: () => Promise.reject(new Error("connection lost")),
    };
    const release = await createRedisTokenCache(redis).lock("k:lock", 5_000);

    expect(taken).toBe(true);
    await expect(release!()).rejects.toMatchObject({ operation: "release", reason: "failure" });
  });

  it("gives the same error when onError itself throws", async () => {
    const cache = createRedisTokenCache(
      scripted(() => Promise.reject(new Error("down"))),
      {
        onError: () => {
          throw new Error("logger broke");
        },
      },
    );

    await expect(cache.delete("k")).rejects.toMatchObject({
      operation: "delete",
      message: "redis delete failed: Error: down",
    });
  });
});

describe("creation", () => {
  it("refuses a client that is not a RedisLike, and names the adapters", () => {
    expect(() => createRedisTokenCache({ get() {} } as never)).toThrow(
      /redis must have a set method: wrap your client with fromIoredis, fromNodeRedis or fromUpstash/,
    );
    expect(() => createRedisTokenCache(undefined as never)).toThrow(TokenCacheError);
  });

  it.each([
    ["prefix", { prefix: 1 }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["timeoutMs", { timeoutMs: Number.POSITIVE_INFINITY }],
    ["onError", { onError: "log" }],
    ["now", { now: 5 }],
  ])("refuses a bad %s", (name, options) => {
    expect(() => createRedisTokenCache(hanging(), options as never)).toThrow(
      new RegExp(`^${name} must be`),
    );
  });
});
