import { TimeoutError } from "../errors.js";
import { callName, type Middleware } from "../pipeline.js";
import { type CallSignal, deadlineSignal } from "../signals.js";

/**
 * Gives the whole call — every attempt and every wait between them — its time
 * budget: the steps after this one see a signal that aborts at the deadline and
 * know the deadline, so the retry step never starts a wait it cannot finish.
 */
export const timeoutStep: Middleware = async (ctx, next) => {
  const name = callName(ctx);
  // Named now: a step after this one may change the URL.
  const reason = () =>
    new TimeoutError(`${name}: no answer within ${ctx.timeoutMs} ms`, ctx.timeoutMs);
  ctx.deadline = Math.min(ctx.deadline, Date.now() + ctx.timeoutMs);
  let dispose: (() => void) | undefined;
  // A signal the call has already (the caller's, say) is followed by one that also aborts
  // at the deadline; else the call's own signal, if anything makes it, aborts then.
  if ((ctx as CallSignal).s) {
    ({ signal: ctx.signal, dispose } = deadlineSignal(ctx.signal, ctx.timeoutMs, reason));
  } else (ctx as CallSignal).d = reason;
  try {
    return await next();
  } finally {
    dispose?.();
    clearTimeout((ctx as CallSignal).t);
    (ctx as CallSignal).d = undefined;
  }
};
