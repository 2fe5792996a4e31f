import Redis from "ioredis";
import { createClient, createCluster, RESP_TYPES, type RedisClientType } from "redis";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createRedisTokenCache, fromNodeRedis, type NodeRedisClient } from "../src/index.js";
import { describeRedisLike } from "./support/contract.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

describe("fromNodeRedis", () => {
  let server: RedisServer;
  let client: RedisClientType;
  let inspect: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    client = createClient({ url: server.url, disableOfflineQueue: true });
    client.on("error", () => {});
    await client.connect();
    inspect = new Redis(server.url);
  });
  afterAll(async () => {
    client.destroy();
    inspect.disconnect();
    await server.stop();
  });

  it("accepts node-redis clients as they are: RESP2, RESP3, cluster, byte replies", () => {
    expectTypeOf<RedisClientType>().toExtend<NodeRedisClient>();
    const resp3 = () => createClient({ RESP: 3 });
    const cluster = () => createCluster({ rootNodes: [] });
    const bytes = () => createClient().withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    expectTypeOf<ReturnType<typeof resp3>>().toExtend<NodeRedisClient>();
    expectTypeOf<ReturnType<typeof cluster>>().toExtend<NodeRedisClient>();
    expectTypeOf<ReturnType<typeof bytes>>().toExtend<NodeRedisClient>();
  });

  describeRedisLike("node-redis", () => ({ redis: fromNodeRedis(client), inspect }));

  it("reads a token stored as bytes when the client maps strings to Buffers", async () => {
    const bytes = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    const cache = createRedisTokenCache(fromNodeRedis(bytes));
    const token = { accessToken: "a-token", expiresAt: Date.now() + 60_000 };

    await cache.set("k", token, 60);

    expect(await cache.get("k")).toEqual(token);
  });

  describe("when Redis dies", () => {
    const servers: RedisServer[] = [];
    const connections: RedisClientType[] = [];
    afterAll(async () => {
      for (const c of connections) c.destroy();
      for (const server of servers) await server.stop();
    });
    /** A client connected to a server of its own, and a way to kill that server. */
    const doomedClient = async (disableOfflineQueue: boolean) => {
      const server = await startRedisServer();
      servers.push(server);
      const client: RedisClientType = createClient({ url: server.url, disableOfflineQueue });
      client.on("error", () => {});
      connections.push(client);
      await client.connect();
      const reconnecting = new Promise((resolve) => client.once("reconnecting", resolve));
      // Resolves once the client has seen the connection drop and holds new commands.
      const kill = async () => {
        await server.kill();
        await reconnecting;
      };
      return { client, kill };
    };

    it("rejects calls instead of queueing them, with disableOfflineQueue: true", async () => {
      const { client, kill } = await doomedClient(true);
      const redis = fromNodeRedis(client);
      await kill();

      await expect(redis.get("k")).rejects.toThrow();
      await expect(redis.set("k", "v", { px: 1_000, nx: true })).rejects.toThrow();
    });

    it("ends a call through the cache's timeout when node-redis queues it offline", async () => {
      const { client, kill } = await doomedClient(false);
      const cache = createRedisTokenCache(fromNodeRedis(client), { timeoutMs: 300 });
      await kill();

      await expect(cache.get("k")).rejects.toMatchObject({ operation: "get", reason: "timeout" });
    });
  });
});
