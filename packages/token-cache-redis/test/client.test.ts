import { createManagementClient, request } from "@auth0-edge/management";
import { createAuth0Emulator } from "@auth0-edge/testing/core";
import Redis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedisTokenCache, fromIoredis, type RedisCacheError } from "../src/index.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

const DOMAIN = "tenant.example.auth0.com";
const CLIENT_ID = "redis-cache-client";
const CLIENT_SECRET = "s3cr3t-redis-DO-NOT-LEAK";
const USER = "auth0|redis-1";

describe("the management client with a Redis token cache", () => {
  let server: RedisServer;
  let inspect: Redis;
  const connections: Redis[] = [];
  let emulator: ReturnType<typeof createAuth0Emulator>;

  beforeAll(async () => {
    server = await startRedisServer();
    inspect = new Redis(server.url);
  });
  afterAll(async () => {
    for (const connection of [...connections, inspect]) connection.disconnect();
    await server.stop();
  });
  beforeEach(async () => {
    await inspect.flushall();
    emulator = createAuth0Emulator({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      seed: { users: [{ user_id: USER, email: "ada@example.com" }] },
    });
  });

  /** A cold instance: its own Redis connection, cache and client, as a separate process has. */
  function instance(redisUrl = server.url, onError?: (error: RedisCacheError) => void) {
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    connection.on("error", () => {});
    connections.push(connection);
    return createManagementClient({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch: emulator.fetch,
      tokenCache: createRedisTokenCache(fromIoredis(connection), onError ? { onError } : {}),
    });
  }
  const getUser = (client: ReturnType<typeof instance>) =>
    request<{ user_id: string }>(client, {
      method: "GET",
      path: "/users/{id}",
      params: { id: USER },
    });
  const sharedToken = async () => {
    const [key, ...others] = await inspect.keys("auth0-edge:token:*");
    expect(others).toEqual([]);
    return key === undefined ? undefined : JSON.parse((await inspect.get(key))!).accessToken;
  };

  it("lets cold instances that start together share one token grant", async () => {
    const instances = Array.from({ length: 5 }, () => instance());

    const users = await Promise.all(
      instances.flatMap((client) => Array.from({ length: 10 }, () => getUser(client))),
    );

    expect(users.every((user) => user.user_id === USER)).toBe(true);
    expect(emulator.tokenGrants).toBe(1);
    expect(await sharedToken()).toEqual(expect.any(String));
  });

  it("serves an instance started later from Redis, without a grant", async () => {
    await getUser(instance());

    await getUser(instance());

    expect(emulator.tokenGrants).toBe(1);
  });

  it("replaces a token the API refused, for every instance", async () => {
    await getUser(instance());
    const refused = await sharedToken();
    emulator.revokeIssuedTokens();

    await getUser(instance());

    expect(emulator.tokenGrants).toBe(2);
    const replacement = await sharedToken();
    expect(replacement).not.toBe(refused);
    await getUser(instance());
    expect(emulator.tokenGrants).toBe(2);
  });

  it("ignores garbage another writer left under the key and replaces it", async () => {
    await getUser(instance());
    const [key] = await inspect.keys("auth0-edge:token:*");
    await inspect.set(key!, "{not json", "PX", 60_000);

    await getUser(instance());

    expect(emulator.tokenGrants).toBe(2);
    expect(await sharedToken()).toEqual(expect.any(String));
  });

  it("keeps serving when Redis is down: the clients of one process share one grant", async () => {
    const doomed = await startRedisServer();
    await doomed.kill();
    const errors: RedisCacheError[] = [];
    const instances = [instance(doomed.url, (e) => errors.push(e)), instance(doomed.url)];

    const users = await Promise.all(
      instances.flatMap((client) => Array.from({ length: 10 }, () => getUser(client))),
    );

    expect(users).toHaveLength(20);
    // Single flight per process by cache key: the two clients join one grant.
    expect(emulator.tokenGrants).toBe(1);
    expect(errors.map((e) => e.operation)).toEqual(expect.arrayContaining(["get", "lock", "set"]));
    for (const error of errors) expect(error.message).not.toContain(CLIENT_SECRET);
  });
});
