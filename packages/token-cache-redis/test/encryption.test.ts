import Redis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedisTokenCache, fromIoredis } from "../src/index.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

const bytes = (seed: number) =>
  btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => (i * 31 + seed) % 256)));
const KEY = bytes(7);
const OTHER_KEY = bytes(8);
const ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJlbmNyeXB0ZWQifQ.c2lnbmF0dXJl";
const EXPIRES_AT = Date.now() + 3_600_000;
const token = () => ({ accessToken: ACCESS_TOKEN, expiresAt: EXPIRES_AT, issuedAt: 5 });

describe("the Redis cache with encryptionKey, on a real redis-server", () => {
  let server: RedisServer;
  let connections: Redis[] = [];
  let inspect: Redis;
  const cache = (options: Parameters<typeof createRedisTokenCache>[1] = {}) => {
    const connection = new Redis(server.url, { maxRetriesPerRequest: 1 });
    connections.push(connection);
    return createRedisTokenCache(fromIoredis(connection), options);
  };
  beforeAll(async () => {
    server = await startRedisServer();
    inspect = new Redis(server.url);
  });
  afterAll(async () => {
    for (const connection of [...connections, inspect]) connection.disconnect();
    connections = [];
    await server.stop();
  });
  beforeEach(() => inspect.flushall());

  it("stores an AES-GCM envelope that holds no token, and another instance with the key reads it", async () => {
    await cache({ encryptionKey: KEY }).set("k", token(), 3600);

    const stored = (await inspect.get("k"))!;
    expect(stored).not.toContain(ACCESS_TOKEN);
    expect(stored).not.toContain("eyJ");
    expect(JSON.parse(stored)).toEqual({
      v: 1,
      alg: "A256GCM",
      iv: expect.any(String),
      ct: expect.any(String),
    });
    expect(await cache({ encryptionKey: KEY }).get("k")).toEqual(token());
  });

  it("reads as a miss what another key sealed, what was moved to another key, and plaintext", async () => {
    await cache({ encryptionKey: KEY }).set("k", token(), 3600);
    expect(await cache({ encryptionKey: OTHER_KEY }).get("k")).toBeUndefined();

    await inspect.set("moved", (await inspect.get("k"))!);
    expect(await cache({ encryptionKey: KEY }).get("moved")).toBeUndefined();

    await cache().set("plain", token(), 3600);
    expect(await cache({ encryptionKey: KEY }).get("plain")).toBeUndefined();
    // And the other way: a cache without the key cannot use an envelope.
    expect(await cache().get("k")).toBeUndefined();
  });

  it("deletes a refused token by compare-and-delete on the envelope, and keeps a newer one", async () => {
    const encrypted = cache({ encryptionKey: KEY });
    await encrypted.set("k", token(), 3600);
    await encrypted.delete("k", "some-other-token");
    expect(await encrypted.get("k")).toEqual(token());

    await encrypted.delete("k", ACCESS_TOKEN);
    expect(await inspect.exists("k")).toBe(0);
  });

  it("refuses a key that is missing or not 32 bytes of base64, without echoing it", () => {
    const env: { TOKEN_CACHE_KEY?: string } = {};
    expect(() => cache({ encryptionKey: env.TOKEN_CACHE_KEY })).toThrow(
      expect.objectContaining({ code: "ERR_TOKEN_CACHE", reason: "invalid-option" }),
    );
    for (const encryptionKey of ["correct horse battery staple", btoa("sixteen bytes!!!")]) {
      let message = "";
      try {
        cache({ encryptionKey });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^encryptionKey must be the base64 encoding of 32 random bytes/);
      expect(message).not.toContain(encryptionKey);
    }
  });
});
