import { describeTokenCacheContract } from "@auth0-edge/testing/token-cache-contract/vitest";
import Redis from "ioredis";
import { createClient, type RedisClientType } from "redis";
import { afterAll, beforeAll } from "vitest";
import { createRedisTokenCache, fromIoredis, fromNodeRedis } from "../src/index.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

let server: RedisServer;
const ioredis: Redis[] = [];
let nodeRedis: RedisClientType;
beforeAll(async () => {
  server = await startRedisServer();
  nodeRedis = createClient({ url: server.url, disableOfflineQueue: true });
  nodeRedis.on("error", () => {});
  await nodeRedis.connect();
});
afterAll(async () => {
  for (const connection of ioredis) connection.disconnect();
  nodeRedis?.destroy();
  await server?.stop();
});

// Each cache has a connection of its own, as separate processes would.
const connection = () => {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  ioredis.push(redis);
  return redis;
};

const declarations = { lock: true, lease: true, compareAndDelete: true } as const;

describeTokenCacheContract("the Redis cache (ioredis, real redis-server)", {
  ...declarations,
  create: ({ now }) => createRedisTokenCache(fromIoredis(connection()), { now }),
});

describeTokenCacheContract("the Redis cache encrypted at rest (ioredis, real redis-server)", {
  ...declarations,
  create: ({ now }) =>
    createRedisTokenCache(fromIoredis(connection()), {
      now,
      encryptionKey: btoa("an example key of 32 bytes, ok!!"),
    }),
});

describeTokenCacheContract("the Redis cache (node-redis, real redis-server)", {
  ...declarations,
  create: ({ now }) => createRedisTokenCache(fromNodeRedis(nodeRedis), { now }),
});
