import { type RedisConfigNodejs, Redis as Upstash } from "@upstash/redis";
import type { Redis as UpstashOnWorkers } from "@upstash/redis/cloudflare";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createRedisTokenCache,
  fromUpstash,
  RedisCacheError,
  type UpstashClient,
} from "../src/index.js";
import { describeRedisLike } from "./support/contract.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";
import { startUpstashShim, type UpstashShim } from "./support/upstash-shim.js";

// Shaped like a real access token, so that the redaction of JWTs is exercised too.
const ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1cHN0YXNoLXRlc3QifQ.c2lnbmF0dXJl";

describe("fromUpstash, through a local Upstash REST shim", () => {
  let server: RedisServer;
  let shim: UpstashShim;
  let inspect: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    shim = await startUpstashShim(server.url);
    inspect = new Redis(server.url);
  });
  afterAll(async () => {
    inspect.disconnect();
    await shim.close();
    await server.stop();
  });

  const upstash = (options: Partial<RedisConfigNodejs> = {}) =>
    new Upstash({ url: shim.url, token: shim.token, enableTelemetry: false, ...options });

  it("accepts the Node and Workers clients of @upstash/redis as they are", () => {
    expectTypeOf<Upstash>().toExtend<UpstashClient>();
    expectTypeOf<UpstashOnWorkers>().toExtend<UpstashClient>();
  });

  describeRedisLike("@upstash/redis (auto-pipelining, JSON replies parsed)", () => ({
    redis: fromUpstash(upstash()),
    inspect,
  }));

  describeRedisLike("@upstash/redis (one request per command, raw replies)", () => ({
    redis: fromUpstash(upstash({ enableAutoPipelining: false, automaticDeserialization: false })),
    inspect,
  }));

  it("sends SET with PX and NX and the compare-and-delete script over REST", async () => {
    const redis = fromUpstash(upstash({ enableAutoPipelining: false }));
    shim.commands.length = 0;

    await redis.set("lock", "me", { px: 5_000, nx: true });
    await redis.compareAndDelete("lock", "me");

    expect(shim.commands.map(([name]) => name)).toEqual(["SET", "EVAL"]);
    const [, key, value, ...options] = shim.commands[0] ?? [];
    expect([key, value]).toEqual(["lock", "me"]);
    expect(options.map((option) => option.toUpperCase()).sort()).toEqual(["5000", "NX", "PX"]);
    expect(options.join(" ").toUpperCase()).toContain("PX 5000");
  });

  it("reads back a token although the client parses the stored JSON itself", async () => {
    const cache = createRedisTokenCache(fromUpstash(upstash()));
    const token = { accessToken: ACCESS_TOKEN, expiresAt: Date.now() + 60_000 };

    await cache.set("k", token, 60);

    expect(await cache.get("k")).toEqual(token);
  });

  it("keeps the token out of the error when Redis behind the REST API is down", async () => {
    const doomed = await startRedisServer();
    const failingShim = await startUpstashShim(doomed.url);
    const client = new Upstash({
      url: failingShim.url,
      token: failingShim.token,
      enableTelemetry: false,
      retry: false,
    });
    const errors: RedisCacheError[] = [];
    const cache = createRedisTokenCache(fromUpstash(client), {
      onError: (error) => errors.push(error),
    });
    try {
      await doomed.kill();

      // The client's own error quotes the whole command, token included…
      const raw = await fromUpstash(client)
        .set("k", ACCESS_TOKEN, { px: 60_000 })
        .catch((error: Error) => error.message);
      expect(raw).toContain(ACCESS_TOKEN);
      // …so the cache's error keeps its words but not the token.
      const failure = await cache
        .set("k", { accessToken: ACCESS_TOKEN, expiresAt: Date.now() + 60_000 }, 60)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RedisCacheError);
      expect(failure).toMatchObject({ operation: "set", reason: "failure" });
      expect(String((failure as Error).message)).toMatch(/^redis set failed: UpstashError/);
      expect(JSON.stringify([failure, String(failure), (failure as Error).stack])).not.toContain(
        ACCESS_TOKEN,
      );
      expect((failure as Error).cause).toBeUndefined();
      expect(errors).toEqual([failure]);
    } finally {
      await failingShim.close();
      await doomed.stop();
    }
  });
});
