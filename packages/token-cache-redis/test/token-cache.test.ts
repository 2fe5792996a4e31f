import { TokenCacheError } from "@auth0-edge/management/token-cache";
import Redis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedisTokenCache, fromIoredis, type RedisTokenCache } from "../src/index.js";
import { eventually } from "./support/eventually.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

const NOW = 1_800_000_000_000;
const token = (expiresInMs = 3_600_000) => ({
  accessToken: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0In0.c2ln",
  expiresAt: NOW + expiresInMs,
});

describe("createRedisTokenCache on a real Redis", () => {
  let server: RedisServer;
  let connections: Redis[];
  let inspect: Redis;
  let cache: RedisTokenCache;
  // Each "instance" has its own connection, as separate processes would.
  const instance = (options: Parameters<typeof createRedisTokenCache>[1] = {}) => {
    const connection = new Redis(server.url, { maxRetriesPerRequest: 1 });
    connections.push(connection);
    return createRedisTokenCache(fromIoredis(connection), { now: () => NOW, ...options });
  };
  beforeAll(async () => {
    server = await startRedisServer();
    connections = [];
    inspect = new Redis(server.url);
  });
  afterAll(async () => {
    for (const connection of [...connections, inspect]) connection.disconnect();
    await server.stop();
  });
  beforeEach(async () => {
    await inspect.flushall();
    cache = instance();
  });

  describe("tokens", () => {
    it("stores { accessToken, expiresAt } as JSON and reads it back", async () => {
      await cache.set("k", token(), 3_600);

      expect(JSON.parse((await inspect.get("k"))!)).toEqual(token());
      expect(await instance().get("k")).toEqual(token());
    });

    it("lets Redis expire the entry after ttlSeconds (SET … PX)", async () => {
      await cache.set("k", token(), 120);

      const pttl = await inspect.pttl("k");
      expect(pttl).toBeGreaterThan(115_000);
      expect(pttl).toBeLessThanOrEqual(120_000);
    });

    it("expires the entry with the token when the token ends before ttlSeconds", async () => {
      await cache.set("k", token(30_000), 3_600);

      const pttl = await inspect.pttl("k");
      expect(pttl).toBeGreaterThan(25_000);
      expect(pttl).toBeLessThanOrEqual(30_000);
    });

    it("stores nothing, and drops an older token, when the time left is not positive", async () => {
      await cache.set("k", token(), 3_600);

      await cache.set("k", token(), 0);
      expect(await inspect.exists("k")).toBe(0);

      await cache.set("k", token(), 3_600);
      await cache.set("k", token(-1), 3_600);
      expect(await inspect.exists("k")).toBe(0);
    });

    it("is empty once Redis has expired the entry", async () => {
      const live = createRedisTokenCache(fromIoredis(connections[0]!));
      await live.set("k", { accessToken: "a", expiresAt: Date.now() + 60_000 }, 0.05);

      await eventually(async () => expect(await live.get("k")).toBeUndefined());
    });

    it("forgets a token on delete", async () => {
      await cache.set("k", token(), 3_600);

      await cache.delete("k");

      expect(await cache.get("k")).toBeUndefined();
    });

    it.each([
      ["not JSON", "eyJhbGciOi"],
      ["JSON of another shape", '{"token":"abc","exp":1}'],
      ["an array", '["abc", 1800003600000]'],
      ["a number", "42"],
      ["null", "null"],
      ["an empty token", `{"accessToken":"","expiresAt":${NOW + 60_000}}`],
      ["a token that is not a string", `{"accessToken":42,"expiresAt":${NOW + 60_000}}`],
      ["an expiry that is not a number", `{"accessToken":"abc","expiresAt":"${NOW + 60_000}"}`],
      ["an expired token", `{"accessToken":"abc","expiresAt":${NOW}}`],
    ])("treats %s under the key as a miss", async (_, text) => {
      await inspect.set("k", text);

      expect(await cache.get("k")).toBeUndefined();
    });

    it("returns only the token's own fields from an entry with extra ones", async () => {
      await inspect.set("k", JSON.stringify({ ...token(), note: "from another writer" }));

      expect(await cache.get("k")).toEqual(token());
    });

    it("puts its prefix before every key it reads and writes", async () => {
      const prefixed = instance({ prefix: "app-1:" });
      await prefixed.set("k", token(), 3_600);
      const release = await prefixed.lock("k:lock", 5_000);

      expect((await inspect.keys("*")).sort()).toEqual(["app-1:k", "app-1:k:lock"]);
      expect(await cache.get("k")).toBeUndefined();
      expect(await prefixed.get("k")).toEqual(token());
      await release!();
      expect(await inspect.keys("*")).toEqual(["app-1:k"]);
    });

    it.each([
      ["null", null],
      ["a string", "token"],
      ["an empty token", { accessToken: "", expiresAt: NOW }],
      ["no expiry", { accessToken: "secret-token-value" }],
      ["an infinite expiry", { accessToken: "secret-token-value", expiresAt: Infinity }],
    ])("refuses to store %s, without the token in the message", async (_, value) => {
      const failure = await cache.set("k", value as never, 60).catch((error: Error) => error);

      expect(failure).toBeInstanceOf(TokenCacheError);
      expect(failure).toMatchObject({ code: "ERR_TOKEN_CACHE", reason: "invalid-value" });
      expect((failure as Error).message).not.toContain("secret-token-value");
      expect(await inspect.exists("k")).toBe(0);
    });
  });

  describe("lock", () => {
    it("gives the lock to exactly one of many instances asking at once", async () => {
      const instances = Array.from({ length: 10 }, () => instance());

      const results = await Promise.all(instances.map((c) => c.lock("k:lock", 5_000)));

      expect(results.filter((r) => typeof r === "function")).toHaveLength(1);
      expect(results.filter((r) => r === undefined)).toHaveLength(9);
    });

    it("holds the lock for ttlMs with SET NX PX", async () => {
      await cache.lock("k:lock", 10_000);

      const pttl = await inspect.pttl("k:lock");
      expect(pttl).toBeGreaterThan(9_000);
      expect(pttl).toBeLessThanOrEqual(10_000);
    });

    it("frees the lock for the next instance on release", async () => {
      const release = await cache.lock("k:lock", 5_000);
      expect(await instance().lock("k:lock", 5_000)).toBeUndefined();

      await release!();

      expect(await instance().lock("k:lock", 5_000)).toBeTypeOf("function");
    });

    it("hands the lock on once Redis has expired it", async () => {
      await cache.lock("k:lock", 30);

      await eventually(async () =>
        expect(await instance().lock("k:lock", 5_000)).toBeTypeOf("function"),
      );
    });

    it("does not free the lock of a new holder when the expired holder releases", async () => {
      const staleRelease = await cache.lock("k:lock", 30);
      let freshRelease: (() => Promise<void>) | undefined;
      await eventually(async () => {
        freshRelease = await instance().lock("k:lock", 5_000);
        expect(freshRelease).toBeTypeOf("function");
      });
      const holder = await inspect.get("k:lock");

      await staleRelease!();

      expect(await inspect.get("k:lock")).toBe(holder);
      expect(await instance().lock("k:lock", 5_000)).toBeUndefined();
      await freshRelease!();
      expect(await inspect.exists("k:lock")).toBe(0);
    });

    it("releases once: a second call does not free a lock taken again since", async () => {
      const release = await cache.lock("k:lock", 5_000);
      await release!();
      const next = await instance().lock("k:lock", 5_000);

      await release!();

      expect(next).toBeTypeOf("function");
      expect(await instance().lock("k:lock", 5_000)).toBeUndefined();
    });

    it("refuses a ttlMs that is not a positive, finite number", async () => {
      for (const ttlMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "5000"]) {
        await expect(cache.lock("k:lock", ttlMs as number)).rejects.toThrow(TokenCacheError);
      }
      expect(await inspect.exists("k:lock")).toBe(0);
    });
  });

  describe("leases, compare-and-delete and ghost locks", () => {
    const issued = (accessToken: string) => ({
      accessToken,
      expiresAt: NOW + 3_600_000,
      issuedAt: NOW - 1_000,
    });

    it("keeps issuedAt with the token", async () => {
      await cache.set("k", issued("tok-1"), 3_600);
      expect(await instance().get("k")).toEqual(issued("tok-1"));
    });

    it("gives one lease at a time, renews only the holder's, and frees only the holder's", async () => {
      const [a, b] = [instance(), instance()];
      const lease = await a.lease!("lease", 300, 0);
      expect(lease).toBeDefined();
      expect(await b.lease!("lease", 300, 0)).toBeUndefined();
      expect(await lease!.renew()).toBe(true);
      expect(await inspect.pttl("lease")).toBeGreaterThan(200);
      // The lease lapses; another instance takes it; the first can neither renew nor free it.
      await eventually(async () => expect(await inspect.exists("lease")).toBe(0));
      const next = await b.lease!("lease", 60_000, 0);
      expect(next).toBeDefined();
      expect(await lease!.renew()).toBe(false);
      await lease!.release();
      expect(await inspect.exists("lease")).toBe(1);
      await next!.release();
      expect(await inspect.exists("lease")).toBe(0);
    });

    it("deletes an entry for a refused token only while the entry still holds that token", async () => {
      await cache.set("k", issued("refused"), 3_600);
      await instance().set("k", issued("newer"), 3_600);
      await cache.delete("k", "refused");
      expect((await cache.get("k"))?.accessToken).toBe("newer");
      await cache.delete("k", "newer");
      expect(await inspect.exists("k")).toBe(0);
    });

    it("releases a lock whose SET timed out while Redis stalled, once Redis answers it (no ghost lock)", async () => {
      const stalling = instance({ timeoutMs: 200 });
      await stalling.get("warm-up");
      server.pause();
      try {
        await expect(stalling.lock("ghost", 60_000)).rejects.toMatchObject({ reason: "timeout" });
      } finally {
        server.resume();
      }
      // Redis runs the SET NX when it wakes, and the cache gives the lock back.
      await eventually(async () => expect(await inspect.exists("ghost")).toBe(0));
      const other = instance();
      expect(await other.lock("ghost", 60_000)).toBeTypeOf("function");
    });
  });
});
