/** The classic node-style callback: an error, or `null` and the result. */
export type NodeCallback<T> = (error: Error | null, result?: T) => void;

/**
 * The argument lists a callback may follow: all of `A`, or `A` without some of its trailing
 * optional parameters (`getUsers(cb)` as well as `getUsers(params, cb)`).
 */
export type LeadingArguments<A extends unknown[]> = number extends A["length"]
  ? A
  : A extends []
    ? []
    : A extends [(infer H)?, ...infer T]
      ? [] extends A
        ? [] | [H | undefined, ...LeadingArguments<T>]
        : [H, ...LeadingArguments<T>]
      : never;

/** A method that returns a promise, or takes a callback as its last argument and returns `undefined`. */
export interface Callbackified<A extends unknown[], R> {
  (...args: A): Promise<R>;
  (...args: [...LeadingArguments<A>, NodeCallback<R>]): undefined;
}

function run<R>(fn: (...args: unknown[]) => Promise<R>, args: unknown[]): Promise<R> | undefined {
  const last = args[args.length - 1];
  if (typeof last !== "function") return fn(...args);
  const callback = last as NodeCallback<R>;
  // The callback runs outside the promise chain, so an exception it throws is reported as
  // uncaught (as with the classic client) instead of becoming a silent rejection.
  fn(...args.slice(0, -1)).then(
    (result) => queueMicrotask(() => callback(null, result)),
    (error: unknown) =>
      queueMicrotask(() => callback(error instanceof Error ? error : new Error(String(error)))),
  );
  return undefined;
}

/**
 * Makes an async method also accept a node-style callback as its last argument, as
 * every method of the classic client does; the callback may take the place of trailing
 * optional parameters.
 *
 * @example
 * ```ts
 * const get = callbackify((params: { id: string }) => getUser(client, params));
 * const user = await get({ id });
 * get({ id }, (err, user) => { … });
 * ```
 */
export function callbackify<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): Callbackified<A, R> {
  return ((...args: unknown[]) =>
    run(fn as (...args: unknown[]) => Promise<R>, args)) as Callbackified<A, R>;
}
