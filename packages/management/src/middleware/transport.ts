import { NetworkError } from "../errors.js";
import { callName, type Middleware, type RequestContext } from "../pipeline.js";
import { parseBody } from "../response.js";
import { attemptSignal } from "../signals.js";
import type { FetchLike } from "../web-types.js";

/** What the runtime said went wrong: the messages (or codes) down the cause chain. */
function reasonOf(error: unknown): string {
  type Cause = { message?: string; code?: string; cause?: Cause } | undefined;
  let text = String((error as Cause)?.message ?? error);
  for (let e = (error as Cause)?.cause, depth = 0; e && depth < 3; e = e.cause, depth++) {
    text += `: ${e.message || e.code}`;
  }
  return text;
}

/**
 * What a failed attempt throws: the caller's abort or the call's deadline as it is, else a
 * `NetworkError` that says whether the attempt ran out of time (`timedOut`) or what failed.
 */
export function attemptError(ctx: RequestContext, timedOut: boolean, error: unknown): unknown {
  if (ctx.signal.aborted) return ctx.signal.reason;
  return new NetworkError(
    `${callName(ctx)}: ${
      timedOut
        ? `attempt ${ctx.attempt} got no answer within ${ctx.attemptTimeoutMs} ms`
        : reasonOf(error)
    }`,
    { cause: error },
  );
}

/**
 * Sends one attempt with `fetch`, reads the whole body within the attempt's time
 * budget and parses it once: the value travels in `ctx.result`. Redirects are not
 * followed: the Management API does not redirect, and following one could carry the
 * bearer token to another host.
 */
export function createTransportStep(fetchImpl: FetchLike): Middleware {
  return async (ctx) => {
    const { signal, dispose } = attemptSignal(ctx, ctx.attemptTimeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(ctx.url, {
        method: ctx.method,
        headers: ctx.headers,
        body: ctx.body,
        signal,
        redirect: "manual",
      });
      // A 204 (or any null-body status) reads as "": a Response with such a status has no body.
      text = await response.text();
    } catch (error) {
      throw attemptError(ctx, signal.aborted, error);
    } finally {
      dispose();
    }
    ctx.result = { response, value: parseBody(ctx, response, text) };
    return response;
  };
}
