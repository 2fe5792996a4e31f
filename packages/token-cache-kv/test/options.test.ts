import type { KVNamespace } from "@cloudflare/workers-types";
import { describe, expect, it } from "vitest";
import { createKvTokenCache, type KvNamespaceLike } from "../src/index.js";

/** A namespace that fails the test if the cache ever touches it. */
const untouched: KvNamespaceLike = {
  get: () => Promise.reject(new Error("not expected")),
  put: () => Promise.reject(new Error("not expected")),
  delete: () => Promise.reject(new Error("not expected")),
};

const KEY_32 = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i * 7)));

function thrown(create: () => unknown): Error {
  try {
    create();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected createKvTokenCache to throw");
}

describe("createKvTokenCache options", () => {
  it("takes a Workers KVNamespace binding as it is typed by @cloudflare/workers-types", () => {
    const binding = untouched as unknown as KVNamespace;
    expect(typeof createKvTokenCache(binding).get).toBe("function");
  });

  it("has get, set and delete but no lock, since KV cannot make one", () => {
    const cache = createKvTokenCache(untouched);
    expect(Object.keys(cache).sort()).toEqual(["delete", "get", "set"]);
  });

  it.each([
    ["nothing", undefined],
    ["an object without put", { get: async () => null, delete: async () => {} }],
    ["a string", "AUTH0_TOKENS"],
  ])("refuses %s as the namespace", (_, namespace) => {
    expect(() => createKvTokenCache(namespace as never)).toThrow(
      /namespace must be a KV namespace binding/,
    );
  });

  it("accepts a 32-byte key in standard or URL-safe base64", () => {
    const urlSafe = KEY_32.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(() => createKvTokenCache(untouched, { encryptionKey: KEY_32 })).not.toThrow();
    expect(() => createKvTokenCache(untouched, { encryptionKey: urlSafe })).not.toThrow();
  });

  it.each([
    ["a passphrase", "correct horse battery staple, really long enough"],
    ["16 bytes", btoa("0123456789abcdef")],
    ["33 bytes", btoa("0123456789abcdef0123456789abcdefX")],
    ["an empty string", ""],
    ["a hex string of 32 bytes", "ab".repeat(32)],
  ])("refuses %s as the encryption key, without echoing it", (_, encryptionKey) => {
    const error = thrown(() => createKvTokenCache(untouched, { encryptionKey }));
    expect(error).toMatchObject({ code: "ERR_TOKEN_CACHE", reason: "invalid-option" });
    expect(error.message).toMatch(/^encryptionKey must be the base64 encoding of 32 random bytes/);
    if (encryptionKey !== "") expect(error.message).not.toContain(encryptionKey);
  });

  it("refuses an encryptionKey property that is present but undefined: a secret never set", () => {
    const env: { TOKEN_CACHE_KEY?: string } = {};
    const error = thrown(() =>
      createKvTokenCache(untouched, { encryptionKey: env.TOKEN_CACHE_KEY }),
    );
    expect(error.message).toMatch(/is the Worker secret set\?/);
  });

  it("refuses a prefix longer than 256 bytes and a clock that is not a function", () => {
    expect(() => createKvTokenCache(untouched, { prefix: "é".repeat(129) })).toThrow(/prefix/);
    expect(() => createKvTokenCache(untouched, { prefix: "é".repeat(128) })).not.toThrow();
    expect(() => createKvTokenCache(untouched, { now: 5 as never })).toThrow(/now must be/);
  });
});
