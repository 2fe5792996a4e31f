import { setImmediate as realTurn } from "node:timers/promises";
import { vi } from "vitest";

/**
 * Moves fake time forward in steps until `promise` settles. Between steps it gives
 * the real event loop a turn, for work fake timers do not drive (Web Crypto key
 * generation and signing run on a real thread pool).
 */
export async function settleWithFakeTime<T>(
  promise: Promise<T>,
  stepMs = 250,
  maxSteps = 400,
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
    await vi.advanceTimersByTimeAsync(stepMs);
    await realTurn();
  }
  return promise;
}

/**
 * Gives the real event loop turns, without moving fake time, until `condition` holds
 * (at most `maxTurns` turns): for work that must all happen at one fake instant.
 */
export async function untilReal(condition: () => boolean, maxTurns = 2000): Promise<void> {
  for (let turn = 0; turn < maxTurns && !condition(); turn++) await realTurn();
  if (!condition()) throw new Error(`the condition did not hold after ${maxTurns} real turns`);
}
