import { describe, expect, it } from "vitest";
import { ManagementError } from "../src/index.js";
import {
  assertStoredToken,
  createTokenCodec,
  createTokenSealer,
  decodeStoredToken,
  encodeStoredToken,
  isStoredToken,
  storageTtlMs,
  TokenCacheError,
} from "../src/token-cache-kit/index.js";

const NOW = 1_800_000_000_000;
const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJraXQifQ.c2ln";
const token = { accessToken: TOKEN, expiresAt: NOW + 60_000, issuedAt: NOW - 1_000 };
const KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i)));

describe("the stored-token rule: visible ASCII, known shape, not expired", () => {
  it.each([
    ["a token no header can carry", { ...token, accessToken: "two words" }],
    ["an empty token", { ...token, accessToken: "" }],
    ["a line break", { ...token, accessToken: "a\r\nb" }],
    ["a non-numeric issuedAt", { ...token, issuedAt: "yesterday" }],
    ["an infinite expiry", { ...token, expiresAt: Infinity }],
    ["no expiry", { accessToken: TOKEN }],
    ["null", null],
    ["a string", TOKEN],
  ])("is not met by %s", (_, value) => {
    expect(isStoredToken(value)).toBe(false);
    expect(() => assertStoredToken(value)).toThrow(TokenCacheError);
  });

  it("is met by a token with or without issuedAt, until its expiry", () => {
    expect(isStoredToken(token, NOW)).toBe(true);
    expect(isStoredToken({ accessToken: TOKEN, expiresAt: token.expiresAt }, NOW)).toBe(true);
    expect(isStoredToken(token, token.expiresAt)).toBe(false);
  });

  it("refuses a bad token with a TokenCacheError (ERR_TOKEN_CACHE) that never shows it", () => {
    let error: unknown;
    try {
      assertStoredToken({ ...token, accessToken: `${TOKEN} spaced` });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({
      name: "TokenCacheError",
      code: "ERR_TOKEN_CACHE",
      reason: "invalid-value",
    });
    expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN);
  });
});

describe("encode and decode", () => {
  it("keep exactly accessToken, expiresAt and issuedAt", () => {
    const text = encodeStoredToken({ ...token, refreshToken: "extra" } as never);
    expect(JSON.parse(text)).toEqual(token);
    expect(decodeStoredToken(text, NOW)).toEqual(token);
  });

  it("read garbage, other shapes and expired tokens as misses", () => {
    for (const text of [
      null,
      undefined,
      "",
      "not json",
      "[]",
      '{"accessToken":1}',
      JSON.stringify({ ...token, accessToken: "a b" }),
    ]) {
      expect(decodeStoredToken(text, NOW)).toBeUndefined();
    }
    expect(decodeStoredToken(encodeStoredToken(token), token.expiresAt)).toBeUndefined();
  });
});

describe("the storage TTL", () => {
  it("is the earlier of ttlSeconds and the token's expiry, in whole milliseconds", () => {
    expect(storageTtlMs(token, 30, NOW)).toBe(30_000);
    expect(storageTtlMs(token, 3600, NOW)).toBe(60_000);
    expect(storageTtlMs(token, 0.0015, NOW)).toBe(1);
    expect(storageTtlMs(token, 0, NOW)).toBe(0);
    expect(storageTtlMs(token, 60, token.expiresAt + 1)).toBeLessThan(0);
  });

  it("refuses a ttlSeconds that is not a number", () => {
    for (const ttl of [Number.NaN, "60", undefined]) {
      expect(() => storageTtlMs(token, ttl as never, NOW)).toThrow(TokenCacheError);
    }
  });
});

describe("encryption at rest", () => {
  it("seals to an envelope without the token that opens only with the same key, label and store key", async () => {
    const codec = createTokenCodec("label-a", { encryptionKey: KEY });
    const stored = await codec.encode("store-key", token);
    expect(stored).not.toContain(TOKEN);
    expect(await codec.decode("store-key", stored, NOW)).toEqual(token);
    expect(await codec.decode("another-key", stored, NOW)).toBeUndefined();
    expect(
      await createTokenCodec("label-b", { encryptionKey: KEY }).decode("store-key", stored, NOW),
    ).toBeUndefined();
    const otherKey = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i + 1)));
    expect(
      await createTokenCodec("label-a", { encryptionKey: otherKey }).decode(
        "store-key",
        stored,
        NOW,
      ),
    ).toBeUndefined();
    // An encrypting codec reads no plaintext, and a plain one no envelope.
    expect(await codec.decode("store-key", encodeStoredToken(token), NOW)).toBeUndefined();
    expect(await createTokenCodec("label-a").decode("store-key", stored, NOW)).toBeUndefined();
  });

  it("uses a fresh IV for every write", async () => {
    const sealer = createTokenSealer(KEY, "label");
    expect(await sealer.seal("k", "same")).not.toBe(await sealer.seal("k", "same"));
  });

  it("refuses an encryptionKey that is present but undefined, or not 32 bytes, never echoing it", () => {
    expect(() => createTokenCodec("l", { encryptionKey: undefined })).toThrow(
      /is the Worker secret set/,
    );
    for (const encryptionKey of ["a long passphrase of some sort", btoa("0123456789abcdef")]) {
      let message = "";
      try {
        createTokenCodec("l", { encryptionKey });
      } catch (error) {
        expect(error).toMatchObject({ code: "ERR_TOKEN_CACHE", reason: "invalid-option" });
        message = (error as Error).message;
      }
      expect(message).toMatch(/^encryptionKey must be/);
      expect(message).not.toContain(encryptionKey);
    }
  });
});
