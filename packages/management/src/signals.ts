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
 * Calls' own signals (the caller gave none): the controller of each until its first
 * deadline takes it over, then the time that deadline aborts it.
 */
const owners = new WeakMap<AbortSignal, AbortController | number>();

/**
 * A call's own signal, when the caller gave none. Its first {@link deadlineSignal} (the
 * timeout step's) arms its own controller, and a later one that ends sooner (an attempt's)
 * need not listen to it: no second controller, and no listener.
 * @internal
 */
export function ownSignal(): AbortSignal {
  const controller = new AbortController();
  owners.set(controller.signal, controller);
  return controller.signal;
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
  reason: () => unknown,
): { signal: AbortSignal; dispose: () => void } {
  const own = owners.get(parent!);
  const ends = Date.now() + ms;
  let controller = own as AbortController;
  if (own instanceof AbortController) owners.set(parent!, ends);
  else controller = new AbortController();
  // Taken over, an own signal keeps the time it aborts: a timer that ends sooner need not
  // follow it. The signal this call takes over is not followed either: `own` is then its
  // controller, which compares as NaN, so `<=` is false.
  const linked = own === undefined || (own as number) <= ends ? parent : undefined;
  const onParentAbort = () => controller.abort(linked?.reason);
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
