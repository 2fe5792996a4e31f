import { setTimeout as realSleep, setImmediate as realTurn } from "node:timers/promises";
import { vi } from "vitest";

export interface SettleOptions {
  /** Fake milliseconds per step. */
  stepMs?: number;
  /** Steps before giving up: `stepMs * maxSteps` fake milliseconds in all. */
  maxSteps?: number;
  /**
   * True when no real work is pending, such as a request the emulator is still
   * answering (it verifies tokens with Web Crypto on a real thread pool). Fake time
   * only moves while this holds, so a loaded machine cannot run the clock past
   * timeouts while real work is still under way.
   */
  idle?: () => boolean;
  /** Real milliseconds to wait for `idle` before each step. */
  idleWithinMs?: number;
}

/**
 * Moves fake time forward in steps until `promise` settles. Between steps it gives
 * the real event loop a turn, and waits for `idle`, for work fake timers do not
 * drive (Web Crypto key generation and signing run on a real thread pool). Rejects
 * instead of hanging when the promise has not settled after the last step.
 */
export async function settleWithFakeTime<T>(
  promise: Promise<T>,
  { stepMs = 250, maxSteps = 400, idle = () => true, idleWithinMs = 10_000 }: SettleOptions = {},
): Promise<T> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let step = 0; step < maxSteps && !settled; step++) {
    await untilReal(idle, idleWithinMs, "real work was still pending");
    await realTurn();
    if (settled) break;
    await vi.advanceTimersByTimeAsync(stepMs);
  }
  if (!settled) {
    throw new Error(`the promise did not settle within ${stepMs * maxSteps} fake ms`);
  }
  return promise;
}

/**
 * Waits on real time, without moving fake time, until `condition` holds, and fails
 * after at least `withinMs` real milliseconds: for work that must all happen at one
 * fake instant, and for the idle wait of `settleWithFakeTime`.
 */
export async function untilReal(
  condition: () => boolean,
  withinMs = 10_000,
  failure = "the condition did not hold",
): Promise<void> {
  // Counts real sleeps rather than reading a clock: fake timers may have replaced it.
  for (let waited = 0; !condition(); waited++) {
    if (waited >= withinMs) throw new Error(`${failure} after ${withinMs} real ms`);
    await realSleep(1);
  }
}
