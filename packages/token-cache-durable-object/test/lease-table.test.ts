import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LeaseTable } from "../src/lease-table.js";

let ids = 0;
const wakeAt: number[] = [];
const table = () =>
  new LeaseTable({
    now: () => Date.now(),
    newId: () => `id-${++ids}`,
    wakeAt: (t) => wakeAt.push(t),
  });

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000, toFake: ["setTimeout", "clearTimeout", "Date"] });
  wakeAt.length = 0;
  ids = 0;
});
afterEach(() => vi.useRealTimers());

/** Settles what `promise` resolved to so far: `"pending"` while it has not. */
async function state<T>(promise: T | Promise<T>): Promise<T | "pending"> {
  return Promise.race([promise, new Promise<"pending">((r) => setImmediate(() => r("pending")))]);
}

describe("the coordinator's lease table", () => {
  it("gives a free lease at once and asks to be woken when it lapses", () => {
    const leases = table();
    expect(leases.acquire("k", 5_000, 5_000)).toBe("id-1");
    expect(wakeAt).toEqual([1_005_000]);
  });

  it("answers no lease at once to a caller that will not wait", () => {
    const leases = table();
    leases.acquire("k", 5_000, 0);
    expect(leases.acquire("k", 5_000, 0)).toBeNull();
  });

  it("parks a waiter and answers it no lease when a token is stored", async () => {
    const leases = table();
    leases.acquire("k", 5_000, 0);
    const waiting = leases.acquire("k", 5_000, 5_000);
    expect(await state(waiting)).toBe("pending");
    leases.tokenStored();
    expect(await waiting).toBeNull();
  });

  it("answers a waiter no lease when its wait ends first", async () => {
    const leases = table();
    leases.acquire("k", 10_000, 0);
    const waiting = leases.acquire("k", 5_000, 3_000);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(await state(waiting)).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toBeNull();
  });

  it("passes a released lease to the first waiter only", async () => {
    const leases = table();
    const holder = leases.acquire("k", 5_000, 0) as string;
    const first = leases.acquire("k", 5_000, 5_000);
    const second = leases.acquire("k", 5_000, 5_000);
    leases.release("k", holder);
    expect(await first).toBe("id-2");
    expect(await state(second)).toBe("pending");
    // The new holder's grant stores a token: the other waiter reads it.
    leases.tokenStored();
    expect(await second).toBeNull();
  });

  it("passes a lapsed lease to one waiter when the alarm runs", async () => {
    const leases = table();
    leases.acquire("k", 5_000, 0);
    const first = leases.acquire("k", 5_000, 20_000);
    const second = leases.acquire("k", 5_000, 20_000);
    await vi.advanceTimersByTimeAsync(4_999);
    leases.expire();
    expect(await state(first)).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    leases.expire();
    expect(await first).toBe("id-2");
    expect(await state(second)).toBe("pending");
    expect(wakeAt.at(-1)).toBe(1_010_000);
  });

  it("keeps a renewed lease from lapsing, and refuses renewal to a holder that lost it", async () => {
    const leases = table();
    const holder = leases.acquire("k", 3_000, 0) as string;
    const waiting = leases.acquire("k", 3_000, 30_000);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      expect(leases.renew("k", holder)).toBe(true);
      leases.expire();
    }
    expect(await state(waiting)).toBe("pending");
    await vi.advanceTimersByTimeAsync(3_000);
    leases.expire();
    expect(await waiting).toBe("id-2");
    expect(leases.renew("k", holder)).toBe(false);
  });

  it("ignores a release or renewal by an id that does not hold the lease", () => {
    const leases = table();
    leases.acquire("k", 5_000, 0);
    leases.release("k", "id-other");
    expect(leases.renew("k", "id-other")).toBe(false);
    expect(leases.acquire("k", 5_000, 0)).toBeNull();
  });

  it("gives a lease that lapsed without an alarm to the next caller", () => {
    const leases = table();
    leases.acquire("k", 5_000, 0);
    vi.advanceTimersByTime(5_000);
    expect(leases.acquire("k", 5_000, 0)).toBe("id-2");
  });

  it("knows when the next held lease lapses", () => {
    const leases = table();
    expect(leases.nextLapse()).toBeUndefined();
    leases.acquire("a", 5_000, 0);
    leases.acquire("b", 2_000, 0);
    expect(leases.nextLapse()).toBe(1_002_000);
  });
});
