/**
 * The web types our declarations name, defined here rather than taken from the DOM library:
 * a project typed with `lib: ["ES2022"]` and `@types/node` (no DOM), or with Bun's types,
 * must type-check our `.d.ts` as well as one with the DOM library does.
 */

/**
 * What the client calls as `fetch`: the runtime's own `fetch`, a wrapper of it, or an
 * emulator's. Deliberately smaller than `typeof fetch`, which some runtimes' types extend
 * (Bun's adds `preconnect`), so any of those fits.
 */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** Request headers, as `new Headers(…)` takes them (the DOM's `HeadersInit`). */
export type HeadersLike = Headers | Record<string, string> | [string, string][];

/** A request body `fetch` sends as it is (the DOM's `BodyInit`). */
export type BodyLike =
  | string
  | Blob
  | ArrayBuffer
  | ArrayBufferView<ArrayBuffer>
  | FormData
  | URLSearchParams
  | ReadableStream<Uint8Array>;

/** A JSON Web Key (RFC 7517), as Web Crypto's `JsonWebKey` describes it. */
export interface JsonWebKeyLike {
  kty?: string;
  alg?: string;
  kid?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  k?: string;
}

/**
 * A Web Crypto key, as `crypto.subtle.importKey` makes one: what we read of it, so that any
 * runtime's `CryptoKey` type fits.
 */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
}
