import type { CachedToken } from "@auth0-edge/management";
import type { StoredToken } from "../../src/protocol.js";

/** Cache options as JSON carries them into the Worker: the clock becomes an offset. */
export interface WireCacheOptions {
  prefix?: string;
  encryptionKey?: string;
  clockOffsetMs?: number;
}

export type CacheOp =
  | { op: "get"; key: string }
  | { op: "set"; key: string; value: CachedToken; ttl: number }
  | { op: "delete"; key: string; accessToken?: string }
  /** Takes a lease and keeps it under `hold` for later ops of any request to this isolate. */
  | { op: "lease"; key: string; ttlMs: number; waitMs: number; hold: string }
  | { op: "renew"; hold: string }
  | { op: "release"; hold: string }
  /** What the object named `name` holds, as the cache gave it. */
  | { op: "raw-read"; name: string }
  /** Puts `entry` straight into the object `name`. */
  | { op: "raw-write"; name: string; entry: StoredToken };

/** `value` is what the call resolved to (`null` for undefined); `error` what it threw. */
export type CacheResult = { value: unknown } | { error: string };

export interface RunRequest {
  /** The tenant: a domain of its own gives a cold cache key. */
  domain: string;
  /** Concurrent calls at the start. */
  burst: number;
  /** Then one call every `intervalMs` until `durationMs` has passed. */
  durationMs?: number;
  intervalMs?: number;
  tokenLeewaySeconds?: number;
  /** A client (and a cache object) per call instead of one per isolate. */
  clientPerCall?: boolean;
  cache?: WireCacheOptions;
}

/** One call that failed: the error's `code`, and the HTTP status when there was one. */
export interface CallFailure {
  code: string;
  status?: number;
  /** For a network failure: what the SDK said (the tests show it). */
  message?: string;
}

export interface RunResult {
  /** Random, made once per isolate: equal ids mean the same memory. */
  memoryId: string;
  ok: number;
  failures: CallFailure[];
  /** Cache calls that failed during the run (each a miss for the client). */
  cacheErrors: string[];
}
