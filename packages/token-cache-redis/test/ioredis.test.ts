import Redis, { type Cluster, type RedisOptions } from "ioredis";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createRedisTokenCache,
  fromIoredis,
  type IoredisClient,
  RedisCacheError,
} from "../src/index.js";
import { describeRedisLike } from "./support/contract.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

describe("fromIoredis", () => {
  let server: RedisServer;
  let client: Redis;
  let inspect: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url, { maxRetriesPerRequest: 1 });
    inspect = new Redis(server.url);
  });
  afterAll(async () => {
    client.disconnect();
    inspect.disconnect();
    await server.stop();
  });

  it("accepts ioredis's Redis and Cluster clients as they are", () => {
    expectTypeOf<Redis>().toExtend<IoredisClient>();
    expectTypeOf<Cluster>().toExtend<IoredisClient>();
  });

  describeRedisLike("ioredis", () => ({ redis: fromIoredis(client), inspect }));

  describe("when Redis dies", () => {
    const servers: RedisServer[] = [];
    const clients: Redis[] = [];
    afterAll(async () => {
      for (const c of clients) c.disconnect();
      for (const server of servers) await server.stop();
    });
    /** A client connected to a server of its own, and a way to kill that server. */
    const doomedClient = async (options: RedisOptions) => {
      const server = await startRedisServer();
      servers.push(server);
      const client = new Redis(server.url, options);
      client.on("error", () => {});
      clients.push(client);
      await client.ping();
      const reconnecting = new Promise((resolve) => client.once("reconnecting", resolve));
      // Resolves once the client has seen the connection drop and queues new commands.
      const kill = async () => {
        await server.kill();
        await reconnecting;
      };
      return { client, kill };
    };

    it("rejects calls instead of queueing them, with maxRetriesPerRequest: 1", async () => {
      const { client, kill } = await doomedClient({ maxRetriesPerRequest: 1 });
      const redis = fromIoredis(client);
      const cache = createRedisTokenCache(redis, { timeoutMs: 60_000 });
      await kill();

      await expect(redis.get("k")).rejects.toThrow();
      const failure = await cache.lock("k", 1_000).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RedisCacheError);
      expect(failure).toMatchObject({ operation: "lock", reason: "failure" });
    });

    it("ends a call through the cache's timeout when ioredis would keep retrying", async () => {
      const { client, kill } = await doomedClient({});
      const cache = createRedisTokenCache(fromIoredis(client), { timeoutMs: 300 });
      await kill();

      await expect(cache.get("k")).rejects.toMatchObject({ operation: "get", reason: "timeout" });
    });
  });
});
