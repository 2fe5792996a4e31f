// AES-256-GCM at rest, local to this package until the core's token-cache kit offers the
// same; the stored form is this package's own (bytes, which Durable Object storage keeps).

/** Seals a token's JSON for one object, and opens what that object gives back. */
export interface Sealer {
  seal(objectName: string, plaintext: string): Promise<Uint8Array>;
  /** The plaintext, or `undefined` for anything not sealed with this key for `objectName`. */
  open(objectName: string, sealed: Uint8Array): Promise<string | undefined>;
}

const KEY_BYTES = 32;
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Domain separation: the same secret used by another program (or the KV cache) gives another AES key.
const HKDF_INFO = new TextEncoder().encode("@auth0-edge/token-cache-durable-object A256GCM v1");

/** The bytes of standard or URL-safe base64, padded or not; `undefined` for anything else. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const standard = text.trim().replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) return undefined;
  return Uint8Array.from(atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "=")), (c) =>
    c.charCodeAt(0),
  );
}

/**
 * Checks an `encryptionKey` option: the base64 of exactly 32 bytes. The message never
 * repeats the value, because it is a secret.
 */
export function parseEncryptionKey(secret: unknown): Uint8Array<ArrayBuffer> {
  if (typeof secret !== "string") {
    throw new TypeError(
      `encryptionKey must be a base64 string of ${KEY_BYTES} bytes, got ${secret === undefined ? "undefined (is the Worker secret set?)" : typeof secret}`,
    );
  }
  const bytes = decodeBase64(secret);
  if (bytes?.length !== KEY_BYTES) {
    throw new TypeError(
      `encryptionKey must be the base64 encoding of ${KEY_BYTES} random bytes (openssl rand -base64 32), got ${bytes === undefined ? "text that is not base64" : `${bytes.length} bytes`}`,
    );
  }
  return bytes;
}

/**
 * AES-256-GCM with a key derived from `material` by HKDF-SHA-256, a fresh 96-bit IV per
 * write, and the object's name as additional data: a value copied to another key's object
 * does not open. The key is derived once, on first use (Web Crypto is asynchronous).
 */
export function createSealer(material: Uint8Array<ArrayBuffer>): Sealer {
  let key: Promise<CryptoKey> | undefined;
  const aesKey = () => {
    key ??= crypto.subtle
      .importKey("raw", material, "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: HKDF_INFO },
          base,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      )
      .catch((error: unknown) => {
        key = undefined;
        throw error;
      });
    return key;
  };
  const params = (iv: Uint8Array<ArrayBuffer>, objectName: string) => ({
    name: "AES-GCM",
    iv,
    additionalData: new TextEncoder().encode(objectName),
  });

  return {
    async seal(objectName, plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ct = new Uint8Array(
        await crypto.subtle.encrypt(
          params(iv, objectName),
          await aesKey(),
          new TextEncoder().encode(plaintext),
        ),
      );
      const sealed = new Uint8Array(1 + IV_BYTES + ct.length);
      sealed[0] = VERSION;
      sealed.set(iv, 1);
      sealed.set(ct, 1 + IV_BYTES);
      return sealed;
    },

    async open(objectName, sealed) {
      if (sealed[0] !== VERSION || sealed.length < 1 + IV_BYTES + TAG_BYTES) return undefined;
      const iv = sealed.slice(1, 1 + IV_BYTES);
      try {
        const plain = await crypto.subtle.decrypt(
          params(iv, objectName),
          await aesKey(),
          sealed.slice(1 + IV_BYTES),
        );
        return new TextDecoder().decode(plain);
      } catch {
        // A wrong key, another object's value or a changed byte: all the same to a reader.
        return undefined;
      }
    },
  };
}
