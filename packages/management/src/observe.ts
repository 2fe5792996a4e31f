import type { RequestContext } from "./pipeline.js";

/**
 * The key under which a call's options may carry an observer of its final answer. A symbol
 * (registered, so copies of the package agree): option checks see only string keys, and the
 * generated functions pass their options on with a spread, which keeps it.
 */
export const OBSERVE: unique symbol = Symbol.for("@auth0-edge/management.observe") as never;

/** Called once with the context and the answer the result was read from. */
export type Observer = (ctx: RequestContext, response: Response) => void;
