import { TokenCacheError } from "@auth0-edge/management/token-cache";
import type { DurableObjectNamespace } from "@cloudflare/workers-types";
import { describe, expect, it } from "vitest";
// The factory's own module: the package entry also loads the coordinator, whose
// `cloudflare:workers` exists only in workerd.
import {
  createDurableObjectTokenCache,
  type DurableObjectNamespaceLike,
} from "../src/durable-object-token-cache.js";

/** A namespace that fails the test if the cache ever reaches an object. */
const untouched: DurableObjectNamespaceLike = {
  idFromName: () => {
    throw new Error("not expected");
  },
  get: () => {
    throw new Error("not expected");
  },
};

const KEY_32 = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i * 7)));

function thrown(create: () => unknown): Error {
  try {
    create();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected createDurableObjectTokenCache to throw");
}

describe("createDurableObjectTokenCache options", () => {
  it("takes a DurableObjectNamespace binding as @cloudflare/workers-types types it", () => {
    const binding = untouched as unknown as DurableObjectNamespace;
    expect(typeof createDurableObjectTokenCache(binding).get).toBe("function");
  });

  it("has get, set, delete and a lease, and no lock", () => {
    const cache = createDurableObjectTokenCache(untouched);
    expect(Object.keys(cache).sort()).toEqual(["delete", "get", "lease", "set"]);
  });

  it.each([
    ["nothing", undefined],
    ["a KV namespace", { get: async () => null, put: async () => {}, delete: async () => {} }],
    ["a string", "AUTH0_TOKENS"],
  ])("refuses %s as the namespace", (_, namespace) => {
    expect(() => createDurableObjectTokenCache(namespace as never)).toThrow(
      /namespace must be a Durable Object namespace binding/,
    );
  });

  // The key's format is the token-cache kit's, tested there: here, that the option reaches it.
  it("takes a 32-byte base64 encryption key, and refuses a passphrase without echoing it", () => {
    expect(() => createDurableObjectTokenCache(untouched, { encryptionKey: KEY_32 })).not.toThrow();
    const passphrase = "correct horse battery staple, really long enough";
    const error = thrown(() =>
      createDurableObjectTokenCache(untouched, { encryptionKey: passphrase }),
    );
    expect(error).toBeInstanceOf(TokenCacheError);
    expect(error).toMatchObject({ code: "ERR_TOKEN_CACHE" });
    expect(error.message).toMatch(/^encryptionKey must be the base64 encoding of 32 random bytes/);
    expect(error.message).not.toContain(passphrase);
  });

  it("refuses an encryptionKey property that is present but undefined: a secret never set", () => {
    const env: { TOKEN_CACHE_KEY?: string } = {};
    const error = thrown(() =>
      createDurableObjectTokenCache(untouched, { encryptionKey: env.TOKEN_CACHE_KEY }),
    );
    expect(error.message).toMatch(/is the Worker secret set\?/);
  });

  it("refuses a prefix longer than 256 characters and a clock that is not a function", () => {
    expect(() => createDurableObjectTokenCache(untouched, { prefix: "p".repeat(257) })).toThrow(
      /prefix/,
    );
    expect(() =>
      createDurableObjectTokenCache(untouched, { prefix: "p".repeat(256) }),
    ).not.toThrow();
    expect(() => createDurableObjectTokenCache(untouched, { now: 5 as never })).toThrow(
      /now must be/,
    );
  });

  it("refuses to store a value that is not a token, without echoing it, before reaching an object", async () => {
    const cache = createDurableObjectTokenCache(untouched);
    const error = await cache
      .set("k", { accessToken: "at-half a-token", expiresAt: Date.now() + 60_000 }, 60)
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(TokenCacheError);
    expect((error as Error).message).not.toContain("at-half");
  });
});
