/** Resolves after `ms` milliseconds, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return raceAbort(
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
    signal,
    () => clearTimeout(timer),
  );
}

/**
 * What the signal of a call made as a `CallContext` comes from: the caller's signal, or one
 * set by a step (`s`); else none until something reads `ctx.signal`, which then makes the
 * call's own (`o`, and `s`). While the timeout step runs, `d` gives the reason its deadline
 * aborts with, and `t` is the timer that aborts an own signal made meanwhile. A call that
 * never waits (for a token or between attempts) and whose attempts end before its deadline
 * makes no signal but its attempt's: one controller and one timer.
 * @internal
 */
export interface CallSignal {
  s?: AbortSignal | undefined;
  o?: AbortSignal | undefined;
  d?: (() => unknown) | undefined;
  t?: ReturnType<typeof setTimeout> | undefined;
  deadline: number;
}

/**
 * The call's own signal, made when first read: it aborts at the deadline the timeout step
 * set (on the next turn of the timers when that has passed).
 * @internal
 */
export function ownSignal(call: CallSignal): AbortSignal {
  const controller = new AbortController();
  call.o = controller.signal;
  const { d } = call;
  if (d) call.t = setTimeout(() => controller.abort(d()), call.deadline - Date.now());
  return controller.signal;
}

/**
 * The signal of one attempt of `ms` milliseconds. It follows the call's signal, except the
 * call's own (made or not) when the attempt's timer ends before the deadline: nothing but the
 * deadline aborts that one, so there is nothing to follow, and no signal is made for it.
 */
export function attemptSignal(
  ctx: { signal: AbortSignal; deadline: number },
  ms: number,
): { signal: AbortSignal; dispose: () => void } {
  return deadlineSignal(
    (ctx as CallSignal).s !== (ctx as CallSignal).o || ctx.deadline <= Date.now() + ms
      ? ctx.signal
      : undefined,
    ms,
  );
}

/**
 * A signal that aborts after `ms` milliseconds or when `parent` aborts, whichever
 * comes first, and a `dispose` that clears the timer. Built on `setTimeout` rather
 * than `AbortSignal.timeout` so that runtimes without it and fake timers in tests
 * behave the same.
 */
export function deadlineSignal(
  parent: AbortSignal | undefined,
  ms: number,
  reason?: () => unknown,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  const timer = setTimeout(() => controller.abort(reason?.()), ms);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}

/**
 * Settles like `promise`, or rejects with `reason()` when it takes more than `ms`, or with
 * the signal's reason as soon as it aborts: the idle limit of a stream's next chunk.
 */
export function within<T>(
  promise: Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
  reason: () => unknown,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(reason()), ms);
  });
  return raceAbort(Promise.race([promise, late]), signal).finally(() => clearTimeout(timer));
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts
 * first, after calling `onAbort`.
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(signal?.reason);
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal?.removeEventListener("abort", abort));
  });
}
