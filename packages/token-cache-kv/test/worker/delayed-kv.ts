import type { KvNamespaceLike } from "../../src/index.js";

/** One write as the wrapper logs it: the value (`null`: a delete), when, and by which isolate. */
interface Write {
  v: string | null;
  t: number;
  w: string;
}

/**
 * Workers KV as it behaves across locations: a write is visible at once to the isolate that
 * made it, and to the others only `delayMs` later. Until then they read the latest write that
 * has reached them. Local KV in Miniflare is immediately consistent; this puts KV's eventual
 * consistency back. The key holds the log of the writes not yet seen everywhere, and the last
 * one that is.
 */
export function delayedVisibility(
  namespace: KvNamespaceLike,
  isolate: string,
  delayMs: number,
): KvNamespaceLike {
  const read = async (key: string): Promise<Write[]> => {
    const raw = await namespace.get(key);
    try {
      return raw === null ? [] : (JSON.parse(raw) as Write[]);
    } catch {
      return [];
    }
  };
  const reached = (write: Write, now: number) => write.w === isolate || now >= write.t + delayMs;
  return {
    async get(key) {
      const now = Date.now();
      const log = await read(key);
      return log.filter((write) => reached(write, now)).at(-1)?.v ?? null;
    },
    async put(key, value, options) {
      const now = Date.now();
      const log = await read(key);
      // Writes everyone sees: only the last one matters any more.
      const seenEverywhere = log.filter((write) => now >= write.t + delayMs).at(-1);
      const pending = log.filter((write) => now < write.t + delayMs);
      const next = [
        ...(seenEverywhere ? [seenEverywhere] : []),
        ...pending,
        { v: value, t: now, w: isolate },
      ];
      await namespace.put(key, JSON.stringify(next), options);
    },
    async delete(key) {
      await this.put(key, null as never);
    },
  };
}
