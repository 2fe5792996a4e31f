import { DurableObject } from "cloudflare:workers";
import { LeaseTable } from "./lease-table.js";
import type { CoordinatorProtocol, StoredToken } from "./protocol.js";

const STORAGE_KEY = "token";
/** Bounds on what a caller may ask for: a lease or a wait longer than a minute is a mistake. */
const MAX_LEASE_MS = 60_000;
const MAX_WAIT_MS = 60_000;
/** A token entry is a JWT of a few kilobytes; anything much larger is not one. */
const MAX_DATA_LENGTH = 16_384;
const MAX_NAME_LENGTH = 1_024;

/**
 * What the coordinator uses of its `DurableObjectState`, typed here so that the class reads
 * the same to every type checker, with or without the Workers runtime's types (JSR checks
 * with Deno's, which have no `cloudflare:workers`).
 */
export interface CoordinatorState {
  storage: {
    get<T>(key: string): Promise<T | undefined>;
    put(key: string, value: unknown): Promise<void>;
    delete(key: string): Promise<boolean>;
    setAlarm(scheduledTime: number): Promise<void>;
  };
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

function checkEntry(entry: StoredToken): void {
  const { data, fingerprint, expiresAt } = (entry ?? {}) as Partial<StoredToken>;
  if (typeof data !== "string" || data.length < 1 || data.length > MAX_DATA_LENGTH) {
    throw new TypeError(`entry.data must be a string of 1 to ${MAX_DATA_LENGTH} characters`);
  }
  if (typeof fingerprint !== "string" || !/^[0-9a-f]{64}$/.test(fingerprint)) {
    throw new TypeError("entry.fingerprint must be a hex SHA-256");
  }
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) {
    throw new TypeError("entry.expiresAt must be a finite number");
  }
}

function checkLease(name: unknown, ms: unknown, max: number, what: string): void {
  if (typeof name !== "string" || name.length < 1 || name.length > MAX_NAME_LENGTH) {
    throw new TypeError(`the lease name must be a string of 1 to ${MAX_NAME_LENGTH} characters`);
  }
  if (typeof ms !== "number" || !(ms >= 0 && ms <= max)) {
    throw new TypeError(`${what} must be a number of milliseconds from 0 to ${max}`);
  }
}

/**
 * The Durable Object behind `createDurableObjectTokenCache`: one object per cache key
 * holds that key's token (as the cache gave it, encrypted or not) and the lease on its
 * refresh. It never talks to Auth0 and never sees a client secret or private key: the
 * lease holder grants in its own Worker and stores the token here.
 *
 * Callers that ask for a held lease are parked inside the object until the holder stores
 * its token (then they read it), gives the lease up, or lets it lapse (an alarm), and in
 * those two cases exactly one of them takes the lease over.
 *
 * Exported from `@auth0-edge/token-cache-durable-object`. Export it from your Worker's main
 * module and bind it in `wrangler.toml` (see the package README for the migration).
 *
 * @example
 * ```ts
 * // src/index.ts
 * export { Auth0TokenCoordinator } from "@auth0-edge/token-cache-durable-object";
 * ```
 */
export class Auth0TokenCoordinator extends DurableObject<unknown> implements CoordinatorProtocol {
  readonly #state: CoordinatorState;
  #entry: StoredToken | undefined;
  /** The alarm this object has asked for, as far as it knows. */
  #alarmAt: number | undefined;
  readonly #leases = new LeaseTable({
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    wakeAt: (time) => this.#wakeAt(time),
  });

  constructor(ctx: CoordinatorState, env: unknown) {
    super(ctx as never, env);
    this.#state = ctx;
    void ctx.blockConcurrencyWhile(async () => {
      this.#entry = await ctx.storage.get<StoredToken>(STORAGE_KEY);
    });
  }

  async read(): Promise<StoredToken | null> {
    const entry = this.#entry;
    if (entry === undefined) return null;
    if (entry.expiresAt > Date.now()) return entry;
    await this.#forget();
    return null;
  }

  async write(entry: StoredToken): Promise<void> {
    checkEntry(entry);
    const { data, fingerprint, expiresAt } = entry;
    if (expiresAt <= Date.now()) {
      await this.#forget();
    } else {
      this.#entry = { data, fingerprint, expiresAt };
      await this.#state.storage.put(STORAGE_KEY, this.#entry);
      this.#wakeAt(expiresAt);
    }
    this.#leases.tokenStored();
  }

  async remove(fingerprint?: string): Promise<boolean> {
    // One object, one thread: nothing can store another token between this check and the delete.
    if (this.#entry === undefined) return false;
    if (fingerprint !== undefined && this.#entry.fingerprint !== fingerprint) return false;
    await this.#forget();
    return true;
  }

  async lease(name: string, ttlMs: number, waitMs: number): Promise<string | null> {
    checkLease(name, ttlMs, MAX_LEASE_MS, "ttlMs");
    checkLease(name, waitMs, MAX_WAIT_MS, "waitMs");
    return this.#leases.acquire(name, Math.max(1, ttlMs), waitMs);
  }

  async renew(name: string, id: string): Promise<boolean> {
    return this.#leases.renew(name, id);
  }

  async release(name: string, id: string): Promise<void> {
    this.#leases.release(name, id);
  }

  /** Hands lapsed leases to their next waiter, and forgets an expired token. */
  async alarm(): Promise<void> {
    this.#alarmAt = undefined;
    this.#leases.expire();
    if (this.#entry && this.#entry.expiresAt <= Date.now()) await this.#forget();
    const lapse = this.#leases.nextLapse();
    const expiry = this.#entry?.expiresAt;
    const next = lapse === undefined ? expiry : Math.min(lapse, expiry ?? lapse);
    if (next !== undefined) this.#wakeAt(next);
  }

  async #forget(): Promise<void> {
    this.#entry = undefined;
    await this.#state.storage.delete(STORAGE_KEY);
  }

  /**
   * An object has one alarm. It is moved earlier when needed and never later: an alarm that
   * fires early (a lease was renewed) finds nothing lapsed and sets the next one.
   */
  #wakeAt(time: number): void {
    if (this.#alarmAt !== undefined && this.#alarmAt <= time) return;
    this.#alarmAt = time;
    this.#state.storage.setAlarm(time).catch(() => {
      this.#alarmAt = undefined;
    });
  }
}
