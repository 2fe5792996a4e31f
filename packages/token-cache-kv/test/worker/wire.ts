import type { CachedToken } from "@auth0-edge/management";
import type { KvTokenCacheOptions } from "../../src/index.js";

/** Cache options as JSON can carry them into the Worker: the clock becomes an offset. */
export type WireCacheOptions = Omit<KvTokenCacheOptions, "now"> & {
  clockOffsetMs?: number;
  /** Read `encryptionKey` from this env binding, as a Worker reads a secret. */
  encryptionKeyFromEnv?: string;
};

export type CacheOp =
  | { op: "get"; key: string }
  | { op: "set"; key: string; value: CachedToken; ttl: number }
  | { op: "delete"; key: string };

/** `value` is `null` for a miss and for set/delete; `error` is what the cache threw. */
export type CacheResult = { value: CachedToken | null } | { error: string };

export interface CallsRequest {
  count: number;
  options?: WireCacheOptions;
  /** `real` is the KV binding; `throwing` and `rejecting` stand for a KV that is down. */
  namespace?: "real" | "throwing" | "rejecting";
}

export interface CallsResult {
  /** Random, made once per isolate: equal ids mean the same memory. */
  memoryId: string;
  succeeded: number;
  /** `name: message` of each failed call. */
  errors: string[];
}

/** A run of calls over several token lives, one call every `intervalMs` (`POST /run`). */
export interface CyclesRequest {
  durationMs: number;
  intervalMs: number;
  leewaySeconds: number;
  /** A client and a cache object per call, as a Worker that makes them in `fetch`; else one per isolate. */
  perRequest: boolean;
  /** Make writes visible to other isolates only this long after they were made. */
  visibilityDelayMs?: number;
}

export interface CyclesResult {
  memoryId: string;
  ok: number;
  /** `code` (and HTTP status) of each failed call. */
  failures: string[];
}
