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

/** The controllers of calls' own signals (the caller gave none), for the timeout step to arm. */
const owners = new WeakMap<AbortSignal, AbortController>();

/** A call's own signal, when the caller gave none; the timeout step's `deadlineSignal` arms it with the deadline. */
export function ownSignal(): AbortSignal {
  const controller = new AbortController();
  owners.set(controller.signal, controller);
  return controller.signal;
}

/**
 * A signal that aborts after `ms` milliseconds or when `parent` aborts, whichever
 * comes first, and a `dispose` that clears the timer. Built on `setTimeout` rather
 * than `AbortSignal.timeout` so that runtimes without it and fake timers in tests
 * behave the same. The first `deadlineSignal` of a signal of {@link ownSignal} arms that
 * signal's own controller: no second controller, no listener.
 */
export function deadlineSignal(
  parent: AbortSignal | undefined,
  ms: number,
  reason: () => unknown,
): { signal: AbortSignal; dispose: () => void } {
  // A call's own signal is taken over once, by the timeout step (which runs first): its
  // controller takes the deadline, and there is no parent to listen to.
  const controller = owners.get(parent!) ?? new AbortController();
  const linked = owners.delete(parent!) ? undefined : parent;
  const onParentAbort = () => controller.abort(parent?.reason);
  if (linked?.aborted) onParentAbort();
  else linked?.addEventListener("abort", onParentAbort, { once: true });
  const timer = setTimeout(() => controller.abort(reason()), ms);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      linked?.removeEventListener("abort", onParentAbort);
    },
  };
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
