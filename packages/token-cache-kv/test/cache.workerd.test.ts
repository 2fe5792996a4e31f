import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expirationOf, someToken, startWorkerd, type Workerd } from "./support/workerd.js";

let workerd: Workerd;
beforeAll(async () => {
  workerd = await startWorkerd();
});
afterAll(() => workerd?.dispose());
beforeEach(() => workerd.clearKv());

const nowSeconds = () => Date.now() / 1000;

describe("the KV token cache in workerd, on a real KV binding", () => {
  it("stores { accessToken, expiresAt } as JSON and reads the same token back", async () => {
    const token = someToken();
    const [, read] = await workerd.cache([
      { op: "set", key: "k", value: token, ttl: 3600 },
      { op: "get", key: "k" },
    ]);
    expect(read).toEqual({ value: token });
    expect(JSON.parse((await (await workerd.kv()).get("k", "text")) ?? "null")).toEqual(token);
  });

  it("answers a miss for a key it never stored", async () => {
    expect(await workerd.cache([{ op: "get", key: "never-set" }])).toEqual([{ value: null }]);
  });

  it("forgets the token on delete", async () => {
    const results = await workerd.cache([
      { op: "set", key: "k", value: someToken(), ttl: 3600 },
      { op: "delete", key: "k" },
      { op: "get", key: "k" },
    ]);
    expect(results[2]).toEqual({ value: null });
    expect(await (await workerd.kv()).get("k", "text")).toBeNull();
  });

  it("raises a TTL below KV's floor to 60 seconds, a floor KV itself enforces", async () => {
    await expect((await workerd.kv()).put("direct", "x", { expirationTtl: 30 })).rejects.toThrow(
      /at least 60/,
    );
    const before = nowSeconds();
    const [stored] = await workerd.cache([
      { op: "set", key: "k", value: someToken(3_600_000), ttl: 5 },
    ]);
    expect(stored).toEqual({ value: null });
    const expiration = (await expirationOf(workerd, "k"))!;
    expect(expiration).toBeGreaterThanOrEqual(Math.floor(before + 60));
    expect(expiration).toBeLessThanOrEqual(Math.ceil(nowSeconds() + 60));
  });

  it("keeps a longer TTL, cut to the token's own lifetime", async () => {
    const before = nowSeconds();
    await workerd.cache([
      { op: "set", key: "long", value: someToken(7_200_000), ttl: 3600 },
      { op: "set", key: "short-lived", value: someToken(120_000), ttl: 3600 },
    ]);
    const after = nowSeconds();
    const long = (await expirationOf(workerd, "long"))!;
    const short = (await expirationOf(workerd, "short-lived"))!;
    expect(long).toBeGreaterThanOrEqual(Math.floor(before + 3600));
    expect(long).toBeLessThanOrEqual(Math.ceil(after + 3600));
    expect(short).toBeGreaterThanOrEqual(Math.floor(before + 120));
    expect(short).toBeLessThanOrEqual(Math.ceil(after + 120));
  });

  it("stops serving a token at its expiresAt while KV, held by the 60 s floor, still has it", async () => {
    await workerd.cache([{ op: "set", key: "k", value: someToken(5_000), ttl: 5 }]);
    const [later] = await workerd.cache([{ op: "get", key: "k" }], { clockOffsetMs: 10_000 });
    expect(later).toEqual({ value: null });
    expect(await (await workerd.kv()).get("k", "text")).not.toBeNull();
  });

  it("deletes the older token instead of storing one that has already expired", async () => {
    const results = await workerd.cache([
      { op: "set", key: "k", value: someToken(), ttl: 3600 },
      { op: "set", key: "k", value: someToken(-1_000, "at-expired"), ttl: 3600 },
      { op: "get", key: "k" },
    ]);
    expect(results).toEqual([{ value: null }, { value: null }, { value: null }]);
    expect(await (await workerd.kv()).get("k", "text")).toBeNull();
  });

  it("puts the prefix before every key, so two prefixes never see each other's token", async () => {
    const token = someToken();
    await workerd.cache([{ op: "set", key: "k", value: token, ttl: 3600 }], { prefix: "app-a:" });
    expect(await (await workerd.kv()).get("app-a:k", "text")).not.toBeNull();
    const [otherApp] = await workerd.cache([{ op: "get", key: "k" }], { prefix: "app-b:" });
    const [sameApp] = await workerd.cache([{ op: "get", key: "k" }], { prefix: "app-a:" });
    expect(otherApp).toEqual({ value: null });
    expect(sameApp).toEqual({ value: token });
  });

  it("stores a key longer than KV's 512-byte limit under its SHA-256 digest", async () => {
    const longKey = `auth0-edge:token:${"scope%20read%3Ausers".repeat(30)}`;
    await expect((await workerd.kv()).put(longKey, "x")).rejects.toThrow(/512/);
    const token = someToken();
    const results = await workerd.cache(
      [
        { op: "set", key: longKey, value: token, ttl: 3600 },
        { op: "get", key: longKey },
      ],
      { prefix: "p:" },
    );
    expect(results[1]).toEqual({ value: token });
    const { keys } = await (await workerd.kv()).list();
    expect(keys.map((k: { name: string }) => k.name)).toEqual([
      expect.stringMatching(/^p:sha256:[0-9a-f]{64}$/),
    ]);
  });

  it("refuses to store a value that is not a token, and says so without echoing it", async () => {
    const [result] = await workerd.cache([
      { op: "set", key: "k", value: { accessToken: "at-half-a-token" } as never, ttl: 3600 },
    ]);
    expect(result).toEqual({
      error: expect.stringMatching(/^TokenCacheError: a token to cache must be/),
    });
    expect(JSON.stringify(result)).not.toContain("at-half-a-token");
    expect(await (await workerd.kv()).get("k", "text")).toBeNull();
  });
});
