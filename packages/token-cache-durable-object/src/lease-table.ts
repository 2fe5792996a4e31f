/** A caller parked until a lease is free, the token is stored, or its wait ends. */
interface Waiter {
  ttlMs: number;
  answer(id: string | null): void;
  timer: ReturnType<typeof setTimeout>;
}

interface Lease {
  id: string;
  /** When it lapses unless renewed, in the object's clock (epoch milliseconds). */
  until: number;
  ttlMs: number;
  /** First come, first served: a lapsed or released lease goes to the longest waiter. */
  waiters: Waiter[];
}

/** What a {@link LeaseTable} needs from the object around it. */
export interface LeaseTableHost {
  now(): number;
  newId(): string;
  /** Called with the time a lease lapses, so that the object wakes up then (an alarm). */
  wakeAt(time: number): void;
}

/**
 * The leases of one Durable Object, and the callers parked on them: the in-memory half of
 * the coordinator. A lease is free, held (until a time, renewable by its holder), or held
 * with waiters queued behind it. When the holder releases it or lets it lapse, exactly one
 * waiter receives it; when a token is stored, every waiter is answered "no lease" and reads
 * that token instead.
 */
export class LeaseTable {
  readonly #leases = new Map<string, Lease>();
  readonly #host: LeaseTableHost;

  constructor(host: LeaseTableHost) {
    this.#host = host;
  }

  /**
   * Takes the lease `name` for `ttlMs`: its id, or `null` when another holder keeps it for
   * longer than `waitMs`. A lease that has lapsed counts as released.
   */
  acquire(name: string, ttlMs: number, waitMs: number): string | null | Promise<string | null> {
    let lease = this.#leases.get(name);
    if (lease && lease.until <= this.#host.now()) {
      this.#handOver(name, lease);
      lease = this.#leases.get(name);
    }
    if (!lease) return this.#grant(name, ttlMs, []);
    if (waitMs <= 0) return null;
    const queue = lease.waiters;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        ttlMs,
        answer: resolve,
        timer: setTimeout(() => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          resolve(null);
        }, waitMs),
      };
      queue.push(waiter);
    });
  }

  /** Extends the lease by its time to live; `false` when `id` no longer holds it. */
  renew(name: string, id: string): boolean {
    const lease = this.#leases.get(name);
    if (lease?.id !== id || lease.until <= this.#host.now()) return false;
    lease.until = this.#host.now() + lease.ttlMs;
    return true;
  }

  /** Gives the lease up if `id` holds it: the next waiter, if any, gets it. */
  release(name: string, id: string): void {
    const lease = this.#leases.get(name);
    if (lease?.id === id) this.#handOver(name, lease);
  }

  /** Passes every lapsed lease to its next waiter (the object's alarm calls this). */
  expire(): void {
    const now = this.#host.now();
    for (const [name, lease] of this.#leases) if (lease.until <= now) this.#handOver(name, lease);
  }

  /** A token was stored: every waiter reads it instead of waiting for the lease. */
  tokenStored(): void {
    for (const lease of this.#leases.values()) {
      for (const waiter of lease.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.answer(null);
      }
    }
  }

  /** When the next held lease lapses, if one is held. */
  nextLapse(): number | undefined {
    let next: number | undefined;
    for (const { until } of this.#leases.values())
      if (next === undefined || until < next) next = until;
    return next;
  }

  #grant(name: string, ttlMs: number, waiters: Waiter[]): string {
    const until = this.#host.now() + ttlMs;
    const id = this.#host.newId();
    this.#leases.set(name, { id, until, ttlMs, waiters });
    this.#host.wakeAt(until);
    return id;
  }

  #handOver(name: string, lease: Lease): void {
    this.#leases.delete(name);
    const next = lease.waiters.shift();
    if (!next) return;
    clearTimeout(next.timer);
    next.answer(this.#grant(name, next.ttlMs, lease.waiters));
  }
}
