import Redis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedisTokenCache, fromIoredis } from "../src/index.js";
import { eventually } from "./support/eventually.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

const NOW = 1_800_000_000_000;
const token = (accessToken: string) => ({
  accessToken,
  expiresAt: NOW + 3_600_000,
  issuedAt: NOW - 1_000,
});

describe("leases, compare-and-delete and ghost locks on a real Redis", () => {
  let server: RedisServer;
  let connections: Redis[];
  let inspect: Redis;
  const instance = (options: Parameters<typeof createRedisTokenCache>[1] = {}) => {
    const connection = new Redis(server.url, { maxRetriesPerRequest: 1 });
    connection.on("error", () => {});
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
  });

  it("keeps issuedAt with the token", async () => {
    const cache = instance();
    await cache.set("k", token("tok-1"), 3_600);
    expect(await instance().get("k")).toEqual(token("tok-1"));
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
    const cache = instance();
    await cache.set("k", token("refused"), 3_600);
    await instance().set("k", token("newer"), 3_600);
    await cache.delete("k", "refused");
    expect((await cache.get("k"))?.accessToken).toBe("newer");
    await cache.delete("k", "newer");
    expect(await inspect.exists("k")).toBe(0);
  });

  it("releases a lock whose SET timed out while Redis stalled, once Redis answers it (no ghost lock)", async () => {
    const cache = instance({ timeoutMs: 200 });
    await cache.get("warm-up");
    server.pause();
    try {
      await expect(cache.lock("ghost", 60_000)).rejects.toMatchObject({ reason: "timeout" });
    } finally {
      server.resume();
    }
    // Redis runs the SET NX when it wakes, and the cache gives the lock back.
    await eventually(async () => expect(await inspect.exists("ghost")).toBe(0));
    const other = instance();
    expect(await other.lock("ghost", 60_000)).toBeTypeOf("function");
  });
});
