import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_CACHE_KEY, someToken, startWorkerd, type Workerd } from "./support/workerd.js";

// Test keys made for this file: 32 bytes each, in the two base64 alphabets people paste.
const KEY = "q2J0Zm9yLXRlc3RzLW9ubHktMzItYnl0ZXMtbG9uZyE=";
const KEY_URL_SAFE_UNPADDED = "q2J0Zm9yLXRlc3RzLW9ubHktMzItYnl0ZXMtbG9uZyE";
const OTHER_KEY = "c2Vjb25kLWtleS1mb3ItdGVzdHMtMzItYnl0ZXMtbG8=";

let workerd: Workerd;
beforeAll(async () => {
  workerd = await startWorkerd();
});
afterAll(() => workerd?.dispose());
beforeEach(async () => {
  await workerd.clearKv();
  workerd.newEmulator();
});

const raw = async (key: string) => (await (await workerd.kv()).get(key, "text")) ?? "";
const sealed = async (key = "k", token = someToken()) => {
  await workerd.cache([{ op: "set", key, value: token, ttl: 3600 }], { encryptionKey: KEY });
  return token;
};

describe("a token encrypted at rest", () => {
  it("is stored as an AES-256-GCM envelope that does not contain the token", async () => {
    const token = await sealed();
    const envelope = JSON.parse(await raw("k"));
    expect(Object.keys(envelope)).toEqual(["v", "alg", "iv", "ct"]);
    expect(envelope).toMatchObject({ v: 1, alg: "A256GCM" });
    expect(atob(envelope.iv)).toHaveLength(12);
    // The JSON of the token plus the 16-byte tag: nothing else is stored.
    expect(atob(envelope.ct)).toHaveLength(JSON.stringify(token).length + 16);
    expect(await raw("k")).not.toContain(token.accessToken);
  });

  it("reads back with the right key, given in either base64 alphabet", async () => {
    const token = await sealed();
    for (const encryptionKey of [KEY, KEY_URL_SAFE_UNPADDED]) {
      const [read] = await workerd.cache([{ op: "get", key: "k" }], { encryptionKey });
      expect(read).toEqual({ value: token });
    }
  });

  it("cannot be read without the key", async () => {
    await sealed();
    expect(await workerd.cache([{ op: "get", key: "k" }])).toEqual([{ value: null }]);
  });

  it("cannot be read with a wrong key", async () => {
    await sealed();
    const [read] = await workerd.cache([{ op: "get", key: "k" }], { encryptionKey: OTHER_KEY });
    expect(read).toEqual({ value: null });
  });

  it("cannot be moved to another cache key", async () => {
    await sealed("tenant-a");
    await (await workerd.kv()).put("tenant-b", await raw("tenant-a"));
    const [moved] = await workerd.cache([{ op: "get", key: "tenant-b" }], { encryptionKey: KEY });
    expect(moved).toEqual({ value: null });
  });

  it("is a miss once any byte of its ciphertext changes", async () => {
    await sealed();
    const envelope = JSON.parse(await raw("k"));
    const bytes = Uint8Array.from(atob(envelope.ct), (c) => c.charCodeAt(0));
    bytes[0]! ^= 1;
    envelope.ct = btoa(String.fromCharCode(...bytes));
    await (await workerd.kv()).put("k", JSON.stringify(envelope));
    const [read] = await workerd.cache([{ op: "get", key: "k" }], { encryptionKey: KEY });
    expect(read).toEqual({ value: null });
  });

  it.each([
    ["a short IV", (e: Record<string, unknown>) => ({ ...e, iv: btoa("12345678") })],
    ["an IV that is not base64", (e: Record<string, unknown>) => ({ ...e, iv: "%%%%" })],
    ["a ciphertext shorter than a tag", (e: Record<string, unknown>) => ({ ...e, ct: btoa("x") })],
    ["another version", (e: Record<string, unknown>) => ({ ...e, v: 2 })],
    ["another algorithm", (e: Record<string, unknown>) => ({ ...e, alg: "A128GCM" })],
    ["no ciphertext", ({ ct: _, ...e }: Record<string, unknown>) => e],
  ])("is a miss, not an error, when the envelope has %s", async (_, change) => {
    await sealed();
    await (await workerd.kv()).put("k", JSON.stringify(change(JSON.parse(await raw("k")))));
    const [read] = await workerd.cache([{ op: "get", key: "k" }], { encryptionKey: KEY });
    expect(read).toEqual({ value: null });
  });

  it("gets a fresh IV on every write of the same token", async () => {
    const token = await sealed();
    const first = JSON.parse(await raw("k"));
    await sealed("k", token);
    const second = JSON.parse(await raw("k"));
    expect(second.iv).not.toBe(first.iv);
    expect(second.ct).not.toBe(first.ct);
  });

  it("is the only kind an encrypting cache reads: a token in clear is a miss", async () => {
    await workerd.cache([{ op: "set", key: "k", value: someToken(), ttl: 3600 }]);
    const [read] = await workerd.cache([{ op: "get", key: "k" }], { encryptionKey: KEY });
    expect(read).toEqual({ value: null });
  });
});

describe("a client with an encrypting KV cache", () => {
  it("keeps only ciphertext in KV and shares the token with the next cold client", async () => {
    expect(await workerd.calls({ count: 5, options: { encryptionKey: KEY } })).toMatchObject({
      succeeded: 5,
      errors: [],
    });
    const stored = await raw(CLIENT_CACHE_KEY);
    expect(JSON.parse(stored)).toMatchObject({ v: 1, alg: "A256GCM" });
    // No JWT (header.payload.) and no plaintext field: base64 ciphertext has no dots, so
    // a chance "eyJ" in it cannot make this fail.
    expect(stored).not.toMatch(/eyJ[\w-]*\.eyJ/);
    expect(stored).not.toContain("accessToken");
    await workerd.calls({ count: 5, options: { encryptionKey: KEY } });
    expect(workerd.emulator.tokenGrants).toBe(1);
  });

  it("with another key treats the entry as a miss, grants, and overwrites it", async () => {
    await workerd.calls({ count: 1, options: { encryptionKey: KEY } });
    const before = await raw(CLIENT_CACHE_KEY);
    const result = await workerd.calls({ count: 3, options: { encryptionKey: OTHER_KEY } });
    expect(result).toMatchObject({ succeeded: 3, errors: [] });
    expect(workerd.emulator.tokenGrants).toBe(2);
    expect(await raw(CLIENT_CACHE_KEY)).not.toBe(before);
  });

  it("refuses to start when the key secret is missing, and never echoes a key", async () => {
    const missing = await workerd.cache([{ op: "get", key: "k" }], {
      encryptionKeyFromEnv: "TOKEN_CACHE_KEY",
    });
    expect(missing).toEqual([
      {
        error: expect.stringMatching(
          /^TokenCacheError: .*undefined \(is the Worker secret set\?\)/,
        ),
      },
    ]);
    const short = await workerd.cache([{ op: "get", key: "k" }], {
      encryptionKey: KEY.slice(0, 20),
    });
    expect(short).toEqual([
      { error: expect.stringMatching(/^TokenCacheError: encryptionKey must be/) },
    ]);
    expect(JSON.stringify(short)).not.toContain(KEY.slice(0, 20));
  });
});
