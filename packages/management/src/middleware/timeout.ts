import { TimeoutError } from "../errors.js";
import { callName, type Middleware } from "../pipeline.js";
import { deadlineSignal } from "../signals.js";

/**
 * Gives the whole call — every attempt and every wait between them — its time
 * budget: the steps after this one see a signal that aborts at the deadline and
 * know the deadline, so the retry step never starts a wait it cannot finish.
 */
export const timeoutStep: Middleware = async (ctx, next) => {
  const started = Date.now();
  const name = callName(ctx);
  const { signal, dispose } = deadlineSignal(
    ctx.signal,
    ctx.timeoutMs,
    // Named now: a step after this one may change the URL.
    () => new TimeoutError(`${name}: no answer within ${ctx.timeoutMs} ms`, ctx.timeoutMs),
  );
  ctx.signal = signal;
  ctx.deadline = Math.min(ctx.deadline, started + ctx.timeoutMs);
  try {
    return await next();
  } finally {
    dispose();
  }
};
