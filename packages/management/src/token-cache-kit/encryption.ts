import { fromBase64, toBase64 } from "./base64.js";
import { TokenCacheError } from "./error.js";

/** Turns a token's JSON into what is stored under a key, and back. */
export interface TokenSealer {
  seal(storeKey: string, plaintext: string): Promise<string>;
  /** The plaintext, or `undefined` for anything this key did not seal for `storeKey`. */
  open(storeKey: string, stored: string): Promise<string | undefined>;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The stored form of an encrypted token. */
interface Envelope {
  v: 1;
  alg: "A256GCM";
  /** Base64 of the 96-bit IV, fresh for every write. */
  iv: string;
  /** Base64 of the AES-GCM ciphertext followed by its 128-bit tag. */
  ct: string;
}

/**
 * Checks an `encryptionKey` option: the base64 of exactly 32 bytes. The message never
 * repeats the value, because it is a secret.
 */
function parseEncryptionKey(secret: unknown): Uint8Array<ArrayBuffer> {
  if (typeof secret !== "string") {
    throw new TokenCacheError(
      "invalid-option",
      `encryptionKey must be a base64 string of 32 bytes, got ${secret === undefined ? "undefined (is the Worker secret set?)" : typeof secret}`,
    );
  }
  const bytes = fromBase64(secret);
  if (bytes === undefined || bytes.length !== KEY_BYTES) {
    throw new TokenCacheError(
      "invalid-option",
      `encryptionKey must be the base64 encoding of ${KEY_BYTES} random bytes (openssl rand -base64 32), got ${bytes === undefined ? "text that is not base64" : `${bytes.length} bytes`}`,
    );
  }
  return bytes;
}

async function deriveAesKey(
  material: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", material, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

function readEnvelope(
  stored: string,
): { iv: Uint8Array<ArrayBuffer>; ct: Uint8Array<ArrayBuffer> } | undefined {
  let value: Partial<Envelope> | null;
  try {
    value = JSON.parse(stored) as Partial<Envelope> | null;
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || value.v !== 1 || value.alg !== "A256GCM") {
    return undefined;
  }
  if (typeof value.iv !== "string" || typeof value.ct !== "string") return undefined;
  const iv = fromBase64(value.iv);
  const ct = fromBase64(value.ct);
  if (iv?.length !== IV_BYTES || ct === undefined || ct.length < TAG_BYTES) return undefined;
  return { iv, ct };
}

/**
 * AES-256-GCM at rest, bound to the key: the AES key is derived from `encryptionKey` (the
 * base64 of 32 random bytes, `openssl rand -base64 32`) by HKDF-SHA-256 with `label` as its
 * info, so the same secret in another program yields another AES key, and the store key is
 * authenticated with each value, so a value copied to another key fails to open. The
 * stored form is `{"v":1,"alg":"A256GCM","iv":…,"ct":…}` with a fresh 96-bit IV per write.
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * const sealer = createTokenSealer(env.TOKEN_CACHE_KEY, "my-cache");
 * const stored = await sealer.seal(key, encodeStoredToken(token));
 * const token = decodeStoredToken(await sealer.open(key, stored), Date.now());
 * ```
 *
 * @throws {TokenCacheError} (`invalid-option`) When `encryptionKey` is not the base64 of 32
 * bytes; the message never repeats it.
 */
export function createTokenSealer(encryptionKey: unknown, label: string): TokenSealer {
  const material = parseEncryptionKey(encryptionKey);
  const info = new TextEncoder().encode(`${label} AES-256-GCM v1`);
  // The store key as additional authenticated data: a value moved to another key fails to open.
  const additionalData = (storeKey: string) =>
    new TextEncoder().encode(`${label} v1 key:${storeKey}`);
  let key: Promise<CryptoKey> | undefined;
  const aesKey = (): Promise<CryptoKey> => {
    key ??= deriveAesKey(material, info).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };

  return {
    async seal(storeKey, plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: additionalData(storeKey) },
        await aesKey(),
        new TextEncoder().encode(plaintext),
      );
      const envelope: Envelope = {
        v: 1,
        alg: "A256GCM",
        iv: toBase64(iv),
        ct: toBase64(new Uint8Array(ct)),
      };
      return JSON.stringify(envelope);
    },

    async open(storeKey, stored) {
      const envelope = readEnvelope(stored);
      if (envelope === undefined) return undefined;
      const aes = await aesKey();
      try {
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: envelope.iv, additionalData: additionalData(storeKey) },
          aes,
          envelope.ct,
        );
        return new TextDecoder().decode(plain);
      } catch {
        // A wrong key, another cache key or a changed byte: all the same to a reader.
        return undefined;
      }
    },
  };
}
